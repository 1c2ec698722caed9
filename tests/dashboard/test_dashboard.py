"""The personal dashboard ``@@mein-netzwerk``: each persona sees their
spaces, tasks and registrations, nothing of anybody else's."""

from plone import api
from zope.component.hooks import setSite
from zumo.policy.meetings import registration

import pytest
import transaction


@pytest.fixture
def registered(served_scenario):
    """``buerger`` registered for the announced meeting."""
    portal, objects = served_scenario
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        registration.register(
            objects["meeting_announced"],
            {"name": "Bea", "email": "buerger@example.org", "consent": True},
            quiet=True,
            userid="buerger",
        )
    transaction.commit()
    return objects


class TestDashboard:
    def test_anonymous_is_asked_to_log_in(self, served_scenario, persona_request):
        response = persona_request("anonymous").get(
            "/@@mein-netzwerk", allow_redirects=False
        )
        assert response.status_code in (302, 401)

    def test_team_member_sees_her_spaces_and_their_news(
        self, served_scenario, persona_request
    ):
        _portal, objects = served_scenario
        page = persona_request("kommune-a").get("/@@mein-netzwerk")
        assert page.status_code == 200
        assert "Mein Netzwerk" in page.text
        assert objects["municipality_published"].absolute_url() in page.text
        assert objects["group"].absolute_url() in page.text
        assert objects["team_document"].absolute_url() in page.text
        # Not the team space she is not on, not the expert's work.
        assert objects["municipality_private"].absolute_url() not in page.text
        assert objects["review_in_review"].absolute_url() not in page.text

    def test_other_municipality_sees_nothing_of_team_a(
        self, served_scenario, persona_request
    ):
        _portal, objects = served_scenario
        page = persona_request("kommune-b").get("/@@mein-netzwerk")
        assert page.status_code == 200
        for name in ("group", "team_document", "group_document"):
            assert objects[name].absolute_url() not in page.text

    def test_expert_sees_the_reviews_to_write(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        page = persona_request("expertin").get("/@@mein-netzwerk")
        assert "Gutachten schreiben" in page.text
        assert objects["review_in_review"].absolute_url() in page.text
        assert objects["review_released"].absolute_url() not in page.text
        other = persona_request("expertin2").get("/@@mein-netzwerk")
        assert objects["review_in_review"].absolute_url() not in other.text
        institute = persona_request("institut").get("/@@mein-netzwerk")
        assert "Gutachten schreiben" not in institute.text

    def test_institute_sees_examples_to_review(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        page = persona_request("institut").get("/@@mein-netzwerk")
        assert "Praxisbeispiele prüfen" in page.text
        assert objects["example_pending"].absolute_url() in page.text
        citizen = persona_request("buerger").get("/@@mein-netzwerk")
        assert "Praxisbeispiele prüfen" not in citizen.text

    def test_registrations_are_ones_own(self, registered, persona_request):
        meeting = registered["meeting_announced"]
        page = persona_request("buerger").get("/@@mein-netzwerk")
        assert "Meine Anmeldungen" in page.text
        assert f"{meeting.absolute_url()}/@@abmelden?token=" in page.text
        other = persona_request("kommune-b").get("/@@mein-netzwerk")
        assert "@@abmelden?token=" not in other.text

    def test_personal_menu_links_the_dashboard(self, served_scenario, persona_request):
        page = persona_request("buerger").get("/")
        assert "@@mein-netzwerk" in page.text


class TestOversight:
    def test_ministry_sees_released_reviews_and_figures(
        self, served_scenario, persona_request
    ):
        """The ministry's Mein Netzwerk shows what it oversees: released
        reviews with their municipality, the statistics' headline figures
        with a link to /statistik, recently published practice examples."""
        portal, objects = served_scenario
        page = persona_request("ministerium").get("/@@mein-netzwerk")
        assert page.status_code == 200
        assert "Das Netzwerk im Blick" in page.text
        assert "Freigegebene Gutachten" in page.text
        assert objects["review_released"].absolute_url() in page.text
        assert objects["municipality_published"].Title() in page.text
        for unreleased in ("review_submitted", "review_in_review"):
            assert objects[unreleased].absolute_url() not in page.text
        assert f"{portal.absolute_url()}/statistik" in page.text
        assert "veröffentlichte Praxisbeispiele" in page.text
        assert objects["example_published"].absolute_url() in page.text

    @pytest.mark.parametrize("persona", ["kommune-a", "buerger", "expertin"])
    def test_others_see_no_oversight(self, served_scenario, persona_request, persona):
        """Members who do not oversee the network see none of it."""
        page = persona_request(persona).get("/@@mein-netzwerk")
        assert page.status_code == 200
        assert "Das Netzwerk im Blick" not in page.text
