"""Mentoring groups: the five ZWK steps as milestones with notes and progress."""

from plone import api
from zumo.content.relations import relation_to

import datetime
import pytest
import re


@pytest.fixture
def group(manager, municipality):
    """A mentoring group with two steps reached and notes."""
    return api.content.create(
        container=manager["mentoring"],
        type="MentoringGroup",
        id="alb",
        title="Mentoring-Gruppe Alb",
        mentees=[relation_to(municipality)],
        milestone_kickoff_status="erreicht",
        milestone_kickoff_date=datetime.date(2025, 2, 3),
        milestone_kickoff_notes="Auftakt im Rathaus.\nProtokoll liegt in der Gruppe.",
        milestone_kommunalprofil_status="erreicht",
        milestone_zukunftswerkstatt_status="in_arbeit",
        milestone_zukunftswerkstatt_notes="Termin im Juni.",
    )


def test_milestones_with_notes_and_progress(group):
    steps = group.milestones()
    assert [step["title"] for step in steps] == [
        "Kick-off", "Kommunalprofil", "Zukunftswerkstatt", "Werkstattplan",
        "Zwischenbilanz",
    ]  # fmt: skip
    assert steps[0]["notes"].startswith("Auftakt im Rathaus.")
    assert steps[2]["notes"] == "Termin im Juni."
    assert steps[3]["notes"] == ""
    assert [step["done"] for step in steps] == [True, True, False, False, False]
    assert group.progress() == (2, 5)


def test_group_page_shows_progress(group):
    page = group.restrictedTraverse("@@mentoring-group-view")()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "2 von 5 Schritten erreicht" in text
    assert '<progress class="zumo-progress mb-3"' in page
    assert 'value="2"' in page and 'max="5"' in page
    for text in ("Schritte", "Auftakt im Rathaus.", "Termin im Juni.", "03.02.2025",
                 "In Arbeit", "Erreicht", "Offen"):  # fmt: skip
        assert text in page, text


def test_overview_for_the_institute(manager, group):
    """The overview lists each group with mentees and the steps' states."""
    page = manager.restrictedTraverse("@@mentoring-uebersicht")()
    assert "Fortschritt der Mentoring-Gruppen" in page
    assert "Mentoring-Gruppe Alb" in page
    assert "Gomadingen" in page
    assert "2/5" in page


def test_a_large_space_lists_a_page_at_a_time(group):
    """A space shows its documents 20 at a time with Plone's page navigation."""
    for number in range(25):
        api.content.create(
            container=group, type="Document", id=f"protokoll-{number:02d}",
            title=f"Protokoll {number:02d}",
        )  # fmt: skip

    request = group.REQUEST

    def listed():
        page = api.content.get_view("mentoring-group-view", group, request)()
        listing = page.split('class="zumo-contents', 1)[1].split("</ul>", 1)[0]
        return page, re.findall(r"Protokoll \d\d", listing)

    page, titles = listed()
    assert titles == [f"Protokoll {number:02d}" for number in range(20)]
    assert "b_start:int=20" in page
    request.form["b_start"] = "20"
    assert listed()[1] == [f"Protokoll {number:02d}" for number in range(20, 25)]
    request.form["b_start"] = "kaputt"
    assert listed()[1][0] == "Protokoll 00"
