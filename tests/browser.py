"""A real browser (Debian's chromium, driven by Playwright) on the served demo site.

The fixtures are made available to the whole suite by ``tests/conftest.py``:
one session-wide browser for every folder (Playwright's sync API runs once
per process).
"""

from pathlib import Path
from playwright.sync_api import sync_playwright
from plone import api
from zumo.policy.setuphandlers.demo import load_demo

import pytest
import transaction


CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "barrierefrei-2026"
#: Map tiles from a port nobody listens on: the browser tests run the map as
#: on a closed network, where the markers must show without a background.
UNREACHABLE_TILES = "http://localhost:9/{z}/{x}/{y}.png"
# Quiet flags: no sandbox (CI runs as root), no calls home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Headless chromium from the system; the suite never downloads a browser."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="class")
def demo_site(functional_portal_class):
    """The demo network, committed and served over HTTP; returns the portal."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        load_demo(portal, progress=False, password=PASSWORD)
    api.portal.set_registry_record("zumo.map.tile_url", UNREACHABLE_TILES)
    transaction.commit()
    return portal
