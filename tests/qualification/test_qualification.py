"""Qualification records: who enrolled in, attended and completed which
module; seen by the person, their team's moderators and the institute."""

from plone import api
from tests.fixtures.http import csrf_token
from tests.fixtures.http import token_in
from zope.component.hooks import setSite
from zumo.policy.errors import UserError
from zumo.policy.qualification import participation as qualification
from zumo.policy.spaces.roster import set_member
from zumo.policy.testing.scenario import PASSWORD

import pytest
import transaction


class TestRecords:
    """The functions, in-process."""

    @pytest.fixture(autouse=True)
    def _site(self, scenario):
        portal, _objects = scenario
        setSite(portal)
        with api.env.adopt_roles(["Manager"]):
            yield

    def test_steps(self, scenario):
        _portal, objects = scenario
        module = objects["module_published"]
        assert qualification.enrol(module, "buerger")["status"] == "enrolled"
        record = qualification.record(module, "buerger", "completed")
        # Completing implies attending.
        assert record["status"] == "completed"
        assert record["attended"] == record["completed"]
        assert [r["userid"] for r in qualification.records_of_users(["buerger"])] == [
            "buerger"
        ]

    @pytest.mark.parametrize(
        "change,message",
        [
            (lambda m: qualification.enrol(m, "niemand"), "niemand registriert"),
            (lambda m: qualification.record(m, "kommune-b", "attended"), "nicht angemeldet"),
            (lambda m: qualification.record(m, "buerger", "bestanden"), "Unbekannter Schritt"),
            (lambda m: qualification.withdraw(m, "kommune-b"), "nicht angemeldet"),
        ],
    )  # fmt: skip
    def test_bad_input_changes_nothing(self, scenario, change, message):
        _portal, objects = scenario
        module = objects["module_published"]
        before = qualification.records(module)
        with pytest.raises(UserError) as error:
            change(module)
        assert message in error.value.translate()
        assert qualification.records(module) == before

    def test_unpublished_module_and_twice(self, scenario):
        _portal, objects = scenario
        with pytest.raises(UserError):
            qualification.enrol(objects["module_private"], "buerger")
        module = objects["module_published"]
        qualification.enrol(module, "expertin")
        with pytest.raises(UserError):
            qualification.enrol(module, "expertin")
        qualification.record(module, "expertin", "attended")
        with pytest.raises(UserError) as error:
            qualification.withdraw(module, "expertin")
        assert "Nach der Teilnahme" in error.value.translate()


class TestOverHttp:
    """Enrol, record, read: as the personas over HTTP."""

    @pytest.fixture
    def team_member(self, served_scenario):
        """``buerger`` on the team of municipality_published (moderator:
        kommune-a)."""
        portal, objects = served_scenario
        setSite(portal)
        with api.env.adopt_roles(["Manager"]):
            set_member(objects["municipality_published"], "buerger", "member")
        transaction.commit()
        return objects

    def test_path(self, served_scenario, persona_request, team_member):
        portal, objects = served_scenario
        module = objects["module_published"]
        team = objects["municipality_published"]
        citizen = persona_request("buerger")
        page = citizen.get(module.absolute_url())
        assert "Für dieses Modul anmelden" in page.text
        enrolled = citizen.post(
            f"{module.absolute_url()}/@@qualification-actions",
            data={"qualification": "enrol", "_authenticator": token_in(page.text)},
        )  # fmt: skip
        assert enrolled.status_code == 200
        assert "Sie sind für das Modul angemeldet." in enrolled.text

        institute = persona_request("institut")
        url = f"{module.absolute_url()}/@@teilnahmen"
        token = csrf_token(institute, url)
        assert "buerger" in institute.get(url).text
        recorded = institute.post(
            url,
            data={"userid": "buerger", "step": "completed", "_authenticator": token},
        )
        assert "Der Stand ist gespeichert." in recorded.text
        bad = institute.post(
            url, data={"userid": "niemand", "enrol": "1", "_authenticator": token}
        )
        assert "Unter dieser Kennung ist niemand registriert." in bad.text

        mine = citizen.get("/@@meine-qualifizierung")
        assert mine.status_code == 200
        assert module.Title() in mine.text and "Abgeschlossen" in mine.text

        moderator = persona_request("kommune-a")
        team_page = moderator.get(f"{team.absolute_url()}/@@qualifizierung-team")
        assert team_page.status_code == 200
        assert module.Title() in team_page.text and "buerger" in team_page.text
        assert "@@qualifizierung-team" in moderator.get("/@@mein-netzwerk").text

    @pytest.mark.parametrize(
        "persona", ["anonymous", "kommune-b", "ministerium", "expertin", "buerger"]
    )
    def test_nobody_else_reads_the_team(
        self, served_scenario, persona_request, team_member, persona
    ):
        _portal, objects = served_scenario
        team = objects["municipality_published"]
        response = persona_request(persona).get(
            f"{team.absolute_url()}/@@qualifizierung-team", allow_redirects=False
        )
        assert response.status_code in (302, 401, 403), persona
        module = objects["module_published"]
        response = persona_request(persona).get(
            f"{module.absolute_url()}/@@teilnahmen", allow_redirects=False
        )
        assert response.status_code in (302, 401, 403), persona

    def test_anonymous_has_no_records(self, served_scenario, persona_request):
        response = persona_request("anonymous").get(
            "/@@meine-qualifizierung", allow_redirects=False
        )
        assert response.status_code in (302, 401)
        assert PASSWORD not in response.text
