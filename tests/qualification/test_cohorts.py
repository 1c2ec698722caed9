"""KoQuMa as a group course: courses (cohorts) in the two formats the call
announces, each with a group space only its participants see; enrolment
into a course, decided by the institute, with mails; the provider as the
call names it."""

from pathlib import Path
from plone import api
from tests.fixtures.http import token_in
from tests.fixtures.mail import body
from tests.fixtures.mail import subject
from zope.component.hooks import setSite
from zumo.content.vocabularies import details
from zumo.content.vocabularies import terms
from zumo.policy.errors import UserError
from zumo.policy.qualification import cohorts
from zumo.policy.qualification import participation
from zumo.policy.spaces.roster import on_roster

import pytest
import transaction


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"
SEED = "004"


def _seed_line(seed, line):
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


CALL = details("cohort_formats", "call")


@pytest.mark.parametrize("name", sorted(CALL))
def test_quotes_stand_in_their_seed_lines(name):
    """Each of the call's words the course pages quote stands, word for
    word, in the line of seed 004 it names."""
    quote = CALL[name]
    assert quote["seed"] == SEED
    assert quote["quote"] in _seed_line(quote["seed"], quote["line"])


def test_the_formats_are_placeholders_because_the_call_names_none():
    """The call announces two formats and breaks off (its last line); the
    vocabulary has two, titled as placeholders, and says so in its source."""
    assert _seed_line(SEED, 54).strip() == CALL["formats"]["quote"]
    assert terms("cohort_formats") == [
        ("format_1", "Format 1"),
        ("format_2", "Format 2"),
    ]
    assert "placeholders" in details("cohort_formats", "source")


class TestEnrolment:
    """The functions, in-process, on the scenario's open course (kommune-a
    takes part)."""

    @pytest.fixture(autouse=True)
    def _site(self, scenario):
        portal, _objects = scenario
        setSite(portal)
        with api.env.adopt_roles(["Manager"]):
            yield

    def test_request_and_accept(self, scenario):
        _portal, objects = scenario
        cohort = objects["cohort"]
        found = cohorts.request_enrolment(
            cohort, "kommune-b", "leitungsebene", "Gemeinde B", "Gern im Kurs."
        )
        assert found["audience"] == "leitungsebene"
        assert [entry["userid"] for entry in cohorts.requests(cohort)] == ["kommune-b"]
        assert not on_roster(cohort, "kommune-b")
        cohorts.accept(cohort, "kommune-b")
        assert on_roster(cohort, "kommune-b")
        assert cohorts.requests(cohort) == []

    def test_decline(self, scenario):
        _portal, objects = scenario
        cohort = objects["cohort"]
        cohorts.request_enrolment(cohort, "buerger", "wohlfahrtspflege", "Verein")
        cohorts.decline(cohort, "buerger")
        assert cohorts.requests(cohort) == []
        assert not on_roster(cohort, "buerger")

    @pytest.mark.parametrize(
        "userid,audience,organisation,message,expected",
        [
            ("kommune-b", "zumo_teams", "Gemeinde B", "", "Zielgruppe"),
            ("kommune-b", "", "Gemeinde B", "", "Zielgruppe"),
            ("kommune-b", "leitungsebene", "   ", "", "Kommune oder Organisation"),
            ("kommune-b", "leitungsebene", "x" * 201, "", "höchstens 200"),
            ("kommune-b", "leitungsebene", "B", "x" * 2001, "2000 Zeichen"),
            ("kommune-a", "leitungsebene", "Gemeinde A", "", "bereits zu diesem Kurs"),
            ("expertin", "leitungsebene", "Gremium", "", "Beschäftigte der Kommunen"),
            ("niemand", "leitungsebene", "Nirgendwo", "", "Beschäftigte der Kommunen"),
        ],
    )  # fmt: skip
    def test_bad_requests_change_nothing(
        self, scenario, userid, audience, organisation, message, expected
    ):
        _portal, objects = scenario
        cohort = objects["cohort"]
        with pytest.raises(UserError) as error:
            cohorts.request_enrolment(cohort, userid, audience, organisation, message)
        assert expected in error.value.translate()
        assert cohorts.requests(cohort) == []

    def test_twice_full_and_closed(self, scenario):
        _portal, objects = scenario
        cohort = objects["cohort"]
        cohorts.request_enrolment(cohort, "kommune-b", "leitungsebene", "B")
        with pytest.raises(UserError) as error:
            cohorts.request_enrolment(cohort, "kommune-b", "leitungsebene", "B")
        assert "liegt bereits vor" in error.value.translate()
        cohort.capacity = 1  # kommune-a has the one place
        with pytest.raises(UserError) as error:
            cohorts.accept(cohort, "kommune-b")
        assert "ausgebucht" in error.value.translate()
        assert not on_roster(cohort, "kommune-b")
        with pytest.raises(UserError):
            cohorts.request_enrolment(cohort, "buerger", "leitungsebene", "Verein")
        cohort.capacity = None
        api.content.transition(obj=cohort, transition="retract")
        with pytest.raises(UserError) as error:
            cohorts.request_enrolment(cohort, "buerger", "leitungsebene", "Verein")
        assert "keine Anmeldung möglich" in error.value.translate()

    @pytest.mark.parametrize("userid", ["kommune-b", "niemand", None, ["kommune-b"]])
    def test_deciding_without_a_request_changes_nothing(self, scenario, userid):
        _portal, objects = scenario
        cohort = objects["cohort"]
        for decide in (cohorts.accept, cohorts.decline):
            with pytest.raises(UserError) as error:
                decide(cohort, userid)
            assert "keine offene Anmeldung" in error.value.translate()
        assert not on_roster(cohort, "kommune-b")

    def test_koquma_modules_take_no_single_enrolment(self, scenario):
        """One enrols in a KoQuMa course; the network's other modules keep
        their single enrolment."""
        _portal, objects = scenario
        module = objects["module_published"]
        module.curriculum = "koquma"
        with pytest.raises(UserError) as error:
            participation.enrol(module, "buerger")
        assert "als Kurs" in error.value.translate()
        assert participation.records(module) == []
        module.curriculum = "zumo"
        assert participation.enrol(module, "buerger")["status"] == "enrolled"


class TestOverHttp:
    """The course page, the request and the decision as the personas see
    them; mails through a real SMTP server."""

    def test_request_accept_and_mails(
        self, served_scenario, persona_request, scenario_inbox
    ):
        _portal, objects = served_scenario
        cohort = objects["cohort"]
        url = cohort.absolute_url()
        person = persona_request("kommune-b")
        page = person.get(url)
        assert "Zum Kurs anmelden" in page.text
        assert CALL["provider"]["quote"] in page.text
        assert "Gruppenraum des Kurses" not in page.text
        assert "cohort_document" not in page.text
        sent = person.post(
            f"{url}/@@kurs-anmelden",
            data={
                "audience": "mittlere_verwaltungsebene",
                "organisation": "Gemeinde Beispielstadt",
                "message": "Ich leite das Quartiersbüro.",
                "_authenticator": token_in(page.text),
            },
        )
        assert "Ihre Anmeldung ist eingegangen" in sent.text
        scenario_inbox.wait_for(2)
        (receipt,) = scenario_inbox.to("kommune-b@example.org")
        assert "Ihre Anmeldung zum Kurs" in subject(receipt)
        (request_mail,) = scenario_inbox.to("institut@example.org")
        assert "Neue Anmeldung" in subject(request_mail)
        assert "Gemeinde Beispielstadt" in body(request_mail)
        assert "@@kursanmeldungen" in body(request_mail)
        scenario_inbox.clear()

        institute = persona_request("institut")
        requests_page = institute.get(f"{url}/@@kursanmeldungen")
        assert "Gemeinde Beispielstadt" in requests_page.text
        assert "Mittlere Verwaltungsebene" in requests_page.text
        bad = institute.post(
            f"{url}/@@kursanmeldungen",
            data={"userid": "kommune-b", "decision": "adopt",
                  "_authenticator": token_in(requests_page.text)},
        )  # fmt: skip
        assert "Unbekannte Entscheidung." in bad.text
        accepted = institute.post(
            f"{url}/@@kursanmeldungen",
            data={"userid": "kommune-b", "decision": "accept",
                  "_authenticator": token_in(requests_page.text)},
        )  # fmt: skip
        assert "Die Person ist im Kurs." in accepted.text
        scenario_inbox.wait_for(1)
        (welcome,) = scenario_inbox.to("kommune-b@example.org")
        assert "Sie sind im Kurs" in subject(welcome)

        page = person.get(url)
        assert "Gruppenraum des Kurses" in page.text
        assert "cohort_document" in page.text

    def test_a_request_needs_the_form_token(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        cohort = objects["cohort"]
        response = persona_request("kommune-b").post(
            f"{cohort.absolute_url()}/@@kurs-anmelden",
            data={"audience": "leitungsebene", "organisation": "B"},
        )
        assert response.status_code == 403
        assert "Ihre Anmeldung ist eingegangen" not in response.text

    def test_a_get_writes_nothing(self, served_scenario, persona_request):
        portal, objects = served_scenario
        cohort = objects["cohort"]
        response = persona_request("kommune-b").get(
            f"{cohort.absolute_url()}/@@kurs-anmelden",
            params={"audience": "leitungsebene", "organisation": "B"},
        )
        assert response.status_code == 200
        setSite(portal)
        transaction.begin()
        assert cohorts.requests(portal["qualifizierung"]["cohort"]) == []

    @pytest.mark.parametrize(
        "persona", ["anonymous", "buerger", "kommune-b", "expertin", "ministerium"]
    )
    def test_the_group_space_is_the_participants(
        self, served_scenario, persona_request, persona
    ):
        """Non-members, other municipalities, citizens, experts and the
        anonymous public read the announcement, never the group space:
        neither its posts nor the requests nor the roster."""
        _portal, objects = served_scenario
        cohort = objects["cohort"]
        session = persona_request(persona)
        page = session.get(cohort.absolute_url())
        assert page.status_code == 200
        assert "Gruppenraum des Kurses" not in page.text
        assert "cohort_document" not in page.text
        for view in ("cohort_document", "@@kursanmeldungen", "@@roster"):
            response = session.get(
                f"{cohort.absolute_url()}/{view}", allow_redirects=False
            )
            assert response.status_code in (302, 401, 403, 404), (persona, view)

    def test_the_participant_and_the_institute_read_the_group_space(
        self, served_scenario, persona_request
    ):
        _portal, objects = served_scenario
        cohort = objects["cohort"]
        for persona in ("kommune-a", "institut"):
            page = persona_request(persona).get(cohort.absolute_url())
            assert "Gruppenraum des Kurses" in page.text, persona
            assert "cohort_document" in page.text, persona

    def test_the_qualification_page_lists_the_course(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        page = persona_request("anonymous").get(portal["qualifizierung"].absolute_url())
        assert page.status_code == 200
        assert objects["cohort"].Title() in page.text
        for name in ("provider", "group", "formats"):
            assert CALL[name]["quote"] in page.text
        assert "Format 1" in page.text
        assert "Angebot des Netzwerks" in page.text


def test_a_participant_posts_in_the_group_space(served_scenario, persona_request):
    """The add form of a post opens for a participant, and the post lies in
    the group space, seen by the participants and nobody outside."""
    _portal, objects = served_scenario
    cohort = objects["cohort"]
    member = persona_request("kommune-a")
    url = f"{cohort.absolute_url()}/++add++Document"
    form = member.get(url)
    assert form.status_code == 200, form.text[:500]
    saved = member.post(
        url,
        data={
            "form.widgets.IDublinCore.title": "Unser Quartier",
            "form.buttons.save": "Speichern",
            "_authenticator": token_in(form.text),
        },
    )
    assert saved.status_code == 200
    assert "Unser Quartier" in member.get(cohort.absolute_url()).text
    assert (
        "Unser Quartier"
        not in persona_request("kommune-b").get(cohort.absolute_url()).text
    )
