"""The keyboard in Debian's Chromium, at a desktop and a phone width: the
first Tab on every kind of page lands on "Zum Inhalt springen", which shows
and leads into the content; a focused checkbox or radio shows a ring of at
least 3:1 (WCAG 2.4.7, 1.4.11)."""

from playwright.sync_api import expect
from plone import api

import pytest


pytestmark = pytest.mark.browser


def _example():
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="PracticeExample", review_state="published", sort_on="id"
    )[0]
    return brain.getPath().split("/", 2)[2]


#: Pages of each kind: who opens them and where (below the site).
PAGES = [
    (None, ""),
    (None, "praxisbeispiele"),
    (None, "praxisbeispiele/karte"),
    (None, "kommunen/tuningen"),
    (None, "barrierefreiheit"),
    (None, "mitmachen/barriere-melden"),
    (None, "login"),
    (None, "@@register"),
    ("institut", "praxisbeispiele"),
    ("institut", "mitmachen/modellkommune-bewerben/edit"),
]


def _luminance(rgb):
    channels = []
    for value in rgb:
        value /= 255
        channels.append(
            value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        )
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first, second):
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    """``(r, g, b)`` of a computed colour ``rgb(…)`` or ``rgba(…)``."""
    return tuple(
        int(float(part)) for part in css[css.index("(") + 1 : -1].split(",")[:3]
    )


#: The focused element's ring and the colour of the page behind it.
RING = """element => {
    const style = getComputedStyle(element);
    let behind = element.parentElement;
    while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') {
        behind = behind.parentElement;
    }
    return {
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        color: style.outlineColor,
        behind: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
    };
}"""


def test_first_tab_lands_on_the_skip_link(journey, demo_site):
    pages = {}
    for persona, path in PAGES:
        if persona not in pages:
            pages[persona] = journey.page(persona)
        page = pages[persona]
        page.goto(f"{demo_site.absolute_url()}/{path}")
        page.keyboard.press("Tab")
        link = page.locator(":focus")
        expect(link, path).to_have_attribute("id", "zumo-skip-link")
        expect(link).to_have_text("Zum Inhalt springen")
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box["width"] > 50 and box["height"] > 10, (path, box)
        if path == "barrierefreiheit":
            journey.shot(page, "skip-link")
        page.keyboard.press("Enter")
        expect(page.locator(":focus"), path).to_have_attribute("id", "content")


@pytest.mark.parametrize(
    "form, before, control",
    [
        ("modellkommune-bewerben", "#form-widgets-motivation", "input[type=checkbox]"),
        ("rueckmeldung", "#form-widgets-meeting", "input[type=radio]"),
    ],
)
def test_focused_choice_shows_a_clear_ring(journey, demo_site, form, before, control):
    page = journey.page()
    page.goto(f"{demo_site.absolute_url()}/mitmachen/{form}")
    page.locator(before).focus()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.evaluate(f"element => element.matches('{control}')"), form
    ring = focused.evaluate(RING)
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert _contrast(_rgb(ring["color"]), _rgb(ring["behind"])) >= 3, ring
    journey.shot(page, f"focus-{form}")
