"""The pages people use meet WCAG 2.1 AA, as far as axe-core can tell.

Each page is loaded in a real browser, as the person who would use it, and
checked with axe-core for the rules tagged WCAG 2.0/2.1 level A and AA (the
technical basis of BITV 2.0).
"""

from axe_playwright_python.sync_playwright import Axe
from plone import api
from tests.accessibility.conftest import PASSWORD

import pytest


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _first(portal_type, **query):
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type=portal_type, sort_on="id", **query
    )[0]
    return brain.getPath().split("/", 2)[2]


# page name -> (who looks at it, how to find its path below the site)
PAGES = {
    "Startseite": (None, lambda: ""),
    "Praxisbeispiele": (None, lambda: "praxisbeispiele"),
    "Praxisbeispiel": (
        None,
        lambda: _first("PracticeExample", review_state="published"),
    ),
    "Kommune": (None, lambda: "kommunen/tuningen"),
    "Werkstatttreffen": (
        None,
        lambda: _first("WorkshopMeeting", review_state="announced"),
    ),
    "Qualifizierungsmodul": (
        None,
        lambda: _first("QualificationModule", review_state="published"),
    ),
    "Suche mit Filter": (None, lambda: "@@search?zumo_topics=klimawandel"),
    "Praxisbeispiele finden": (None, lambda: "praxisbeispiele"),
    "Praxisbeispiele mit Filtern": (
        None,
        lambda: (
            "praxisbeispiele?zumo_topics=daseinsvorsorge&zumo_region=tuebingen"
            "&SearchableText=Dorf&sort=title"
        ),
    ),
    "Offene Daten": (None, lambda: "praxisbeispiele/@@open-data"),
    "Statistik": (None, lambda: "statistik"),
    "Werkstatttreffen-Kalender": (None, lambda: "werkstatttreffen"),
    "Statistik intern": ("ministerium", lambda: "statistik"),
    "Registrieren": (None, lambda: "@@register"),
    "Anmelden": (None, lambda: "login"),
    "Mentoring-Gruppe": ("kommune-a", lambda: _first("MentoringGroup")),
    "Teamraum-Mitglieder": ("institut", lambda: "kommunen/tuningen/@@roster"),
    "Gutachten": (
        "institut",
        lambda: _first("ExpertReview", review_state="released"),
    ),
    "Praxisbeispiel bearbeiten": (
        "institut",
        lambda: _first("PracticeExample", review_state="published") + "/edit",
    ),
    "Praxisbeispiel vorschlagen": (
        "buerger",
        lambda: "praxisbeispiele/++add++PracticeExample",
    ),
}


class TestAccessibility:
    @pytest.mark.parametrize("name", PAGES)
    def test_page(self, browser, demo_site, name):
        """No WCAG 2.1 A/AA violations on the page."""
        persona, path = PAGES[name]
        credentials = {"username": persona, "password": PASSWORD} if persona else None
        context = browser.new_context(http_credentials=credentials, locale="de-DE")
        try:
            page = context.new_page()
            response = page.goto(f"{demo_site.absolute_url()}/{path()}")
            assert response.status == 200, name
            results = Axe().run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
            )
        finally:
            context.close()
        assert results.violations_count == 0, results.generate_report()
