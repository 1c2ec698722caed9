"""The editorial desk over HTTP: the author submits a practice example from
the status menu and is told what happens next; the institute hears who
submitted it and for which municipality; rejecting asks for a reason, which
the author reads in the mail and on the returned draft."""

from plone import api
from tests.fixtures.http import send
from tests.fixtures.http import token_in
from tests.fixtures.mail import body
from tests.fixtures.mail import subject
from zope.component.hooks import setSite

import html
import pytest
import re
import transaction


JSON = {"Accept": "application/json"}
#: A link (its opening tag).
LINK = re.compile(r"<a\b[^>]*>", re.S)
REASON = "Bitte ergänzen Sie die Ergebnisse und die Kosten."


def menu_links(page):
    """The status menu's transitions and their addresses in ``page``:
    ``{transition id: address}``."""
    found = {}
    for tag in LINK.findall(page):
        menu_id = re.search(r'\bid="workflow-transition-([a-z_]+)"', tag)
        href = re.search(r'\bhref="([^"]*)"', tag)
        if menu_id and href:
            found[menu_id.group(1)] = html.unescape(href.group(1))
    return found


@pytest.fixture
def bea(served_scenario):
    """The citizen ``buerger`` with the name people know her by."""
    setSite(served_scenario[0])
    member = api.user.get(userid="buerger")
    with api.env.adopt_roles(["Manager"]):
        member.setMemberProperties({"fullname": "Bea Beispiel"})
    transaction.commit()
    yield member
    with api.env.adopt_roles(["Manager"]):
        member.setMemberProperties({"fullname": "buerger"})
    transaction.commit()


def _draft(portal, persona_request, municipality=None):
    """A draft of ``buerger``, created through REST; returns its address."""
    data = {"@type": "PracticeExample", "title": "Mitfahrbank am Dorfplatz"}
    if municipality is not None:
        data["municipality"] = municipality.UID()
    created = persona_request("buerger").post(
        f"{portal.absolute_url()}/++api++/praxisbeispiele", json=data
    )
    assert created.status_code == 201, created.text
    return created.json()["@id"]


def _state(url):
    """The state of the practice example at ``url``, as committed."""
    transaction.begin()
    examples = api.portal.get()["praxisbeispiele"]
    return api.content.get_state(examples[url.rsplit("/", 1)[1]])


def _submitted(portal, persona_request, municipality=None):
    url = _draft(portal, persona_request, municipality)
    done = persona_request("buerger").post(
        f"{url}/@workflow/submit", headers=JSON, json={}
    )
    assert done.status_code == 200, done.text
    return url


class TestSubmitting:
    def test_status_menu_submits_and_says_what_happens_next(
        self, served_scenario, persona_request, scenario_inbox, bea
    ):
        portal, objects = served_scenario
        url = _draft(portal, persona_request, objects["municipality_published"])
        citizen = persona_request("buerger")
        links = menu_links(citizen.get(url).text)
        assert links["submit"].startswith(f"{url}/@@einreichen")
        page = citizen.get(links["submit"])
        assert page.status_code == 200
        assert "Praxisbeispiel zur Prüfung einreichen" in page.text
        assert _state(url) == "private", "a GET changes nothing"
        done = citizen.post(
            f"{url}/@@einreichen",
            data={"confirm": "1", "_authenticator": token_in(page.text)},
        )
        assert done.status_code == 200
        assert done.url == url
        assert "Ihr Praxisbeispiel ist beim Institut zur Prüfung eingereicht" in (
            done.text
        )
        assert "erhalten Sie eine E-Mail" in done.text
        assert _state(url) == "pending"
        (mail,) = scenario_inbox.to("institut@example.org")
        assert subject(mail) == "Zur Prüfung: Mitfahrbank am Dorfplatz"
        text = body(mail)
        assert "Bea Beispiel hat das Praxisbeispiel" in text
        assert f"Kommune: {objects['municipality_published'].Title()}" in text
        assert "buerger" not in text.split("http")[0]

    def test_the_mail_says_when_no_municipality_is_named(
        self, served_scenario, persona_request, scenario_inbox, bea
    ):
        _submitted(served_scenario[0], persona_request)
        (mail,) = scenario_inbox.to("institut@example.org")
        assert "Bea Beispiel hat" in body(mail)
        assert "Kommune: nicht angegeben" in body(mail)

    def test_the_proposal_form_confirms_the_submission(
        self, served_scenario, persona_request
    ):
        citizen = persona_request("buerger")
        sent = send(
            citizen,
            "/mitmachen/praxisbeispiel-vorschlagen",
            {"title": "Bücherzelle", "description": "Eine Telefonzelle voller Bücher."},
            "Vorschlag einreichen",
        )
        assert sent.status_code == 302, sent.text[:2000]
        landed = citizen.get(sent.headers["Location"])
        assert "Ihr Praxisbeispiel ist beim Institut zur Prüfung eingereicht" in (
            landed.text
        )


class TestRejecting:
    def test_status_menu_leads_to_a_form_that_requires_a_reason(
        self, served_scenario, persona_request, scenario_inbox
    ):
        portal, _objects = served_scenario
        url = _submitted(portal, persona_request)
        scenario_inbox.clear()
        institute = persona_request("institut")
        links = menu_links(institute.get(url).text)
        assert links["reject"].startswith(f"{url}/@@zurueckweisen")
        page = institute.get(links["reject"])
        assert page.status_code == 200
        assert "Begründung" in page.text
        assert _state(url) == "pending", "a GET changes nothing"
        for empty in ("", "   \n "):
            refused = institute.post(
                f"{url}/@@zurueckweisen",
                data={
                    "reason": empty,
                    "confirm": "1",
                    "_authenticator": token_in(page.text),
                },
            )
            assert refused.status_code == 400
            assert "Bitte geben Sie eine Begründung an" in refused.text
            assert _state(url) == "pending"
        assert scenario_inbox.messages == []
        done = institute.post(
            f"{url}/@@zurueckweisen",
            data={
                "reason": REASON,
                "confirm": "1",
                "_authenticator": token_in(page.text),
            },
        )
        assert done.status_code == 200
        assert "Das Praxisbeispiel ist an die Autorin oder den Autor zurückgegeben" in (
            done.text
        )
        assert _state(url) == "private"
        (mail,) = scenario_inbox.to("buerger@example.org")
        assert subject(mail) == "Zurückgewiesen: Mitfahrbank am Dorfplatz"
        assert f"Begründung: {REASON}" in body(mail)
        assert "Ohne Angabe eines Grundes" not in body(mail)
        draft = persona_request("buerger").get(url).text
        assert "Das Institut hat das Praxisbeispiel zurückgewiesen." in draft
        assert REASON in draft

    def test_a_long_reason_is_refused(self, served_scenario, persona_request):
        from zumo.policy.practice_examples.review import MAX_REASON

        url = _submitted(served_scenario[0], persona_request)
        institute = persona_request("institut")
        page = institute.get(f"{url}/@@zurueckweisen")
        refused = institute.post(
            f"{url}/@@zurueckweisen",
            data={
                "reason": "x" * (MAX_REASON + 1),
                "confirm": "1",
                "_authenticator": token_in(page.text),
            },
        )
        assert refused.status_code == 400
        assert "Die Begründung ist zu lang" in refused.text
        assert _state(url) == "pending"

    def test_a_repeated_reason_is_refused(self, served_scenario, persona_request):
        """Two values for one reason get the German refusal, no server error."""
        url = _submitted(served_scenario[0], persona_request)
        institute = persona_request("institut")
        page = institute.get(f"{url}/@@zurueckweisen")
        refused = institute.post(
            f"{url}/@@zurueckweisen",
            data={
                "reason": ["Erstens", "Zweitens"],
                "confirm": "1",
                "_authenticator": token_in(page.text),
            },
        )
        assert refused.status_code == 400
        assert "Bitte geben Sie eine Begründung an" in refused.text
        assert _state(url) == "pending"

    def test_only_the_institute_rejects_and_only_what_waits(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        url = _submitted(portal, persona_request)
        refused = persona_request("buerger").get(
            f"{url}/@@zurueckweisen", allow_redirects=False
        )
        assert refused.status_code in (302, 401, 403)
        draft = objects["example_private"].absolute_url()
        institute = persona_request("institut")
        answer = institute.get(f"{draft}/@@zurueckweisen")
        assert answer.url == draft
        assert "in diesem Zustand des Praxisbeispiels nicht möglich" in answer.text
