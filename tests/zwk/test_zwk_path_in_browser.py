"""kommune-a, on the team of Blumberg in the mentoring group „Baar und
Schwarzwald“, opens its group, sees its municipalities' paths side by side,
goes to Blumberg's path and documents the Zukunftswerkstatt, walked in
Debian's Chromium at a desktop and a phone width."""

from playwright.sync_api import expect
from plone import api

import pytest
import re


pytestmark = pytest.mark.browser


def _main_menu(page, name):
    link = page.locator("#portal-globalnav").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator(".navbar-toggler").first.click()
        link.wait_for(state="visible")
    return link


def test_member_walks_the_zwk_path(journey):
    page = journey.page("kommune-a")
    page.goto(api.portal.get().absolute_url())
    with page.expect_navigation():
        _main_menu(page, "Mentoring").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Mentoring-Gruppe Baar und Schwarzwald").click()
    table = page.get_by_role("table", name="Wege der Kommunen dieser Gruppe")
    expect(table).to_be_visible()
    text = table.inner_text()
    for name in ("Bad Dürrheim", "Blumberg", "Königsfeld im Schwarzwald"):
        assert name in text
    assert "Tuningen" not in text
    assert "Arbeitstitel, eigene Festlegung des Netzwerks" in text
    assert "Demo-Inhalt" in text
    assert "ZWK-Schritt" not in page.content()
    assert journey.fits(page)
    journey.shot(page, "group")
    row = table.get_by_role("row").filter(has_text="Blumberg")
    with page.expect_navigation():
        row.get_by_role("link", name="Zum Weg der Kommune").click()
    journey.shot(page, "path")
    button = page.get_by_role("link", name=re.compile("Schritt dokumentieren")).first
    assert "Zukunftswerkstatt" in button.text_content()
    with page.expect_navigation():
        button.click()
    page.get_by_label("Titel").first.fill("Zukunftswerkstatt Ortsmitte Blumberg")
    page.locator("input[name='form.widgets.date']").fill("2025-10-18")
    page.get_by_label("Format", exact=True).select_option(label="Zukunftswerkstatt")
    journey.shot(page, "form")
    with page.expect_navigation():
        page.get_by_role("button", name="Sichern").click()
    expect(
        page.get_by_text("Zukunftswerkstatt Ortsmitte Blumberg").first
    ).to_be_visible()
    assert journey.fits(page)
