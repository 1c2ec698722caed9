"""A moderator invites a person to the team by e-mail address, in Debian's
Chromium at a desktop and a phone width; the person accepts through the link
in the mail, and only then does the roster name them."""

from plone import api
from tests.fixtures.browser import as_persona
from tests.fixtures.mail import links

import pytest


pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def _page(browser, persona, width):
    context = browser.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),
        **as_persona(persona),
    )
    return context, context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_moderator_invites_and_the_person_accepts(
    browser, demo_site, demo_inbox, width
):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    roster = f"{brain.getURL()}/@@roster"

    context, page = _page(browser, "kommune-a", width)
    try:
        page.goto(roster)
        assert "Bea Bürger" not in page.content()
        page.get_by_label("E-Mail", exact=True).fill("buerger@example.org")
        page.get_by_role("button", name="Einladen").click()
        assert page.get_by_text(
            "Wir haben eine Einladung an „buerger@example.org“ geschickt"
        ).is_visible()
        invitations = page.get_by_role(
            "table", name="Eingeladene E-Mail-Adressen, die noch nicht angenommen haben"
        )
        assert "buerger@example.org" in invitations.inner_text()
        assert "Bea Bürger" not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0]
    finally:
        context.close()

    demo_inbox.wait_for(1)
    (message,) = demo_inbox.to("buerger@example.org")
    (link,) = [url for url in links(message) if "einladung-annehmen" in url]

    context, page = _page(browser, "buerger", width)
    try:
        page.goto(link)
        assert "Tuningen" in page.locator("#content").inner_text()
        page.get_by_role("button", name="Einladung annehmen").click()
        page.wait_for_load_state()
        assert "Tuningen" in page.title()
    finally:
        context.close()

    context, page = _page(browser, "kommune-a", width)
    try:
        page.goto(roster)
        assert "Bea Bürger" in page.content()
    finally:
        context.close()
