"""The institute's overview of the mentoring groups' progress, over HTTP."""

import pytest


class TestMentoringOverview:
    def test_institute_sees_every_group(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        page = persona_request("institut").get("/@@mentoring-uebersicht")
        assert page.status_code == 200
        assert "Fortschritt der Mentoring-Gruppen" in page.text
        assert objects["group"].absolute_url() in page.text
        dashboard = persona_request("institut").get("/@@mein-netzwerk")
        assert "@@mentoring-uebersicht" in dashboard.text

    @pytest.mark.parametrize(
        "persona",
        ["anonymous", "buerger", "kommune-a", "kommune-b", "expertin", "ministerium"],
    )
    def test_nobody_else(self, served_scenario, persona_request, persona):
        _portal, objects = served_scenario
        response = persona_request(persona).get(
            "/@@mentoring-uebersicht", allow_redirects=False
        )
        assert response.status_code in (302, 401, 403), persona
        assert objects["group"].Title() not in response.text
        if persona != "anonymous":
            dashboard = persona_request(persona).get("/@@mein-netzwerk")
            assert "@@mentoring-uebersicht" not in dashboard.text
