"""Citizens register themselves and receive a mail through a real SMTP
server; registering tells nobody who is a member already."""

from plone import api
from pytest_plone.fixtures.requests import RelativeSession
from tests.http import token_in
from tests.mail import body
from tests.mail import links
from tests.mail import subject
from zumo.policy import registration

import pytest
import transaction


SENT = "Wir haben Ihnen eine E-Mail geschickt."


@pytest.fixture(autouse=True)
def _forget_mail_counts():
    registration.MAILS.clear()
    yield
    registration.MAILS.clear()


@pytest.fixture
def member(functional_portal):
    """A member the institute added, with an address and another login name."""
    with api.env.adopt_roles(["Site Administrator"]):
        api.user.create(
            username="amt",
            email="Amt@Example.org",
            password="x" * 12,
            properties={"fullname": "Amt Tuningen"},
        )
    transaction.commit()
    return "amt@example.org"


def _users():
    transaction.begin()
    return {user.getId(): user.getUserName() for user in api.user.get_users()}


def test_citizen_registers_and_gets_mail(functional_portal, anon_request, inbox):
    """Registering with a name and an address sends a German mail with a link
    and makes a citizen whose login name is the address."""
    response = anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "Neu@Example.org"}
    )
    assert response.status_code == 202, response.text
    assert response.json()["message"].startswith(SENT)
    message = inbox.messages[0]
    assert "neu@example.org" in message["To"]
    assert subject(message).startswith("Informationen über den Benutzerzugang auf")
    assert "passwordreset" in body(message)
    assert "neu@example.org" in body(message)  # the login name
    assert _users()["nora-neu"] == "neu@example.org"
    assert "citizens" in [g.getId() for g in api.group.get_groups(username="nora-neu")]


def test_the_same_name_twice_gets_two_accounts(functional_portal, anon_request, inbox):
    """The user id comes from the name; two Nora Neus do not meet."""
    for address in ("nora@example.org", "nora.neu@example.org"):
        response = anon_request.post(
            "/@users", json={"fullname": "Nora Neu", "email": address}
        )
        assert response.status_code == 202
    users = _users()
    assert users["nora-neu"] == "nora@example.org"
    assert users["nora-neu-1"] == "nora.neu@example.org"


@pytest.mark.parametrize("address", ["amt@example.org", "AMT@example.org"])
def test_a_known_address_answers_alike(
    functional_portal, anon_request, inbox, member, address
):
    """A member's address gets the same answer as a new one, no second
    account, and the member a mail with their login name."""
    new = anon_request.post(
        "/@users", json={"fullname": "Nina Neu", "email": "nina@example.org"}
    )
    known = anon_request.post(
        "/@users", json={"fullname": "Irgendwer", "email": address}
    )
    assert (known.status_code, known.json()) == (new.status_code, new.json())
    assert "irgendwer" not in _users()
    mails = inbox.to("amt@example.org")
    assert len(mails) == 1
    assert subject(mails[0]) == "Ihr Benutzerkonto im ZUMO Netzwerk"
    assert "Ihr Benutzername ist: amt" in body(mails[0])
    assert any(link.endswith("/mail_password_form") for link in links(mails[0]))


def test_an_address_gets_few_mails(functional_portal, anon_request, inbox, member):
    """Repeated registrations with one address do not flood its mailbox."""
    answers = {
        anon_request.post(
            "/@users", json={"fullname": "X", "email": "amt@example.org"}
        ).status_code
        for _ in range(registration.MAILS_PER_ADDRESS + 3)
    }
    assert answers == {202}
    assert len(inbox.to("amt@example.org")) == registration.MAILS_PER_ADDRESS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "ohne@example.org"}, "Bitte geben Sie Ihren Namen an."),
        ({"fullname": "Ohne"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"fullname": "Ohne", "email": "kein-at"}, "gültige E-Mail-Adresse"),
        ({"fullname": "A\x00B", "email": "o@example.org"}, "ohne Steuerzeichen"),
        ({"fullname": "x" * 101, "email": "o@example.org"}, "höchstens 100"),
        ({"fullname": 7, "email": "o@example.org"}, "Bitte geben Sie Ihren Namen"),
        ({"fullname": "Ohne", "email": ["o@example.org"]}, "gültige E-Mail"),
        ({"username": "ohne", "email": "o@example.org"}, "Den Benutzernamen vergibt"),
        (
            {"fullname": "O", "email": "o@example.org", "password": "x" * 12},
            "das Passwort legen Sie",
        ),
        (
            {"fullname": "Boss", "email": "boss@example.org", "roles": ["Manager"]},
            "nur Ihren Namen",
        ),
    ],
)
def test_registration_refuses_bad_input(
    functional_portal, anon_request, inbox, data, message
):
    """Bad input: 400 with a German message, nothing created, no mail."""
    before = _users()
    response = anon_request.post("/@users", json=data)
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]["message"]
    assert inbox.messages == []
    assert _users() == before


def _form(functional_portal):
    session = RelativeSession(functional_portal.absolute_url())
    page = session.get("/@@register")
    assert page.status_code == 200
    return session, page.text


def _submit(session, html, **fields):
    """Send the registration form with ``fields`` and, if ``html`` (the
    form's page) is given, its CSRF token."""
    data = {f"form.widgets.{name}": value for name, value in fields.items()}
    data["form.buttons.register"] = "Registrieren"
    if html is not None:
        data["_authenticator"] = token_in(html)
    return session.post("/@@register", data=data)


def test_the_form_asks_for_no_user_name(functional_portal, inbox):
    """The form has a name and an address, no user name, no password."""
    _session, html = _form(functional_portal)
    assert 'name="form.widgets.fullname"' in html
    assert 'name="form.widgets.email"' in html
    assert "form.widgets.username" not in html
    assert "form.widgets.password" not in html
    assert "Mit dieser Adresse melden Sie sich an." in html


def test_the_form_answers_alike(functional_portal, inbox, member):
    """The form's answer for a member's address equals that for a new one."""
    pages = []
    for address in ("neu@example.org", "amt@example.org"):
        session, html = _form(functional_portal)
        answer = _submit(session, html, fullname="Nora Neu", email=address)
        assert answer.status_code == 200
        assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in answer.text
        pages.append(answer.text.split('id="content-core"')[1].split("</div>")[0])
    assert pages[0] == pages[1]
    assert _users()["nora-neu"] == "neu@example.org"
    assert len(inbox.to("amt@example.org")) == 1
    assert len(inbox.to("neu@example.org")) == 1


def test_the_form_explains_bad_input(functional_portal, inbox):
    """Without a name the form says so in German and creates nobody."""
    session, html = _form(functional_portal)
    before = _users()
    answer = _submit(session, html, email="neu@example.org")
    assert answer.status_code == 200
    assert "Erforderliche Eingabe fehlt." in answer.text
    assert _users() == before
    assert inbox.messages == []


def test_the_form_needs_its_token(functional_portal, inbox):
    """A cross-site post without the CSRF token registers nobody."""
    session, _html = _form(functional_portal)
    before = _users()
    answer = _submit(session, None, fullname="Nora Neu", email="neu@example.org")
    assert answer.status_code == 403
    assert _users() == before
    assert inbox.messages == []


def test_staff_added_by_institute_are_not_citizens(functional_portal, member):
    """A person the institute adds does not become a citizen."""
    transaction.begin()
    assert "citizens" not in [g.getId() for g in api.group.get_groups(username="amt")]


def test_a_mail_server_that_is_down_loses_no_registration(
    functional_portal, anon_request
):
    """Without a mail server the answer is the same; the account stays and
    "Passwort vergessen" sends the link later."""
    response = anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "neu@example.org"}
    )
    assert response.status_code == 202, response.text
    assert _users()["nora-neu"] == "neu@example.org"
