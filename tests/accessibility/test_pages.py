"""The pages people use meet WCAG 2.1 AA, as far as axe-core can tell.

Each page is loaded in a real browser, as the person who would use it, and
checked with axe-core for the rules tagged WCAG 2.0/2.1 level A and AA (the
technical basis of BITV 2.0).
"""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from plone import api
from tests.fixtures.browser import as_persona
from tests.fixtures.browser import keep_screenshot

import pytest
import re


pytestmark = pytest.mark.browser


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
    "Kommunen finden": (None, lambda: "kommunen"),
    "Kommunen mit Filtern": (
        None,
        lambda: "kommunen?zumo_district=Landkreis+Tuttlingen&SearchableText=Tutt",
    ),
    "Karte der Kommunen": (None, lambda: "kommunen/karte?kommune=tuttlingen"),
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
    "Karte": (None, lambda: "praxisbeispiele/karte"),
    "Karte mit Filtern": (
        None,
        lambda: (
            "praxisbeispiele/karte?zumo_region=tuebingen&zumo_topics=daseinsvorsorge"
        ),
    ),
    "Offene Daten": (None, lambda: "praxisbeispiele/@@open-data"),
    "Statistik": (None, lambda: "statistik"),
    "Programme": (None, lambda: "programm"),
    "Programm ZUMO": (None, lambda: "programm/zumo"),
    "Werkstatttreffen-Kalender": (None, lambda: "werkstatttreffen"),
    "Statistik intern": ("ministerium", lambda: "statistik"),
    "Registrieren": (None, lambda: "@@register"),
    "Anmelden": (None, lambda: "login"),
    "Mentoring-Gruppe": ("kommune-a", lambda: _first("MentoringGroup")),
    "Teamraum-Mitglieder": ("institut", lambda: "kommunen/tuningen/@@roster"),
    "Teamraum-Mitglieder für Mitglieder": (
        "kommune-a",
        lambda: _first("MentoringGroup", Title="Baar und Schwarzwald") + "/@@roster",
    ),
    "Teamraum": ("kommune-a", lambda: "kommunen/tuningen/@@teamraum"),
    "Mentoring": (None, lambda: "mentoring"),
    "Qualifizierung": (None, lambda: "qualifizierung"),
    "Kurs (öffentlich)": (None, lambda: _first("QualificationCohort")),
    "Kurs mit Anmeldung": ("kommune-a", lambda: _first("QualificationCohort")),
    "Kurs mit Gruppenraum": ("kommune-b", lambda: _first("QualificationCohort")),
    "Anmeldungen zum Kurs": (
        "institut",
        lambda: _first("QualificationCohort") + "/@@kursanmeldungen",
    ),
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
    "Mitmachen": (None, lambda: "mitmachen"),
    "Formular Praxisbeispiel vorschlagen": (
        "buerger",
        lambda: "mitmachen/praxisbeispiel-vorschlagen",
    ),
    "Formular Modellkommune": (None, lambda: "mitmachen/modellkommune-bewerben"),
    "Formular Rückmeldung": (None, lambda: "mitmachen/rueckmeldung"),
    "Anmeldung zum Werkstatttreffen": (
        None,
        lambda: _open_meeting() + "/anmeldung",
    ),
    "Abmelden (ungültiger Link)": (
        None,
        lambda: _open_meeting() + "/@@abmelden?token=ungueltig",
    ),
    "Anmeldungen (Institut)": ("institut", lambda: _open_meeting() + "/@@anmeldungen"),
    "Mein Netzwerk": ("kommune-a", lambda: "@@mein-netzwerk"),
    "Handlungskonzept": ("kommune-a", lambda: _first("ActionPlan")),
    "Handlungskonzept bearbeiten": (
        "kommune-a",
        lambda: _first("ActionPlan") + "/edit",
    ),
    "Zukunftswerkstatt": (
        "kommune-a",
        lambda: _first("FutureWorkshop", Title="Zukunftswerkstatt Ortsmitte"),
    ),
    "Gutachten mit Handlungskonzept": (
        "ministerium",
        lambda: _first("ExpertReview", Title="Gutachten Tuningen"),
    ),
    "Kommune mit Anerkennung": (None, lambda: "kommunen/tuningen"),
    "Fortschritt der Mentoring-Gruppen": ("institut", lambda: "@@mentoring-uebersicht"),
    "Qualifizierungsmodul mit Anmeldung": ("buerger", lambda: _zumo_module()),
    "Teilnehmende (Institut)": ("institut", lambda: _zumo_module() + "/@@teilnahmen"),
    "Meine Qualifizierung": ("kommune-a", lambda: "@@meine-qualifizierung"),
    "Qualifizierung des Teams": (
        "kommune-a",
        lambda: "kommunen/tuningen/@@qualifizierung-team",
    ),
    "Ungültige Seitenangabe": (None, lambda: "praxisbeispiele?b_start=x"),
    "Registrierung bestätigen": (None, lambda: _confirmation()),
}
#: Pages that answer with another status than 200.
STATUS = {"Ungültige Seitenangabe": 400}


def _zumo_module():
    """The first ZUMO module, where the demo personas enrolled."""
    return _first("QualificationModule", Title="ZUMO 1")


def _open_meeting():
    """The demo meeting with registrations (its registration is open)."""
    return _first("WorkshopMeeting", Title="Treffpunkte Generationen")


def _confirmation():
    """The page of a registration mail's link (for a demo address)."""
    from zumo.policy.signup import accounts as signup

    token = signup.token_for("demo-registrierung@example.org", "Demo Person")
    return f"@@{signup.CONFIRM_VIEW}?token={token}"


def wait_for_map(page):
    """Wait until every map on the page has loaded its markers.

    Waits with locators, not ``wait_for_function``, whose string Playwright
    evaluates in the page: the site's Content-Security-Policy forbids that.
    """
    expect(page.locator("[data-zumo-map]:not([data-loaded='true'])")).to_have_count(0)


class TestAccessibility:
    @pytest.mark.parametrize("name", PAGES)
    def test_page(self, browser, demo_site, name):
        """No WCAG 2.1 A/AA violations on the page; it works under the
        site's Content-Security-Policy (no violation, no script error)."""
        persona, path = PAGES[name]
        context = browser.new_context(locale="de-DE", **as_persona(persona))
        problems = []
        try:
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    problems.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            response = page.goto(f"{demo_site.absolute_url()}/{path()}")
            assert response.status == STATUS.get(name, 200), name
            assert not persona or "/login" not in page.url, f"{name}: {page.url}"
            if page.locator("[data-zumo-map]").count():
                wait_for_map(page)
            if page.locator("textarea.pat-tinymce").count():
                page.wait_for_selector(".tox-tinymce")
            results = Axe().run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
            )
        finally:
            context.close()
        assert results.violations_count == 0, results.generate_report()
        assert problems == [], name


#: Screenshots of the finder, kept as test artefacts (not in git).
#: Desktop and mobile widths (CSS pixels).
VIEWPORTS = {"desktop": (1280, 900), "mobile": (390, 844)}


class TestFinderInBrowser:
    """The finder used in the browser: by mouse, by keyboard, back button."""

    def finder(self, browser, demo_site, viewport="desktop"):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(
            locale="de-DE", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.goto(f"{demo_site.absolute_url()}/praxisbeispiele")
        return context, page

    @staticmethod
    def count(page):
        heading = page.locator("#finder-results-heading").inner_text()
        return int(heading.split()[0].replace(".", ""))

    def test_filter_by_clicking(self, browser, demo_site):
        """A click on a facet narrows the results in place and into the URL;
        the back button restores the search."""
        context, page = self.finder(browser, demo_site)
        try:
            total = self.count(page)
            box = page.locator("input[name=zumo_topics]").first
            label = page.locator(f"label[for={box.get_attribute('id')}]")
            expected = int(label.locator(".badge").inner_text())
            box.check()
            page.wait_for_url("**zumo_topics=**")
            expect(page.locator("#finder-results-heading")).to_have_text(
                re.compile(rf"^{expected}\b")
            )
            assert self.count(page) == expected < total
            assert page.locator("input[name=zumo_topics]:checked").count() == 1
            page.go_back()
            expect(page.locator("#finder-results-heading")).to_have_text(
                re.compile(rf"^{total}\b")
            )
            assert page.locator("input[name=zumo_topics]:checked").count() == 0
        finally:
            context.close()

    def test_filter_by_keyboard_alone(self, browser, demo_site):
        """Tab to a facet, Space sets it, the focus stays on it; Enter in the
        search field submits."""
        context, page = self.finder(browser, demo_site)
        try:
            field = page.locator("#finder-text")
            field.focus()
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.name")
            assert focused == "zumo_topics"
            focused_id = page.evaluate("document.activeElement.id")
            page.keyboard.press("Space")
            page.wait_for_url("**zumo_topics=**")
            expect(page.locator(f"#{focused_id}")).to_be_focused()
            assert page.locator(f"#{focused_id}").is_checked()
            page.locator("#finder-text").focus()
            page.keyboard.type("Dorf")
            page.keyboard.press("Enter")
            page.wait_for_url("**SearchableText=Dorf**")
            assert "Suchbegriff: Dorf" in page.content()
        finally:
            context.close()

    @pytest.mark.parametrize("viewport", VIEWPORTS)
    def test_screenshots(self, browser, demo_site, viewport):
        """The finder with a filter set, kept as an artefact per width."""
        context, page = self.finder(browser, demo_site, viewport)
        try:
            page.goto(
                f"{demo_site.absolute_url()}/praxisbeispiele?zumo_topics=daseinsvorsorge"
            )
            keep_screenshot(page, f"finder-{viewport}")
        finally:
            context.close()


class TestMapInBrowser:
    """The map in the browser, its tiles unreachable as on a closed network."""

    def map_page(self, browser, demo_site, viewport="desktop", query=""):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(
            locale="de-DE", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.goto(f"{demo_site.absolute_url()}/praxisbeispiele/karte{query}")
        wait_for_map(page)
        return context, page

    def test_markers_show_without_tiles(self, browser, demo_site):
        """Both layers draw their markers though no tile can be loaded; the
        status line says how many entries are on the map."""
        context, page = self.map_page(browser, demo_site)
        try:
            assert page.locator(".leaflet-tile-loaded").count() == 0
            examples = page.locator(".zumo-marker-examples, .zumo-cluster-examples")
            municipalities = page.locator(
                ".zumo-marker-municipalities, .zumo-cluster-municipalities"
            )
            assert examples.count() > 0 and municipalities.count() > 0
            expect(examples.first).to_be_visible()
            status = page.locator(".zumo-map-status").inner_text()
            assert "Praxisbeispiele" in status and "Kommunen" in status
        finally:
            context.close()

    def test_facets_narrow_the_map(self, browser, demo_site):
        """A region set in the URL leaves fewer examples on the map, and the
        list beside it says the same number."""
        context, page = self.map_page(browser, demo_site)
        try:
            everything = page.locator(".zumo-map-status").inner_text()
            page.goto(
                f"{demo_site.absolute_url()}/praxisbeispiele/karte?zumo_region=tuebingen"
            )
            wait_for_map(page)
            narrowed = page.locator(".zumo-map-status").inner_text()
            heading = page.locator("#map-examples-heading").inner_text()
            count = int(heading.rsplit(":", 1)[1].strip().replace(".", ""))
            assert f"{count} Praxisbeispiele" in narrowed
            assert narrowed != everything
            assert page.locator("input[value=tuebingen]").is_checked()
        finally:
            context.close()

    def test_keyboard_reaches_an_example(self, browser, demo_site):
        """The skip link leads past the map; markers are buttons: Enter on
        a group zooms in, Enter on a marker opens its link."""
        context, page = self.map_page(browser, demo_site)
        try:
            page.get_by_role("link", name="Karte überspringen, zur Liste").focus()
            page.keyboard.press("Enter")
            page.wait_for_url("**#zumo-map-lists")
            for _attempt in range(8):
                if page.locator(".zumo-marker-examples").count():
                    break
                page.locator(".zumo-cluster-examples").first.focus()
                page.keyboard.press("Enter")
                page.wait_for_timeout(600)
            marker = page.locator(".zumo-marker-examples").first
            assert marker.get_attribute("role") == "button"
            title = marker.get_attribute("title")
            marker.focus()
            page.keyboard.press("Enter")
            link = page.locator(".leaflet-popup-content a")
            link.wait_for()
            assert link.inner_text() == title
            close = page.locator(".leaflet-popup-close-button")
            assert close.get_attribute("aria-label") == "Schließen"
        finally:
            context.close()

    @pytest.mark.parametrize("viewport", VIEWPORTS)
    def test_screenshots(self, browser, demo_site, viewport):
        """The map with a filter set, kept as an artefact per width."""
        context, page = self.map_page(
            browser, demo_site, viewport, "?zumo_topics=daseinsvorsorge"
        )
        try:
            keep_screenshot(page, f"map-{viewport}")
        finally:
            context.close()
