"""Citizens register themselves and receive a mail through a real SMTP server."""

from plone import api
from tests.mail import body
from tests.mail import subject

import transaction


def test_citizen_registers_and_gets_mail(functional_portal, anon_request, inbox):
    """Registering sends a German mail with a link and makes a citizen."""
    response = anon_request.post(
        "/@users",
        json={"username": "neu", "email": "neu@example.org", "sendPasswordReset": True},
    )
    assert response.status_code == 201, response.text
    message = inbox.messages[0]
    assert message["To"].endswith("neu@example.org>") or message["To"] == (
        "neu@example.org"
    )
    assert subject(message).startswith("Informationen über den Benutzerzugang auf")
    assert "passwordreset" in body(message)
    transaction.begin()
    assert "citizens" in [g.getId() for g in api.group.get_groups(username="neu")]


def test_staff_added_by_institute_are_not_citizens(functional_portal, inbox):
    """A person the institute adds does not become a citizen."""
    with api.env.adopt_roles(["Site Administrator"]):
        api.user.create(username="amt", email="amt@example.org", password="x" * 12)
    assert "citizens" not in [g.getId() for g in api.group.get_groups(username="amt")]


def test_registration_refuses_bad_input(functional_portal, anon_request, inbox):
    """Without an email address nothing is created and no mail is sent."""
    response = anon_request.post("/@users", json={"username": "ohne"})
    assert response.status_code == 400
    assert inbox.messages == []
    transaction.begin()
    assert api.user.get(username="ohne") is None


def test_anonymous_cannot_make_themselves_manager(
    functional_portal, anon_request, inbox
):
    """Roles cannot be chosen by someone registering themselves."""
    response = anon_request.post(
        "/@users",
        json={"username": "boss", "email": "boss@example.org",
              "sendPasswordReset": True, "roles": ["Manager"]},
    )  # fmt: skip
    assert response.status_code in (400, 401, 403)
    transaction.begin()
    assert api.user.get(username="boss") is None
