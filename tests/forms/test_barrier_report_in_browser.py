"""A visitor reports a barrier, at a desktop and a phone width: from the
footer to the accessibility statement, from there to the form "Barriere
melden"; the institute is told by mail and finds the report in the form's
saved data."""

from playwright.sync_api import expect
from tests.fixtures.mail import links
from tests.fixtures.mail import subject

import pytest


pytestmark = pytest.mark.browser


def test_visitor_reports_a_barrier_and_the_institute_hears_of_it(
    journey, demo_site, demo_inbox
):
    page = journey.page()
    page.goto(demo_site.absolute_url())
    footer = page.locator("#portal-footer-wrapper")
    with page.expect_navigation():
        footer.get_by_role("link", name="Barrierefreiheit").click()
    expect(page.locator("h1")).to_have_text("Erklärung zur Barrierefreiheit")
    with page.expect_navigation():
        page.locator("#content").get_by_role("link", name="Barriere melden").click()
    expect(page.locator("h1")).to_have_text("Barriere melden")
    assert page.locator("input[name='form.widgets.website']").is_hidden()
    page.get_by_label("Auf welcher Seite?").fill("Karte der Praxisbeispiele")
    page.get_by_label("Was hat Sie behindert?").fill(
        f"Mit dem Bildschirmleser finde ich die Marker nicht ({journey.width})."
    )
    page.get_by_label("Ihre E-Mail-Adresse").fill("melderin@example.org")
    assert journey.fits(page)
    journey.shot(page, "form")
    page.get_by_role("button", name="Meldung senden").click()
    expect(page.get_by_text("Vielen Dank für Ihre Meldung")).to_be_visible()
    journey.shot(page, "thanks")

    demo_inbox.wait_for(1)
    (message,) = demo_inbox.to("institut@example.org")
    assert subject(message) == "Neue Einsendung: Barriere melden"
    (saved,) = [url for url in links(message) if "saveddata" in url]

    institute = journey.page("institut")
    institute.goto(saved)
    expect(institute.locator("#content")).to_contain_text(
        f"Marker nicht ({journey.width})"
    )
