"""A visitor finds their municipality in the directory by Landkreis and name
and opens it on the network's map, in Debian's Chromium at a desktop and a
phone width; axe-core finds no WCAG 2.1 A/AA violation on the way."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import pytest


pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def no_violations(page):
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    assert results.violations_count == 0, results.generate_report()


def test_visitor_finds_a_municipality_and_its_map(journey, demo_site):
    page = journey.page(None)
    page.goto(f"{demo_site.absolute_url()}/kommunen")
    results = page.locator("#directory-results-heading")
    expect(results).to_contain_text("Kommunen gefunden")
    # On a phone, the first result is on the first screen.
    first = page.locator(".zumo-result").first
    assert first.bounding_box()["y"] < page.viewport_size["height"]
    journey.shot(page, "directory")
    assert journey.fits(page)
    no_violations(page)

    page.locator(".zumo-directory-filters > summary").click()
    page.locator(".zumo-facet > summary", has_text="Landkreis").click()
    page.get_by_label("Landkreis Tuttlingen").check()
    page.get_by_label("Name der Kommune").fill("Tutt")
    with page.expect_navigation():
        page.get_by_role("button", name="Kommunen suchen").click()
    expect(results).to_have_text("1 Kommune gefunden")
    expect(page.locator(".zumo-active-filters")).to_contain_text(
        "Landkreis: Landkreis Tuttlingen"
    )
    assert journey.fits(page)
    no_violations(page)
    journey.shot(page, "found")

    with page.expect_navigation():
        page.locator(".zumo-result").get_by_role("link", name="Tuttlingen").click()
    note = page.locator(".zumo-source-note")
    expect(note).to_contain_text("Bundesamt für Kartographie und Geodäsie (BKG)")
    expect(note).to_contain_text("GeoNames")
    assert "npm" not in note.inner_text() and "PyPI" not in note.inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Auf der Karte zeigen").click()
    assert page.url.startswith(f"{demo_site.absolute_url()}/kommunen/karte?")
    expect(page.locator("[data-zumo-map]")).to_have_attribute("data-loaded", "true")
    expect(page.locator(".zumo-map .zumo-marker-municipalities")).to_have_count(1)
    expect(page.locator(".zumo-active-filters")).to_contain_text("Kommune: Tuttlingen")
    expect(page.locator("#zumo-map-lists")).to_contain_text("Landkreis Tuttlingen")
    assert journey.fits(page)
    no_violations(page)
    journey.shot(page, "map")


def test_demo_members_carry_the_demo_mark(journey, demo_site):
    """A pilot municipality of the demo is "Im Netzwerk", marked as demo."""
    page = journey.page(None)
    page.goto(f"{demo_site.absolute_url()}/kommunen?SearchableText=Tuningen")
    result = page.locator(".zumo-result").filter(has_text="Tuningen")
    expect(result.locator(".badge")).to_have_text(["Im Netzwerk", "Demo-Inhalt"])
    expect(result).to_contain_text("ZUMO-Pilotkommune")
