"""A visitor misspells a word, in Debian's Chromium at a desktop and a phone
width: the finder and the site search answer "Meinten Sie …?", the link
searches the word, and the results mark it. Both pages with a suggestion
and with marks pass axe-core without a serious or critical violation."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from plone import api
from tests.accessibility.test_pages import WCAG_21_AA

import pytest
import re


pytestmark = pytest.mark.browser


def severe(page):
    """axe's serious and critical findings on ``page`` (WCAG 2.1 AA)."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def follow_suggestion(journey, page, word):
    """Check "Meinten Sie: word?", pass axe, follow it by the keyboard."""
    suggestion = page.locator(".zumo-suggestion")
    expect(suggestion).to_have_text(re.compile(rf"Meinten Sie:\s*{word}\s*\?"))
    assert severe(page) == []
    journey.shot(page, "suggestion")
    link = suggestion.get_by_role("link", name=word)
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def open_finder(journey):
    """Open the finder from the start page's navigation as a visitor does,
    with its filters shown (behind "Filter" at a phone width); return the
    page and the filters' toggle."""
    page = journey.page()
    page.goto(api.portal.get().absolute_url())
    page.get_by_role("navigation").get_by_role(
        "link", name="Praxisbeispiele"
    ).first.click()
    toggle = page.get_by_role("button", name=re.compile(r"^Filter( \(\d+\))?$"))
    if journey.width == "phone":
        toggle.click()
    return page, toggle


def search_the_site(journey, text):
    """Search ``text`` in the site's search box from the start page (behind
    the menu at a phone width); return the page of results."""
    page = journey.page()
    page.goto(api.portal.get().absolute_url())
    box = page.locator("#portal-searchbox").get_by_role("textbox")
    if not box.is_visible():
        page.get_by_role(
            "button", name=re.compile("Such|Navigation", re.I)
        ).first.click()
    box.fill(text)
    with page.expect_navigation():
        box.press("Enter")
    return page


def test_a_misspelled_word_in_the_finder(journey):
    page, _toggle = open_finder(journey)
    page.get_by_role("searchbox", name="Suchbegriff").fill("Genosenschaft")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator("#finder-results-heading")).to_have_text(
        "0 Praxisbeispiele gefunden"
    )
    assert journey.fits(page)
    follow_suggestion(journey, page, "Genossenschaft")
    chip = page.get_by_role("link", name="Filter Suchbegriff: Genossenschaft entfernen")
    expect(chip).to_be_visible()
    marks = page.locator(".zumo-result mark")
    expect(marks.first).to_have_text(re.compile("^Genossenschaft$", re.I))
    assert severe(page) == []
    assert journey.fits(page)
    journey.shot(page, "marked")


def test_a_misspelled_word_in_the_site_search(journey):
    page = search_the_site(journey, "Genosenschaft")
    expect(page.locator("#search-results")).to_contain_text("Es wurde nichts gefunden")
    assert journey.fits(page)
    follow_suggestion(journey, page, "Genossenschaft")
    mark = page.locator("#search-results mark").first
    expect(mark).to_have_text(re.compile("^Genossenschaft$", re.I))
    assert severe(page) == []
    assert journey.fits(page)
    journey.shot(page, "marked")


def refused(journey, page, box):
    """Text without a word gets the German notice beside the field, which
    keeps it, is marked invalid and described by the notice; the page
    passes axe and fits; a word then searches without the notice."""
    notice = page.locator(".alert-warning[id$='refusal']")
    expect(notice).to_have_text(
        "Nach diesem Suchbegriff kann nicht gesucht werden. Bitte geben Sie "
        "ein Wort mit Buchstaben oder Ziffern ein."
    )
    expect(box).to_have_value("???")
    expect(box).to_have_attribute("aria-invalid", "true")
    described = box.get_attribute("aria-describedby").split()
    assert notice.get_attribute("id") in described
    assert severe(page) == []
    assert journey.fits(page)
    journey.shot(page, "refused")


def test_text_without_a_word_in_the_finder(journey):
    page, toggle = open_finder(journey)
    box = page.get_by_role("searchbox", name="Suchbegriff")
    box.fill("???")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    if journey.width == "phone":
        toggle.click()
    refused(journey, page, box)
    box.fill("Dorfladen")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator(".alert-warning[id$='refusal']")).to_have_count(0)


def test_text_without_a_word_in_the_site_search(journey):
    page = search_the_site(journey, "???")
    field = page.locator("#content input[name='SearchableText']")
    refused(journey, page, field)
    expect(page.locator("#search-results li")).to_have_count(0)
