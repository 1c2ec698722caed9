"""The forms at /mitmachen: created on every site, sent over HTTP by the
personas, guarded against spam, their saved data only for the institute."""

from datetime import datetime
from datetime import UTC
from plone import api
from tests.fixtures.http import send
from zumo.policy.forms import mitmachen as forms
from zumo.policy.interfaces import ILoginRequiredForm
from zumo.policy.testing.scenario import api_url

import requests
import transaction


PROPOSAL = "praxisbeispiel-vorschlagen"
APPLICATION = "modellkommune-bewerben"
FEEDBACK = "rueckmeldung"
BARRIER = "barriere-melden"


class TestFormsOnEverySite:
    """The policy creates the four forms, published, on every site."""

    def test_four_forms_published(self, portal):
        section = portal["mitmachen"]
        for definition in forms.forms():
            form = section[definition["id"]]
            assert form.portal_type == "EasyForm"
            assert form.title == definition["title"]
            assert api.content.get_state(form) == "published"
        assert [d["id"] for d in forms.forms()] == [
            PROPOSAL,
            APPLICATION,
            FEEDBACK,
            BARRIER,
        ]
        assert ILoginRequiredForm.providedBy(section[PROPOSAL])
        assert not ILoginRequiredForm.providedBy(section[APPLICATION])

    def test_every_form_guards_first_and_has_a_honeypot(self, portal):
        from collective.easyform.api import get_actions
        from collective.easyform.api import get_schema
        from zope.schema import getFieldNamesInOrder

        for definition in forms.forms():
            form = portal["mitmachen"][definition["id"]]
            assert getFieldNamesInOrder(get_actions(form))[0] == "schutz"
            assert forms.HONEYPOT in get_schema(form)

    def test_creating_again_keeps_the_institutes_changes(self, portal):
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID

        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal["mitmachen"][FEEDBACK].title = "Wie war es?"
        api.content.delete(portal["mitmachen"][APPLICATION])
        forms.create_forms(portal)
        assert portal["mitmachen"][FEEDBACK].title == "Wie war es?"
        assert APPLICATION in portal["mitmachen"]
        assert len(portal["mitmachen"].objectIds()) == 4

    def test_upgrade_1006_adds_missing_forms(self, portal):
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID
        from zumo.policy.upgrades import v1006

        setRoles(portal, TEST_USER_ID, ["Manager"])
        api.content.delete(portal["mitmachen"][PROPOSAL])
        v1006.upgrade(portal.portal_setup)
        assert ILoginRequiredForm.providedBy(portal["mitmachen"][PROPOSAL])


class TestSendingForms:
    """End to end over HTTP with the personas of the security scenario."""

    def test_anonymous_is_asked_to_log_in_before_proposing(
        self, served_scenario, persona_request
    ):
        response = persona_request("anonymous").get(
            f"/mitmachen/{PROPOSAL}", allow_redirects=False
        )
        assert response.status_code in (302, 401)
        if response.status_code == 302:
            assert "login" in response.headers["Location"]

    def test_citizen_proposal_becomes_her_draft_in_review(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        municipality = objects["municipality_published"].UID()
        response = send(
            persona_request("buerger"),
            f"/mitmachen/{PROPOSAL}",
            {
                "title": "Dorfladen in Bürgerhand",
                "description": "Ein Laden, den die Bürger selbst betreiben.",
                "municipality": municipality,
                "initial_situation": "Kein Laden mehr.\n\nDer Bäcker <b>schloss</b>.",
                "topics": "daseinsvorsorge",
                "contact_name": "Erika Muster",
                "contact_email": "erika@example.org",
            },
            "Vorschlag einreichen",
        )
        assert response.status_code == 302, response.text[:2000]
        transaction.begin()
        example = portal["praxisbeispiele"]["dorfladen-in-buergerhand"]
        assert response.headers["Location"] == example.absolute_url()
        assert api.content.get_state(example) == "pending"
        assert example.getOwner().getId() == "buerger"
        assert example.topics == ["daseinsvorsorge"]
        assert example.municipality.to_object == objects["municipality_published"]
        assert example.initial_situation.raw == (
            "<p>Kein Laden mehr.</p><p>Der Bäcker &lt;b&gt;schloss&lt;/b&gt;.</p>"
        )
        assert example.contact_consent is False
        # She reads her draft; the public does not.
        assert persona_request("buerger").get(example.absolute_url()).status_code == 200
        assert (
            persona_request("anonymous")
            .get(example.absolute_url(), allow_redirects=False)
            .status_code
            != 200
        )

    def test_missing_title_is_a_german_error_and_creates_nothing(
        self, served_scenario, persona_request
    ):
        portal, _objects = served_scenario
        before = len(portal["praxisbeispiele"].objectIds())
        response = send(
            persona_request("kommune-a"),
            f"/mitmachen/{PROPOSAL}",
            {"description": "Ohne Titel"},
            "Vorschlag einreichen",
        )
        assert response.status_code == 200
        assert "Erforderliche Eingabe fehlt" in response.text
        transaction.begin()
        assert len(portal["praxisbeispiele"].objectIds()) == before

    def test_filled_honeypot_is_refused_and_stores_nothing(
        self, served_scenario, persona_request
    ):
        portal, _objects = served_scenario
        before = saved_rows(portal, APPLICATION)
        response = apply(
            persona_request, {**APPLICATION_VALUES, "website": "http://spam.example"}
        )
        assert response.status_code == 200
        assert "Ihre Angaben konnten nicht gesendet werden" in response.text
        transaction.begin()
        assert saved_rows(portal, APPLICATION) == before

    def test_application_saved_for_the_institute_only(
        self, served_scenario, persona_request
    ):
        portal, _objects = served_scenario
        before = saved_rows(portal, APPLICATION)
        response = apply(persona_request, APPLICATION_VALUES)
        assert response.status_code == 200
        assert "Vielen Dank für Ihre Bewerbung" in response.text
        transaction.begin()
        assert saved_rows(portal, APPLICATION) == before + 1
        form = portal["mitmachen"][APPLICATION]
        institute = persona_request("institut").get(
            form.absolute_url() + "/@@saveddata"
        )
        assert institute.status_code == 200
        assert "Musterdorf" in institute.text
        for persona in ("anonymous", "buerger", "kommune-a", "expertin", "ministerium"):
            session = persona_request(persona)
            for path in ("/@@saveddata", "/actions/speichern/@@data"):
                page = session.get(form.absolute_url() + path, allow_redirects=False)
                assert page.status_code != 200 or "Musterdorf" not in page.text, (
                    persona,
                    path,
                )
            rest = session.get(api_url(portal, form))
            assert rest.status_code == 200, persona
            assert "savedDataStorage" not in rest.json(), persona
            assert "Musterdorf" not in rest.text, persona
        rest = persona_request("institut").get(api_url(portal, form))
        assert "Musterdorf" in rest.text

    def test_missing_consent_is_refused(self, served_scenario, persona_request):
        portal, _objects = served_scenario
        before = saved_rows(portal, APPLICATION)
        values = {**APPLICATION_VALUES, "consent": ""}
        response = apply(persona_request, values)
        assert response.status_code == 200
        assert "Vielen Dank" not in response.text
        transaction.begin()
        assert saved_rows(portal, APPLICATION) == before

    def test_too_many_submissions_from_one_address_are_refused(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        documented = objects["meeting_documented"]
        documented.start = datetime(2025, 5, 6, 10, tzinfo=UTC)
        documented.end = datetime(2025, 5, 6, 16, tzinfo=UTC)
        documented.reindexObject()
        transaction.commit()
        meeting = documented.UID()
        session = persona_request("anonymous")
        before = saved_rows(portal, FEEDBACK)
        answers = []
        for _ in range(forms.RATE_LIMIT + 1):
            response = send(
                session,
                f"/mitmachen/{FEEDBACK}",
                {"meeting": meeting, "rating": "hilfreich", "good": "Gute Gespräche"},
                "Rückmeldung senden",
            )
            answers.append("Vielen Dank für Ihre Rückmeldung" in response.text)
        assert answers == [True] * forms.RATE_LIMIT + [False]
        assert "zu viele Einsendungen" in response.text
        transaction.begin()
        assert saved_rows(portal, FEEDBACK) == before + forms.RATE_LIMIT

    def test_every_spelling_of_a_forms_address_shares_its_limit(
        self, served_scenario, virtual_hosting
    ):
        """Virtual-host spellings and a trailing slash are the same form:
        the count goes on, it does not begin anew."""
        portal, objects = served_scenario
        documented = objects["meeting_documented"]
        documented.start = datetime(2025, 5, 6, 10, tzinfo=UTC)
        documented.end = datetime(2025, 5, 6, 16, tzinfo=UTC)
        documented.reindexObject()
        transaction.commit()
        site = portal.absolute_url()
        spellings = [
            f"{site}/mitmachen/{FEEDBACK}",
            f"{virtual_hosting}/mitmachen/{FEEDBACK}",
            f"{virtual_hosting}/_vh_zumo/mitmachen/{FEEDBACK}",
            f"{site}/mitmachen/{FEEDBACK}/",
        ]
        session = requests.Session()
        answers = []
        for attempt in range(forms.RATE_LIMIT + 1):
            response = send(
                session,
                spellings[attempt % len(spellings)],
                {"meeting": documented.UID(), "rating": "hilfreich",
                 "good": "Gute Gespräche"},
                "Rückmeldung senden",
            )  # fmt: skip
            answers.append("Vielen Dank für Ihre Rückmeldung" in response.text)
        assert answers == [True] * forms.RATE_LIMIT + [False]
        assert "zu viele Einsendungen" in response.text


APPLICATION_VALUES = {
    "municipality": "Musterdorf",
    "state": "08",
    "contact_name": "Max Muster",
    "contact_email": "max@example.org",
    "motivation": "Wir wollen unsere Ortsmitte beleben.",
    "consent": "selected",
}


def apply(persona_request, values):
    """Send the application form anonymously with ``values``."""
    return send(
        persona_request("anonymous"),
        f"/mitmachen/{APPLICATION}",
        values,
        "Bewerbung senden",
    )


def saved_rows(portal, form_id):
    """How many submissions the form's SaveData action holds."""
    from collective.easyform.api import get_actions

    return get_actions(portal["mitmachen"][form_id])["speichern"].itemsSaved()
