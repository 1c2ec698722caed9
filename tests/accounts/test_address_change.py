"""A member's own new e-mail address counts only once its mailbox has
confirmed it, through REST and through the personal information form;
until then what belongs to the old address stays with it and nothing of
the new one's follows (issue 26)."""

from html.parser import HTMLParser
from plone import api
from tests.fixtures.builders import open_meeting
from tests.fixtures.http import token_in
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zope.component.hooks import setSite
from zumo.policy.meetings import registration
from zumo.policy.signup import accounts
from zumo.policy.signup import addresses

import pytest
import transaction


VICTIM = "opfer@example.org"
SENT = "Wir haben eine E-Mail an die neue Adresse geschickt."


@pytest.fixture
def victims_registration(served_scenario):
    """An upcoming meeting with a registration of ``VICTIM`` made without
    an account; its cancel token."""
    portal, _objects = served_scenario
    setSite(portal)
    meeting = open_meeting(portal, "treffen-adresse")
    with api.env.adopt_roles(["Manager"]):
        row = registration.register(
            meeting,
            {"name": "Olga Opfer", "email": VICTIM, "consent": True},
            quiet=True,
            userid="",
        )
    transaction.commit()
    return row["token"]


def _email(userid):
    transaction.begin()
    return api.user.get(userid=userid).getProperty("email")


def _confirm(session, link):
    """Open the confirmation ``link`` (the page changes nothing) and press
    its button; return the page after the button."""
    page = session.get(link)
    assert page.status_code == 200
    token = link.split("token=")[1]
    return session.post(
        "/@@" + addresses.CONFIRM_VIEW,
        data={"token": token, "confirm": "1", "_authenticator": token_in(page.text)},
    )


def _confirmation_link(inbox, address):
    (message,) = inbox.to(address)
    assert subject(message) == (
        "Bitte bestätigen Sie Ihre neue E-Mail-Adresse im ZUMO Netzwerk"
    )
    (link,) = [url for url in links(message) if addresses.CONFIRM_VIEW in url]
    return link


def test_rest_change_waits_for_the_new_mailbox(
    served_scenario, persona_request, scenario_inbox, victims_registration
):
    """``PATCH @users/<self>`` with another person's address changes nothing
    yet: "Mein Netzwerk" shows none of that person's registrations, the
    cancel link stays theirs; the new address gets the link, the old one a
    notice. Only the link's button sets the address."""
    buerger = persona_request("buerger")
    buerger.headers["Accept"] = "application/json"
    answer = buerger.patch(
        "/++api++/@users/buerger", json={"email": VICTIM, "fullname": "Bea Bürger"}
    )
    assert answer.status_code == 202, answer.text
    assert answer.json()["message"].startswith(SENT)
    assert _email("buerger") == "buerger@example.org"
    assert api.user.get(userid="buerger").getProperty("fullname") == "Bea Bürger"
    dashboard = persona_request("buerger").get("/@@mein-netzwerk")
    assert dashboard.status_code == 200
    assert victims_registration not in dashboard.text
    (notice,) = scenario_inbox.to("buerger@example.org")
    assert "beantragt" in subject(notice)
    assert VICTIM in body(notice)
    link = _confirmation_link(scenario_inbox, VICTIM)
    # Opening the link writes nothing; a wrong token is a German message.
    anonymous = persona_request("anonymous")
    assert VICTIM in anonymous.get(link).text
    assert _email("buerger") == "buerger@example.org"
    wrong = anonymous.get(f"/@@{addresses.CONFIRM_VIEW}", params={"token": "falsch"})
    assert "ungültig oder abgelaufen" in wrong.text
    # The owner of the new mailbox confirms: now it is the member's address.
    done = _confirm(anonymous, link)
    assert "Ihre E-Mail-Adresse ist jetzt" in done.text
    assert _email("buerger") == VICTIM
    assert (
        victims_registration in persona_request("buerger").get("/@@mein-netzwerk").text
    )
    # The link works once.
    assert "ungültig oder abgelaufen" in anonymous.get(link).text


def test_form_change_waits_for_the_new_mailbox(
    served_scenario, persona_request, scenario_inbox, victims_registration
):
    """The personal information form says that a mail was sent and keeps
    the old address."""
    session = persona_request("buerger")
    page = session.get("/@@personal-information")
    assert page.status_code == 200
    data = _form_values(page.text)
    data["form.widgets.email"] = VICTIM
    data["form.buttons.save"] = "Speichern"
    answer = session.post("/@@personal-information", data=data)
    assert answer.status_code == 200, answer.text[-3000:]
    assert SENT in answer.text
    assert _email("buerger") == "buerger@example.org"
    assert victims_registration not in session.get("/@@mein-netzwerk").text
    assert _confirmation_link(scenario_inbox, VICTIM)
    assert scenario_inbox.to("buerger@example.org")


def test_the_institute_sets_another_address_directly(
    served_scenario, persona_request, scenario_inbox
):
    """Who manages users sets someone else's address at once, no mail."""
    institut = persona_request("institut")
    institut.headers["Accept"] = "application/json"
    answer = institut.patch(
        "/++api++/@users/buerger", json={"email": "neu@example.org"}
    )
    assert answer.status_code == 204, answer.text
    assert _email("buerger") == "neu@example.org"
    assert scenario_inbox.messages == []


def test_a_bad_address_is_refused_in_german(
    served_scenario, persona_request, scenario_inbox
):
    buerger = persona_request("buerger")
    buerger.headers["Accept"] = "application/json"
    answer = buerger.patch("/++api++/@users/buerger", json={"email": "keine-adresse"})
    assert answer.status_code == 400
    assert "gültige E-Mail-Adresse" in answer.json()["error"]["message"]
    assert _email("buerger") == "buerger@example.org"
    assert scenario_inbox.messages == []


def test_a_link_expires(served_scenario, persona_request, scenario_inbox, monkeypatch):
    buerger = persona_request("buerger")
    buerger.headers["Accept"] = "application/json"
    buerger.patch("/++api++/@users/buerger", json={"email": "neu@example.org"})
    link = _confirmation_link(scenario_inbox, "neu@example.org")
    setSite(served_scenario[0])
    transaction.begin()
    token = link.split("token=")[1]
    addresses.read(token)
    real = addresses.time.time
    monkeypatch.setattr(
        addresses.time, "time", lambda: real() + addresses.CONFIRM_HOURS * 3600 + 1
    )
    with pytest.raises(accounts.SignupError):
        addresses.read(token)


class _Form(HTMLParser):
    """The values a browser would send for the first form with fields."""

    def __init__(self):
        super().__init__()
        self.values = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and not name.startswith("form.buttons"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind != "file":
                self.values.setdefault(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.values.setdefault(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form_values(page):
    parser = _Form()
    parser.feed(page)
    return parser.values
