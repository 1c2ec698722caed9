"""Members of a team space or mentoring group read their roster: names and
roles, nothing else; outsiders read nothing of it, in HTML as in REST."""

from plone import api
from tests.fixtures.http import csrf_token
from zumo.policy.testing.scenario import api_url

import pytest
import transaction


@pytest.fixture
def named(served_scenario):
    """The scenario's group, its members with full names (the scenario's
    personas carry their user id as name)."""
    portal, objects = served_scenario
    for userid, fullname in (("kommune-a", "Anna Tuninger"), ("institut", "Ines")):
        api.user.get(userid=userid).setMemberProperties({"fullname": fullname})
    transaction.commit()
    return portal, objects["group"]


def test_a_member_reads_names_and_roles(named, persona_request):
    portal, group = named
    page = persona_request("kommune-a").get(f"{group.absolute_url()}/@@roster")
    assert page.status_code == 200
    assert "Anna Tuninger" in page.text
    assert "Mitglied" in page.text
    assert (
        "Diese Liste sehen nur die Mitglieder des Raums und das Institut." in page.text
    )
    for hidden in ("(kommune-a)", "@example.org", 'value="invite"',
                   'value="remove"', 'value="change"', "Offene Einladungen"):  # fmt: skip
        assert hidden not in page.text, hidden

    answer = persona_request("kommune-a").get(
        f"{api_url(portal, group)}/@roster", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200
    assert answer.json()["items"] == [{"fullname": "Anna Tuninger", "role": "member"}]
    assert "invitations" not in answer.json()


def test_the_institute_still_manages(named, persona_request):
    portal, group = named
    page = persona_request("institut").get(f"{group.absolute_url()}/@@roster")
    assert "(kommune-a)" in page.text
    assert 'value="invite"' in page.text


def test_a_member_cannot_change_the_roster(named, persona_request):
    portal, group = named
    session = persona_request("kommune-a")
    # The member's roster page has no form: a token of one of their own pages
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-preferences")
    answer = session.post(
        f"{group.absolute_url()}/@@roster",
        data={"form.action": "remove", "userid": "kommune-a", "_authenticator": token},
        allow_redirects=False,
    )
    assert answer.status_code in (302, 401, 403)
    assert "login" in answer.headers.get("Location", "login")
    transaction.begin()
    assert group.get_local_roles_for_userid("kommune-a") == ("TeamMember",)


@pytest.mark.parametrize(
    "persona", ["anonymous", "buerger", "kommune-b", "expertin", "ministerium"]
)
def test_outsiders_read_nothing(named, persona_request, persona):
    portal, group = named
    session = persona_request(persona)
    page = session.get(f"{group.absolute_url()}/@@roster", allow_redirects=False)
    answer = session.get(
        f"{api_url(portal, group)}/@roster", headers={"Accept": "application/json"}
    )
    assert page.status_code in (302, 401, 403)
    assert answer.status_code in (401, 403)
    for text in (page.text, answer.text):
        assert "Anna Tuninger" not in text
