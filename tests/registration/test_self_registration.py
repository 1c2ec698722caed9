"""Citizens register themselves and receive a mail through a real SMTP server."""

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api

import pytest
import socket
import transaction


class Inbox(Message):
    """Collects the messages the SMTP server receives."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(functional_portal):
    """A real SMTP server on 127.0.0.1, wired into the site's MailHost."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    # Plone sends with the host and port from the mail settings.
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", controller.port)
    transaction.commit()
    yield handler
    controller.stop()


def _body(message):
    part = message.get_payload(decode=True)
    if part is None:
        part = message.get_payload()[0].get_payload(decode=True)
    return part.decode(message.get_content_charset() or "utf-8")


def test_citizen_registers_and_gets_mail(functional_portal, anon_request, inbox):
    """Registering sends a German mail with a link and makes a citizen."""
    response = anon_request.post(
        "/@users",
        json={"username": "neu", "email": "neu@example.org", "sendPasswordReset": True},
    )
    assert response.status_code == 201, response.text
    message = message_from_bytes(inbox.messages[0].as_bytes())
    assert message["To"].endswith("neu@example.org>") or message["To"] == (
        "neu@example.org"
    )
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject.startswith("Informationen über den Benutzerzugang auf")
    assert "passwordreset" in _body(message)
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
