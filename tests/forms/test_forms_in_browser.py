"""A citizen proposes practice examples in Debian's Chromium: through the
form at /mitmachen and through the short add form, with a trimmed toolbar."""

from playwright.sync_api import expect
from tests.fixtures.browser import as_persona
from tests.fixtures.browser import keep_screenshot

import pytest


pytestmark = pytest.mark.browser


#: Tabs of Plone's full form that proposers must not meet.
FULL_FORM_TABS = ("Einstellungen", "Freigabezeitraum", "Kategorisierung")
#: Toolbar entries that are the institute's.
INSTITUTE_MENUS = ("Darstellung", "Freigabe")


@pytest.fixture
def citizen(browser, demo_site):
    """A page of Chromium logged in as ``buerger``."""
    context = browser.new_context(
        locale="de-DE",
        **as_persona("buerger"),
        viewport={"width": 1280, "height": 900},
    )
    yield context.new_page()
    context.close()


class TestProposingInBrowser:
    def test_proposal_form_makes_a_draft_in_review(self, citizen, demo_site):
        """The form at /mitmachen: fill in, send, land on one's own draft."""
        page = citizen
        page.goto(f"{demo_site.absolute_url()}/mitmachen/praxisbeispiel-vorschlagen")
        assert page.locator("input[name='form.widgets.website']").is_hidden()
        page.get_by_label("Titel").fill("Mitfahrbank im Browser")
        page.get_by_label("Kurzbeschreibung").fill(
            "Bänke, auf denen man mitgenommen wird."
        )
        page.get_by_label("Vorgehen").fill("Bänke aufgestellt.\n\nSchilder gemalt.")
        page.get_by_label("Daseinsvorsorge").check()
        keep_screenshot(page, "proposal-form")
        page.get_by_role("button", name="Vorschlag einreichen").click()
        page.wait_for_url("**/praxisbeispiele/mitfahrbank-im-browser")
        assert "Mitfahrbank im Browser" in page.locator("h1").inner_text()
        assert "Zur Prüfung eingereicht" in page.content()

    def test_short_add_form_and_trimmed_toolbar(self, citizen, demo_site):
        """++add++PracticeExample as a citizen: no settings tabs; her draft
        shows no display menu and no sharing entry."""
        page = citizen
        page.goto(f"{demo_site.absolute_url()}/praxisbeispiele/++add++PracticeExample")
        tabs = page.locator("nav.autotoc-nav a, .autotoc-nav a").all_inner_texts()
        for tab in FULL_FORM_TABS:
            assert tab not in tabs
        assert page.locator("[name='form.widgets.initial_situation']").count() == 1
        assert page.locator("[name='form.widgets.IPublication.effective']").count() == 0
        keep_screenshot(page, "proposal-add-form")
        page.get_by_label("Titel").fill("Repair-Café im Rathaus")
        page.get_by_role("button", name="Sichern").click()
        page.wait_for_url("**/praxisbeispiele/repair-cafe-im-rathaus**")
        toolbar = page.locator("#edit-zone").inner_text()
        assert "Bearbeiten" in toolbar
        for menu in INSTITUTE_MENUS:
            assert menu not in toolbar, toolbar


class TestRegisteringInBrowser:
    def test_register_for_a_meeting_and_the_institute_sees_it(self, browser, demo_site):
        """A visitor registers from the meeting page; the institute finds
        the registration in its list."""
        from plone import api

        meeting = api.content.find(
            portal_type="WorkshopMeeting", Title="Treffpunkte Generationen"
        )[0].getObject()
        context = browser.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.goto(meeting.absolute_url())
        page.get_by_role("link", name="Jetzt anmelden").click()
        page.wait_for_url("**/anmeldung")
        assert page.locator("input[name='form.widgets.website']").is_hidden()
        page.get_by_label("Ihr Name").fill("Dora Dorfbewegt")
        page.get_by_label("Kommune oder Organisation").fill("Dorfverein (Test)")
        page.get_by_label("Ihre E-Mail-Adresse").fill("dora@example.org")
        page.get_by_label("Was brauchen Sie").fill("Gebärdensprache")
        page.get_by_label("Einwilligung").check()
        keep_screenshot(page, "meeting-registration-form")
        page.get_by_role("button", name="Anmelden").click()
        page.get_by_text("Vielen Dank für Ihre Anmeldung").wait_for()
        context.close()
        institute = browser.new_context(locale="de-DE", **as_persona("institut"))
        page = institute.new_page()
        page.goto(f"{meeting.absolute_url()}/@@anmeldungen")
        row = page.locator("tr", has_text="Dora Dorfbewegt")
        assert "Angemeldet" in row.inner_text()
        assert "Gebärdensprache" in row.inner_text()
        keep_screenshot(page, "meeting-registrations")
        institute.close()


class TestQualificationInBrowser:
    def test_enrol_on_a_module_and_find_it_in_my_records(self, citizen, demo_site):
        """A citizen enrols on a module from its page and finds it among her
        own records."""
        from plone import api

        catalog = api.portal.get_tool("portal_catalog")
        (brain,) = catalog.unrestrictedSearchResults(
            portal_type="QualificationModule", Title="Zukunftsfragen erkennen"
        )
        page = citizen
        page.goto(brain.getURL())
        page.get_by_role("button", name="Für dieses Modul anmelden").click()
        page.wait_for_url(brain.getURL())
        assert "Sie sind für das Modul angemeldet." in page.content()
        expect(
            page.get_by_role("button", name="Anmeldung zurückziehen")
        ).to_be_visible()
        page.get_by_role("link", name="Meine Qualifizierung").first.click()
        page.wait_for_url("**/@@meine-qualifizierung")
        table = page.locator("#content table").inner_text()
        assert "ZUMO 2: Zukunftsfragen erkennen" in table
        assert "Angemeldet" in table
