"""A visitor reads a practice example and its municipality in Debian's
Chromium, at a desktop and a phone width, and reads them again (then from
the memory of ``zumo.content.browser.fragments``); an institute editor
opens the same example signed in. Both see the same German facts box and
sections, dates written the German way, the page fits its width and
passes axe-core without a serious or critical violation."""

from playwright.sync_api import expect
from plone import api
from tests.search.test_search_in_browser import severe

import pytest
import re


pytestmark = pytest.mark.browser

#: A date as the facts box writes it ("Stand: 05.12.2026").
GERMAN_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")


def facts(page):
    """The facts box and the sections' headings, as the visitor reads them."""
    box = page.locator(".zumo-facts-box .card").first
    expect(box.get_by_role("heading", name="Auf einen Blick")).to_be_visible()
    return box.inner_text(), page.locator(".zumo-section h2").all_inner_texts()


def test_a_visitor_reads_an_example_and_its_municipality(journey):
    page = journey.page()
    page.goto(api.portal.get().absolute_url())
    page.get_by_role("navigation").get_by_role(
        "link", name="Praxisbeispiele"
    ).first.click()
    page.locator(".zumo-result h3 a").first.click()
    expect(page.locator(".zumo-dates dd").last).to_have_text(GERMAN_DATE)
    first = facts(page)
    assert "Kommune" in first[0] and first[1], first
    assert severe(page) == []
    assert journey.fits(page)
    journey.shot(page, "example")
    example = page.url

    page.reload()
    assert facts(page) == first

    editor = journey.page("institut")
    editor.goto(example)
    assert facts(editor) == first

    title = page.locator("h1").inner_text()
    with page.expect_navigation():
        page.locator(".zumo-facts-box .card").first.locator("dd a").first.click()
    expect(page.locator(".zumo-municipality")).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert severe(page) == []
    assert journey.fits(page)
    journey.shot(page, "municipality")
    municipality = page.locator(".zumo-municipality").inner_text()
    page.reload()
    assert page.locator(".zumo-municipality").inner_text() == municipality
