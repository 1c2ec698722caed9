"""Uninstalling the policy removes what it added."""

from plone import api
from zumo.policy import PACKAGE_NAME

import pytest


class TestSetupUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer):
        installer.uninstall_product(PACKAGE_NAME)

    def test_product_uninstalled(self, installer):
        """zumo.policy is no longer installed."""
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self, browser_layers):
        """The policy's browser layer is gone."""
        from zumo.policy.interfaces import IZumoPolicyLayer

        assert IZumoPolicyLayer not in browser_layers

    def test_start_page_and_logo_restored(self, portal):
        """The site gets Plone's own start page and logo back."""
        assert portal.getLayout() != "zumo-start"
        assert api.portal.get_registry_record("plone.site_logo") is None
        fti = api.portal.get_tool("portal_types")["Plone Site"]
        assert "zumo-start" not in fti.view_methods
        registry = api.portal.get_tool("portal_registry")
        assert "plone.bundles/zumo.csscompilation" not in registry
