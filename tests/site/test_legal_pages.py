"""The legal duties of the site: an Impressum, a Datenschutzerklärung and an
accessibility statement after BITV 2.0, published for everybody, editable by
the institute, kept when the site is built again, linked in the footer of
every page; Plone's stock accessibility page leads to the statement."""

from lxml import html as lxml_html
from plone import api
from zumo.policy.forms import mitmachen as forms
from zumo.policy.setuphandlers import pages as legal
from zumo.policy.testing import DEMO_PASSWORD

import pytest
import requests


#: The parts of the EU model statement (Durchführungsbeschluss (EU)
#: 2018/1523) that BITV 2.0 asks for, as the statement's headings.
STATEMENT_SECTIONS = [
    "Stand der Vereinbarkeit mit den Anforderungen",
    "Nicht barrierefreie Inhalte",
    "Erstellung dieser Erklärung zur Barrierefreiheit",
    "Feedback und Kontaktangaben",
    "Schlichtungsverfahren und Durchsetzung",
]
#: What each page must have, as its headings (h2).
SECTIONS = {
    "impressum": [
        "Anbieter", "Vertretungsberechtigt", "Kontakt",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV", "Haftung für Inhalte",
        "Haftung für Links", "Urheberrecht", "Datenquellen",
    ],
    "datenschutz": [
        "Verantwortlicher", "Rechtsgrundlagen", "Was wir verarbeiten, wozu und wie lange",
        "Empfänger", "Ihre Rechte", "Beschwerde bei der Aufsichtsbehörde",
    ],
    "barrierefreiheit": STATEMENT_SECTIONS,
}  # fmt: skip
#: The footer's links to the legal pages: link text and page id.
FOOTER = {
    "Impressum": "impressum",
    "Datenschutz": "datenschutz",
    "Barrierefreiheit": "barrierefreiheit",
}


def _get(site, path, persona=None):
    session = requests.Session()
    session.headers.update({"Accept-Language": "de", "Accept": "text/html"})
    if persona:
        session.auth = (persona, DEMO_PASSWORD)
    return session.get(f"{site.absolute_url()}/{path}", timeout=60)


def _document(answer):
    assert answer.status_code == 200, answer.url
    document = lxml_html.fromstring(answer.content)
    document.make_links_absolute(answer.url)
    return document


def _headings(document, level="h2"):
    return [
        " ".join(h.text_content().split()) for h in document.xpath(f"//main//{level}")
    ]


class TestPagesOnEverySite:
    """The policy creates the pages, published, beside the sections."""

    def test_pages_published_out_of_the_navigation(self, portal):
        for definition in legal.pages():
            page = portal[definition["id"]]
            assert page.portal_type == "Document"
            assert page.title == definition["title"]
            assert api.content.get_state(page) == "published"
            assert page.exclude_from_nav

    def test_the_statement_links_the_form_by_uid(self, portal):
        form = portal["mitmachen"]["barriere-melden"]
        text = portal["barrierefreiheit"].text.raw
        assert f'href="resolveuid/{api.content.get_uuid(form)}"' in text
        assert "${" not in text

    def test_building_again_keeps_the_institutes_text(self, portal):
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID

        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal["impressum"].title = "Impressum des Instituts"
        api.content.delete(portal["datenschutz"])
        assert legal.create_pages(portal) == ["datenschutz"]
        assert portal["impressum"].title == "Impressum des Instituts"
        assert api.content.get_state(portal["datenschutz"]) == "published"
        assert legal.create_pages(portal) == []

    def test_feedback_form_published_for_everybody(self, portal):
        form = portal["mitmachen"]["barriere-melden"]
        assert form.portal_type == "EasyForm"
        assert api.content.get_state(form) == "published"
        assert "barriere-melden" in [d["id"] for d in forms.forms()]


class TestPagesForVisitors:
    """Anonymous visitors read the pages with every required part."""

    @pytest.mark.parametrize("page_id", SECTIONS)
    def test_required_sections(self, demo_site, page_id):
        document = _document(_get(demo_site, page_id))
        headings = _headings(document)
        for section in SECTIONS[page_id]:
            assert section in headings, (page_id, headings)

    def test_statement_is_honest_and_dated(self, demo_site):
        text = " ".join(
            _document(_get(demo_site, "barrierefreiheit")).text_content().split()
        )
        assert "teilweise vereinbar" in text
        assert (
            "Selbstbewertung mit automatischen Prüfungen (axe-core in Chromium)" in text
        )
        assert "am 7. Dezember 2026 erstellt" in text
        assert "Landeszentrum Barrierefreiheit Baden-Württemberg (LZ-BARR)" in text
        assert "Deutsche Rentenversicherung Baden-Württemberg" in text
        assert "WCAG 2.0" not in text

    def test_statement_leads_to_the_feedback_form(self, demo_site):
        document = _document(_get(demo_site, "barrierefreiheit"))
        (link,) = document.xpath("//main//a[normalize-space()='Barriere melden']")
        form = _document(requests.get(link.get("href"), timeout=60))
        assert "Barriere melden" in _headings(form, "h1")
        assert form.xpath("//textarea[@name='form.widgets.barrier']")

    @pytest.mark.parametrize(
        "page_id", ["impressum", "datenschutz", "barrierefreiheit"]
    )
    def test_placeholders_are_marked_for_the_operator(self, demo_site, page_id):
        document = _document(_get(demo_site, page_id))
        notes = document.xpath("//main//*[contains(@class, 'zumo-demo-note')]")
        assert notes
        for note in notes:
            assert "Demo-Angabe" in note.text_content()

    def test_supervisory_authority_named(self, demo_site):
        text = " ".join(
            _document(_get(demo_site, "datenschutz")).text_content().split()
        )
        assert (
            "Landesbeauftragte für den Datenschutz und die Informationsfreiheit "
            "Baden-Württemberg" in text
        )


def _example(site):
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="PracticeExample", review_state="published", sort_on="id"
    )[0]
    return brain.getPath().split("/", 2)[2]


#: One page of each kind, as anonymous visitors and members see them.
PAGE_KINDS = {
    "Startseite": (None, lambda site: ""),
    "Praxisbeispiele": (None, lambda site: "praxisbeispiele"),
    "Praxisbeispiel": (None, _example),
    "Karte": (None, lambda site: "praxisbeispiele/karte"),
    "Kommune": (None, lambda site: "kommunen/tuningen"),
    "Formular": (None, lambda site: "mitmachen/barriere-melden"),
    "Suche": (None, lambda site: "@@search?SearchableText=Dorf"),
    "Anmelden": (None, lambda site: "login"),
    "Statistik": (None, lambda site: "statistik"),
    "Impressum": (None, lambda site: "impressum"),
    "Nicht gefunden": (None, lambda site: "gibt-es-nicht"),
    "Mein Netzwerk": ("kommune-a", lambda site: "@@mein-netzwerk"),
    "Teamraum": ("kommune-a", lambda site: "kommunen/tuningen/@@teamraum"),
    "Bearbeiten": ("institut", lambda site: _example(site) + "/edit"),
}


class TestFooter:
    @pytest.mark.parametrize("kind", PAGE_KINDS)
    def test_footer_links_on_every_kind_of_page(self, demo_site, kind):
        persona, path = PAGE_KINDS[kind]
        answer = _get(demo_site, path(demo_site), persona)
        document = lxml_html.fromstring(answer.content)
        document.make_links_absolute(answer.url)
        footer = document.xpath("//footer[@id='portal-footer-wrapper']")[0]
        found = {
            " ".join(a.text_content().split()): a.get("href") for a in footer.iter("a")
        }
        for text, page_id in FOOTER.items():
            assert found.get(text) == f"{demo_site.absolute_url()}/{page_id}", (
                kind,
                found,
            )
        assert "accessibility-info" not in " ".join(found.values())

    def test_stock_accessibility_page_leads_to_the_statement(self, demo_site):
        answer = _get(demo_site, "accessibility-info")
        assert answer.url == f"{demo_site.absolute_url()}/barrierefreiheit"
        assert "Erklärung zur Barrierefreiheit" in _headings(_document(answer), "h1")
