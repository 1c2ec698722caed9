"""Each ZWK municipality walks its own path in five stages toward its
Demografiestrategie (seed 002: „Fünfstufen-Systematik zur Entwicklung einer
individuellen Demografiestrategie“), the Zukunftswerkstatt one of them; a
mentoring group shows its municipalities' paths side by side, and the old
group milestones move to the mentees' paths."""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta
from plone import api
from zope.annotation.interfaces import IAnnotations
from zumo.content import procedures
from zumo.content.mentoring_group import member_paths
from zumo.policy.spaces.mentoring_paths import CHANGES
from zumo.policy.spaces.mentoring_paths import migrate_group_milestones

import pytest


SEED_LINE_19 = (
    "einem zentralen Beteiligungsformat im Rahmen der Fünfstufen-Systematik zur "
    "Entwicklung einer individuellen Demografiestrategie"
)


def render(obj):
    """Render the default view of ``obj`` as the current user."""
    return api.content.get_view(obj.getLayout(), obj, obj.REQUEST)()


def test_the_path_quotes_its_source():
    """The path's five stages: only the Zukunftswerkstatt is quoted from the
    source; every stage's name is the network's own."""
    path = procedures.procedure("zwk")
    assert path["source"]["seed"] == "002"
    assert [step["id"] for step in path["steps"]] == [
        "zwk_kickoff", "zwk_kommunalprofil", "zwk_zukunftswerkstatt",
        "zwk_werkstattplan", "zwk_zwischenbilanz",
    ]  # fmt: skip
    assert all(step["own"] for step in path["steps"])
    (quote,) = path["steps"][2]["quotes"]
    assert quote["seed"] == "002" and quote["line"] == 19
    assert SEED_LINE_19 in quote["quote"]
    assert path["steps"][2]["record"] == {
        "portal_type": "FutureWorkshop", "workshop_format": "zukunftswerkstatt",
    }  # fmt: skip


def test_each_municipality_has_its_own_path_state(members):
    """A Zukunftswerkstatt held and a stage in work count for the
    municipality that documented them only."""
    hayingen = members["Hayingen"]
    api.content.create(container=hayingen, type="ProcedureStep", title="Kick-off",
                       procedure="zwk", step="zwk_kickoff", status="abgeschlossen",
                       date=date(2025, 3, 1))  # fmt: skip
    api.content.create(container=hayingen, type="FutureWorkshop", title="ZW",
                       workshop_format="zukunftswerkstatt",
                       date=date.today() - timedelta(days=3))  # fmt: skip
    state = {
        s["id"]: s["status"] for s in procedures.path_state(hayingen, "zwk")["steps"]
    }
    assert state == {
        "zwk_kickoff": "abgeschlossen", "zwk_kommunalprofil": "offen",
        "zwk_zukunftswerkstatt": "abgeschlossen", "zwk_werkstattplan": "offen",
        "zwk_zwischenbilanz": "offen",
    }  # fmt: skip
    other = procedures.path_state(members["Blumberg"], "zwk")["steps"]
    assert {s["status"] for s in other} == {"offen"}
    assert "zwk" in procedures.procedures_of(hayingen)


def test_the_group_shows_the_paths_side_by_side(group, members):
    api.content.create(container=members["Blumberg"], type="ProcedureStep",
                       title="Kick-off", procedure="zwk", step="zwk_kickoff",
                       status="abgeschlossen", date=date(2025, 3, 1), demo=True)  # fmt: skip
    rows = member_paths(
        [("Mentee", members["Blumberg"]), ("Mentee", members["Hayingen"])]
    )
    assert rows[0]["steps"][0] == {"status": "abgeschlossen", "date": date(2025, 3, 1)}
    assert rows[0]["demo"] and not rows[1]["demo"]
    page = render(group)
    table = page[page.index('<table class="table zumo-member-paths') :]
    table = table[: table.index("</table>")]
    assert "<caption" in table and "Stand und Datum je Stufe" in table
    assert page.index("Münsingen") < page.index("Hayingen")
    assert table.count('<th scope="row">') == 3
    assert "01.03.2025" in table and "Abgeschlossen" in table
    assert "Demo-Inhalt" in table
    assert table.count("Arbeitstitel, eigene Festlegung des Netzwerks") == 5
    assert 'class="zumo-table-scroll"' in page
    assert "Die Wege der Kommunen" in page


def test_no_screen_calls_the_names_the_zwks(group, manager):
    """Group page, the institute's overview, /mentoring and the name form:
    nowhere „ZWK-Schritte“ or the names as the ZWK's."""
    pages = [
        render(group),
        manager.restrictedTraverse("@@mentoring-uebersicht")(),
        manager["mentoring"].restrictedTraverse("@@mentoring-view")(),
        manager["mentoring"].restrictedTraverse("@@schrittnamen")(),
    ]
    for page in pages:
        assert "ZWK-Schritt" not in page
        assert "fünf ZWK" not in page
    assert "Arbeitstitel, eigene Festlegung des Netzwerks" in pages[1]


@pytest.mark.parametrize("demo", [False, True])
def test_group_milestones_move_to_the_mentees_paths(group, members, demo):
    """What a group had recorded becomes the mentees' records (a
    Verfahrensschritt, the Zukunftswerkstatt as a workshop); a stage a mentee
    has documented keeps its record; the group's change record is gone."""
    group.demo = demo
    group.milestone_kickoff_status = "erreicht"
    group.milestone_kickoff_date = date(2025, 2, 3)
    group.milestone_kickoff_notes = "Auftakt im Rathaus."
    group.milestone_zukunftswerkstatt_status = "in_arbeit"
    group.milestone_werkstattplan_status = "offen"
    IAnnotations(group)[CHANGES] = [{"userid": "kommune-a"}]
    own = api.content.create(container=members["Blumberg"], type="ProcedureStep",
                             title="Eigener Auftakt", procedure="zwk",
                             step="zwk_kickoff", status="in_arbeit")  # fmt: skip

    assert migrate_group_milestones(api.portal.get()) == 3

    hayingen = procedures.path_state(members["Hayingen"], "zwk")["steps"]
    assert hayingen[0]["status"] == "abgeschlossen"
    assert hayingen[0]["date"] == date(2025, 2, 3)
    (record,) = hayingen[0]["records"]
    assert "Übernommen aus der Mentoring-Gruppe „Gruppe Alb“" in record.notes.output
    assert "Auftakt im Rathaus." in record.notes.output
    assert bool(record.demo) is demo
    assert hayingen[2]["status"] == "in_arbeit"
    assert hayingen[2]["records"][0].portal_type == "FutureWorkshop"
    assert hayingen[3]["status"] == "offen" and not hayingen[3]["records"]
    blumberg = procedures.path_state(members["Blumberg"], "zwk")["steps"]
    assert blumberg[0]["records"] == [own]
    assert not procedures.path_state(members["Münsingen"], "zwk")["steps"][0]["records"]
    assert CHANGES not in IAnnotations(group)
    assert not [name for name in vars(aq_base(group)) if name.startswith("milestone_")]
    assert migrate_group_milestones(api.portal.get()) == 0
