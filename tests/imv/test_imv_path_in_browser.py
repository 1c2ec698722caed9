"""The start of the Integriertes Managementverfahren (seed 001) walked in
Debian's Chromium at a desktop and a phone width: the institute names
Tuningen's external process facilitator, the facilitator documents the
council's mandate in Tuningen's team space, and kommune-a sees it on its
path.

The demo's Tuningen already has its mandate and its facilitator; the
journey starts from a Tuningen that has neither.
"""

from playwright.sync_api import expect
from plone import api
from zumo.content import procedures
from zumo.policy.spaces import roster

import pytest
import transaction


pytestmark = pytest.mark.browser

#: „Ausgehend von einem klar definierten Mandat …“ (seed 001, line 11)
MANDATE = "Ausgehend von einem klar definierten Mandat"
#: „Hierzu erhält jede Kommune eine professionelle externe
#: Prozessbegleitung …“ (seed 001, line 11)
FACILITATION = (
    "Hierzu erhält jede Kommune eine professionelle externe Prozessbegleitung"
)
FACILITATOR = "Petra Begleitung (Demo)"


@pytest.fixture
def tuningen(demo_site):
    """Tuningen without its mandate and without a process facilitator."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    place = brain._unrestrictedGetObject()
    with api.env.adopt_roles(["Manager"]):
        for record in procedures.records(place, "imv", "imv_mandat"):
            api.content.delete(obj=record, check_linkintegrity=False)
        roster.remove_facilitator(place, "begleitung")
    transaction.commit()
    return place


def step_item(page, step_id):
    """The list item of a step on the path's page."""
    return page.locator(f"#step-imv-{step_id}")


def step_text(page, step_id):
    """The text of a step on the path's page, whitespace collapsed."""
    return " ".join(step_item(page, step_id).inner_text().split())


def click(page, locator):
    """Click ``locator`` and wait for the page it opens."""
    with page.expect_navigation():
        locator.click()


def open_my_network(page):
    """Open "Mein Netzwerk" from the personal menu (at a phone's width under
    the person icon of Plone's toolbar)."""
    link = page.get_by_role("link", name="Mein Netzwerk")
    if not link.first.is_visible():
        name = page.get_by_role("link", name=FACILITATOR)
        if name.count() and name.first.is_visible():
            name.first.click()
        else:
            page.locator("#personaltools-menulink").click()
    click(page, link.first)


def test_institute_names_facilitator_who_documents_the_mandate(
    journey, tuningen, tmp_path
):
    institute = journey.page("institut")
    institute.goto(tuningen.absolute_url())
    click(institute, institute.get_by_role("link", name="Teamraum", exact=True))
    expect(institute.get_by_role("heading", name="Teamraum Tuningen")).to_be_visible()
    expect(
        institute.get_by_text(
            "Für diese Kommune ist noch keine Prozessbegleitung benannt."
        )
    ).to_be_visible()
    click(
        institute,
        institute.get_by_role("link", name="Mitglieder verwalten und einladen"),
    )
    expect(
        institute.get_by_role("heading", name="Externe Prozessbegleitung")
    ).to_be_visible()
    expect(institute.get_by_text(FACILITATION)).to_be_visible()
    institute.get_by_label("Prozessbegleitung benennen").select_option("begleitung")
    click(institute, institute.get_by_role("button", name="Benennen"))
    facilitation = institute.locator("section[aria-labelledby=facilitator-heading]")
    expect(facilitation.get_by_text(FACILITATOR)).to_be_visible()
    expect(
        facilitation.get_by_role("button", name="Prozessbegleitung beenden")
    ).to_be_visible()
    assert journey.fits(institute)
    journey.shot(institute, "named")

    page = journey.page("begleitung")
    page.goto(api.portal.get().absolute_url())
    open_my_network(page)
    spaces = page.locator("section[aria-labelledby=dashboard-spaces]")
    click(page, spaces.get_by_role("link", name="Tuningen"))
    click(page, page.get_by_role("link", name="Teamraum", exact=True))
    expect(
        page.get_by_text("Nur Ihr Team, Ihre Prozessbegleitung und das Institut")
    ).to_be_visible()
    # The facilitator works in the space; the roster is not its to manage.
    assert (
        page.get_by_role("link", name="Mitglieder verwalten und einladen").count() == 0
    )
    click(page, page.get_by_role("link", name="Unser Weg im Programm"))
    expect(
        page.get_by_role("heading", name="Integriertes Managementverfahren")
    ).to_be_visible()
    assert "Stand: Offen" in step_text(page, "imv_mandat")
    assert MANDATE in step_text(page, "imv_mandat")
    assert "Stand: Abgeschlossen" in step_text(page, "imv_prozessbegleitung")
    assert journey.fits(page)
    journey.shot(page, "path-before")

    click(
        page,
        step_item(page, "imv_mandat").get_by_role("link", name="Schritt dokumentieren"),
    )
    page.get_by_label("Stand").select_option("abgeschlossen")
    page.get_by_label("Beschlossen von").fill("Gemeinderat")
    page.locator("input[name='form.widgets.date']").fill("2025-06-16")
    journey.shot(page, "form")
    click(page, page.get_by_role("button", name="Sichern"))
    expect(page.get_by_text("Was das Programm dazu sagt")).to_be_visible()
    expect(page.get_by_text("Gemeinderat", exact=True).first).to_be_visible()
    step_url = page.url

    decision = tmp_path / "beschluss.txt"
    decision.write_text(
        "Der Gemeinderat erteilt das Mandat für ein integriertes Handlungskonzept.",
        encoding="utf-8",
    )
    click(page, page.get_by_role("link", name="Datei hochladen"))
    page.get_by_label("Titel").fill("Beschluss des Gemeinderats")
    page.locator("input[type=file]").set_input_files(str(decision))
    click(page, page.get_by_role("button", name="Sichern"))
    page.goto(step_url)
    expect(page.get_by_role("link", name="Beschluss des Gemeinderats")).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "mandate")

    team = journey.page("kommune-a")
    team.goto(f"{tuningen.absolute_url()}/@@teamraum")
    click(team, team.get_by_role("link", name="Unser Weg im Programm"))
    expect(step_item(team, "imv_mandat")).to_be_visible()
    assert "Stand: Abgeschlossen am 16.06.2025" in step_text(team, "imv_mandat")
    mandate = step_item(team, "imv_mandat")
    click(team, mandate.get_by_role("link", name="Öffnen"))
    expect(team.get_by_role("link", name="Beschluss des Gemeinderats")).to_be_visible()
    assert journey.fits(team)
    journey.shot(team, "seen-by-team")
