"""The policy installs everything the network needs."""

from plone import api
from zumo.policy import PACKAGE_NAME

import pytest


class TestSetupInstall:
    def test_addon_installed(self, installer):
        """zumo.policy is installed."""
        assert installer.is_product_installed(PACKAGE_NAME) is True

    @pytest.mark.parametrize(
        "product",
        [
            "zumo.content",
            "plone.restapi",
            "collective.easyform",
            "plone.app.caching",
        ],
    )
    def test_dependencies_installed(self, installer, product):
        """The policy pulls in the add-ons the network is built on."""
        assert installer.is_product_installed(product) is True

    @pytest.mark.parametrize(
        "profile,version",
        [("zumo.policy:default", "1014"), ("zumo.content:default", "1010")],
    )
    def test_latest_version(self, profile_last_version, profile, version):
        """A new site is at the profiles' current versions."""
        assert profile_last_version(profile) == version

    @pytest.mark.parametrize(
        "layer",
        [
            "zumo.policy.interfaces.IZumoPolicyLayer",
            "zumo.content.interfaces.IZumoContentLayer",
        ],
    )
    def test_browserlayer(self, browser_layers, layer):
        """Both browser layers are registered."""
        assert layer in {f"{i.__module__}.{i.__name__}" for i in browser_layers}

    def test_content_hidden_from_addons_panel(self, portal):
        """Only the policy shows up in the add-ons control panel."""
        with api.env.adopt_roles(["Manager"]):
            panel = portal.restrictedTraverse("@@prefs_install_products_form")
            addons = panel.get_addons()
        assert PACKAGE_NAME in addons
        assert "zumo.content" not in addons


class TestSiteSettings:
    def test_default_language(self, portal):
        """The site speaks German."""
        assert api.portal.get_registry_record("plone.default_language") == "de"
        assert api.portal.get_registry_record("plone.available_languages") == ["de"]

    def test_timezone(self, portal):
        """The site runs on Baden-Württemberg's clock."""
        assert (
            api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"
        )


def test_dates_are_german(portal):
    """Dates come out the German way, whatever language a request asks for."""
    from DateTime import DateTime
    from plone.base.i18nl10n import ulocalized_time

    import re

    when = DateTime("2026/12/12 12:00:00 UTC")
    long_format = ulocalized_time(when, long_format=True, context=portal)
    assert re.fullmatch(r"12\.12\.2026 1\d:00 Uhr", long_format)
    assert ulocalized_time(when, context=portal) == "12.12.2026"


def test_start_page_and_logo(portal):
    """The site opens with the ZUMO start page and shows the ZUMO logo."""
    assert portal.getLayout() == "zumo-start"
    assert api.portal.get_registry_record("plone.site_logo").startswith(
        b"filenameb64:bG9nby5zdmc="
    )


def test_stylesheet_bundle(portal):
    """The ZUMO stylesheet is a registered, enabled bundle."""
    registry = api.portal.get_tool("portal_registry")
    assert registry["plone.bundles/zumo.enabled"] is True
    assert registry["plone.bundles/zumo.csscompilation"] == "++plone++zumo/zumo.css"
