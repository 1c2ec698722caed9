"""The finder on a phone and a desktop, in Debian's Chromium: on a phone the
results come first and the facets wait behind a "Filter" button; on every
width the set filters are chips that remove them, and the download links
carry the search."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from plone import api
from tests.fixtures.browser import WIDTHS
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest
import re


pytestmark = pytest.mark.browser

#: What the finder offers to download, by the name of its link.
DOWNLOADS = {
    "CSV (Tabelle)": "export.csv",
    "JSON (Daten für Programme)": "export.json",
    "GeoJSON (Geodaten für Karten)": "export.geojson",
    "RSS (Neuigkeiten-Feed)": "rss.xml",
}


def open_finder(journey):
    """The finder as an anonymous visitor, through the main navigation's
    address (the section's default view)."""
    page = journey.page()
    page.goto(f"{api.portal.get().absolute_url()}/praxisbeispiele")
    expect(page.locator(".zumo-result").first).to_be_visible()
    return page


def open_facets(journey, page):
    """On a phone, open the facets with the "Filter" button (on a desktop
    they are open beside the results and the button is not shown)."""
    toggle = page.get_by_role("button", name=re.compile(r"^Filter( \(\d+\))?$"))
    if journey.width == "phone":
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    else:
        expect(toggle).to_be_hidden()


def test_results_first_facets_behind_filter_chips_remove(journey):
    page = open_finder(journey)
    first = page.locator(".zumo-result").first
    districts = page.get_by_role("group", name="Landkreise")
    if journey.width == "phone":
        assert first.bounding_box()["y"] < WIDTHS["phone"][1]
        expect(districts).to_be_hidden()
    else:
        facets = page.locator(".zumo-finder-form").bounding_box()
        assert facets["x"] + facets["width"] <= first.bounding_box()["x"]
    open_facets(journey, page)
    expect(districts).to_be_visible()
    journey.shot(page, "facets")

    box = districts.get_by_role("checkbox").first
    district = box.get_attribute("value")
    box.check()
    page.wait_for_url("**zumo_district=**")
    chip = page.get_by_role("link", name=f"Filter Landkreise: {district} entfernen")
    expect(chip).to_be_visible()
    expect(chip).to_contain_text(f"Landkreise: {district}")
    expect(page.get_by_role("link", name="Alle Filter entfernen")).to_be_visible()
    if journey.width == "phone":
        expect(page.get_by_role("button", name="Filter (1)")).to_be_visible()
    for name, export in DOWNLOADS.items():
        address = urlsplit(page.get_by_role("link", name=name).get_attribute("href"))
        assert address.path.endswith(f"/praxisbeispiele/{export}"), name
        assert parse_qs(address.query) == {"zumo_district": [district]}, name
    assert journey.fits(page)
    journey.shot(page, "filtered")

    with page.expect_navigation():
        chip.click()
    assert "zumo_district" not in page.url
    expect(
        page.get_by_role("link", name=re.compile(r"^Filter .* entfernen$"))
    ).to_have_count(0)
    href = page.get_by_role("link", name="CSV (Tabelle)").get_attribute("href")
    assert urlsplit(href).query == ""


def test_finder_passes_axe(journey):
    """No serious or critical axe violation on the filtered finder, its
    facets open (WCAG 2.1 A/AA rules)."""
    page = journey.page()
    page.goto(
        f"{api.portal.get().absolute_url()}/praxisbeispiele"
        "?zumo_topics=daseinsvorsorge&SearchableText=Dorf"
    )
    open_facets(journey, page)
    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            }
        },
    )
    grave = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert grave == [], results.generate_report()
