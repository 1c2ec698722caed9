"""kommune-a walks the Regelkreis of seed 003 in Chromium, at a desktop and
a phone width: from the team space to the Kommunalmonitoring, records an
indicator value, adds a row to the Zielmatrix, fills a self-assessment and
sees it beside the panel's released assessment."""

from playwright.sync_api import expect
from plone import api

import pytest


pytestmark = pytest.mark.browser


def test_team_records_and_compares(journey):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    page = journey.page("kommune-a")
    page.goto(brain.getURL())
    page.get_by_role("link", name="Teamraum").click()
    page.get_by_role("link", name="Zum Kommunalmonitoring").click()
    expect(
        page.get_by_role("heading", name="Kommunalmonitoring Tuningen")
    ).to_be_visible()
    assert "Datenbasierte Steuerung durch Kommunalmonitoring" in page.content()
    assert "Einwohnerzahl (Stammdaten)" in page.content()
    expect(page.get_by_text("fällig").first).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "monitoring")

    page.get_by_role("link", name="Mitglieder der Dorfladen-Genossenschaft").click()
    page.get_by_label("Stand").fill("2026-11-30")
    page.get_by_label("Wert", exact=True).fill("viele")
    page.get_by_label("Quelle").fill("Vorstand der Genossenschaft")
    page.get_by_role("button", name="Wert speichern").click()
    expect(page.get_by_text("Bitte geben Sie den Wert als Zahl an")).to_be_visible()
    page.get_by_label("Stand").fill("2026-11-30")
    page.get_by_label("Wert", exact=True).fill("171")
    page.get_by_label("Quelle").fill("Vorstand der Genossenschaft")
    page.get_by_role("button", name="Wert speichern").click()
    expect(page.get_by_text("Der Wert ist gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Zum Kommunalmonitoring").click()
    assert "171" in page.locator("#content").inner_text()

    page.get_by_role("link", name="Zielmatrix Tuningen 2035").click()
    page.get_by_label("Ziel", exact=True).fill("Treffpunkt Ortsmitte")
    page.get_by_label("Maßnahme", exact=True).fill("Café im Dorfladen")
    page.get_by_label("Indikator", exact=True).select_option(
        label="Mitglieder der Dorfladen-Genossenschaft"
    )
    page.get_by_label("Zielwert", exact=True).fill("3 Veranstaltungen im Monat")
    page.get_by_label("Prüftermin", exact=True).fill("2027-06-30")
    page.get_by_role("button", name="Zeile hinzufügen").click()
    expect(
        page.get_by_text("Die Zeile ist der Zielmatrix hinzugefügt.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Café im Dorfladen")).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "zielmatrix")

    page.get_by_role("link", name="Zum Kommunalmonitoring").click()
    page.get_by_role("link", name="Selbsteinschätzung ausfüllen").click()
    page.get_by_label("Titel").fill("Selbsteinschätzung Dezember")
    for title, score in (
        ("Politische Legitimation sichern", "3 – weitgehend erfüllt"),
        ("Planungskonzept entwickeln", "3 – weitgehend erfüllt"),
        ("Vernetzung gestalten", "4 – vollständig erfüllt"),
        ("Ressourcen bündeln", "2 – in Ansätzen erfüllt"),
        ("Aktivierung + Beteiligung sichern", "4 – vollständig erfüllt"),
        ("Evaluation und Qualitätssicherung", "3 – weitgehend erfüllt"),
    ):
        page.get_by_label(title, exact=True).select_option(label=score)
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    page.get_by_role("link", name="Zum Kommunalmonitoring").click()
    table = page.get_by_role("table", name="Selbsteinschätzungen des Teams")
    text = table.inner_text()
    assert "Gremium:" in text
    assert "Gutachten Tuningen: Handlungskonzept 2035" in text
    assert text.count("Team,") == 3
    assert journey.fits(page)
    journey.shot(page, "vergleich")
