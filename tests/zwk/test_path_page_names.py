"""The names the institute sets for the ZWK stages (``/mentoring/@@schrittnamen``)
are the names a municipality's path shows (``@@verfahren``, ``@verfahren``),
each with the note whose name it is: never the generic note, never as the
ZWK's (seed 002 names none of the stages)."""

from plone import api
from zumo.content.step_names import RECORD

import transaction


KICKOFF = "Auftakt im Rathaus"
SET = "vom Institut festgelegt, eigene Festlegung des Netzwerks"
WORKING = "Arbeitstitel, eigene Festlegung des Netzwerks"


def _zwk_municipality(objects):
    """The scenario's team space as a ZWK municipality, the first stage
    named by the institute (committed for the served site)."""
    team = objects["municipality_published"]
    team.programmes = ["zwk"]
    api.portal.set_registry_record(RECORD, {"zwk_kickoff": KICKOFF})
    transaction.commit()
    return team


def _step_html(page, step_id):
    """The list item of ``step_id`` on the path page, as HTML."""
    start = page.index(f'id="step-zwk-{step_id}"')
    return page[start : page.index("</li>", start)]


def test_the_path_page_shows_the_names_the_institute_set(
    served_scenario, persona_request
):
    _portal, objects = served_scenario
    team = _zwk_municipality(objects)
    page = persona_request("institut").get(f"{team.absolute_url()}/@@verfahren")
    assert page.status_code == 200
    kickoff = _step_html(page.text, "zwk_kickoff")
    assert f">{KICKOFF}</h3>" in kickoff
    assert SET in kickoff and WORKING not in kickoff
    assert "Kick-off" not in kickoff
    profile = _step_html(page.text, "zwk_kommunalprofil")
    assert ">Kommunalprofil</h3>" in profile
    assert WORKING in profile and SET not in profile
    # The generic note gives way to the one that says whose name it is.
    assert ">eigene Festlegung des Netzwerks<" not in kickoff + profile


def test_the_rest_path_gives_the_same_names(served_scenario, persona_request):
    _portal, objects = served_scenario
    team = _zwk_municipality(objects)
    answer = persona_request("institut").get(
        f"{team.absolute_url()}/@verfahren", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200
    (path,) = [p for p in answer.json()["paths"] if p["id"] == "zwk"]
    steps = {step["id"]: step for step in path["steps"]}
    assert steps["zwk_kickoff"]["title"] == KICKOFF
    assert steps["zwk_kickoff"]["term_note"] == SET
    assert steps["zwk_kommunalprofil"]["title"] == "Kommunalprofil"
    assert steps["zwk_kommunalprofil"]["term_note"] == WORKING
    # Only the ZWK stages are the institute's to name.
    (zumo,) = [p for p in answer.json()["paths"] if p["id"] == "zumo"]
    assert {step["term_note"] for step in zumo["steps"]} == {None}
