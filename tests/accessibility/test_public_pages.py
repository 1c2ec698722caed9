"""Every public page passes axe-core without a serious or critical violation
of WCAG 2.1 A/AA, at a desktop and a phone width.

The public pages are those an anonymous visitor reaches by the site's links
(the crawl of ``tests/i18n/crawl.py``), the legal pages and the form
"Barriere melden" among them. Pages of one folder share their template
(1,200 municipalities, hundreds of practice examples), so ``PER_FOLDER`` of
them stand for the rest; the site's own pages (the root) are all checked.
One browser page per width goes through them all.
"""

from axe_playwright_python.sync_playwright import Axe
from functools import cache
from playwright.sync_api import expect
from tests.accessibility.test_pages import wait_for_map
from tests.accessibility.test_pages import WCAG_21_AA
from tests.i18n.crawl import crawl
from tests.i18n.crawl import group
from tests.i18n.crawl import normalised
from urllib.parse import urlsplit

import pytest
import requests


pytestmark = pytest.mark.browser

#: The violations this test fails on.
SEVERE = {"serious", "critical"}
#: Pages checked below one folder (the site's own pages excepted).
PER_FOLDER = 3
#: Pages the crawl must have found (the legal pages and their form).
REQUIRED = ("impressum", "datenschutz", "barrierefreiheit", "mitmachen/barriere-melden")


@cache
def public_pages(site):
    """The URLs of the public pages of ``site``, crawled once per process."""
    session = requests.Session()
    session.headers["Accept-Language"] = "de"
    crawled = crawl(site, session, lambda url, document: None)
    root = urlsplit(site).path
    chosen, per_folder = [], {}
    for url in crawled:
        folder, _limit = group(normalised(url))
        if folder != root:
            per_folder[folder] = per_folder.get(folder, 0) + 1
            if per_folder[folder] > PER_FOLDER:
                continue
        chosen.append(url)
    return tuple(chosen)


def severe_violations(page):
    """``[(rule, impact, targets)]`` of axe's serious and critical findings
    on ``page``, limited to ``rules`` when given."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    return [
        (
            violation["id"],
            violation["impact"],
            [n["target"] for n in violation["nodes"]],
        )
        for violation in results.response["violations"]
        if violation["impact"] in SEVERE
    ]


def test_every_public_page(journey, demo_site):
    site = demo_site.absolute_url()
    urls = public_pages(site)
    for required in REQUIRED:
        assert f"{site}/{required}" in urls, required
    page = journey.page()
    found = {}
    for url in urls:
        page.goto(url)
        if page.locator("[data-zumo-map]").count():
            wait_for_map(page)
        violations = severe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}, f"{len(found)} of {len(urls)} pages"


def test_folder_contents_for_the_institute(journey, demo_site):
    page = journey.page("institut")
    page.goto(f"{demo_site.absolute_url()}/praxisbeispiele/folder_contents")
    expect(page.locator(".pat-structure tbody tr").first).to_be_visible(timeout=20_000)
    assert page.locator(".pat-structure [class*='state-']").count()
    journey.shot(page, "folder-contents")
    contrast = [v for v in severe_violations(page) if v[0] == "color-contrast"]
    assert contrast == []
