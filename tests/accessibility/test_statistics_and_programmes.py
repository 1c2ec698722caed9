"""/statistik and the programme pages at desktop and phone width: no
serious or critical axe-core violation (WCAG 2.1 A/AA rules), and a page
title of their own in the browser tab."""

from axe_playwright_python.sync_playwright import Axe
from tests.fixtures.browser import as_persona

import pytest


pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Desktop and phone widths (CSS pixels).
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}

#: page name -> (who looks at it, path below the site, its title's start)
PAGES = {
    "Statistik": (None, "statistik", "Das Netzwerk in Zahlen — "),
    "Statistik gefiltert": (
        None,
        "statistik?zumo_region=tuebingen&zumo_programmes=zumo",
        "Das Netzwerk in Zahlen — ",
    ),
    "Statistik intern": ("ministerium", "statistik", "Das Netzwerk in Zahlen — "),
    "Programme": (None, "programm", "Programme — "),
    "Programm ZUMO": (
        None,
        "programm/zumo",
        "ZUMO – Moderierende für Zukunftsfragen — ",
    ),
    "Programm ZWK": (None, "programm/zwk", "Zukunftswerkstatt Kommunen"),
    "Programm KoQuMa": (None, "programm/koquma", "Qualifizierungsmaßnahme"),
}
SEVERE = {"serious", "critical"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page(browser, demo_site, name, viewport):
    """0 serious or critical violations; the page's own title."""
    persona, path, title = PAGES[name]
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": width, "height": height},
        **as_persona(persona),
    )
    try:
        page = context.new_page()
        response = page.goto(f"{demo_site.absolute_url()}/{path}")
        assert response.status == 200, name
        assert page.title().startswith(title), page.title()
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
        )
    finally:
        context.close()
    severe = [v for v in results.response["violations"] if v["impact"] in SEVERE]
    assert severe == [], results.generate_report()
