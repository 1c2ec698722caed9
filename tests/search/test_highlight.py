"""The words a search matched, marked in the results' texts of the finder
and of Plone's search page; everything else escaped."""

from lxml import html
from plone import api
from plone.app.testing import logout
from zope.annotation.interfaces import IAnnotations
from zumo.content.search.highlight import highlight


def page(portal, name, context, **form):
    """The page ``name`` of ``context`` rendered for ``form``, parsed."""
    request = portal.REQUEST
    IAnnotations(request).clear()
    request.form.clear()
    request.form.update(form)
    view = api.content.get_view(name, context, request)
    view.catalog = api.portal.get_tool("portal_catalog")
    return html.fromstring(view())


def test_matching_words_are_marked_and_the_rest_escaped():
    """Markup in a text stays text; the matched word is marked."""
    assert highlight("Der <script>alert(1)</script> Dorfladen & mehr", "dorfladen") == (
        "Der &lt;script&gt;alert(1)&lt;/script&gt; <mark>Dorfladen</mark> &amp; mehr"
    )


def test_without_a_search_nothing_is_marked():
    assert (
        highlight("<b>Dorfladen</b> & mehr", "")
        == "&lt;b&gt;Dorfladen&lt;/b&gt; &amp; mehr"
    )
    assert highlight(None, "Dorfladen") == ""


def test_inflections_umlauts_and_compounds_match():
    """A word matches when its index terms meet the search's: plural and
    umlaut, and the part of a compound."""
    assert highlight("Zwei Dorfläden im Ort", "Dorfladen") == (
        "Zwei <mark>Dorfläden</mark> im Ort"
    )
    assert "<mark>Jugendgemeinderat</mark>" in highlight(
        "Der Jugendgemeinderat tagt", "Jugend"
    )
    assert "<mark>Bürgerbeteiligung</mark>" in highlight(
        "Mehr Bürgerbeteiligung wagen", "Beteiligung"
    )


def test_the_word_being_typed_matches_as_a_prefix():
    """The last word matches longer words, as the search finds them."""
    assert highlight("Der Dorfladen und die Post", "Dorfla") == (
        "Der <mark>Dorfladen</mark> und die Post"
    )
    assert highlight("Der Dorfladen und die Post", "Post Dorf") == (
        "Der <mark>Dorfladen</mark> und die <mark>Post</mark>"
    )


def test_the_finder_marks_its_matches(examples):
    """The finder's descriptions mark the searched word and escape markup."""
    logout()
    found = page(examples, "practice-example-finder", examples["praxisbeispiele"],
                 SearchableText="Energiesparen")  # fmt: skip
    (text,) = [p for p in found.cssselect(".zumo-result p") if p.cssselect("mark")]
    assert [mark.text for mark in text.cssselect("mark")] == ["Energiesparen"]
    assert "<script>alert(1)</script>" in text.text_content()
    assert not found.cssselect(".zumo-result script")


def test_the_search_page_marks_its_matches(examples):
    """Plone's search page marks the word in the results' descriptions."""
    logout()
    found = page(examples, "search", examples, SearchableText="Genossenschaft")
    (text,) = found.cssselect("#search-results .croppedDescription")
    assert [mark.text for mark in text.cssselect("mark")] == ["Genossenschaft"]
    assert "& die Nahversorgung" in text.text_content()
