"""Uninstalling the policy removes what it added."""

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
