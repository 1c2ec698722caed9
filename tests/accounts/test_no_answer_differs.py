"""Author pages and the meeting page answer alike whether or not an
account or a registration exists (issue 26)."""

from plone import api
from tests.fixtures.builders import open_meeting
from zope.component.hooks import setSite
from zumo.policy.meetings import registration

import pytest
import re
import transaction


@pytest.mark.parametrize(
    "persona", ["anonymous", "buerger", "kommune-a", "ministerium"]
)
def test_author_pages_tell_nothing(served_scenario, persona_request, persona):
    """``/author/<id>`` is the same 404 page for an existing and a missing
    account, without a name and without a form to mail anybody."""
    session = persona_request(persona)
    for path in ("/author/{}", "/@@author/{}", "/author/{}/@@contact-info"):
        answers = [
            session.get(path.format(name)) for name in ("kommune-b", "niemand-da")
        ]
        assert [answer.status_code for answer in answers] == [404, 404], path
        texts = [
            re.sub(r"\b(kommune-b|niemand-da)\b", "X", answer.text)
            for answer in answers
        ]
        assert texts[0] == texts[1], path
        assert "Kommune B" not in texts[0]
        assert (
            "author_feedback" not in texts[0] and "form.widgets.message" not in texts[0]
        )


def test_the_institute_still_sees_author_pages(served_scenario, persona_request):
    assert persona_request("institut").get("/author/kommune-b").status_code == 200


def _places(text):
    found = re.search(r'<div class="zumo-registration-actions.*?</div>', text, re.S)
    return found.group(0)


def test_the_meeting_page_does_not_count_registrations(
    served_scenario, persona_request
):
    """A visitor cannot tell from the meeting page whether registering an
    address added a registration (a new address) or not (one registered
    already): the page shows no number of free places."""
    portal, _objects = served_scenario
    setSite(portal)
    meeting = open_meeting(portal, "treffen-zaehler", capacity=10)
    with api.env.adopt_roles(["Manager"]):
        registration.register(
            meeting, {"name": "A", "email": "a@example.org"}, quiet=True
        )
    transaction.commit()
    visitor = persona_request("anonymous")
    pages = []
    for address in ("a@example.org", "b@example.org"):
        with api.env.adopt_roles(["Manager"]):
            registration.register(meeting, {"name": "X", "email": address}, quiet=True)
        transaction.commit()
        pages.append(
            _places(
                visitor.get(meeting.absolute_url_path().replace("/plone", "", 1)).text
            )
        )
    assert pages[0] == pages[1]
    assert "Plätze frei" in pages[0]
