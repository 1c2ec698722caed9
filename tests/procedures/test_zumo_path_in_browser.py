"""Kommune-a walks the ZUMO path of seed 000 in its team space, in Debian's
Chromium at a desktop and a phone width; the institute sets the selection.

The demo's Tuningen has walked the whole pilot phase (2024); the journey
starts from a Tuningen that has documented none of the steps yet.
"""

from playwright.sync_api import expect
from plone import api
from zumo.content import procedures

import pytest
import transaction


pytestmark = pytest.mark.browser

#: "Ausschreibung zur Bewerbung als Modellkommune und Situationsanalyse."
#: (seed 000, line 109)
SITUATIONSANALYSE = (
    "Ausschreibung zur Bewerbung als Modellkommune und Situationsanalyse."
)
#: "Das Umsetzungskonzept der Modellkommunen beinhaltet auch die Verstetigung
#: und das Übertragbarmachen über die Modellkommunen hinaus." (line 114)
UMSETZUNGSKONZEPT = "Das Umsetzungskonzept der Modellkommunen beinhaltet auch die Verstetigung und das Übertragbarmachen über die Modellkommunen hinaus."


@pytest.fixture
def tuningen(demo_site):
    """Tuningen with none of its ZUMO steps documented."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    place = brain._unrestrictedGetObject()
    with api.env.adopt_roles(["Manager"]):
        for step in procedures.procedure("zumo")["steps"]:
            for record in procedures.records(place, "zumo", step["id"]):
                api.content.delete(obj=record, check_linkintegrity=False)
    transaction.commit()
    return place


def step_item(page, step_id):
    """The list item of a step on the path's page."""
    return page.locator(f"#step-zumo-{step_id}")


def test_kommune_a_walks_the_zumo_path(journey, tuningen, tmp_path):
    page = journey.page("kommune-a")
    page.goto(f"{tuningen.absolute_url()}/@@teamraum")
    page.get_by_role("link", name="Unser Weg im Programm").click()
    expect(page.get_by_role("heading", name="ZUMO – Pilotphase")).to_be_visible()
    situation = step_item(page, "situationsanalyse")
    assert "Stand: Offen" in " ".join(situation.inner_text().split())
    assert f"„{SITUATIONSANALYSE}“" in situation.inner_text()
    assert "Quelle: ZUMO - Moderierende für Zukunftsfragen" in situation.inner_text()
    assert "(Zeile 109)" in situation.inner_text()
    assert journey.fits(page)
    journey.shot(page, "path")

    # The selection is the institute's: no button for the team.
    selection = step_item(page, "auswahl")
    assert selection.get_by_role("link", name="Schritt dokumentieren").count() == 0
    assert "dokumentiert das Institut" in selection.inner_text()

    situation.get_by_role("link", name="Schritt dokumentieren").click()
    expect(page.get_by_label("Titel")).to_have_value("Situationsanalyse")
    page.get_by_label("Stand").select_option("abgeschlossen")
    page.get_by_label("Datum").first.fill("2024-03-22")
    page.get_by_role("button", name="Sichern").click()
    expect(page.get_by_text("Was das Programm dazu sagt")).to_be_visible()
    assert SITUATIONSANALYSE in page.content()

    # A file inside the step.
    step_url = page.url
    report = tmp_path / "situationsanalyse.txt"
    report.write_text("Bestand und Lücken in Tuningen.", encoding="utf-8")
    page.get_by_role("link", name="Datei hochladen").click()
    page.get_by_label("Titel").fill("Bericht zur Situationsanalyse")
    page.locator("input[type=file]").set_input_files(str(report))
    with page.expect_navigation():  # the save is done before the next page
        page.get_by_role("button", name="Sichern").click()
    page.goto(step_url)
    expect(
        page.get_by_role("link", name="Bericht zur Situationsanalyse")
    ).to_be_visible()

    page.goto(f"{tuningen.absolute_url()}/@@teamraum")
    page.get_by_role("link", name="Unser Weg im Programm").click()
    situation = step_item(page, "situationsanalyse")
    assert "Stand: Abgeschlossen am 22.03.2024" in " ".join(
        situation.inner_text().split()
    )
    assert situation.get_by_role("link", name="Öffnen").count() == 1

    concept = step_item(page, "umsetzungskonzept")
    assert UMSETZUNGSKONZEPT in concept.inner_text()
    concept.get_by_role("link", name="Schritt dokumentieren").click()
    expect(page.get_by_label("Art des Konzepts")).to_have_value("umsetzungskonzept")
    with page.expect_navigation():  # the save is done before the next page
        page.get_by_role("button", name="Sichern").click()
    page.goto(f"{tuningen.absolute_url()}/@@verfahren")
    concept = step_item(page, "umsetzungskonzept")
    assert "Stand: In Arbeit" in " ".join(concept.inner_text().split())
    journey.shot(page, "documented")

    institute = journey.page("institut")
    institute.goto(f"{tuningen.absolute_url()}/@@verfahren")
    selection = step_item(institute, "auswahl")
    selection.get_by_role("link", name="Schritt dokumentieren").click()
    institute.get_by_label("Stand").select_option("abgeschlossen")
    institute.get_by_label("Datum").first.fill("2024-04-05")
    with institute.expect_navigation():  # the save is done before the next page
        institute.get_by_role("button", name="Sichern").click()
    institute.goto(f"{tuningen.absolute_url()}/@@verfahren")
    assert "Stand: Abgeschlossen am 05.04.2024" in " ".join(
        step_item(institute, "auswahl").inner_text().split()
    )
    assert journey.fits(institute)
