"""Each page has its own title in the browser tab: a view of the site root
is titled by its heading (``zumo.policy.browser.titles``), the start page
keeps the site's title alone."""

from lxml import html as lxml_html
from plone import api
from repoze.xmliter import utils as xmliter_utils
from repoze.xmliter.serializer import XMLSerializer

import pytest
import transaction


def title_of(session, path):
    """The ``<title>`` of the page at ``path``."""
    answer = session.get(path)
    assert answer.status_code == 200, path
    return " ".join(lxml_html.fromstring(answer.content).findtext(".//title").split())


@pytest.fixture
def session(functional_portal, request_factory):
    """An anonymous browser-like session on the served site."""
    transaction.commit()
    session = request_factory(api=False)
    session.headers["Accept"] = "text/html"
    return session


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/statistik", "Das Netzwerk in Zahlen"),
        ("/programm", "Programme"),
        ("/programm/zumo", "ZUMO – Moderierende für Zukunftsfragen"),
        ("/programm/koquma", "Qualifizierungsmaßnahme für das kommunale "
                             "Quartiersmanagement (KoQuMa)"),
        ("/login", "Anmelden"),
    ],
)  # fmt: skip
def test_a_view_of_the_site_root_is_titled_by_its_heading(session, path, heading):
    """Not the site's title alone, which the start page has."""
    site = api.portal.get_registry_record("plone.site_title")
    assert title_of(session, path) == f"{heading} — {site}"


def test_the_start_page_keeps_the_site_s_title(session):
    """The start page's heading is the site's title: no "X — X"."""
    site = api.portal.get_registry_record("plone.site_title")
    assert title_of(session, "/") == site


def test_the_start_page_is_parsed_once(session, monkeypatch):
    """Parsed to read its heading, the start page goes on parsed: the theme
    reuses the parse instead of parsing the page again."""
    parses = []
    parse = xmliter_utils.getXMLSerializer

    def counted(iterable, *args, **kw):
        if not isinstance(iterable, XMLSerializer):
            parses.append(iterable)
        return parse(iterable, *args, **kw)

    monkeypatch.setattr(xmliter_utils, "getXMLSerializer", counted)
    site = api.portal.get_registry_record("plone.site_title")
    assert title_of(session, "/") == site
    assert len(parses) == 1


def test_a_content_page_keeps_plone_s_title(session):
    """A folder's page is titled by the folder, as Plone titles it."""
    site = api.portal.get_registry_record("plone.site_title")
    assert title_of(session, "/praxisbeispiele") == f"Praxisbeispiele — {site}"


def test_the_tabs_of_the_account_panel_name_themselves(
    functional_portal, request_factory
):
    """All three are headed by the member's name: the title says which tab."""
    api.user.create(email="erika@example.org", username="erika",
                    password="geheim-12345", properties={"fullname": "Erika Muster"})  # fmt: skip
    transaction.commit()
    session = request_factory(api=False, basic_auth=("erika", "geheim-12345"))
    session.headers["Accept"] = "text/html"
    site = api.portal.get_registry_record("plone.site_title")
    assert [title_of(session, f"/@@{tab}") for tab in (
        "personal-information", "personal-preferences", "change-password")] == [
        f"Persönliche Informationen: Erika Muster — {site}",
        f"Persönliche Einstellungen: Erika Muster — {site}",
        f"Passwort ändern: Erika Muster — {site}",
    ]  # fmt: skip


def test_the_site_s_contents_say_what_they_are(functional_portal, request_factory):
    """Plone's folder contents of the site root is headed by the site's title."""
    transaction.commit()
    session = request_factory(api=False, role="Manager")
    session.headers["Accept"] = "text/html"
    site = api.portal.get_registry_record("plone.site_title")
    assert title_of(session, "/folder_contents") == f"Inhalte der Website — {site}"
