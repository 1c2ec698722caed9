"""Logging in, over HTTP: failed logins slow down, nobody learns who is a
member (login, password reset), the login cookie stays HttpOnly and
SameSite, and ``came_from`` leads nowhere outside the site
(``zumo.policy.security.logins``)."""

from tests.fixtures.http import csrf_token
from tests.fixtures.http import login_form
from zumo.policy.security import logins
from zumo.policy.testing.scenario import PASSWORD

import pytest
import requests


WRONG = "falsch-falsch-1"


#: Addresses outside the site that redirect parameters might lead to.
OUTSIDE = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "http://localhost.evil.example/",
    "javascript:alert(1)",
]


def _message(answer):
    """The status message of a login page (the part naming the failure)."""
    text = answer.text
    start = text.find('class="portalMessage')
    return text[start : text.find("</div>", start)] if start >= 0 else ""


@pytest.mark.usefixtures("served_scenario")
class TestLogins:
    def test_unknown_name_and_wrong_password_answer_alike(self, served_scenario):
        site = served_scenario[0].absolute_url()
        unknown, _session = login_form(site, "niemand-hier", WRONG)
        wrong, _session = login_form(site, "kommune-a", WRONG)
        assert unknown.status_code == wrong.status_code == 200
        assert _message(unknown) == _message(wrong) != ""
        assert "__ac" not in unknown.cookies and "__ac" not in wrong.cookies

    def test_the_login_cookie_is_httponly_and_samesite(self, served_scenario):
        site = served_scenario[0].absolute_url()
        answer, _session = login_form(site, "kommune-a", PASSWORD)
        assert answer.status_code == 302
        cookie = next(
            value
            for name, value in answer.raw.headers.items()
            if name.lower() == "set-cookie" and value.startswith("__ac=")
        )
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie

    @pytest.mark.parametrize("target", OUTSIDE)
    def test_came_from_leads_nowhere_else(self, served_scenario, target):
        site = served_scenario[0].absolute_url()
        answer, _session = login_form(site, "kommune-a", PASSWORD, came_from=target)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith(site)
        # The login page does not offer it either.
        page = requests.get(site + "/login", params={"came_from": target})
        assert "evil.example" not in page.text
        assert "javascript:alert" not in page.text

    @pytest.mark.parametrize("target", OUTSIDE)
    def test_next_and_similar_lead_nowhere_else(self, served_scenario, target):
        """``next`` after logging out, ``came_from`` of the registration
        form and ``original_url`` of plone.protect's confirmation page lead
        nowhere outside the site (Plone's own checks, pinned)."""
        site = served_scenario[0].absolute_url()
        _answer, session = login_form(site, "kommune-a", PASSWORD)
        logout = session.get(
            site + "/logout", params={"next": target}, allow_redirects=False
        )
        assert logout.status_code == 302
        assert logout.headers["Location"].startswith(site)
        for path, name in (("/@@register", "came_from"),
                           ("/@@confirm-action", "original_url")):  # fmt: skip
            page = requests.get(site + path, params={name: target})
            assert page.status_code < 500
            assert "evil.example" not in page.text
            assert "javascript:alert" not in page.text

    def test_failed_logins_slow_down(self, served_scenario):
        portal = served_scenario[0]
        site = portal.absolute_url()
        for _attempt in range(logins.PAIR_LIMIT):
            answer, _session = login_form(site, "kommune-a", WRONG)
            assert answer.status_code == 200
        # Now even the right password is refused, with a German message.
        refused, session = login_form(site, "kommune-a", PASSWORD)
        assert refused.status_code == 429
        assert "Zu viele fehlgeschlagene Anmeldeversuche" in refused.text
        assert 'id="portal-globalnav"' in refused.text  # in the site's layout
        assert int(refused.headers["Retry-After"]) > 0
        assert "__ac" not in session.cookies
        # Basic authentication with the right password is ignored alike:
        # the private page answers as it does without credentials.
        private = portal["kommunen"]["municipality_private"].absolute_url()
        right = requests.get(
            private, auth=("kommune-a", PASSWORD), allow_redirects=False
        )
        wrong = requests.get(private, auth=("kommune-a", WRONG), allow_redirects=False)
        nobody = requests.get(private, allow_redirects=False)
        assert right.status_code == wrong.status_code == nobody.status_code != 200
        # Another member from the same address is not locked out.
        other, _session = login_form(site, "kommune-b", PASSWORD)
        assert other.status_code == 302
        # When the block is over, the right password works again.
        logins.THROTTLE.clear()
        again, _session = login_form(site, "kommune-a", PASSWORD)
        assert again.status_code == 302

    def test_failed_rest_logins_slow_down(self, served_scenario):
        site = served_scenario[0].absolute_url()
        url = site + "/++api++/@login"
        headers = {"Accept": "application/json"}
        for _attempt in range(logins.PAIR_LIMIT):
            answer = requests.post(
                url, json={"login": "kommune-a", "password": WRONG}, headers=headers
            )
            assert answer.status_code == 401
        refused = requests.post(
            url, json={"login": "kommune-a", "password": PASSWORD}, headers=headers
        )
        assert refused.status_code == 429
        assert "Zu viele" in refused.json()["message"]
        assert "token" not in refused.json()

    def test_a_password_reset_tells_nobody_who_is_a_member(
        self, served_scenario, scenario_inbox
    ):
        site = served_scenario[0].absolute_url()
        pages = [
            requests.post(site + "/mail_password", data={"userid": name})
            for name in ("niemand-hier", "kommune-a")
        ]
        assert pages[0].status_code == pages[1].status_code == 200
        assert _message(pages[0]) == _message(pages[1])
        assert "could not be found" not in pages[0].text
        assert "nicht gefunden" not in pages[0].text
        answers = [
            requests.post(
                f"{site}/++api++/@users/{name}/reset-password",
                headers={"Accept": "application/json"},
                json={},
            )
            for name in ("niemand-hier", "kommune-a")
        ]
        assert [answer.status_code for answer in answers] == [204, 204]
        # Only the member got mail (the form's and the service's).
        assert len(scenario_inbox.wait_for(3, timeout=2)) == 2


JSON = {"Accept": "application/json"}


def _spellings(site, vhm):
    """Every spelling of the REST ``@login`` service's address (``vhm``: the
    site in the virtual host monster's spelling)."""
    return [
        site + "/@login",
        site + "/@login/",
        site + "/++api++/@login",
        site + "/++api++/@login/",
        vhm + "/@login",
        vhm + "/++api++/@login/",
        vhm + "/_vh_zumo/@login",
    ]


def _rest_login(url, password):
    return requests.post(
        url, json={"login": "kommune-a", "password": password}, headers=JSON
    )


def _refused(site):
    """Whether the right password of ``kommune-a`` is refused now (form)."""
    answer, _session = login_form(site, "kommune-a", PASSWORD)
    return answer.status_code == 429


@pytest.mark.usefixtures("served_scenario")
class TestEveryWayToPresentAPassword:
    """Every way to present a password counts against the same login and
    client, whatever the spelling of the address."""

    def test_every_spelling_of_rest_login_counts(
        self, served_scenario, virtual_hosting
    ):
        site = served_scenario[0].absolute_url()
        spellings = _spellings(site, virtual_hosting)
        for url in spellings[: logins.PAIR_LIMIT]:
            answer = _rest_login(url, WRONG)
            assert answer.status_code == 401, (url, answer.status_code)
        for url in spellings:
            refused = _rest_login(url, PASSWORD)
            assert refused.status_code == 429, url
            assert "token" not in refused.text
        assert _refused(site)

    def test_the_login_form_counts_on_every_path(
        self, served_scenario, virtual_hosting
    ):
        site = served_scenario[0].absolute_url()
        vhm = virtual_hosting
        paths = [site + "/login/", site + "/@@login", vhm + "/login_form",
                 vhm + "/_vh_x/failsafe_login", site + "/kommunen"]  # fmt: skip
        data = {"__ac_name": "kommune-a", "__ac_password": WRONG,
                "buttons.login": "Anmelden"}  # fmt: skip
        for url in paths:
            answer = requests.post(url, data=data, allow_redirects=False)
            assert answer.status_code < 500, url
        assert _refused(site)

    @pytest.mark.parametrize(
        "path", ["", "/kommunen", "/++api++", "/gibt-es-nicht", "/@controlpanels"]
    )
    def test_wrong_basic_passwords_count_on_any_page(self, served_scenario, path):
        """Public pages, REST and missing addresses alike: Zope checks no
        credentials there, the limit does."""
        site = served_scenario[0].absolute_url()
        for _attempt in range(logins.PAIR_LIMIT):
            answer = requests.get(site + path, auth=("kommune-a", WRONG), headers=JSON)
            assert answer.status_code != 429
        assert _refused(site)

    def test_right_basic_passwords_do_not_count(self, served_scenario):
        """A member whose client asks for missing addresses is no guesser."""
        site = served_scenario[0].absolute_url()
        for _attempt in range(logins.PAIR_LIMIT + 1):
            answer = requests.get(
                site + "/gibt-es-nicht", auth=("kommune-a", PASSWORD), headers=JSON
            )
            assert answer.status_code == 404
        assert not _refused(site)

    def test_a_wrong_old_password_counts(self, served_scenario):
        """REST ``reset-password`` with ``old_password`` and the form
        ``@@change-password`` guess the password of the logged-in member."""
        site = served_scenario[0].absolute_url()
        _answer, session = login_form(site, "kommune-a", PASSWORD)
        url = f"{site}/++api++/@users/kommune-a/reset-password"
        for _attempt in range(logins.PAIR_LIMIT - 2):
            answer = session.post(
                url,
                json={"old_password": WRONG, "new_password": "neu-neu-12345"},
                headers=JSON,
            )
            assert answer.status_code == 403
        form = site + "/@@change-password"
        for _attempt in range(2):
            token = csrf_token(session, form)
            answer = session.post(
                form,
                data={
                    "form.widgets.current_password": WRONG,
                    "form.widgets.new_password": "neu-neu-12345",
                    "form.widgets.new_password_ctl": "neu-neu-12345",
                    "form.buttons.reset_passwd": "Passwort ändern",
                    "_authenticator": token,
                },
            )
            assert answer.status_code == 200
        assert _refused(site)
        # Nothing was changed: the old password still works once unblocked.
        logins.THROTTLE.clear()
        assert login_form(site, "kommune-a", PASSWORD)[0].status_code == 302

    def test_a_right_old_password_changes_it_without_counting(self, served_scenario):
        site = served_scenario[0].absolute_url()
        for _attempt in range(logins.PAIR_LIMIT - 1):
            login_form(site, "kommune-b", WRONG)
        _answer, session = login_form(site, "kommune-b", PASSWORD)
        answer = session.post(
            f"{site}/++api++/@users/kommune-b/reset-password",
            json={"old_password": PASSWORD, "new_password": PASSWORD},
            headers=JSON,
        )
        assert answer.status_code in (200, 204), answer.text
        for _attempt in range(logins.PAIR_LIMIT - 1):
            login_form(site, "kommune-b", WRONG)
        assert login_form(site, "kommune-b", PASSWORD)[0].status_code == 302
