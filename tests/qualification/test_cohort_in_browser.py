"""A municipality enrols into a KoQuMa course, in Debian's Chromium at a
desktop and a phone width: kommune-a opens the qualification page, picks a
course and asks for a place; the institute accepts through the link in its
mail; kommune-a then finds the course's group space and posts in it."""

from playwright.sync_api import expect
from plone import api
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zumo.content.vocabularies import details

import pytest


pytestmark = pytest.mark.browser

COURSE = "KoQuMa-Kurs B (Format 2)"


def test_municipality_enrols_into_a_course(journey, demo_inbox):
    call = details("cohort_formats", "call")
    portal_url = api.portal.get().absolute_url()

    page = journey.page("kommune-a")
    page.goto(f"{portal_url}/qualifizierung")
    content = page.locator("#content")
    expect(content.get_by_text(call["group"]["quote"])).to_be_visible()
    expect(content.get_by_text(call["provider"]["quote"])).to_be_visible()
    page.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
    expect(page.get_by_text("Demo-Inhalt.")).to_be_visible()
    assert "Gruppenraum des Kurses" not in content.inner_text()
    page.get_by_label("Mittlere Verwaltungsebene").check()
    page.get_by_label("Kommune oder Organisation").fill("Gemeinde Tuningen")
    page.get_by_role("button", name="Zum Kurs anmelden").click()
    expect(page.get_by_text("Ihre Anmeldung ist eingegangen.")).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "requested")

    demo_inbox.wait_for(2)
    (receipt,) = demo_inbox.to("kommune-a@example.org")
    assert COURSE in subject(receipt)
    (request_mail,) = demo_inbox.to("institut@example.org")
    (decide,) = [url for url in links(request_mail) if "kursanmeldungen" in url]
    demo_inbox.clear()

    institute = journey.page("institut")
    institute.goto(decide)
    requests = institute.get_by_role("table", name="Offene Anmeldungen")
    assert "Gemeinde Tuningen" in requests.inner_text()
    assert "Mittlere Verwaltungsebene" in requests.inner_text()
    assert journey.fits(institute)
    journey.shot(institute, "requests")
    institute.get_by_role("button", name="Anna Tuninger (Demo): annehmen").click()
    expect(institute.get_by_text("Die Person ist im Kurs.")).to_be_visible()
    expect(institute.get_by_text("Keine offenen Anmeldungen.")).to_be_visible()

    demo_inbox.wait_for(1)
    (welcome,) = demo_inbox.to("kommune-a@example.org")
    assert "Sie sind im Kurs" in subject(welcome)
    (course_url,) = [url for url in links(welcome) if "qualifizierung" in url]

    page.goto(course_url)
    space = page.locator(".zumo-group-space")
    expect(space.get_by_role("heading", name="Gruppenraum des Kurses")).to_be_visible()
    expect(space.get_by_role("link", name="Ablauf und erste Schritte")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Beitrag schreiben").click()
    journey.shot(page, "form")
    form = page.locator("form#form")
    form.get_by_label("Titel").fill("Unser Quartier in Tuningen")
    form.locator("#form-buttons-save").click()
    expect(
        page.get_by_role("heading", name="Unser Quartier in Tuningen")
    ).to_be_visible()
    page.goto(course_url)
    expect(
        page.locator(".zumo-group-space").get_by_role(
            "link", name="Unser Quartier in Tuningen"
        )
    ).to_be_visible()
    assert journey.fits(page)
    journey.shot(page, "posted")
