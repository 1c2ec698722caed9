"""Marker interfaces of the ZUMO content types."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IZumoContentLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.content`` is installed."""
