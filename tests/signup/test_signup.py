"""Citizens register themselves and receive a mail through a real SMTP
server; registering tells nobody who is a member already."""

from plone import api
from pytest_plone.fixtures.requests import RelativeSession
from tests.fixtures.http import token_in
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from urllib.parse import parse_qsl
from urllib.parse import urlsplit
from zumo.policy.signup import accounts as signup

import pytest
import requests
import time
import transaction


SENT = "Wir haben Ihnen eine E-Mail geschickt."


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


def _confirmation_link(inbox, address):
    """The confirmation link of the one mail to ``address``."""
    (message,) = inbox.to(address)
    assert subject(message) == (
        "Bitte bestätigen Sie Ihre Registrierung im ZUMO Netzwerk"
    )
    (link,) = [u for u in links(message) if signup.CONFIRM_VIEW in u]
    return link


def _confirm(link):
    """Open the confirmation ``link`` and press its button; return the page
    and the answer to the button (not followed)."""
    session = RelativeSession(link.split("/@@")[0])
    page = session.get(link)
    assert page.status_code == 200
    token = link.split("token=")[1]
    answer = session.post(
        "/@@" + signup.CONFIRM_VIEW,
        data={"token": token, "confirm": "1", "_authenticator": token_in(page.text)},
        allow_redirects=False,
    )
    return page, answer


def test_citizen_registers_and_gets_mail(functional_portal, anon_request, inbox):
    """Registering with a name and an address sends a German mail with a link
    and makes nobody yet; the link makes a citizen whose login name is the
    address and leads on to setting the password."""
    response = anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "Neu@Example.org"}
    )
    assert response.status_code == 202, response.text
    assert response.json()["message"].startswith(SENT)
    link = _confirmation_link(inbox, "neu@example.org")
    text = body(inbox.messages[0])
    assert "Guten Tag Nora Neu" in text
    assert "Ihr Benutzername ist Ihre E-Mail-Adresse: neu@example.org" in text
    assert "nora-neu" not in _users()
    page, answer = _confirm(link)
    assert "Registrierung abschließen" in page.text
    assert "Nora Neu" in page.text and "neu@example.org" in page.text
    assert answer.status_code == 302
    assert f"/@@{signup.PASSWORD_VIEW}?" in answer.headers["Location"]
    assert "userid=neu%40example.org" in answer.headers["Location"]
    assert _users()["nora-neu"] == "neu@example.org"
    assert "citizens" in [g.getId() for g in api.group.get_groups(username="nora-neu")]
    # The password page opens for the new member.
    assert requests.get(answer.headers["Location"]).status_code == 200


def test_a_new_member_is_welcomed(functional_portal, anon_request, inbox):
    """The new member sets the password on a page worded for a new account
    (not "Passwort zurücksetzen") and lands, logged in, on the welcome page
    with the links to Mein Netzwerk, the profile and the practice examples."""
    anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "w@example.org"}
    )
    _page, answer = _confirm(_confirmation_link(inbox, "w@example.org"))
    address = answer.headers["Location"]
    session = RelativeSession(address.split("/@@")[0])
    page = session.get(address)
    assert page.status_code == 200
    assert "Willkommen im ZUMO Netzwerk – Passwort festlegen" in page.text
    assert "zurücksetzen" not in page.text.lower()
    form = dict(parse_qsl(urlsplit(address).query))
    wrong = session.post(
        f"/@@{signup.PASSWORD_VIEW}",
        data={**form, "password": "Gartenzwerg-2026", "password2": "anders-2026"},
        allow_redirects=False,
    )
    assert wrong.status_code == 200
    assert "Passwort festlegen" in wrong.text
    assert 'class="invalid-feedback d-block"' in wrong.text
    done = session.post(
        f"/@@{signup.PASSWORD_VIEW}",
        data={**form, "password": "Gartenzwerg-2026", "password2": "Gartenzwerg-2026"},
        allow_redirects=False,
    )
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/@@{signup.WELCOME_VIEW}")
    welcome = session.get(done.headers["Location"])
    assert welcome.status_code == 200
    assert "Willkommen im ZUMO Netzwerk" in welcome.text
    assert "Nora Neu" in welcome.text
    for link in ("@@mein-netzwerk", "@@personal-information", "/praxisbeispiele"):
        assert link in welcome.text, link
    assert "zurücksetzen" not in welcome.text.lower()
    login = RelativeSession(functional_portal.absolute_url())
    login.auth = ("w@example.org", "Gartenzwerg-2026")
    assert "Nora Neu" in login.get("/@@mein-netzwerk").text


def test_the_same_name_twice_gets_two_accounts(functional_portal, anon_request, inbox):
    """The user id comes from the name; two Nora Neus do not meet."""
    for address in ("nora@example.org", "nora.neu@example.org"):
        response = anon_request.post(
            "/@users", json={"fullname": "Nora Neu", "email": address}
        )
        assert response.status_code == 202
        assert _confirm(_confirmation_link(inbox, address))[1].status_code == 302
    users = _users()
    assert users["nora-neu"] == "nora@example.org"
    assert users["nora-neu-1"] == "nora.neu@example.org"


def test_registering_writes_nothing(functional_portal, anon_request, inbox, member):
    """For a new address as for a member's, registering only sends a mail:
    no transaction is written, so neither answer nor time tells them
    apart."""
    db = functional_portal._p_jar.db()
    transaction.begin()
    before = db.lastTransaction()
    for address in ("neu@example.org", "amt@example.org"):
        answer = anon_request.post(
            "/@users", json={"fullname": "Nora Neu", "email": address}
        )
        assert answer.status_code == 202
    transaction.begin()
    assert db.lastTransaction() == before
    assert len(inbox.messages) == 2


def test_opening_the_link_writes_nothing(functional_portal, anon_request, inbox):
    """Only the button makes the account; a link opened by a mail scanner
    does not."""
    anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "n@example.org"}
    )
    link = _confirmation_link(inbox, "n@example.org")
    assert requests.get(link).status_code == 200
    assert "nora-neu" not in _users()


def test_a_link_works_once(functional_portal, anon_request, inbox):
    """A second press finds the account and says so; no second account, no
    second password link."""
    anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "n@example.org"}
    )
    link = _confirmation_link(inbox, "n@example.org")
    assert _confirm(link)[1].status_code == 302
    _page, again = _confirm(link)
    assert again.status_code == 200
    assert "gibt es bereits ein Benutzerkonto" in again.text
    assert "passwordreset" not in again.text
    assert signup.PASSWORD_VIEW not in again.text
    assert [u for u in _users() if u.startswith("nora-neu")] == ["nora-neu"]


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-2] + ("00" if not token.endswith("00") else "11"),
        lambda token: signup.token_for("boss@example.org", "Boss") + "x",
        lambda token: "kaputt",
        lambda token: "",
        lambda token: "a.b.c",
        lambda token: "ä.ö",
        lambda token: "e30." + token.split(".")[1],
    ],
)
def test_a_bad_link_makes_nothing(functional_portal, anon_request, inbox, change):
    """An altered, foreign or broken token: a German message, a way to
    register again, nothing made."""
    anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "n@example.org"}
    )
    token = _confirmation_link(inbox, "n@example.org").split("token=")[1]
    session = RelativeSession(functional_portal.absolute_url())
    page = session.get("/@@" + signup.CONFIRM_VIEW, params={"token": change(token)})
    assert page.status_code == 200
    assert "Dieser Link ist ungültig oder abgelaufen." in page.text
    assert "Noch einmal registrieren" in page.text
    before = _users()
    answer = session.post(
        "/@@" + signup.CONFIRM_VIEW,
        data={"token": change(token), "confirm": "1"},
        allow_redirects=False,
    )
    assert answer.status_code == 200
    assert _users() == before


def test_a_link_expires(functional_portal):
    """A link older than CONFIRM_DAYS days is refused."""
    transaction.begin()
    old = time.time() - signup.CONFIRM_DAYS * 86400 - 60
    token = signup.token_for("alt@example.org", "Alt", issued=old)
    with pytest.raises(signup.SignupError):
        signup.read_token(token)
    fresh = signup.token_for("alt@example.org", "Alt")
    assert signup.read_token(fresh) == ("alt@example.org", "Alt")


def test_the_button_needs_its_token(functional_portal, anon_request, inbox):
    """A cross-site post of a (stolen) link without the CSRF token makes
    nothing."""
    anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "n@example.org"}
    )
    token = _confirmation_link(inbox, "n@example.org").split("token=")[1]
    answer = requests.post(
        functional_portal.absolute_url() + "/@@" + signup.CONFIRM_VIEW,
        data={"token": token, "confirm": "1"},
        allow_redirects=False,
    )
    assert answer.status_code == 403
    assert "nora-neu" not in _users()


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
        for _ in range(signup.MAILS_PER_ADDRESS + 3)
    }
    assert answers == {202}
    assert len(inbox.to("amt@example.org")) == signup.MAILS_PER_ADDRESS


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


def test_the_form_leads_to_the_sent_page(functional_portal, inbox):
    """After sending, the form redirects to a page (a GET, also for the
    header's modal, which follows it) that says a mail is on its way and
    what to do next."""
    session, html = _form(functional_portal)
    data = {
        "form.widgets.fullname": "Nora Neu",
        "form.widgets.email": "sent@example.org",
        "form.buttons.register": "Registrieren",
        "_authenticator": token_in(html),
    }
    answer = session.post("/@@register", data=data, allow_redirects=False)
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/@@{signup.SENT_VIEW}")
    page = session.get(answer.headers["Location"])
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in page.text
    assert SENT in page.text
    assert len(inbox.to("sent@example.org")) == 1


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
    assert "nora-neu" not in _users()
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


def test_a_mail_server_that_is_down_changes_nothing(functional_portal, anon_request):
    """Without a mail server the answer is the same and nothing is made;
    registering again once the mails go out sends the link."""
    before = _users()
    response = anon_request.post(
        "/@users", json={"fullname": "Nora Neu", "email": "neu@example.org"}
    )
    assert response.status_code == 202, response.text
    assert _users() == before
