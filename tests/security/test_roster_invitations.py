"""A team moderator adds people by invitation and learns nothing about who
has an account (issue 26): the same answer for an existing and a missing
address, no name before the person accepts, and only the invited account
accepts."""

from plone import api
from tests.fixtures.http import csrf_token
from tests.fixtures.http import token_in
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from zope.component.hooks import setSite
from zumo.policy.spaces import invitations
from zumo.policy.spaces import roster
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import PASSWORD

import pytest
import re
import statistics
import time
import transaction


JSON = {"Accept": "application/json"}
#: An engaged citizen whose address says nothing about her name.
CITIZEN = {"username": "anna-muster", "email": "am-privat@example.org"}


@pytest.fixture(autouse=True)
def _fresh_counts():
    invitations.SENT.clear()
    yield
    invitations.SENT.clear()


@pytest.fixture
def team(served_scenario):
    """The published team space (moderator: kommune-a) and its REST roster."""
    portal, objects = served_scenario
    space = objects["municipality_published"]
    return space, f"{api_url(portal, space)}/@roster"


@pytest.fixture
def citizen(served_scenario):
    """Anna Muster, a citizen, not on any roster."""
    portal, _objects = served_scenario
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            password=PASSWORD, properties={"fullname": "Anna Muster"}, **CITIZEN
        )
        api.group.add_user(groupname="citizens", username=CITIZEN["username"])
    transaction.commit()
    return CITIZEN["username"]


def _invite(session, url, email, role="member"):
    return session.post(url, json={"email": email, "role": role}, headers=JSON)


def _link(inbox, address):
    inbox.wait_for(1)
    (message,) = inbox.to(address)
    (link,) = [url for url in links(message) if "einladung-annehmen" in url]
    return link


def _accept(session, link):
    page = session.get(link)
    assert page.status_code == 200, page.text[:300]
    return session.post(
        link.split("?")[0],
        data={"token": link.split("token=")[1], "accept": "1",
              "_authenticator": token_in(page.text)},
        allow_redirects=False,
    )  # fmt: skip


def _on_roster(space):
    transaction.begin()
    return {member["userid"] for member in roster.roster(space)} - {"kommune-a"}


def test_existing_and_missing_addresses_answer_alike(
    team, persona_request, scenario_inbox, citizen
):
    """REST and the roster page say the same for an address with an account
    and one without; both get the same mail; nobody joins."""
    space, url = team
    moderator = persona_request("kommune-a")
    addresses = ("am-privat@example.org", "niemand-hier@example.org")
    answers = [_invite(moderator, url, address) for address in addresses]
    assert [answer.status_code for answer in answers] == [202, 202]
    assert [answer.json()["message"] for answer in answers] == [
        f"Wir haben eine Einladung an „{address}“ geschickt." for address in addresses
    ]
    page = f"{space.absolute_url()}/@@roster"
    texts = []
    for address in addresses:
        sent = moderator.post(
            page,
            data={"form.action": "invite", "email": address, "role": "member",
                  "_authenticator": csrf_token(moderator, page)},
        )  # fmt: skip
        assert sent.status_code == 200
        assert f"Wir haben eine Einladung an „{address}“ geschickt." in sent.text
        texts.append(sent.text)
    assert "Anna Muster" not in texts[1] and "anna-muster" not in texts[1]
    mails = scenario_inbox.wait_for(4)
    assert sorted(scenario_inbox.recipients()) == sorted(addresses * 2)
    bodies = [
        re.sub(r"token=\S+", "token=X", body(message))
        for message in scenario_inbox.to(addresses[0])[-1:]
        + scenario_inbox.to(addresses[1])[-1:]
    ]
    assert bodies[0] == bodies[1]
    assert len(mails) == 4
    assert _on_roster(space) == set()


def test_inviting_takes_as_long_for_a_member(team, persona_request, scenario_inbox):
    """Inviting a member's address takes no measurably longer than inviting
    an address without an account (medians of alternating requests)."""
    _space, url = team
    moderator = persona_request("kommune-a")
    times = {"kommune-b@example.org": [], "niemand-hier@example.org": []}
    for _round in range(8):
        for address in times:
            start = time.perf_counter()
            assert _invite(moderator, url, address).status_code == 202
            times[address].append(time.perf_counter() - start)
    member, nobody = (statistics.median(times[address][2:]) for address in times)
    assert abs(member - nobody) < max(0.010, 0.25 * nobody), times


def test_the_invited_member_accepts_and_gets_access(
    served_scenario, team, persona_request, scenario_inbox, citizen
):
    """Only once the invited citizen accepts does her name appear on the
    roster; then she sees the space's documents."""
    portal, objects = served_scenario
    space, url = team
    moderator = persona_request("kommune-a")
    assert _invite(moderator, url, "AM-Privat@example.org", "member").status_code == 202
    listed = moderator.get(url, headers=JSON).json()
    assert [i["email"] for i in listed["invitations"]] == ["AM-Privat@example.org"]
    page = moderator.get(f"{space.absolute_url()}/@@roster").text
    assert "AM-Privat@example.org" in page
    for hidden in ("Anna Muster", "anna-muster"):
        assert hidden not in page and hidden not in str(listed)

    link = _link(scenario_inbox, "am-privat@example.org")
    anna = persona_request("anonymous")
    anna.auth = (citizen, PASSWORD)
    document = api_url(portal, objects["team_document"])
    assert anna.get(document, headers=JSON).status_code in (401, 403, 404)
    offer = anna.get(link)
    assert offer.status_code == 200
    assert "Einladung annehmen" in offer.text
    assert _on_roster(space) == set()  # a GET writes nothing
    accepted = _accept(anna, link)
    assert accepted.status_code == 302
    assert accepted.headers["Location"] == space.absolute_url()
    assert _on_roster(space) == {citizen}
    assert anna.get(document, headers=JSON).status_code == 200
    listed = moderator.get(url, headers=JSON).json()
    assert {"userid": citizen, "fullname": "Anna Muster", "role": "member"} in (
        listed["items"]
    )
    assert listed["invitations"] == []
    # The link is used up.
    assert "ungültig" in anna.get(link).text


@pytest.mark.parametrize("persona", ["buerger", "kommune-a", "institut"])
def test_nobody_else_accepts_the_invitation(
    team, persona_request, scenario_inbox, persona
):
    """Another account holding the link gets a German refusal and joins
    nothing; the invitation stays open for the invited person."""
    space, url = team
    assert _invite(persona_request("kommune-a"), url, "kommune-b@example.org").ok
    link = _link(scenario_inbox, "kommune-b@example.org")
    outsider = persona_request(persona)
    page = outsider.get(link)
    assert page.status_code == 200
    assert "gilt für eine andere E-Mail-Adresse" in page.text
    assert space.Title() not in page.text
    tried = outsider.post(
        link.split("?")[0],
        data={"token": link.split("token=")[1], "accept": "1",
              "_authenticator": csrf_token(outsider, "/@@personal-information")},
    )  # fmt: skip
    assert "gilt für eine andere E-Mail-Adresse" in tried.text
    assert _on_roster(space) == set()
    assert _accept(persona_request("kommune-b"), link).status_code == 302
    assert _on_roster(space) == {"kommune-b"}


def test_anonymous_link_asks_for_a_login(team, persona_request, scenario_inbox):
    _space, url = team
    assert _invite(persona_request("kommune-a"), url, "kommune-b@example.org").ok
    link = _link(scenario_inbox, "kommune-b@example.org")
    answer = persona_request("anonymous").get(link, allow_redirects=False)
    assert answer.status_code in (302, 401)
    if answer.status_code == 302:
        assert "login" in answer.headers["Location"]


def test_outside_groups_cannot_accept(team, persona_request, scenario_inbox):
    """The ministry, invited by its address, cannot join a roster."""
    space, url = team
    assert _invite(persona_request("kommune-a"), url, "ministerium@example.org").ok
    link = _link(scenario_inbox, "ministerium@example.org")
    answer = persona_request("ministerium").get(link)
    assert answer.status_code == 200
    assert "kann nicht in den Raum aufgenommen werden" in answer.text
    assert _on_roster(space) == set()


@pytest.mark.parametrize("address", ["keine-adresse", "", "a@b", "x y@example.org"])
def test_a_bad_address_is_refused_in_german(
    team, persona_request, scenario_inbox, address
):
    space, url = team
    moderator = persona_request("kommune-a")
    answer = _invite(moderator, url, address)
    assert answer.status_code == 400
    assert "gültige E-Mail-Adresse" in answer.json()["error"]["message"]
    page = f"{space.absolute_url()}/@@roster"
    sent = moderator.post(
        page,
        data={"form.action": "invite", "email": address, "role": "member",
              "_authenticator": csrf_token(moderator, page)},
    )  # fmt: skip
    assert "gültige E-Mail-Adresse" in sent.text
    transaction.begin()
    assert invitations.pending(space) == []
    assert scenario_inbox.wait_for(1, timeout=0.5) == []


def test_unknown_role_is_refused(team, persona_request, scenario_inbox):
    space, url = team
    answer = _invite(persona_request("kommune-a"), url, "x@example.org", "chefin")
    assert answer.status_code == 400
    assert "Unbekannte Rolle" in answer.json()["error"]["message"]
    transaction.begin()
    assert invitations.pending(space) == []


def test_a_withdrawn_invitation_cannot_be_accepted(
    team, persona_request, scenario_inbox
):
    space, url = team
    moderator = persona_request("kommune-a")
    assert _invite(moderator, url, "kommune-b@example.org").ok
    link = _link(scenario_inbox, "kommune-b@example.org")
    (pending,) = moderator.get(url, headers=JSON).json()["invitations"]
    assert moderator.delete(f"{url}/invitations/{pending['id']}").status_code == 204
    again = moderator.delete(f"{url}/invitations/{pending['id']}", headers=JSON)
    assert again.status_code == 400
    page = persona_request("kommune-b").get(link)
    assert "ungültig, abgelaufen oder zurückgezogen" in page.text
    assert _on_roster(space) == set()


def test_invitations_are_limited_per_moderator(team, persona_request, scenario_inbox):
    _space, url = team
    moderator = persona_request("kommune-a")
    for number in range(invitations.PER_HOUR):
        assert _invite(moderator, url, f"p{number}@example.org").status_code == 202
    refused = _invite(moderator, url, "noch-eine@example.org")
    assert refused.status_code == 400
    assert "später noch einmal" in refused.json()["error"]["message"]


def test_a_moderator_adds_nobody_by_user_id(team, persona_request):
    """A user id that is not on the roster answers the same whether or not
    the account exists; only the institute adds directly."""
    space, url = team
    moderator = persona_request("kommune-a")
    answers = [
        moderator.post(url, json={"userid": userid, "role": "member"}, headers=JSON)
        for userid in ("kommune-b", "niemand")
    ]
    assert [answer.status_code for answer in answers] == [400, 400]
    messages = [answer.json()["error"]["message"] for answer in answers]
    assert messages[0].replace("kommune-b", "X") == messages[1].replace("niemand", "X")
    removals = [
        moderator.delete(f"{url}/{userid}", headers=JSON)
        for userid in ("kommune-b", "niemand")
    ]
    assert [answer.status_code for answer in removals] == [400, 400]
    assert removals[0].text.replace("kommune-b", "X") == removals[1].text.replace(
        "niemand", "X"
    )
    assert _on_roster(space) == set()
    added = persona_request("institut").post(
        url, json={"userid": "kommune-b", "role": "member"}, headers=JSON
    )
    assert added.status_code == 200
    assert _on_roster(space) == {"kommune-b"}


def test_the_roster_page_offers_no_names_to_moderators(team, persona_request):
    """Moderators get no list of people to pick from; the institute does."""
    space, _url = team
    page = f"{space.absolute_url()}/@@roster"
    moderator = persona_request("kommune-a").get(page).text
    assert "roster-candidates" not in moderator and "kommune-b" not in moderator
    assert 'name="email"' in moderator
    institute = persona_request("institut").get(page).text
    assert "roster-candidates" in institute and "kommune-b" in institute
