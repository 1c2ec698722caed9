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
