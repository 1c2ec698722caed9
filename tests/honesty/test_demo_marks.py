"""Every demo object shown or counted on an aggregate page carries its mark.

The demo objects come from the data (the catalog's ``zumo_demo`` metadata
of the served demo network), not from a hand list. On each aggregate page
(start page, statistics, programme pages, meeting listing, finder,
directory, "Mein Netzwerk", the "Ähnliche Kommunen haben das gemacht"
block) every link to a demo object sits in a list item, table row or card
that says "Demo-Inhalt"; where a page counts demo objects it says how many
of them are demo.
"""

from lxml import html as lxml_html
from tests.fixtures.browser import as_persona
from urllib.parse import urlsplit
from zumo.content import facets

import pytest
import requests


#: (who looks, path below the site): the aggregate pages.
PAGES = [
    (None, ""),
    (None, "statistik"),
    ("ministerium", "statistik"),
    (None, "programm/zumo"),
    (None, "programm/zwk"),
    (None, "programm/imv"),
    (None, "programm/koquma"),
    (None, "werkstatttreffen"),
    ("kommune-a", "werkstatttreffen"),
    (None, "praxisbeispiele"),
    (None, "kommunen"),
    ("kommune-a", "@@mein-netzwerk"),
    ("ministerium", "@@mein-netzwerk"),
    ("institut", "@@mein-netzwerk"),
]
#: The elements that hold one listed object and its mark.
HOLDERS = ("li", "tr", "article", "section")
MARK = "Demo-Inhalt"


@pytest.fixture
def demo_urls(demo_site):
    """The paths of all demo objects of the demo network (from the catalog)."""
    catalog = demo_site.portal_catalog
    paths = {
        urlsplit(brain.getURL()).path
        for brain in catalog.unrestrictedSearchResults(
            path="/".join(demo_site.getPhysicalPath())
        )
        if facets.metadata(brain, "zumo_demo")
    }
    assert len(paths) > 50
    return paths


def fetch(demo_site, persona, path):
    headers = as_persona(persona).get("extra_http_headers", {})
    response = requests.get(
        f"{demo_site.absolute_url()}/{path}", headers=headers, timeout=60
    )
    assert response.status_code == 200, (persona, path)
    return lxml_html.fromstring(response.text)


def holder(link):
    """The list item, row or card the link is listed in."""
    for ancestor in link.iterancestors():
        if ancestor.tag in HOLDERS:
            return ancestor
        if ancestor.tag == "div" and "card" in (ancestor.get("class") or "").split():
            return ancestor
    return None


def unmarked_demo_links(part, demo_urls):
    """The demo objects linked in ``part`` without their mark beside them."""
    found = []
    for link in part.iter("a"):
        path = urlsplit(link.get("href") or "").path.rstrip("/")
        if path not in demo_urls:
            continue
        place = holder(link)
        if place is None or MARK not in place.text_content():
            found.append(link.text_content().strip() or path)
    return found


@pytest.mark.parametrize(("persona", "path"), PAGES)
def test_demo_objects_listed_with_their_mark(demo_site, demo_urls, persona, path):
    """Wherever a demo object's link appears on the page, its mark is there."""
    main = fetch(demo_site, persona, path).xpath("//main")[0]
    assert unmarked_demo_links(main, demo_urls) == []


def test_the_pages_list_demo_objects(demo_site, demo_urls):
    """The check above is not empty: the start page, the meetings, the
    programme page of ZWK and the finder do list demo objects."""
    for persona, path in [(None, ""), (None, "werkstatttreffen"),
                          (None, "programm/zwk"), (None, "praxisbeispiele"),
                          ("kommune-a", "@@mein-netzwerk")]:  # fmt: skip
        tree = fetch(demo_site, persona, path)
        linked = {
            urlsplit(a.get("href") or "").path.rstrip("/") for a in tree.iter("a")
        }
        assert linked & demo_urls, path


def test_zumo_programme_page_lists_its_pilots_examples(demo_site, demo_urls):
    """ZUMO's page shows the published practice examples of its two demo
    pilots (the only ZUMO examples), marked."""
    tree = fetch(demo_site, None, "programm/zumo")
    examples = {
        path
        for path in (urlsplit(a.get("href") or "").path.rstrip("/")
                     for a in tree.iter("a"))
        if "/praxisbeispiele/" in path
    }  # fmt: skip
    assert len(examples & demo_urls) == 2


def test_similar_block_marks_demo_suggestions(demo_site, demo_urls):
    """The "Ähnliche Kommunen haben das gemacht" block of a demo practice
    example marks each demo suggestion."""
    catalog = demo_site.portal_catalog
    example = next(
        brain
        for brain in catalog.unrestrictedSearchResults(
            portal_type="PracticeExample", review_state="published"
        )
        if facets.metadata(brain, "zumo_demo")
    )
    tree = fetch(demo_site, None, urlsplit(example.getURL()).path.split("/", 2)[2])
    block = tree.xpath("//section[contains(@class, 'zumo-similar')]")
    assert block
    assert unmarked_demo_links(block[0], demo_urls) == []


def text(tree):
    return " ".join(tree.text_content().split())


def test_counts_say_how_many_are_demo(demo_site):
    """Where a page counts demo objects, it says how many of them are demo:
    the statistics (note and column), the start page's sections, the ZWK
    programme's examples, the ministry's key figures."""
    statistics = text(fetch(demo_site, None, "statistik"))
    assert "Gezählt werden auch" in statistics
    assert "davon Demo-Inhalt" in statistics
    start = fetch(demo_site, None, "")
    for card in start.xpath("//ul[contains(@class, 'zumo-start-sections')]/li"):
        if "Einträge" in card.text_content() or "Eintrag" in card.text_content():
            section = card.xpath(".//a")[0].get("href")
            folder = demo_site.restrictedTraverse(urlsplit(section).path.split("/")[-1])
            if any(getattr(obj, "demo", False) for obj in folder.objectValues()):
                assert "Demo-Inhalt" in card.text_content(), section
    zwk = text(fetch(demo_site, None, "programm/zwk"))
    assert "Praxisbeispiele des Programms finden davon" in zwk
    oversight = text(fetch(demo_site, "ministerium", "@@mein-netzwerk"))
    assert "veröffentlichte Praxisbeispiele davon" in oversight
