"""A path's state: each step offen, in Arbeit or abgeschlossen with its date."""

from plone import api
from tests.fixtures.builders import html
from zope.interface import alsoProvides
from zumo.content import procedures
from zumo.content.interfaces import IZumoContentLayer

import datetime
import pytest


TODAY = datetime.date(2026, 12, 7)


def states(municipality):
    """``{step id: (status, date)}`` of the municipality's ZUMO path."""
    path = procedures.path_state(municipality, "zumo", today=TODAY)
    return {step["id"]: (step["status"], step["date"]) for step in path["steps"]}


def test_every_step_is_open_without_records(municipality):
    """A new municipality has documented nothing."""
    assert set(states(municipality).values()) == {("offen", None)}


def test_a_procedure_step_says_its_status(municipality):
    """A Verfahrensschritt documents its step with its own status and date."""
    api.content.create(container=municipality, type="ProcedureStep",
                       title="Situationsanalyse", procedure="zumo",
                       step="situationsanalyse", status="in_arbeit",
                       date=datetime.date(2024, 3, 1))  # fmt: skip
    assert states(municipality)["situationsanalyse"] == (
        "in_arbeit",
        datetime.date(2024, 3, 1),
    )
    api.content.create(container=municipality, type="ProcedureStep",
                       title="Situationsanalyse abgeschlossen", procedure="zumo",
                       step="situationsanalyse", status="abgeschlossen",
                       date=datetime.date(2024, 4, 2))  # fmt: skip
    assert states(municipality)["situationsanalyse"] == (
        "abgeschlossen",
        datetime.date(2024, 4, 2),
    )
    assert states(municipality)["auswahl"] == ("offen", None)


@pytest.mark.parametrize(
    "day,status",
    [
        (datetime.date(2024, 6, 12), "abgeschlossen"),
        (datetime.date(2027, 1, 20), "in_arbeit"),
    ],
)
def test_a_workshop_is_done_once_held(municipality, day, status):
    """A focus group counts for its step by format; one ahead is in work."""
    api.content.create(container=municipality, type="FutureWorkshop",
                       title="Fokusgruppe Jugend", date=day,
                       workshop_format="fokusgruppe")  # fmt: skip
    found = states(municipality)
    assert found["fokusgruppen"] == (status, day)
    assert found["start_workshop"] == ("offen", None)


def test_a_zukunftswerkstatt_is_no_zumo_step(municipality):
    """A Zukunftswerkstatt (seed 001/002) documents none of ZUMO's steps."""
    api.content.create(container=municipality, type="FutureWorkshop",
                       title="Zukunftswerkstatt", date=datetime.date(2024, 6, 1),
                       workshop_format="zukunftswerkstatt")  # fmt: skip
    assert set(states(municipality).values()) == {("offen", None)}


def test_the_umsetzungskonzept_is_done_once_adopted(municipality):
    """An Umsetzungskonzept is in work until adopted; a Handlungskonzept is
    not the ZUMO step."""
    api.content.create(container=municipality, type="ActionPlan",
                       title="Handlungskonzept", plan_kind="handlungskonzept")  # fmt: skip
    assert states(municipality)["umsetzungskonzept"] == ("offen", None)
    plan = api.content.create(container=municipality, type="ActionPlan",
                              title="Umsetzungskonzept",
                              plan_kind="umsetzungskonzept",
                              strategies=html("Ein ZUMO-Team."))  # fmt: skip
    status, day = states(municipality)["umsetzungskonzept"]
    assert status == "in_arbeit"
    assert day is not None
    plan.adopted = datetime.date(2024, 11, 20)
    assert states(municipality)["umsetzungskonzept"] == (
        "abgeschlossen",
        datetime.date(2024, 11, 20),
    )


def test_records_of_another_municipality_do_not_count(manager, municipality):
    """Only the records in the municipality's own team space count."""
    other = api.content.create(container=manager["kommunen"], type="Municipality",
                               id="gomaringen", title="Gomaringen",
                               programmes=["zumo"])  # fmt: skip
    api.content.create(container=other, type="ProcedureStep", title="Analyse",
                       procedure="zumo", step="situationsanalyse",
                       status="abgeschlossen")  # fmt: skip
    assert states(municipality)["situationsanalyse"] == ("offen", None)
    assert states(other)["situationsanalyse"][0] == "abgeschlossen"


def test_paths_follow_the_programmes(municipality):
    """A municipality walks the paths of its programmes."""
    assert procedures.procedures_of(municipality) == ["zumo"]
    municipality.programmes = ["koquma"]
    assert procedures.procedures_of(municipality) == []


def test_the_step_page_quotes_the_document(municipality):
    """A Verfahrensschritt shows its path, step and state and the words of
    seed 000 that name it, with their source and line."""
    step = api.content.create(container=municipality, type="ProcedureStep",
                              title="Analyse", procedure="zumo",
                              step="situationsanalyse", status="abgeschlossen",
                              date=datetime.date(2024, 3, 22))  # fmt: skip
    alsoProvides(step.REQUEST, IZumoContentLayer)
    page = " ".join(step.restrictedTraverse("procedure-step-view")().split())
    assert "ZUMO – Pilotphase" in page
    assert "Abgeschlossen" in page
    assert "22.03.2024" in page
    assert (
        "„Ausschreibung zur Bewerbung als Modellkommune und Situationsanalyse.“" in page
    )
    assert "Quelle: ZUMO - Moderierende für Zukunftsfragen" in page
    assert "(Zeile 109)" in page
    # every municipality has a step of this name: the tab names whose it is
    view = step.restrictedTraverse("procedure-step-view")
    assert view.page_title() == f"Analyse – {municipality.Title()}"
