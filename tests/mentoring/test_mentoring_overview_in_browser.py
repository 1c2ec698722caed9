"""The institute reads the mentoring groups' progress at a desktop and a
phone width: the table fits the desktop and scrolls inside its own box on
a phone, where the keyboard reaches it."""

from playwright.sync_api import expect
from plone import api

import pytest


pytestmark = pytest.mark.browser


def test_overview_is_not_cut(journey):
    page = journey.page("institut")
    page.goto(f"{api.portal.get().absolute_url()}/@@mein-netzwerk")
    with page.expect_navigation():
        page.get_by_role("link", name="Fortschritt der Mentoring-Gruppen").click()
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    region = page.get_by_role("region", name="und die Wege ihrer Kommunen")
    assert region.locator("table").count() == 1
    assert journey.fits(page)
    journey.shot(page, "overview")

    box = region.bounding_box()
    right = box["x"] + box["width"]
    if journey.width == "desktop":
        assert table.bounding_box()["x"] + table.bounding_box()["width"] <= right + 1
    else:
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")
        region.focus()
        expect(region).to_be_focused()
        page.keyboard.press("ArrowRight")
        # scrolling may be smooth: wait for it to arrive
        for _attempt in range(20):
            if region.evaluate("r => r.scrollLeft") > 0:
                break
            page.wait_for_timeout(100)
        assert region.evaluate("r => r.scrollLeft") > 0
