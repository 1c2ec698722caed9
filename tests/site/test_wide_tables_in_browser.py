"""The pages with wide tables, at a desktop and a phone width: no page
scrolls sideways or is cut; a table wider than its box scrolls inside it."""

from plone import api

import pytest


pytestmark = pytest.mark.browser


def _first(portal_type, **query):
    """The address of the first object of ``portal_type`` (by id)."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain, *_rest) = catalog.unrestrictedSearchResults(
        portal_type=portal_type, sort_on="id", **query
    )
    return brain.getURL()


#: page -> (who reads it, its address)
PAGES = {
    "Fortschritt der Mentoring-Gruppen": (
        "institut",
        lambda: f"{api.portal.get().absolute_url()}/@@mentoring-uebersicht",
    ),
    "Statistik intern": (
        "ministerium",
        lambda: f"{api.portal.get().absolute_url()}/statistik",
    ),
    "Anmeldungen": (
        "institut",
        lambda: (
            _first("WorkshopMeeting", Title="Treffpunkte Generationen")
            + "/@@anmeldungen"
        ),
    ),
    "Teamraum-Mitglieder": (
        "institut",
        lambda: f"{api.portal.get().absolute_url()}/kommunen/tuningen/@@roster",
    ),
    "Mentoring-Gruppe": ("kommune-a", lambda: _first("MentoringGroup")),
    "Gremium": (
        "institut",
        lambda: _first("ExpertReview", review_state="released") + "/@@gremium",
    ),
    "Teilnehmende": (
        "institut",
        lambda: _first("QualificationModule", Title="ZUMO 1") + "/@@teilnahmen",
    ),
    "Karte": (None, lambda: f"{api.portal.get().absolute_url()}/praxisbeispiele/karte"),
}


@pytest.mark.parametrize("name", PAGES)
def test_tables_scroll_in_their_box(journey, name):
    persona, address = PAGES[name]
    page = journey.page(persona)
    page.goto(address())
    tables = page.locator("#content table")
    assert tables.count(), name
    assert journey.fits(page), name
    for number in range(tables.count()):
        table = tables.nth(number)
        box = table.locator("xpath=ancestor::*[@role='region'][1]")
        assert box.get_attribute("tabindex") == "0", (name, number)
        wide = box.evaluate("b => b.scrollWidth > b.clientWidth")
        inside = box.evaluate(
            "b => b.querySelector('table').getBoundingClientRect().right"
            " <= b.getBoundingClientRect().right + 1"
        )
        assert wide or inside, (name, number)
        assert box.evaluate("b => getComputedStyle(b).overflowX") == "auto"
    journey.shot(page, name.lower().replace(" ", "-"))
