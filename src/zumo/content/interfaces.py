"""Marker interfaces of the ZUMO content types."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IZumoContentLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.content`` is installed."""


class IZumoContent(Interface):
    """Content of one of the six ZUMO types."""


class IConcernsMunicipality(IZumoContent):
    """Content about one municipality: the municipality itself, its practice
    examples and reviews, the meetings it hosts.

    The catalog indexes these with the municipality's Regierungsbezirk,
    Landkreis, UID and name.
    """
