"""A visitor finds a practice example, reads its dates, prints it and takes
its project sheet as a PDF; in Debian's Chromium at a desktop and a phone
width."""

from axe_playwright_python.sync_playwright import Axe
from DateTime import DateTime
from playwright.sync_api import expect
from plone import api
from zumo.content.dates import local_time

import io
import pypdf
import pytest
import transaction


pytestmark = pytest.mark.browser

#: What the print stylesheet leaves out (toolbar, navigation, footer, the
#: buttons, the suggestions) and what it keeps (the demo mark, the texts).
HIDDEN_IN_PRINT = (
    "#edit-zone",
    "#portal-globalnav",
    "#portal-searchbox",
    "#portal-footer-wrapper",
    ".zumo-sheet-links",
    ".zumo-similar",
)
SHOWN_IN_PRINT = (".zumo-demo-note", "#content h1", ".zumo-section", ".zumo-dates")
#: Late on 19 November in UTC: the 20th in Berlin.
PUBLISHED = DateTime("2026/11/19 23:30:00 UTC")


def published_example():
    """The first published demo example (by title), published on
    ``PUBLISHED`` and marked as demo content."""
    catalog = api.portal.get_tool("portal_catalog")
    brain = catalog.unrestrictedSearchResults(
        portal_type="PracticeExample",
        review_state="published",
        sort_on="sortable_title",
    )[0]
    example = brain._unrestrictedGetObject()
    example.effective_date = PUBLISHED
    example.reindexObject()
    transaction.commit()
    return example


def serious(page):
    """The serious and critical axe violations (WCAG 2.1 A/AA) on ``page``."""
    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            }
        },
    )
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_visitor_reads_prints_and_takes_the_sheet(journey, demo_site):
    example = published_example()
    title = example.Title()

    page = journey.page()
    page.goto(f"{demo_site.absolute_url()}/praxisbeispiele")
    # On a phone the search sits behind "Filter", results first.
    toggle = page.locator("#finder-facets-toggle")
    if toggle.is_visible():
        toggle.click()
    page.get_by_label("Suchbegriff").fill(title)
    page.get_by_label("Suchbegriff").press("Enter")
    with page.expect_navigation():
        page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.locator("#content h1")).to_have_text(title)

    dates = page.locator(".zumo-dates")
    expect(dates).to_be_visible()
    expect(dates).to_contain_text("Veröffentlicht 20.11.2026")
    expect(dates).to_contain_text(f"Stand {local_time(example.modified())}")
    assert (
        dates.locator("dt").first.evaluate(
            "term => getComputedStyle(term, '::after').content"
        )
        == '":"'
    )
    assert serious(page) == []
    assert journey.fits(page)
    journey.shot(page, "page")

    # "Drucken" opens the browser's print dialogue (here a stand-in for it).
    page.evaluate("window.print = () => { document.body.dataset.printed = 'ja'; }")
    page.get_by_role("button", name="Drucken").click()
    expect(page.locator("body[data-printed='ja']")).to_have_count(1)

    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    for selector in SHOWN_IN_PRINT:
        expect(page.locator(selector).first).to_be_visible()
    source = page.locator(".zumo-print-source")
    expect(source).to_be_visible()
    expect(source).to_contain_text(example.absolute_url())
    journey.shot(page, "print")

    page.emulate_media(media="screen")
    link = page.get_by_role("link", name="Projektblatt (PDF)")
    answer = page.request.get(link.get_attribute("href"))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.body()))
    assert reader.metadata.title == f"Projektblatt: {title}"
    text = "\n".join(sheet.extract_text() for sheet in reader.pages)
    assert "Demo-Inhalt." in text and example.absolute_url() in text


def test_an_editor_prints_without_the_toolbar(journey, demo_site):
    """Signed in, the page has the toolbar; on paper it does not."""
    page = journey.page("institut")
    page.goto(published_example().absolute_url())
    expect(page.locator("#edit-zone")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#edit-zone")).to_be_hidden()
    expect(page.locator(".zumo-section").first).to_be_visible()
    assert serious(page) == []
    journey.shot(page, "print")
