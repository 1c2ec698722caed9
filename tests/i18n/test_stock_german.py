"""Stock parts of Plone that the site serves speak German."""

from plone import api

import pytest
import re


@pytest.fixture
def session(functional_portal, request_factory):
    """A browser-like session that asks for German pages, as a Manager
    sees them (Plone's forms and the theme's page frame)."""
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    session.headers["Accept-Language"] = "de"
    return session


class TestTheme:
    def test_close_button_of_the_menu_is_german(self, session):
        """The off-canvas main menu's close button (phones) reads
        "Schließen"; Barceloneta's index.html says "Close"."""
        page = session.get("/").text
        buttons = re.findall(r"<button[^>]*btn-close[^>]*>", page)
        assert buttons
        assert all('aria-label="Schließen"' in button for button in buttons)

    def test_theme_is_barceloneta_in_german(self, functional_portal, session):
        """The site's theme frames pages with Barceloneta's page and styles."""
        assert api.portal.get_registry_record(
            "plone.app.theming.interfaces.IThemeSettings.currentTheme"
        ) == "zumo"
        page = session.get("/").text
        assert "++theme++barceloneta/css/barceloneta.min.css" in page
        assert 'id="portal-footer"' in page
