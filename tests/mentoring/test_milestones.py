"""A mentoring group's members update its milestones from the group page:
a step's status and date, recorded with who and when, without the right to
change the rest of the group."""

from datetime import date
from tests.fixtures.http import csrf_token
from zumo.policy.spaces import milestones
from zumo.policy.testing.scenario import api_url

import pytest
import transaction


def _post(session, group, **values):
    token = csrf_token(session, group.absolute_url())
    return session.post(
        f"{group.absolute_url()}/@@meilenstein-aktualisieren",
        data=dict(values, _authenticator=token),
        allow_redirects=False,
    )


def test_a_member_updates_a_milestone(served_scenario, persona_request):
    portal, objects = served_scenario
    group = objects["group"]
    session = persona_request("kommune-a")
    page = session.get(group.absolute_url())
    assert "Meilenstein aktualisieren" in page.text

    answer = _post(
        session, group, step="kommunalprofil", status="erreicht", date="2026-03-01"
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(group.absolute_url())
    page = session.get(group.absolute_url())
    assert "Der Meilenstein „Kommunalprofil“ ist aktualisiert." in page.text
    assert "01.03.2026" in page.text
    assert "Letzte Änderungen" in page.text

    transaction.begin()
    assert group.milestone_kommunalprofil_status == "erreicht"
    assert group.milestone_kommunalprofil_date == date(2026, 3, 1)
    (change,) = milestones.changes(group)
    assert change["userid"] == "kommune-a"
    assert change["step"] == "kommunalprofil"
    assert change["time"].tzinfo is not None


def test_bad_input_changes_nothing(served_scenario, persona_request):
    portal, objects = served_scenario
    group = objects["group"]
    session = persona_request("kommune-a")
    for values, message in (
        ({"step": "kickoff", "status": "fertig"}, "Bitte wählen Sie einen Stand"),
        ({"step": "nichts", "status": "erreicht"}, "Diesen Schritt gibt es nicht"),
        ({"step": "kickoff", "status": "erreicht", "date": "31.02."}, "kein gültiges Datum"),
    ):  # fmt: skip
        answer = _post(session, group, **values)
        assert answer.status_code == 302
        assert message in session.get(group.absolute_url()).text
    assert session.get(
        f"{group.absolute_url()}/@@meilenstein-aktualisieren?step=kickoff&status=erreicht",
        allow_redirects=False,
    ).status_code == 302  # fmt: skip
    transaction.begin()
    assert group.milestone_kickoff_status in (None, "offen")
    assert milestones.changes(group) == []


def test_members_change_nothing_else(served_scenario, persona_request):
    portal, objects = served_scenario
    group = objects["group"]
    session = persona_request("kommune-a")
    edit = session.get(f"{group.absolute_url()}/@@edit", allow_redirects=False)
    assert edit.status_code in (302, 401, 403)
    patch = session.patch(
        api_url(portal, group),
        json={"facilitators": ["Jemand"]},
        headers={"Accept": "application/json"},
    )
    assert patch.status_code in (401, 403)
    transaction.begin()
    assert "Jemand" not in (group.facilitators or [])


@pytest.mark.parametrize(
    "persona", ["kommune-b", "ministerium", "buerger", "anonymous"]
)
def test_nobody_else_updates(served_scenario, persona_request, persona):
    portal, objects = served_scenario
    group = objects["group"]
    session = persona_request(persona)
    answer = session.post(
        f"{group.absolute_url()}/@@meilenstein-aktualisieren",
        data={"step": "kickoff", "status": "erreicht"},
        allow_redirects=False,
    )
    assert answer.status_code in (302, 401, 403)
    assert "login" in answer.headers.get("Location", "login")
    if persona == "ministerium":  # reads the group, without the form
        page = session.get(group.absolute_url())
        assert page.status_code == 200
        assert "Meilenstein aktualisieren" not in page.text
    transaction.begin()
    assert milestones.changes(group) == []
