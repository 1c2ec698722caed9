"""``@users`` makes no accounts for members, tells nobody which login
names exist and ends in no server error, whatever the path and body
(issue 26)."""

from plone import api
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zumo.policy.signup import accounts
from zumo.policy.testing.scenario import PASSWORD

import pytest
import statistics
import time
import transaction


JSON = {"Accept": "application/json"}


def _users():
    transaction.begin()
    return {user.getId() for user in api.user.get_users()}


def _session(persona_request, persona):
    session = persona_request(persona)
    session.headers.update(JSON)
    return session


@pytest.mark.parametrize("persona", ["buerger", "kommune-a", "ministerium", "expertin"])
def test_members_make_no_accounts(
    served_scenario, persona_request, scenario_inbox, persona
):
    """A member's ``POST @users`` is refused in German, the same for a free
    and a taken login name, and makes nobody."""
    before = _users()
    session = _session(persona_request, persona)
    answers = [
        session.post(
            "/++api++/@users",
            json={"username": name, "email": "neu@example.org", "password": "x" * 14},
        )
        for name in ("ganz-neu", "kommune-b")
    ]
    assert [answer.status_code for answer in answers] == [403, 403]
    assert answers[0].json() == answers[1].json()
    assert "Verwaltung" in answers[0].json()["error"]["message"]
    assert _users() == before
    assert scenario_inbox.messages == []


def test_the_institute_still_adds_accounts(served_scenario, persona_request):
    answer = _session(persona_request, "institut").post(
        "/++api++/@users",
        json={
            "username": "neu-im-amt",
            "email": "amt@example.org",
            "password": "x" * 14,
        },
    )
    assert answer.status_code == 201, answer.text
    assert "neu-im-amt" in _users()


def test_anonymous_sign_up_still_works(
    served_scenario, persona_request, scenario_inbox
):
    answer = _session(persona_request, "anonymous").post(
        "/++api++/@users", json={"fullname": "Nora Neu", "email": "nora@example.org"}
    )
    assert answer.status_code == 202
    assert scenario_inbox.to("nora@example.org")


ODD = [
    ("POST", "/@users/x", {}),
    ("POST", "/@users/a/b/c", {}),
    ("POST", "/@users/kommune-a/foo", {}),
    ("POST", "/@users", []),
    ("PATCH", "/@users", {}),
    ("PATCH", "/@users/a/b", {}),
    ("PATCH", "/@users/buerger", []),
    ("PATCH", "/@users/buerger", "text"),
    ("PATCH", "/@users/niemand", {"email": "a@example.org"}),
    ("DELETE", "/@users", None),
    ("DELETE", "/@users/niemand", None),
    ("DELETE", "/@users/a/b", None),
    ("GET", "/@users/a/b", None),
    ("GET", "/@users/niemand", None),
    ("POST", "/@users/niemand/reset-password", []),
]


@pytest.mark.parametrize("persona", ["anonymous", "buerger", "institut"])
def test_no_server_errors(served_scenario, persona_request, persona):
    session = _session(persona_request, persona)
    errors = []
    for method, path, body in ODD:
        answer = session.request(method, "/++api++" + path, json=body)
        if answer.status_code >= 500:
            errors.append((method, path, body, answer.status_code, answer.text[:200]))
    assert errors == []


RESET_BODIES = [
    {},
    {"reset_token": "falsch", "new_password": "y" * 14},
    {"old_password": "falsch", "new_password": "y" * 14},
    {"reset_token": "falsch"},
    {"unbekannt": 1},
]


@pytest.mark.parametrize("persona", ["anonymous", "buerger"])
def test_reset_password_answers_alike(
    served_scenario, persona_request, scenario_inbox, persona
):
    """Status and body of ``@users/<login>/reset-password`` are the same for
    a member's login name and an unknown one, whatever the body."""
    session = _session(persona_request, persona)
    for body in RESET_BODIES:
        answers = [
            session.post(f"/++api++/@users/{name}/reset-password", json=body)
            for name in ("kommune-a", "niemand-hier")
        ]
        assert answers[0].status_code == answers[1].status_code, body
        assert answers[0].text.replace("kommune-a", "X") == answers[1].text.replace(
            "niemand-hier", "X"
        ), body
    # Only the member got mail.
    scenario_inbox.wait_for(2, timeout=1)
    assert scenario_inbox.recipients() == ["kommune-a@example.org"]


def test_reset_password_takes_as_long(served_scenario, persona_request, scenario_inbox):
    """Mailing a member takes no measurably longer than answering for an
    unknown name (medians of alternating requests)."""
    session = _session(persona_request, "anonymous")
    times = {"kommune-a": [], "niemand-hier": []}
    for _round in range(12):
        for name in times:
            accounts.MAILS.clear()
            start = time.perf_counter()
            answer = session.post(f"/++api++/@users/{name}/reset-password", json={})
            times[name].append(time.perf_counter() - start)
            assert answer.status_code == 204
    member, nobody = (statistics.median(times[name][2:]) for name in times)
    assert abs(member - nobody) < max(0.010, 0.25 * nobody), times


def test_reset_mail_opens_the_password_form(
    served_scenario, persona_request, scenario_inbox
):
    """The mail the worker sends links to Plone's form for a new password,
    for the member's login name."""
    session = _session(persona_request, "anonymous")
    answer = session.post("/++api++/@users/kommune-a/reset-password", json={})
    assert answer.status_code == 204
    (message,) = scenario_inbox.wait_for(1)
    assert subject(message) == "Neues Passwort für das ZUMO Netzwerk"
    (link,) = [url for url in links(message) if "/passwordreset/" in url]
    assert link.endswith("?userid=kommune-a")
    page = persona_request("anonymous").get(link)
    assert page.status_code == 200
    assert 'name="password"' in page.text


def test_a_session_sets_no_password_without_the_old_one(
    served_scenario, persona_request
):
    """``PATCH @users/<self>`` with a password is refused in German for a
    member (plone.restapi set it without asking for the current one); the
    old password still works."""
    portal = served_scenario[0]
    session = _session(persona_request, "kommune-a")
    for key in ("password", "old_password", "new_password"):
        answer = session.patch(
            "/++api++/@users/kommune-a", json={key: "Uebernommen-12345"}
        )
        assert answer.status_code == 400, answer.text
        assert "bisherigen Passwort" in answer.json()["error"]["message"]
    transaction.begin()
    assert portal.acl_users.authenticate("kommune-a", PASSWORD, portal.REQUEST)
    assert not portal.acl_users.authenticate(
        "kommune-a", "Uebernommen-12345", portal.REQUEST
    )
