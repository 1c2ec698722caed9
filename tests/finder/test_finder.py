"""The practice-example finder: facets with counts, combinable, in the URL."""

from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from Products.CMFCore.indexing import processQueue
from tests.finder.conftest import finder
from tests.fixtures.builders import add
from zope.interface import alsoProvides
from zumo.content import facets


def ids(view):
    return sorted(brain.getId for brain in view.results())


def options(view, index):
    for facet in view.facets():
        if facet["index"] == index:
            return {o["value"]: o["count"] for o in facet["options"]}
    return {}


def test_is_the_default_view_of_the_section(network):
    """``/praxisbeispiele`` opens the finder."""
    assert network["praxisbeispiele"].getLayout() == "practice-example-finder"


def test_facet_counts_equal_catalog_counts(network):
    """Every count is what the catalog finds for that value, as the visitor."""
    catalog = api.portal.get_tool("portal_catalog")
    logout()
    view = finder(network)
    assert ids(view) == ["buergerbus", "dorfladen", "klimaplan", "treffpunkt"]
    for facet in view.facets():
        for option in facet["options"]:
            found = catalog(
                portal_type="PracticeExample", **{facet["index"]: option["value"]}
            )
            assert option["count"] == len(found), (facet["index"], option["value"])
    assert options(view, "zumo_topics") == {
        "daseinsvorsorge": 2,
        "quartiersentwicklung": 1,
        "klimawandel": 1,
    }
    assert options(view, "zumo_size_class")["2000_5000"] == 2
    assert options(view, "zumo_koquma_modules") == {"m3_beteiligungsstrukturen": 1}
    assert options(view, "zumo_start_year") == {"2024": 2, "2023": 1, "2022": 1}
    assert options(view, "zumo_region") == {"tuebingen": 2, "freiburg": 2}
    assert options(view, "zumo_district") == {
        "Landkreis Reutlingen": 2,
        "Landkreis Tuttlingen": 2,
    }


def test_drafts_are_neither_listed_nor_counted(network):
    """The draft counts for its author's reviewers, not for the public."""
    logout()
    view = finder(network, zumo_topics="daseinsvorsorge")
    assert "geheim" not in ids(view)
    assert options(view, "zumo_topics")["daseinsvorsorge"] == 2
    assert "Geheimer Entwurf" not in view()
    login(network, TEST_USER_NAME)
    assert options(finder(network), "zumo_topics")["daseinsvorsorge"] == 3


def test_values_of_one_facet_widen_facets_narrow(network):
    """Two topics: either; a topic and a trend: both."""
    logout()
    either = finder(network, zumo_topics=["daseinsvorsorge", "klimawandel"])
    assert ids(either) == ["buergerbus", "dorfladen", "klimaplan"]
    both = finder(network, zumo_topics="daseinsvorsorge", zumo_trends="demografie")
    assert ids(both) == ["dorfladen"]
    regions = finder(network, zumo_region=["tuebingen", "freiburg"],
                     zumo_project_status="laufend", SearchableText="Treffpunkt")  # fmt: skip
    assert ids(regions) == ["treffpunkt"]
    assert "Treffpunkt" in regions()
    # The topic facet still counts the other topics (with the trend set) ...
    assert options(both, "zumo_topics") == {
        "daseinsvorsorge": 1,
        "quartiersentwicklung": 1,
    }
    # ... and the trend facet counts the trends among the topic's examples.
    assert options(both, "zumo_trends") == {"demografie": 1, "digitalisierung": 1}


def test_text_sort_and_unknown_input(network):
    """Full text narrows; unknown values and a bad page are ignored."""
    logout()
    view = finder(network, SearchableText="Klimaplan", zumo_topics=["erfunden"],
                  b_start="x", sort="nonsense")  # fmt: skip
    assert ids(view) == ["klimaplan"]
    assert view.selected() == {}
    assert view.sort() == "relevance"
    titles = [b.Title for b in finder(network, sort="title").results()]
    assert titles == sorted(titles)
    # Text without a letter or digit is no search term: all, newest first.
    view = finder(network, SearchableText="???")
    assert view.text() == ""
    assert view.sort() == "newest"
    assert len(ids(view)) == 4


def test_state_is_kept_in_the_url(network):
    """Links keep the search: removing one filter keeps the others."""
    logout()
    view = finder(network, SearchableText="Bus", zumo_topics="daseinsvorsorge",
                  zumo_trends="digitalisierung")  # fmt: skip
    url = view.url(zumo_trends=None)
    assert url.startswith(network["praxisbeispiele"].absolute_url() + "?")
    assert "SearchableText=Bus" in url and "zumo_topics=daseinsvorsorge" in url
    assert "zumo_trends" not in url
    removals = [f["url"] for f in view.active_filters()]
    assert len(removals) == 3


def test_pages(network):
    """Results come in pages of 20 with a page navigation."""
    for number in range(21):
        add(network, "praxisbeispiele", "PracticeExample", f"extra-{number}",
            title=f"Extra {number}", to_state="published")  # fmt: skip
    logout()
    first = finder(network)
    assert len(list(first.results())) == 20
    assert first.results().sequence_length == 25
    assert "25 Praxisbeispiele gefunden" in first()
    second = finder(network, b_start="20")
    assert len(list(second.results())) == 5


def test_badges_lead_into_the_finder(network):
    """A topic badge on an example opens the finder with that topic set."""
    from zumo.content.interfaces import IZumoContentLayer

    alsoProvides(network.REQUEST, IZumoContentLayer)
    example = network["praxisbeispiele"]["dorfladen"]
    page = api.content.get_view("practice-example-view", example, network.REQUEST)()
    assert facets.finder_url(network, zumo_topics="daseinsvorsorge") in page


def test_every_facet_is_a_catalog_index_with_its_vocabulary(portal):
    """facets.json names indexes the catalog has and vocabularies that exist."""
    from zumo.content import vocabularies

    catalog = api.portal.get_tool("portal_catalog")
    for facet in facets.facets():
        assert facet.index in catalog.indexes(), facet.index
        assert facet.vocabulary is None or facet.vocabulary in vocabularies.names()


def test_chips_remove_one_filter_or_all(network):
    """Each set filter is a chip named "Filter … entfernen" whose link drops
    that filter only; "Alle Filter entfernen" drops them all; the "Filter"
    button counts them."""
    processQueue()  # the Landkreise are offered from the index's values
    logout()
    view = finder(network, SearchableText="Bus", zumo_topics="daseinsvorsorge",
                  zumo_district="Landkreis Reutlingen", sort="title")  # fmt: skip
    chips = {chip["label"]: chip["url"] for chip in view.active_filters()}
    base = network["praxisbeispiele"].absolute_url()
    assert chips == {
        "Filter Suchbegriff: Bus entfernen": f"{base}?zumo_topics=daseinsvorsorge"
        "&zumo_district=Landkreis+Reutlingen&sort=title",
        "Filter ZUMO-Themenfelder: Daseinsvorsorge entfernen": f"{base}?"
        "SearchableText=Bus&zumo_district=Landkreis+Reutlingen&sort=title",
        "Filter Landkreise: Landkreis Reutlingen entfernen": f"{base}?"
        "SearchableText=Bus&zumo_topics=daseinsvorsorge&sort=title",
    }
    assert view.clear_url() == f"{base}?sort=title"
    page = html.fromstring(view())
    toggle = page.get_element_by_id("finder-facets-toggle")
    assert toggle.text_content().split() == ["Filter", "(3)"]
    assert toggle.get("aria-controls") == "finder-facets"
    assert page.get_element_by_id("finder-facets").find(".//form") is not None
    links = {a.get("aria-label") or a.text_content().strip(): a.get("href")
             for a in page.cssselect(".zumo-active-filters a")}  # fmt: skip
    assert links == {**chips, "Alle Filter entfernen": f"{base}?sort=title"}

    nothing = html.fromstring(finder(network)())
    assert nothing.get_element_by_id("finder-facets-toggle").text_content().split() == [
        "Filter"
    ]
    assert not nothing.cssselect(".zumo-active-filters")


def test_downloads_carry_the_search(network):
    """ "Ergebnisse herunterladen" links the exports and the feed with the
    finder's search (every page, not only this one), and the open-data page."""
    logout()
    view = finder(network, SearchableText="Bus", zumo_topics=["daseinsvorsorge",
                  "klimawandel"], b_start="20", sort="title")  # fmt: skip
    base = network["praxisbeispiele"].absolute_url()
    query = (
        "SearchableText=Bus&zumo_topics=daseinsvorsorge&zumo_topics=klimawandel"
        "&sort=title"
    )
    page = html.fromstring(view())
    (section,) = page.cssselect(".zumo-downloads")
    assert section.find(".//h2").text_content() == "Ergebnisse herunterladen"
    links = {a.text_content().strip(): a.get("href") for a in section.iter("a")}
    assert links == {
        "CSV (Tabelle)": f"{base}/export.csv?{query}",
        "JSON (Daten für Programme)": f"{base}/export.json?{query}",
        "GeoJSON (Geodaten für Karten)": f"{base}/export.geojson?{query}",
        "RSS (Neuigkeiten-Feed)": f"{base}/rss.xml?{query}",
        "Offene Daten: Formate, Felder und Lizenz": f"{base}/@@open-data",
    }
    unfiltered = {d["url"] for d in finder(network).downloads()}
    assert unfiltered == {
        f"{base}/{name}"
        for name in ("export.csv", "export.json", "export.geojson", "rss.xml")
    }
