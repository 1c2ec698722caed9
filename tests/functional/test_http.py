"""The site answers over real HTTP: HTML for people, JSON for programs."""

from plone import api

import transaction


class TestFrontPage:
    def test_front_page_is_german(self, functional_portal, request_factory):
        """Anonymous visitors get the German front page titled 'ZUMO Netzwerk'."""
        with api.env.adopt_roles(["Manager"]):
            functional_portal.setTitle("ZUMO Netzwerk")
            api.portal.set_registry_record("plone.site_title", "ZUMO Netzwerk")
        transaction.commit()
        session = request_factory(api=False)
        session.headers["Accept"] = "text/html"
        response = session.get("/")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert '<html lang="de"' in response.text or 'lang="de"' in response.text
        assert "<title>ZUMO Netzwerk</title>" in response.text


class TestRestApi:
    def test_site_root(self, manager_request, functional_portal):
        """The REST API serves the site root as JSON."""
        response = manager_request.get("/")
        assert response.status_code == 200
        assert response.json()["@id"] == functional_portal.absolute_url()

    def test_addons_lists_policy_installed(self, manager_request):
        """`@addons` reports zumo.policy as installed."""
        response = manager_request.get("/@addons")
        assert response.status_code == 200
        addons = {item["id"]: item for item in response.json()["items"]}
        assert addons["zumo.policy"]["is_installed"] is True

    def test_addons_needs_manager(self, anon_request):
        """Anonymous visitors cannot look at the add-on configuration."""
        response = anon_request.get("/@addons")
        assert response.status_code == 401
