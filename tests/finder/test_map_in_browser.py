"""The map in Debian's Chromium, at a desktop and a phone width, its tiles
unreachable as on a closed network: the outlines of the Land and its Kreise
show where the markers are, an example's marker is above the municipality's
square at the same place and opens the example, and axe finds no serious
barrier."""

from axe_playwright_python.sync_playwright import Axe
from collections import Counter
from playwright.sync_api import expect
from plone import api
from urllib.parse import urlencode
from zumo.content import facets

import pytest


pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Where a marker or a cluster of a layer is drawn.
EXAMPLES = ".zumo-marker-examples, .zumo-cluster-examples"
MUNICIPALITIES = ".zumo-marker-municipalities, .zumo-cluster-municipalities"


def luminance(colour):
    """The relative luminance of ``#rrggbb`` (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour, background):
    """The contrast ratio of two colours (WCAG 2.1)."""
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lone_example():
    """A published example that is the only one on the map in its Kreis:
    its Kreis, title and municipality."""
    catalog = api.portal.get_tool("portal_catalog")
    located = [
        brain
        for brain in catalog.unrestrictedSearchResults(
            portal_type="PracticeExample", review_state="published"
        )
        if facets.metadata(brain, "zumo_latitude") is not None
    ]
    alone = Counter(brain.zumo_district for brain in located)
    brain = min(
        (brain for brain in located if alone[brain.zumo_district] == 1),
        key=lambda brain: brain.zumo_district,
    )
    return brain.zumo_district, brain.Title, brain.zumo_municipality_title


def open_map(journey, query=""):
    """The map page for an anonymous visitor, its markers loaded."""
    page = journey.page()
    page.goto(f"{api.portal.get().absolute_url()}/praxisbeispiele/karte{query}")
    expect(page.locator("[data-zumo-map]")).to_have_attribute("data-loaded", "true")
    return page


def centre(locator):
    """The centre of what ``locator`` shows, in the viewport."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def icon_at(page, point):
    """The class of the marker or cluster icon on top at ``point`` ("" if
    something else is on top, such as a control)."""
    return page.evaluate(
        """([x, y]) => {
            const icon = document.elementFromPoint(x, y).closest(".leaflet-marker-icon");
            return icon ? icon.className : "";
        }""",
        list(point),
    )


def covers(locator, point):
    """Whether one of ``locator``'s elements covers ``point``."""
    x, y = point
    for index in range(locator.count()):
        box = locator.nth(index).bounding_box()
        if box and box["x"] <= x <= box["x"] + box["width"]:
            if box["y"] <= y <= box["y"] + box["height"]:
                return locator.nth(index)
    return None


def test_outlines_show_where_the_markers_are(journey):
    """Without tiles, the Land and its 44 Kreise are drawn under the
    markers; they take no clicks, the Land's border stands out against
    white, the Kreise are named; no example is covered by a municipality."""
    page = open_map(journey)
    assert page.locator(".leaflet-tile-loaded").count() == 0
    outlines = page.locator(".leaflet-outlines-pane svg path")
    expect(outlines).to_have_count(45)
    land = page.locator(".leaflet-outlines-pane path.zumo-outline-land")
    expect(land).to_have_count(1)
    assert contrast(land.get_attribute("stroke"), "#ffffff") >= 3
    assert land.evaluate("path => getComputedStyle(path).pointerEvents") == "none"
    names = page.locator(".leaflet-outlineNames-pane .zumo-map-kreis")
    expect(names).to_have_count(44)
    # The whole Land is in view: 44 names would cover the markers.
    expect(names.first.locator("span")).to_be_hidden()
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoBasis-DE / BKG" in attribution
    examples = page.locator(EXAMPLES)
    assert examples.count() > 0
    for index in range(examples.count()):
        hit = icon_at(page, centre(examples.nth(index)))
        assert "municipalities" not in hit, examples.nth(index).get_attribute("title")
    journey.shot(page, "overview")


def test_an_example_above_its_municipality_opens_by_click(journey):
    """Where an example's marker and its municipality's square stand at one
    place, a click opens the example; the square is reached by keyboard."""
    district, title, municipality = lone_example()
    page = open_map(journey, "?" + urlencode({"zumo_district": district}))
    marker = page.locator(".zumo-marker-examples")
    expect(marker).to_have_count(1)
    square = page.locator(f'.zumo-marker-municipalities[title="{municipality}"]')
    # Zoomed in (the example stays in the middle) until the municipality's
    # square stands apart from its neighbours' cluster.
    for _attempt in range(4):
        if square.count():
            break
        page.get_by_role("button", name="Vergrößern").click()
        page.wait_for_timeout(600)
    point = centre(marker)
    assert covers(square, point), "the municipality is not at the example's place"
    expect(page.locator(".zumo-map-kreis span", has_text=district)).to_be_visible()
    assert "zumo-marker-examples" in icon_at(page, point)
    page.mouse.click(*point)
    expect(page.locator(".leaflet-popup-content a")).to_have_text(title)
    journey.shot(page, "example")
    page.locator(".leaflet-popup-close-button").click()
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    square.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content a")).to_have_text(municipality)


def test_map_has_no_serious_barrier(journey):
    """axe: no serious or critical violation of WCAG 2.1 A/AA on the map."""
    page = open_map(journey)
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], results.generate_report()
