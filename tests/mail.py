"""A real SMTP server on 127.0.0.1 for the mails the site sends."""

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api

import pytest
import re
import socket
import transaction


class Inbox(Message):
    """Collects the messages the SMTP server receives."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message_from_bytes(message.as_bytes()))

    def to(self, address):
        """The messages sent to ``address``."""
        return [message for message in self.messages if address in message["To"]]

    def recipients(self):
        """The addresses that received a message, sorted."""
        return sorted(
            re.search(r"[^<\s]+@[^>\s]+", message["To"]).group(0)
            for message in self.messages
        )

    def clear(self):
        """Forget the messages received so far."""
        self.messages.clear()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def subject(message):
    """The decoded subject of ``message``."""
    return str(make_header(decode_header(message["Subject"])))


def body(message):
    """The decoded text of ``message``."""
    part = message.get_payload(decode=True)
    if part is None:
        part = message.get_payload()[0].get_payload(decode=True)
    return part.decode(message.get_content_charset() or "utf-8")


def links(message):
    """The URLs in the text of ``message``."""
    return re.findall(r"https?://\S+", body(message))


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1: ``(inbox, port)``; stopped after."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def _wire(portal, port):
    """Plone sends with the host and port from the mail settings."""
    from zope.component.hooks import setSite

    setSite(portal)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    transaction.commit()


@pytest.fixture
def inbox(functional_portal, smtp_server):
    """The SMTP server, wired into the site's MailHost."""
    handler, port = smtp_server
    _wire(functional_portal, port)
    return handler


@pytest.fixture
def scenario_inbox(served_scenario, smtp_server):
    """The SMTP server, wired into the MailHost of the served scenario."""
    handler, port = smtp_server
    _wire(served_scenario[0], port)
    return handler
