"""Spaces that show their people, walked in Debian's Chromium at a desktop
and a phone width: the team opens its team space from the profile and sees
who is on it; a municipality outside
the group reads what mentoring is; a visitor sees only the public profile."""

from playwright.sync_api import expect
from plone import api

import pytest


pytestmark = pytest.mark.browser


def _url(portal_type, title):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(portal_type=portal_type, Title=title)
    return brain.getURL()


def _main_menu(page, name):
    """The main menu's link ``name``, opening the menu first at a phone's
    width, where it is folded."""
    link = page.locator("#portal-globalnav").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator(".navbar-toggler").first.click()
        link.wait_for(state="visible")
    return link


def test_team_opens_its_team_space(journey):
    page = journey.page("kommune-a")
    page.goto(_url("Municipality", "Tuningen"))
    assert "Nur Ihr Team" not in page.content()
    journey.shot(page, "profile")
    with page.expect_navigation():
        page.get_by_role("link", name="Teamraum", exact=True).click()
    content = page.locator("#content")
    expect(
        # the demo names Tuningen's process facilitator
        content.get_by_text(
            "Nur Ihr Team, Ihre Prozessbegleitung und das Institut sehen diese Seite."
        )
    ).to_be_visible()
    people = page.get_by_role("list").filter(has_text="Anna Tuninger")
    team = people.first.inner_text()
    assert "Anna Tuninger (Demo)" in team and "(Moderation)" in team
    assert "(internal)" not in page.content()
    assert journey.fits(page)
    journey.shot(page, "team-space")


def test_outsider_reads_what_mentoring_is(journey):
    page = journey.page("kommune-b")
    page.goto(api.portal.get().absolute_url())
    with page.expect_navigation():
        _main_menu(page, "Mentoring").click()
    text = page.locator("#content").inner_text()
    assert "Mentoringprogramm sein, welches erfahrene DWK-Kommunen" in text
    assert "Dieser Ordner hat zur Zeit keinen Inhalt." not in text
    assert "Baar und Schwarzwald" not in page.content()
    expect(page.get_by_role("link", name="Als Modellkommune bewerben")).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "mentoring")


def test_visitor_sees_only_the_public_profile(journey):
    page = journey.page(None)
    page.goto(_url("Municipality", "Tuningen"))
    assert "Tuningen" in page.title()
    assert page.get_by_role("link", name="Teamraum").count() == 0
    assert "Nur Ihr Team" not in page.content()
    page.goto(_url("Municipality", "Tuningen") + "/@@teamraum")
    assert "Nur Ihr Team und das Institut" not in page.content()
    assert journey.fits(page)
    journey.shot(page, "profile")
