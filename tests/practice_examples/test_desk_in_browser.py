"""The editorial desk walked in Debian's Chromium at a desktop and a phone
width: a citizen writes a practice example and submits it, the institute
is told who submitted it and rejects it with a reason, the citizen reads
the reason; a member comments on a published example and the institute
moderates the comment on the German moderation page."""

from playwright.sync_api import expect
from plone import api
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject

import pytest


pytestmark = pytest.mark.browser

TITLE = "Mitfahrbank am Dorfplatz"
REASON = "Bitte beschreiben Sie, wie viele Menschen die Bank nutzen."


def open_menu(page, menu):
    """Open the toolbar menu ``menu`` (a CSS selector of its entry) as the
    user does: a click on its entry in the toolbar."""
    page.locator(menu).first.click()


def test_citizen_submits_and_institute_rejects_with_a_reason(journey, demo_inbox):
    portal_url = api.portal.get().absolute_url()

    # The citizen writes a draft and submits it from the status menu.
    citizen = journey.page("buerger")
    citizen.goto(f"{portal_url}/praxisbeispiele")
    open_menu(citizen, "#plone-contentmenu-factories > a")
    citizen.get_by_role("link", name="Praxisbeispiel", exact=True).click()
    citizen.get_by_label("Titel").fill(TITLE)
    citizen.get_by_role("button", name="Sichern").click()
    draft_url = f"{portal_url}/praxisbeispiele/mitfahrbank-am-dorfplatz"
    citizen.wait_for_url(f"{draft_url}**")
    open_menu(citizen, "#plone-contentmenu-workflow > a")
    citizen.get_by_role("link", name="Einreichen", exact=True).click()
    expect(
        citizen.get_by_role("heading", name="Praxisbeispiel zur Prüfung einreichen")
    ).to_be_visible()
    expect(citizen.get_by_text("Das Institut prüft Ihr Praxisbeispiel")).to_be_visible()
    assert journey.fits(citizen)
    journey.shot(citizen, "submit-page")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(
        citizen.get_by_text(
            "Ihr Praxisbeispiel ist beim Institut zur Prüfung eingereicht"
        )
    ).to_be_visible()
    # The toolbar's status entry (its label is hidden on a phone until the
    # toolbar is opened).
    assert (
        "Zur Prüfung eingereicht"
        in citizen.locator("#plone-contentmenu-workflow").text_content()
    )
    assert journey.fits(citizen)
    journey.shot(citizen, "submitted")

    # The institute is told who submitted it and opens it from the mail.
    demo_inbox.wait_for(1)
    (submitted,) = demo_inbox.to("institut@example.org")
    assert subject(submitted) == f"Zur Prüfung: {TITLE}"
    assert f"Bea Bürger (Demo) hat das Praxisbeispiel „{TITLE}“" in body(submitted)
    assert "Kommune: nicht angegeben" in body(submitted)
    (link,) = [url for url in links(submitted) if url == draft_url]
    institute = journey.page("institut")
    institute.goto(link)
    open_menu(institute, "#plone-contentmenu-workflow > a")
    institute.get_by_role("link", name="Zurückweisen", exact=True).click()
    expect(
        institute.get_by_role("heading", name="Praxisbeispiel zurückweisen")
    ).to_be_visible()

    # Without a reason nothing happens but a German message.
    institute.get_by_role("button", name="Zurückweisen").click()
    expect(
        institute.get_by_role("alert").filter(
            has_text="Bitte geben Sie eine Begründung an"
        )
    ).to_be_visible()
    assert journey.fits(institute)
    journey.shot(institute, "reason-required")
    assert demo_inbox.to("buerger@example.org") == []

    institute.get_by_label("Begründung").fill(REASON)
    journey.shot(institute, "reason-given")
    with institute.expect_navigation():
        institute.get_by_role("button", name="Zurückweisen").click()
    expect(
        institute.get_by_text(
            "Das Praxisbeispiel ist an die Autorin oder den Autor zurückgegeben"
        )
    ).to_be_visible()
    assert "Entwurf" in institute.locator("#plone-contentmenu-workflow").text_content()

    # The citizen reads the reason in the mail and on her draft.
    demo_inbox.wait_for(2)
    (rejected,) = demo_inbox.to("buerger@example.org")
    assert subject(rejected) == f"Zurückgewiesen: {TITLE}"
    assert f"Begründung: {REASON}" in body(rejected)
    (link,) = [url for url in links(rejected) if url == draft_url]
    citizen.goto(link)
    notice = citizen.get_by_role("status").filter(
        has_text="Das Institut hat das Praxisbeispiel zurückgewiesen."
    )
    assert REASON in notice.inner_text()
    assert journey.fits(citizen)
    journey.shot(citizen, "reason-on-draft")


def test_institute_moderates_a_comment_on_a_german_page(journey, demo_inbox):
    (brain,) = api.content.find(
        portal_type="PracticeExample", review_state="published", sort_limit=1
    )[:1]
    text = "Wie haben Sie die Bank finanziert?"

    member = journey.page("kommune-b")
    member.goto(brain.getURL())
    member.get_by_label("Kommentar").fill(text)
    with member.expect_navigation():
        member.get_by_role("button", name="Kommentieren").click()

    demo_inbox.wait_for(1)
    (waiting,) = demo_inbox.to("institut@example.org")
    assert subject(waiting) == f"Kommentar zur Freigabe: {brain.Title}"
    institute = journey.page("institut")
    institute.goto(links(waiting)[0])
    open_menu(institute, "#personaltools-menulink")
    with institute.expect_navigation():
        institute.get_by_role("link", name="Kommentare moderieren").click()
    content = institute.locator("#content")
    expect(
        institute.get_by_role("heading", name="Kommentare moderieren")
    ).to_be_visible()
    assert "Nach Status filtern:" in content.inner_text()
    for english in ("Filter by state", "last history entry", "Bulk Actions"):
        assert english not in content.inner_text(), english
    row = institute.locator("tbody tr").filter(has_text=text)
    assert journey.fits(institute)
    journey.shot(institute, "moderation")
    with institute.expect_response(lambda answer: "transmit-comment" in answer.url):
        row.get_by_role("button", name="Veröffentlichen").click()

    visitor = journey.page(None)
    visitor.goto(brain.getURL())
    expect(visitor.get_by_text(text)).to_be_visible()
