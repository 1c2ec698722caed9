"""Marker interfaces of the ZUMO content types."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IZumoContentLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.content`` is installed."""


class IZumoContent(Interface):
    """Content of one of the six ZUMO types.

    Their own workflows apply to them wherever they lie (the chains in
    ``portal_workflow``); the types they hold follow them (see ``ISpace`` and
    ``IEntry``).
    """


class ISpace(IZumoContent):
    """A space with a roster: a municipality's team space, a mentoring group.

    Local roles ``TeamMember`` and ``TeamModerator`` say who belongs to it;
    the pages, files and folders inside only its team sees.
    """


class IEntry(IZumoContent):
    """An entry of the knowledge base: a practice example, a workshop meeting,
    an expert review, a qualification module.

    Attachments inside are exactly as visible as the entry.
    """


class IConcernsMunicipality(IZumoContent):
    """Content about one municipality: the municipality itself, its practice
    examples and reviews, the meetings it hosts.

    The catalog indexes these with the municipality's Regierungsbezirk,
    Landkreis, UID and name.
    """


class ITeamRecord(IZumoContent):
    """A record a municipality's team keeps in its team space: an action plan,
    the documentation of a Zukunftswerkstatt.

    Only the team and the institute see it, like the other documents there
    (``zumo_space_content_workflow``); the expert panel reads the version of
    an action plan that a review assesses through that review.
    """
