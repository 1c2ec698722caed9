"""The meeting page tells a logged-in member whether they are registered or
on the waiting list (and where), with the way to cancel; nobody else learns
who registered."""

from plone import api
from tests.fixtures.builders import open_meeting
from zope.component.hooks import setSite
from zumo.policy.meetings import registration

import pytest
import transaction


REGISTERED = "Sie sind angemeldet."
REGISTER = "Jetzt anmelden"


@pytest.fixture
def meeting(served_scenario):
    """A meeting with one place: ``kommune-a`` has it (registered logged in),
    ``buerger`` (by address only, anonymously) and ``kommune-b`` wait."""
    portal, _objects = served_scenario
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        meeting = open_meeting(portal, "eins", capacity=1)
        registration.register(
            meeting,
            {"name": "Anna", "email": "anna@example.org", "consent": True},
            quiet=True,
            userid="kommune-a",
        )
        registration.register(
            meeting,
            {"name": "Bea", "email": "buerger@example.org", "consent": True},
            quiet=True,
            userid="",
        )
        registration.register(
            meeting,
            {"name": "Bernd", "email": "bernd@example.org", "consent": True},
            quiet=True,
            userid="kommune-b",
        )
    transaction.commit()
    return meeting


def test_registered_member_reads_her_place_and_can_cancel(meeting, persona_request):
    page = persona_request("kommune-a").get(meeting.absolute_url())
    assert page.status_code == 200
    assert REGISTERED in page.text
    assert REGISTER not in page.text
    ((_key, row),) = [
        item
        for item in registration.rows(meeting["anmeldung"])
        if item[1]["userid"] == "kommune-a"
    ]
    assert "Anmeldung zurückziehen" in page.text
    assert f"@@abmelden?token={row['token']}" in page.text


def test_waiting_members_read_their_place_on_the_list(meeting, persona_request):
    # buerger registered with her address without logging in.
    page = persona_request("buerger").get(meeting.absolute_url())
    assert "Sie stehen auf der Warteliste (Platz 1)." in page.text
    assert REGISTERED not in page.text
    page = persona_request("kommune-b").get(meeting.absolute_url())
    assert "Sie stehen auf der Warteliste (Platz 2)." in page.text


def test_others_read_no_registration(meeting, persona_request):
    for persona in ("anonymous", "expertin"):
        page = persona_request(persona).get(meeting.absolute_url())
        assert page.status_code == 200
        assert REGISTERED not in page.text
        assert "Warteliste (Platz" not in page.text
        assert "@@abmelden" not in page.text
        assert REGISTER in page.text


def test_after_cancelling_the_page_offers_registration_again(meeting, persona_request):
    mine = registration.registration_of(meeting, api.user.get(userid="kommune-a"))
    with api.env.adopt_roles(["Manager"]):
        registration.cancel(meeting, mine["key"])
    transaction.commit()
    page = persona_request("kommune-a").get(meeting.absolute_url())
    assert REGISTERED not in page.text
    assert REGISTER in page.text
    # buerger moved up.
    page = persona_request("buerger").get(meeting.absolute_url())
    assert REGISTERED in page.text
