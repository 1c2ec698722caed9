"""The external process facilitator of seed 001 („Hierzu erhält jede Kommune
eine professionelle externe Prozessbegleitung, die der kommunalen
Projektleitung und Projektgruppe zur Seite steht.“, line 11): the institute
names one per municipality; that person works in that team space and
nowhere else, and manages nothing."""

from plone import api
from tests.fixtures.http import csrf_token
from zope.component.hooks import setSite
from zumo.policy.spaces import roster
from zumo.policy.testing.scenario import SECRET

import pytest
import transaction


SEED = "001"
LINE = 11
QUOTE = (
    "Hierzu erhält jede Kommune eine professionelle externe Prozessbegleitung, "
    "die der kommunalen Projektleitung und Projektgruppe zur Seite steht."
)


def _post(session, portal, space, **values):
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-preferences")
    return session.post(
        f"{space.absolute_url()}/@@roster",
        data={**values, "_authenticator": token},
        allow_redirects=False,
    )


def test_the_quote_is_in_its_line(seed_lines):
    assert QUOTE in seed_lines(SEED)[LINE - 1]


def test_the_facilitator_works_in_the_team_space(served_scenario, persona_request):
    _portal, objects = served_scenario
    team = objects["municipality_published"]
    session = persona_request("begleitung")
    page = session.get(f"{team.absolute_url()}/@@teamraum")
    assert page.status_code == 200
    assert f"team_document {SECRET}" in page.text
    assert "Nur Ihr Team, Ihre Prozessbegleitung und das Institut sehen" in page.text
    assert session.get(objects["team_document"].absolute_url()).status_code == 200
    # It reads the project group's roster, but manages nothing there.
    roster_page = session.get(f"{team.absolute_url()}/@@roster").text
    assert "Person ohne hinterlegten Namen" in roster_page  # kommune-a
    assert 'value="invite"' not in roster_page
    assert 'value="facilitator-add"' not in roster_page


@pytest.mark.parametrize(
    "oid",
    ["review_requested", "review_in_review", "review_released", "group",
     "group_document", "municipality_private", "assessment_released"],
)  # fmt: skip
def test_the_facilitator_sees_no_review_group_or_other_space(
    served_scenario, persona_request, oid
):
    _portal, objects = served_scenario
    answer = persona_request("begleitung").get(
        objects[oid].absolute_url(), allow_redirects=False
    )
    assert answer.status_code in (302, 401, 403, 404), oid
    assert SECRET not in answer.text


def test_another_municipalitys_team_space_stays_closed(
    served_scenario, persona_request
):
    portal, _objects = served_scenario
    other = portal["kommunen"]["municipality_b"]
    answer = persona_request("begleitung").get(
        f"{other.absolute_url()}/@@teamraum", allow_redirects=False
    )
    assert answer.status_code in (302, 401, 403, 404)


def test_the_facilitator_cannot_change_the_roster(served_scenario, persona_request):
    portal, objects = served_scenario
    team = objects["municipality_published"]
    session = persona_request("begleitung")
    for values in (
        {"form.action": "remove", "userid": "kommune-a"},
        {"form.action": "change", "userid": "kommune-a", "role": "member"},
        {"form.action": "category", "userid": "kommune-a", "category": "verwaltung"},
        {"form.action": "facilitator-remove", "userid": "begleitung"},
    ):
        answer = _post(session, portal, team, **values)
        assert answer.status_code in (302, 401, 403), values
        assert "@@roster" not in answer.headers.get("Location", ""), values
    transaction.begin()
    assert roster.on_roster(team, "kommune-a")
    assert [p["userid"] for p in roster.facilitators(team)] == ["begleitung"]
    assert [m["category"] for m in roster.roster(team)] == [""]


def test_a_moderator_cannot_name_a_facilitator(served_scenario, persona_request):
    portal, objects = served_scenario
    team = objects["municipality_published"]
    _post(
        persona_request("kommune-a"), portal, team,
        **{"form.action": "facilitator-remove", "userid": "begleitung"},
    )  # fmt: skip
    transaction.begin()
    assert [p["userid"] for p in roster.facilitators(team)] == ["begleitung"]


def test_the_institute_names_and_ends_a_facilitation(served_scenario, persona_request):
    portal, objects = served_scenario
    other = portal["kommunen"]["municipality_b"]
    institute = persona_request("institut")
    page = institute.get(f"{other.absolute_url()}/@@roster").text
    assert "Externe Prozessbegleitung" in page and 'value="begleitung"' in page
    _post(institute, portal, other, **{"form.action": "facilitator-add",
                                       "userid": "begleitung"})  # fmt: skip
    answer = persona_request("begleitung").get(
        f"{other.absolute_url()}/@@teamraum", allow_redirects=False
    )
    assert answer.status_code == 200
    _post(institute, portal, other, **{"form.action": "facilitator-remove",
                                       "userid": "begleitung"})  # fmt: skip
    answer = persona_request("begleitung").get(
        f"{other.absolute_url()}/@@teamraum", allow_redirects=False
    )
    assert answer.status_code in (302, 401, 403, 404)


def test_only_accounts_of_the_group_and_only_municipalities(scenario):
    portal, objects = scenario
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for userid in ("kommune-b", "niemand", "", None):
            with pytest.raises(roster.RosterError) as refused:
                roster.set_facilitator(objects["municipality_published"], userid)
            assert "nur Konten der Gruppe „Prozessbegleitung“" in (
                refused.value.translate(portal.REQUEST)
            )
        with pytest.raises(roster.RosterError):
            roster.set_facilitator(objects["group"], "begleitung")
        with pytest.raises(roster.RosterError):
            roster.remove_facilitator(objects["municipality_published"], "kommune-a")
    assert "begleitung" not in dict(objects["group"].get_local_roles())
