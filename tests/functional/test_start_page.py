"""The start page, logo and footer of the site, as visitors get them over HTTP."""

from plone import api
from tests.fixtures.builders import add

import pytest
import re
import transaction


SECRET_EXAMPLE = "Geheimprojekt Ortsmitte"


@pytest.fixture
def network(functional_portal):
    """A published and a draft practice example, committed."""
    portal = functional_portal
    add(portal, "praxisbeispiele", "PracticeExample", "dorfladen",
        title="Dorfladen in Bürgerhand",
        description="Eine Genossenschaft sichert die Nahversorgung.",
        to_state="published")  # fmt: skip
    add(portal, "praxisbeispiele", "PracticeExample", "entwurf", title=SECRET_EXAMPLE)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="institut@example.org", username="institut", password="geheim-123"
        )
        api.group.add_user(groupname="institute", username="institut")
    transaction.commit()
    return portal


def html_session(request_factory, user=None):
    """A browser-like session, anonymous or logged in with basic auth."""
    session = request_factory(api=False)
    session.headers["Accept"] = "text/html"
    if user:
        session.auth = user
    return session


class TestStartPage:
    def test_is_the_site_default_view(self, functional_portal):
        """The site root shows the ZUMO start page; editors can switch it."""
        assert functional_portal.getLayout() == "zumo-start"
        fti = api.portal.get_tool("portal_types")["Plone Site"]
        assert "zumo-start" in fti.view_methods

    def test_anonymous_sees_public_sections_and_published_examples(
        self, network, request_factory
    ):
        """Public sections and published examples only, nothing private."""
        page = html_session(request_factory).get("/").text
        assert "Bereiche" in page
        for title in ("Praxisbeispiele", "Kommunen", "Werkstatttreffen"):
            assert f">{title}</a>" in page
        assert ">Gutachten</a>" not in page
        assert "Neue Praxisbeispiele" in page
        assert "Dorfladen in Bürgerhand" in page
        assert SECRET_EXAMPLE not in page

    def test_leads_to_finder_meetings_statistics_and_open_data(
        self, network, request_factory
    ):
        """A search box into the finder, quick links, the next announced
        meetings (no planned one)."""
        from datetime import datetime
        from datetime import timedelta

        import pytz

        start = pytz.timezone("Europe/Berlin").localize(
            datetime.now() + timedelta(days=20)
        )
        add(network, "werkstatttreffen", "WorkshopMeeting", "bald", title="Bald",
            start=start, end=start + timedelta(hours=3), to_state="announced")  # fmt: skip
        add(network, "werkstatttreffen", "WorkshopMeeting", "geplant",
            title="Noch geplant", start=start, end=start + timedelta(hours=3))  # fmt: skip
        transaction.commit()
        page = html_session(request_factory).get("/").text
        base = network.absolute_url()
        assert f'action="{base}/praxisbeispiele"' in page
        for path in ("/werkstatttreffen", "/statistik", "/praxisbeispiele/@@open-data"):
            assert f'href="{base}{path}"' in page
        assert "Kommende Werkstatttreffen" in page and ">Bald</a>" in page
        assert "Noch geplant" not in page

    def test_institute_sees_reviews_section_but_no_drafts_as_news(
        self, network, request_factory
    ):
        """Members see the sections open to them; drafts are never 'new'."""
        page = html_session(request_factory, ("institut", "geheim-123")).get("/").text
        assert ">Gutachten</a>" in page
        assert SECRET_EXAMPLE not in page

    def test_section_counts_follow_permissions(self, network, request_factory):
        """Counts only include what the visitor may see."""
        anonymous = html_session(request_factory).get("/").text
        institute = html_session(request_factory, ("institut", "geheim-123"))
        # (a count is followed by how many are demo content, where any are)
        assert re.search(r">1 Eintrag\s*</p>", anonymous)
        assert re.search(r">2 Einträge\s*</p>", institute.get("/").text)


class TestBranding:
    def test_zumo_logo(self, functional_portal, request_factory):
        """The header shows the ZUMO logo, named for screen readers."""
        record = api.portal.get_registry_record("plone.site_logo")
        assert record.startswith(b"filenameb64:")
        page = html_session(request_factory).get("/").text
        assert "@@site-logo/logo.svg" in page
        logo = request_factory(api=False).get("/@@site-logo/logo.svg")
        assert logo.status_code == 200
        assert b"ZUMO" in logo.content

    def test_stylesheet_served(self, functional_portal, request_factory):
        """Every page links the ZUMO stylesheet, and it is served."""
        page = html_session(request_factory).get("/").text
        assert 'data-bundle="zumo"' in page
        css = request_factory(api=False).get("/++plone++zumo/zumo.css")
        assert css.status_code == 200
        assert "--zumo-blue" in css.text

    def test_footer_names_the_network(self, functional_portal, request_factory):
        """The footer names network, ministry and institute in German."""
        page = html_session(request_factory).get("/").text
        assert "Ministeriums für Soziales, Gesundheit und Integration" in page
        assert "Betrieben mit der freien Software" in page
        assert "Plone Foundation" not in page
        assert "Powered by Plone" not in page
