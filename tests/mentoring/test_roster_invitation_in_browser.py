"""A moderator invites a person to the team by e-mail address, in Debian's
Chromium at a desktop and a phone width; the person accepts through the link
in the mail, and only then does the roster name them."""

from playwright.sync_api import expect
from plone import api
from tests.fixtures.mail import links

import pytest


pytestmark = pytest.mark.browser


def test_moderator_invites_and_the_person_accepts(journey, demo_inbox):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    roster = f"{brain.getURL()}/@@roster"

    page = journey.page("kommune-a")
    page.goto(roster)
    assert "Bea Bürger" not in page.content()
    page.get_by_label("E-Mail", exact=True).fill("buerger@example.org")
    page.get_by_role("button", name="Einladen").click()
    expect(
        page.get_by_text("Wir haben eine Einladung an „buerger@example.org“ geschickt")
    ).to_be_visible()
    invitations = page.get_by_role(
        "table", name="Eingeladene E-Mail-Adressen, die noch nicht angenommen haben"
    )
    assert "buerger@example.org" in invitations.inner_text()
    assert "Bea Bürger" not in page.content()
    assert journey.fits(page)
    journey.shot(page, "invited")

    demo_inbox.wait_for(1)
    (message,) = demo_inbox.to("buerger@example.org")
    (link,) = [url for url in links(message) if "einladung-annehmen" in url]

    page = journey.page("buerger")
    page.goto(link)
    assert "Tuningen" in page.locator("#content").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Einladung annehmen").click()
    assert "Tuningen" in page.title()

    page = journey.page("kommune-a")
    page.goto(roster)
    assert "Bea Bürger" in page.content()
