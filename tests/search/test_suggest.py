""""Meinten Sie …?": a corrected search for one that finds nothing, in the
finder, on Plone's search page and in REST ``@search``; never a word that
only content hidden from the visitor holds."""

from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from Products.CMFCore.indexing import processQueue
from tests.fixtures.builders import add
from urllib.parse import parse_qs
from urllib.parse import urlparse
from zope.annotation.interfaces import IAnnotations
from zumo.content.search import suggest


def view_of(portal, name, context, **form):
    """The view ``name`` of ``context`` with ``form`` as its request."""
    request = portal.REQUEST
    IAnnotations(request).clear()  # roles are cached per request
    request.form.clear()
    request.form.update(form)
    request["URL"] = f"{context.absolute_url()}/{name}"
    view = api.content.get_view(name, context, request)
    view.catalog = api.portal.get_tool("portal_catalog")
    return view


def finder(portal, **form):
    """The finder of ``/praxisbeispiele`` with ``form``."""
    return view_of(
        portal, "practice-example-finder", portal["praxisbeispiele"], **form
    )


def finder_suggestion(portal, **form):
    """The finder's suggestion for its search of ``form``."""
    view = finder(portal, **form)
    return view.suggestion(view.results().sequence_length)


def page_suggestion(portal, **form):
    """The suggestion on Plone's search page (``@@search``) for ``form``."""
    view = view_of(portal, "search", portal, **form)
    return view.suggestion(len(view.results(batch=False)))


def test_a_misspelled_word_gets_the_word_the_examples_hold(examples):
    """"Dorflden" finds nothing; the finder offers "Dorfladen" as the
    examples write it, linking to the same search with the word."""
    logout()
    view = finder(examples, SearchableText="Dorflden", zumo_topics="daseinsvorsorge")
    assert view.results().sequence_length == 0
    found = view.suggestion(0)
    assert found["text"] == "Dorfladen"
    query = parse_qs(urlparse(found["url"]).query)
    assert query == {"SearchableText": ["Dorfladen"], "zumo_topics": ["daseinsvorsorge"]}
    page = html.fromstring(view())
    (paragraph,) = page.cssselect(".zumo-suggestion")
    assert " ".join(paragraph.text_content().split()) == "Meinten Sie: Dorfladen?"
    assert paragraph.cssselect("a")[0].get("href") == found["url"]


def test_several_words_are_corrected_together(examples):
    """Each word that finds nothing is replaced, the others kept."""
    logout()
    found = finder_suggestion(examples, SearchableText="Genosenschaft Nahversorgung")
    assert found["text"] == "Genossenschaft Nahversorgung"


def test_no_suggestion_where_the_search_finds_something(examples):
    """A search with results, and one without a near word, get none."""
    logout()
    assert finder_suggestion(examples, SearchableText="Dorfladen") is None
    assert finder_suggestion(examples, SearchableText="Xylophon") is None
    assert finder_suggestion(examples) is None


def test_the_suggestion_keeps_the_filters(examples):
    """A word that finds nothing with the set facets is not suggested."""
    logout()
    assert (
        finder_suggestion(examples, SearchableText="Dorflden", zumo_topics="klimawandel")
        is None
    )


def test_the_search_page_suggests_too(examples):
    """Plone's search page offers the corrected search with its filters."""
    logout()
    found = page_suggestion(examples, SearchableText="Klimaschutzpatn", sort_on="Date")
    assert found["text"] == "Klimaschutzpaten"
    query = parse_qs(urlparse(found["url"]).query)
    assert query["SearchableText"] == ["Klimaschutzpaten"]
    assert query["sort_on"] == ["Date"]
    view = view_of(examples, "search", examples, SearchableText="Klimaschutzpatn")
    (paragraph,) = html.fromstring(view()).cssselect(".zumo-suggestion")
    assert " ".join(paragraph.text_content().split()) == "Meinten Sie: Klimaschutzpaten?"


def test_hidden_words_are_never_suggested(examples):
    """Only the private example holds "Wasserstoffspeicher": anonymous
    visitors are not offered it, in the finder nor on the search page; a
    site manager, who sees the example, is."""
    logout()
    typed = {"SearchableText": "Wasserstofspeicher"}
    assert finder_suggestion(examples, **typed) is None
    assert page_suggestion(examples, **typed) is None
    assert "Wasserstoffspeicher" not in finder(examples, **typed)()
    assert "Wasserstoffspeicher" not in view_of(examples, "search", examples, **typed)()
    login(examples, TEST_USER_NAME)
    assert finder_suggestion(examples, **typed)["text"] == "Wasserstoffspeicher"
    assert page_suggestion(examples, **typed)["text"] == "Wasserstoffspeicher"


def test_rest_search_names_the_suggestion_when_nothing_is_found(
    served_examples, anon_request, manager_request
):
    """``@search`` adds ``"suggestion"`` to plone.restapi's keys when it
    finds nothing, never a word only hidden content holds."""
    answer = anon_request.get("/@search", params={"SearchableText": "Dorflden"}).json()
    assert answer["items_total"] == 0
    assert answer["suggestion"] == "Dorfladen"
    assert {"@id", "items", "items_total"} <= set(answer)
    answer = anon_request.get("/@search", params={"SearchableText": "Dorfladen"}).json()
    assert answer["items_total"] == 1
    assert "suggestion" not in answer
    hidden = {"SearchableText": "Wasserstofspeicher"}
    assert "suggestion" not in anon_request.get("/@search", params=hidden).json()
    answer = manager_request.get("/@search", params=hidden).json()
    assert answer["suggestion"] == "Wasserstoffspeicher"


def test_the_words_are_read_once_while_the_lexicon_keeps_its_size(examples):
    """The word list is cached per lexicon and read again when it grew."""
    lexicon = suggest.lexicon_of(api.portal.get_tool("portal_catalog"))
    first = suggest.vocabulary(lexicon)
    assert suggest.vocabulary(lexicon) is first
    add(examples, "praxisbeispiele", "PracticeExample", "neu",
        title="Streuobstwiese", to_state="published")  # fmt: skip
    processQueue()
    again = suggest.vocabulary(lexicon)
    assert again is not first
    assert any(word.startswith("streuobst") for word in again)
