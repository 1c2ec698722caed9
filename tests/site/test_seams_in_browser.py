"""No seams of stock Plone, walked in Debian's Chromium at a desktop and a
phone width: a citizen browses without the editing toolbar and finds her
personal menu in the header; a municipal team member edits a practice
example in its own few steps; bylines never say "admin"; a new person signs
up through the header's "Registrieren", is told a mail is on its way, sets
the password on a welcome page and lands on the welcome; the ministry's
Mein Netzwerk shows the released reviews and the statistics."""

from playwright.sync_api import expect
from plone import api
from tests.fixtures.mail import links
from tests.fixtures.mail import subject

import pytest
import re


pytestmark = pytest.mark.browser

#: Plone's technical tabs, which only site administrators meet.
TECHNICAL_TABS = ("Kategorisierung", "Freigabezeitraum", "Einstellungen", "Eigentum")


def _open_personal_menu(page):
    """Open the personal menu under the member's name in the header."""
    page.locator("#portal-membertools #user-name").click()
    page.locator("#portal-membertools .dropdown-menu").wait_for()


def test_citizen_browses_without_toolbar(journey, demo_site):
    page = journey.page("buerger")
    page.goto(demo_site.absolute_url())
    page.get_by_role("link", name="Praxisbeispiele", exact=True).first.click()
    page.wait_for_url("**/praxisbeispiele**")
    with page.expect_navigation():
        page.locator("#content h3 a").first.click()
    assert page.locator("#edit-bar").count() == 0
    assert "plone-toolbar" not in (page.locator("body").get_attribute("class") or "")
    journey.shot(page, "example-without-toolbar")
    _open_personal_menu(page)
    menu = page.locator("#portal-membertools .dropdown-menu")
    for entry in ("Mein Netzwerk", "Meine Einstellungen", "Abmelden"):
        expect(menu.get_by_role("link", name=entry), entry).to_be_visible()
    journey.shot(page, "personal-menu")
    menu.get_by_role("link", name="Mein Netzwerk").click()
    page.wait_for_url("**/@@mein-netzwerk")
    assert "Mein Netzwerk" in page.locator("h1").inner_text()
    assert page.locator("#edit-bar").count() == 0
    assert journey.fits(page)
    _open_personal_menu(page)
    page.locator("#portal-membertools").get_by_role(
        "link", name="Meine Einstellungen"
    ).click()
    page.wait_for_url("**/@@personal-preferences")
    assert page.locator("#edit-bar").count() == 0


def test_municipal_staff_edits_a_practice_example(journey, demo_site):
    page = journey.page("kommune-a")
    page.goto(demo_site.absolute_url())
    _open_personal_menu(page)
    page.locator("#portal-membertools").get_by_role(
        "link", name="Mein Netzwerk"
    ).click()
    page.wait_for_url("**/@@mein-netzwerk")
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Digitales Archiv der Dorfgeschichte in Bitz"
        ).click()
    assert page.locator("#edit-bar").count() == 1
    edit = page.locator("#contentview-edit a")
    if not edit.is_visible():
        page.locator(
            "#edit-zone .toolbar-expand, #edit-zone .navbar-toggler"
        ).first.click()
    edit.click()
    page.wait_for_url(re.compile(r"/edit(\?|$)"))
    tabs = [tab.strip() for tab in page.locator(".autotoc-nav a").all_inner_texts()]
    assert tabs, "no tabs"
    assert len(tabs) <= 4, tabs
    for tab in TECHNICAL_TABS:
        assert tab not in tabs, tabs
    assert page.get_by_label("Ausgangslage").count() == 1
    journey.shot(page, "edit-form")
    page.get_by_label("Beschreibung", exact=True).fill(
        "Ehrenamtliche digitalisieren Fotos und Chroniken des Dorfes."
    )
    page.get_by_role("button", name="Sichern").click()
    page.wait_for_url("**/digitales-archiv-der-dorfgeschichte-in-bitz")
    assert "Fotos und Chroniken" in page.locator("#content").inner_text()


def test_practice_example_byline_names_no_admin(journey, demo_site):
    for persona in ("institut", "buerger"):
        page = journey.page(persona)
        page.goto(f"{demo_site.absolute_url()}/praxisbeispiele")
        with page.expect_navigation():
            page.locator("#content h3 a").first.click()
        byline = page.locator("#section-byline")
        text = byline.inner_text() if byline.count() else ""
        assert "admin" not in text, (persona, text)
        assert "test_user" not in text, (persona, text)
        assert "Von" not in text and "von " not in text, (persona, text)
        journey.shot(page, f"byline-{persona}")


def test_new_person_signs_up_and_is_welcomed(journey, demo_site, demo_inbox):
    address = f"neu-{journey.width}@example.org"
    page = journey.page(None)
    page.goto(demo_site.absolute_url())
    page.locator("#personaltools-join").click()
    page.wait_for_url("**/@@register")
    form = page.locator("#content")
    form.get_by_label("Vor- und Nachname").fill("Nele Neumann")
    form.get_by_label("E-Mail").fill(address)
    journey.shot(page, "sign-up-form")
    form.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/@@registrierung-gesendet")
    confirmation = page.get_by_text("Bitte sehen Sie in Ihr E-Mail-Postfach")
    confirmation.wait_for()
    expect(confirmation).to_be_visible()
    expect(page.get_by_text("Wir haben Ihnen eine E-Mail geschickt.")).to_be_visible()
    journey.shot(page, "sign-up-sent")

    demo_inbox.wait_for(1)
    (message,) = demo_inbox.to(address)
    assert "Registrierung" in subject(message)
    (link,) = [url for url in links(message) if "registrierung-bestaetigen" in url]
    page.goto(link)
    page.get_by_role("button", name="Benutzerkonto anlegen").click()
    page.wait_for_url("**/@@konto-einrichten**")
    heading = page.locator("h1").inner_text()
    assert "Willkommen" in heading and "Passwort festlegen" in heading
    assert "zurücksetzen" not in page.locator("#content").inner_text().lower()
    journey.shot(page, "set-password")
    page.get_by_label("Ihr Passwort").fill("Gartenzwerg-2026")
    page.get_by_label("Passwort wiederholen").fill("Gartenzwerg-2026")
    page.get_by_role("button", name="Passwort festlegen").click()
    page.wait_for_url("**/@@willkommen")
    assert "Willkommen im ZUMO Netzwerk" in page.locator("h1").inner_text()
    content = page.locator("#content").inner_text()
    assert "zurücksetzen" not in content.lower()
    for entry in ("Mein Netzwerk", "Profil und Benachrichtigungen", "Praxisbeispiele"):
        assert entry in content, entry
    assert journey.fits(page)
    journey.shot(page, "welcome")
    page.locator("#content").get_by_role("link", name="Mein Netzwerk").click()
    page.wait_for_url("**/@@mein-netzwerk")
    assert "Nele Neumann" in page.locator("#content").inner_text()


def test_ministry_oversees_reviews_and_statistics(journey, demo_site):
    catalog = api.portal.get_tool("portal_catalog")
    released = catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", review_state="released"
    )
    assert released
    page = journey.page("ministerium")
    page.goto(demo_site.absolute_url())
    _open_personal_menu(page)
    page.locator("#portal-membertools").get_by_role(
        "link", name="Mein Netzwerk"
    ).click()
    page.wait_for_url("**/@@mein-netzwerk")
    oversight = page.locator("section[aria-labelledby='dashboard-oversight']")
    text = oversight.inner_text()
    assert "Freigegebene Gutachten" in text
    for brain in released:
        assert brain.Title in text
    assert "veröffentlichte Praxisbeispiele" in text
    assert journey.fits(page)
    journey.shot(page, "dashboard")
    oversight.get_by_role("link", name="Alle Zahlen in der Statistik").click()
    page.wait_for_url("**/statistik")
