"""The municipality directory ``/kommunen``: name, facets, marks, pages."""

from plone import api
from plone.app.testing import logout
from zope.annotation.interfaces import IAnnotations
from zumo.policy.browser import directory as directory_module

import pytest
import re


def directory_view(portal, name="municipality-directory", **form):
    """The directory (or its map) with ``form`` as request."""
    request = portal.REQUEST
    IAnnotations(request).clear()  # roles are cached per request
    request.form.clear()
    request.form.update(form)
    view = api.content.get_view(name, portal["kommunen"], request)
    view.catalog = api.portal.get_tool("portal_catalog")
    return view


def ids(view):
    return [brain.getId for brain in view.results()]


def options(view, index):
    for facet in view.facets():
        if facet["index"] == index:
            return {o["value"]: o["count"] for o in facet["options"]}
    return {}


def test_is_the_default_view_of_the_section(directory):
    """``/kommunen`` opens the directory, sorted by name."""
    assert directory["kommunen"].getLayout() == "municipality-directory"
    logout()
    assert ids(directory_view(directory)) == [
        "baden-baden", "ehingen", "hayingen", "trossingen", "tuningen", "tuttlingen",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, found",
    [
        ("Tuttlingen", ["tuttlingen"]),
        ("Tutt", ["tuttlingen"]),
        ("tutt", ["tuttlingen"]),
        ("Tu", ["tuningen", "tuttlingen"]),
        ("Baden", ["baden-baden"]),
        ("Ehingen (Donau)", ["ehingen"]),
        ("Donau", ["ehingen"]),
        ("Eh Do", ["ehingen"]),
        ("Ehingen Do", ["ehingen"]),
        ("Hay ing", []),
        ("Trossingen Tuttlingen", []),
    ],
)
def test_search_by_name_and_its_beginning(directory, text, found):
    """Every word of the name, or its beginning, finds the municipality."""
    logout()
    view = directory_view(directory, SearchableText=text)
    assert ids(view) == found
    assert view.text() == text


def test_name_search_is_on_the_name_only(directory):
    """The team document's words find nothing; a text of the profile neither."""
    logout()
    assert ids(directory_view(directory, SearchableText="Teamprotokoll")) == []


@pytest.mark.parametrize(
    "index, value, found",
    [
        ("zumo_region", "freiburg", ["trossingen", "tuningen", "tuttlingen"]),
        ("zumo_district", "Landkreis Tuttlingen", ["trossingen", "tuttlingen"]),
        ("zumo_kind", "stadtkreis", ["baden-baden"]),
        ("zumo_size_class", "ab_20000", ["baden-baden", "ehingen", "tuttlingen"]),
        ("zumo_programmes", "zumo", ["tuningen", "tuttlingen"]),
        ("zumo_network_status", "mentee", ["hayingen"]),
    ],
)
def test_each_facet_narrows_and_counts(directory, index, value, found):
    """A facet value finds what its count said; the count is the catalog's."""
    logout()
    everything = directory_view(directory)
    assert options(everything, index)[value] == len(found)
    assert ids(directory_view(directory, **{index: value})) == found


def test_facets_combine_and_count_within_the_search(directory):
    """Landkreis and name together; the other facets count what is left."""
    logout()
    view = directory_view(directory, zumo_district="Landkreis Tuttlingen",
                          SearchableText="Tutt")  # fmt: skip
    assert ids(view) == ["tuttlingen"]
    assert options(view, "zumo_kind") == {"stadt": 1}
    # The set facet still offers its other values, counted with the name.
    assert options(view, "zumo_district") == {"Landkreis Tuttlingen": 1}
    assert view.result_count() == "1 Kommune gefunden"
    assert "Tuttlingen" in view()


def test_facets_are_those_of_the_directory(directory):
    """Regierungsbezirk, Landkreis, Art, Größenklasse, Programm, Rolle; no
    topic of practice examples."""
    logout()
    titles = [facet["title"] for facet in directory_view(directory).facets()]
    assert titles == ["Regierungsbezirk", "Landkreis", "Art", "Größenklasse",
                      "Programm", "Rolle im Netzwerk"]  # fmt: skip
    assert directory_view(directory, zumo_topics="daseinsvorsorge").selected() == {}


def test_members_of_the_network_are_marked(directory):
    """A programme or a role: "Im Netzwerk"; a demo claim carries the demo
    mark beside it; roles and programmes are named."""
    logout()
    page = directory_view(directory)()
    assert page.count("Im Netzwerk</span>") == 3
    assert page.count("Demo-Inhalt</span>") == 1
    assert "ZUMO-Pilotkommune" in page
    assert "Mentee-Kommune" in page
    tuningen = page.split(">Tuningen</a>")[1].split("</h3>")[0]
    assert "Im Netzwerk" in tuningen and "Demo-Inhalt" in tuningen
    trossingen = page.split(">Trossingen</a>")[1].split("</h3>")[0]
    assert "Im Netzwerk" not in trossingen
    text = " ".join(re.sub("<[^>]+>", " ", page).replace(" ,", ",").split())
    assert (
        "Stadtkreis (kreisfreie Stadt), Stadtkreis Baden-Baden, 55.000 Einwohner"
        in text
    )


def test_pages_are_bounded(directory):
    """25 a page; a huge page start or size gives an empty or bounded page."""
    for number in range(30):
        api.content.create(container=directory["kommunen"], type="Municipality",
                           id=f"ort-{number:02}", title=f"Ort {number:02}")  # fmt: skip
    view = directory_view(directory)
    assert len(list(view.results())) == directory_module.BATCH_SIZE == 25
    assert view.results().sequence_length == 37
    assert len(list(directory_view(directory, b_start="25").results())) == 12
    assert len(list(directory_view(directory, b_size=str(10**9)).results())) == 25
    assert list(directory_view(directory, b_start=str(10**12)).results()) == []
    beyond = directory_view(directory, b_start=str(10**12))()
    assert "Auf dieser Seite gibt es keine Kommunen mehr" in beyond


@pytest.mark.parametrize(
    "form, count",
    [
        ({"SearchableText": "*"}, 6),
        ({"SearchableText": "("}, 6),
        ({"SearchableText": "NOT"}, 0),
        ({"SearchableText": "and or not"}, 0),
        ({"SearchableText": '"'}, 6),
        ({"SearchableText": "Tutt*"}, 1),
        ({"SearchableText": "_"}, 6),
        ({"SearchableText": ["Tutt", "Hay"]}, 6),
        ({"zumo_district": "Landkreis Erfunden"}, 6),
        ({"zumo_kind": ["stadtkreis", {"x": 1}]}, 1),
        ({"zumo_kind": {"x": 1}}, 6),
        ({"kommune": "gibt-es-nicht"}, 6),
        ({"kommune": ["a", "b"]}, 6),
    ],
)
def test_odd_input_gives_a_page(directory, form, count):
    """Query syntax, unknown values and odd types: a page, no error; what
    cannot be read is left out."""
    logout()
    view = directory_view(directory, **form)
    page = view()
    assert "Kommune finden" in page
    assert view.results().sequence_length == count
    if not count:
        assert "Keine Kommune gefunden" in page


def test_one_municipality_by_its_id(directory):
    """``kommune=<id>`` narrows to it, as a filter that can be removed."""
    logout()
    view = directory_view(directory, kommune="tuttlingen")
    assert ids(view) == ["tuttlingen"]
    (focus,) = view.active_filters()
    assert focus["title"] == "Kommune: Tuttlingen"
    assert "kommune=" not in focus["url"]
    assert "kommune=tuttlingen" in view.map_url()


def test_lists_only_public_profiles_for_anonymous(directory):
    """The private profile and the team document stay hidden, also in counts."""
    logout()
    view = directory_view(directory, SearchableText="Tutt")
    assert ids(view) == ["tuttlingen"]
    assert (
        options(directory_view(directory), "zumo_district")["Landkreis Tuttlingen"] == 2
    )
    page = directory_view(directory)()
    assert "Tuttgeheim" not in page and "Teamprotokoll" not in page
    assert ids(directory_view(directory, kommune="geheimstadt")) == ids(
        directory_view(directory)
    )
