"""A practice example's dates and its printable project sheet (PDF)."""

from DateTime import DateTime
from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import add
from tests.fixtures.builders import html
from zope.interface import alsoProvides
from zumo.content.browser.sheet import OwnResources
from zumo.content.interfaces import IZumoContentLayer
from zumo.content.relations import relation_to

import io
import pypdf
import pytest
import re
import socket
import transaction


PDF = "projektblatt.pdf"
#: A publication date late on 3 December in UTC: the 4th in Berlin.
EFFECTIVE = DateTime("2026/12/03 23:30:00 UTC")
MODIFIED = DateTime("2026/12/05 10:00:00 UTC")
#: The list of dates on the page.
DATES = re.compile(r'<dl class="zumo-dates"\s*>(.*?)</dl>', re.S)


@pytest.fixture
def layer(portal):
    """Mark the request with the content layer, as on the real site."""
    alsoProvides(portal.REQUEST, IZumoContentLayer)


def render(obj, name="practice-example-view"):
    return api.content.get_view(name, obj, obj.REQUEST)()


def pdf_text(data):
    """The text of every page of the PDF ``data`` and its metadata."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader.metadata


@pytest.fixture
def published(example):
    """The example published on ``EFFECTIVE``, last changed on ``MODIFIED``."""
    api.content.transition(obj=example, transition="publish")
    example.effective_date = EFFECTIVE
    example.setModificationDate(MODIFIED)
    return example


@pytest.mark.usefixtures("layer")
class TestDates:
    def test_published_and_modified(self, published):
        """A published example shows both dates, in Berlin time."""
        dates = DATES.search(render(published)).group(1)
        assert re.search(r"<dt>Veröffentlicht</dt>\s*<dd>04.12.2026</dd>", dates)
        assert re.search(r"<dt>Stand</dt>\s*<dd>05.12.2026</dd>", dates)

    def test_draft_has_no_publication_date(self, example):
        """A draft shows "Stand" only, even with an effective date set."""
        example.effective_date = EFFECTIVE
        page = render(example)
        assert "Veröffentlicht" not in page
        assert "<dt>Stand</dt>" in DATES.search(page).group(1)

    def test_links_to_the_sheet_and_printing(self, example):
        """The page offers the PDF and a print button (shown by its script)."""
        page = render(example)
        assert f'href="{example.absolute_url()}/@@projektblatt.pdf"' in page
        assert "Projektblatt (PDF)" in page
        assert "data-zumo-print" in page and "++plone++zumo/print.js" in page


@pytest.mark.usefixtures("layer")
class TestSheet:
    def test_content(self, published):
        """Title, municipality, topics, description, sections, dates and
        source; the PDF's metadata title in German."""
        text, metadata = pdf_text(render(published, PDF))
        assert metadata.title == "Projektblatt: Dorfladen in Bürgerhand"
        for shown in ("Dorfladen in Bürgerhand", "Gomadingen", "Daseinsvorsorge",
                      "Eine Genossenschaft sichert die Nahversorgung.",
                      "Ausgangslage", "Der letzte Laden hatte geschlossen.",
                      "Veröffentlicht 04.12.2026", "Stand 05.12.2026",
                      published.absolute_url()):  # fmt: skip
            assert shown in text, shown

    def test_no_contact_without_consent(self, published):
        """Without consent the sheet names no contact person."""
        text, _metadata = pdf_text(render(published, PDF))
        assert "Erika" not in text and "erika@example.org" not in text
        assert "Ansprechperson" not in text

    def test_contact_with_consent(self, published):
        """With consent, the contact person as on the page."""
        published.contact_consent = True
        text, _metadata = pdf_text(render(published, PDF))
        assert "Erika Muster" in text and "erika@example.org" in text

    def test_draft_has_no_publication_date(self, example):
        """A draft's sheet has "Stand" but no "Veröffentlicht"."""
        text, _metadata = pdf_text(render(example, PDF))
        assert re.search(r"Stand \d\d\.\d\d\.\d{4}", text)
        assert "Veröffentlicht" not in text

    def test_demo_mark_and_licence(self, published):
        """Demo content says so on paper; the licence line where there is one."""
        published.demo = True
        published.rights = "CC BY 4.0, Gemeinde Gomadingen"
        text, _metadata = pdf_text(render(published, PDF))
        assert "Demo-Inhalt." in text
        assert "Lizenz: CC BY 4.0, Gemeinde Gomadingen" in text

    def test_umlauts_in_an_embedded_font(self, published):
        """The text keeps its umlauts, in a font embedded in the PDF."""
        data = render(published, PDF)
        text, _metadata = pdf_text(data)
        assert "Bürgerhand" in text and "Ältere Menschen" in text
        fonts = set()
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
                fonts.add(str(font["/BaseFont"]))
        assert any("DejaVu" in name for name in fonts), fonts

    def test_fetches_nothing_from_the_network(self, published, monkeypatch):
        """An image of another site in a text is left out, unfetched."""
        published.goals = html(
            'Ziel <img src="https://example.org/bild.png" alt="Bild" />'
        )
        connections = []
        monkeypatch.setattr(
            socket.socket, "connect", lambda self, address: connections.append(address)
        )
        assert render(published, PDF).startswith(b"%PDF")
        assert connections == []

    def test_fetcher_reads_only_our_files(self, portal):
        """Our stylesheet is read from its directory; nothing else is fetched."""
        fetcher = OwnResources(portal.absolute_url())
        css = fetcher.fetch(f"{portal.absolute_url()}/++plone++zumo/zumo.css")
        assert b"@media print" in css.read()
        assert css.content_type == "text/css"
        for refused in ("https://example.org/x.css", "file:///etc/passwd",
                        f"{portal.absolute_url()}/++plone++zumo/../../setup.py",
                        f"{portal.absolute_url()}/praxisbeispiele"):  # fmt: skip
            with pytest.raises(ValueError):
                fetcher.fetch(refused)


@pytest.fixture
def served_examples(functional_portal):
    """A published and a private example, committed and served."""
    municipality = add(functional_portal, "kommunen", "Municipality", "hayingen",
                       title="Hayingen", to_state="published")  # fmt: skip
    for oid, state in (("dorfladen", "published"), ("entwurf", None)):
        add(functional_portal, "praxisbeispiele", "PracticeExample", oid,
            title=f"Dorfladen {oid}", municipality=relation_to(municipality),
            contact_name="Erika Kontakt", contact_consent=False,
            to_state=state)  # fmt: skip
    transaction.commit()
    return functional_portal


def test_anonymous_gets_the_published_sheet(served_examples, request_factory):
    """200 and a PDF for anonymous visitors, with the title and no contact."""
    logout()
    session = request_factory(api=False)
    response = session.get("/praxisbeispiele/dorfladen/@@projektblatt.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    text, _metadata = pdf_text(response.content)
    assert "Dorfladen dorfladen" in text and "Erika" not in text


def test_private_sheet_hidden_like_the_page(served_examples, request_factory):
    """A private example's sheet is refused as its page is."""
    session = request_factory(api=False)
    page = session.get("/praxisbeispiele/entwurf", allow_redirects=False)
    sheet = session.get(
        "/praxisbeispiele/entwurf/@@projektblatt.pdf", allow_redirects=False
    )
    assert page.status_code in (302, 401, 403, 404)
    assert sheet.status_code == page.status_code
    assert b"%PDF" not in sheet.content
