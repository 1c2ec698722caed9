"""The names of the five stages of the ZWK path are the institute's to set
(seed 002 names the „Fünfstufen-Systematik“ but none of its stages); until
it does, the working titles are shown as the network's own."""

from tests.fixtures.http import csrf_token
from zope.globalrequest import getRequest
from zumo.content.step_names import named_steps
from zumo.content.step_names import RECORD

import pytest
import transaction


FORM = "mentoring/@@schrittnamen"

WORKING_TITLES = [
    "Kick-off",
    "Kommunalprofil",
    "Zukunftswerkstatt",
    "Werkstattplan",
    "Zwischenbilanz",
]


def _post(session, portal, **names):
    url = f"{portal.absolute_url()}/{FORM}"
    token = csrf_token(session, url)
    data = {f"name_{step}": name for step, name in names.items()}
    return session.post(url, data=dict(data, _authenticator=token))


def _names(portal):
    """The names set, as committed (the test's request caches registry
    values, as Plone does for a request)."""
    transaction.begin()
    getRequest().other.pop("_plone_registry_cache", None)
    return portal.portal_registry.get(RECORD) or {}


def test_working_titles_are_marked_as_the_networks(scenario):
    """Until the institute sets names, each stage shows its working title,
    labelled as the network's own."""
    steps = named_steps()
    assert [step["title"] for step in steps] == WORKING_TITLES
    for step in steps:
        assert not step["set"]
        assert "Arbeitstitel, eigene Festlegung des Netzwerks" in step["note"].default


def test_the_institute_names_the_stages(served_scenario, persona_request):
    portal, _objects = served_scenario
    session = persona_request("institut")
    page = session.get(FORM)
    assert page.status_code == 200
    assert "Arbeitstitel, eigene Festlegung des Netzwerks" in page.text
    answer = _post(
        session, portal, zwk_kickoff="Auftakt im Rathaus", zwk_kommunalprofil=""
    )
    assert answer.status_code == 200
    assert "Die Namen der Stufen sind gespeichert." in answer.text
    assert 'value="Auftakt im Rathaus"' in answer.text
    assert "vom Institut festgelegt, eigene Festlegung des Netzwerks" in answer.text
    assert _names(portal) == {"zwk_kickoff": "Auftakt im Rathaus"}
    steps = named_steps()
    assert steps[0]["title"] == "Auftakt im Rathaus" and steps[0]["set"]
    assert steps[1]["title"] == "Kommunalprofil" and not steps[1]["set"]
    # An empty field gives the stage its working title back.
    answer = _post(persona_request("institut"), portal, zwk_kickoff="")
    assert "Die Namen der Stufen sind gespeichert." in answer.text
    assert 'value="Auftakt im Rathaus"' not in answer.text, "form"
    assert _names(portal) == {}


@pytest.mark.parametrize(
    "names, message",
    [
        ({"zwk_kickoff": "x" * 61}, "ist zu lang: höchstens 60 Zeichen"),
        ({"zwk_kickoff": "Auftakt\nim Rathaus"}, "keine Zeilenumbrüche"),
        ({"zwk_kickoff": "Kommunalprofil"}, "Zwei Stufen heißen „Kommunalprofil“"),
        (
            {"zwk_werkstattplan": "Plan", "zwk_zwischenbilanz": "plan"},
            "Zwei Stufen heißen",
        ),
    ],
)
def test_bad_names_change_nothing(served_scenario, persona_request, names, message):
    portal, _objects = served_scenario
    answer = _post(persona_request("institut"), portal, **names)
    assert answer.status_code == 200
    assert message in answer.text
    assert "gespeichert" not in answer.text
    assert _names(portal) == {}


@pytest.mark.parametrize(
    "persona",
    ["kommune-a", "kommune-b", "ministerium", "expertin", "buerger", "anonymous"],
)
def test_only_the_institute_sets_names(served_scenario, persona_request, persona):
    portal, _objects = served_scenario
    session = persona_request(persona)
    page = session.get(FORM, allow_redirects=False)
    assert page.status_code in (302, 401, 403)
    answer = session.post(
        FORM, data={"name_zwk_kickoff": "Übernommen"}, allow_redirects=False
    )
    assert answer.status_code in (302, 401, 403)
    assert _names(portal) == {}
