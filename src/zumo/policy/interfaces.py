"""Marker interfaces of the ZUMO site policy."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IZumoPolicyLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.policy`` is installed."""
