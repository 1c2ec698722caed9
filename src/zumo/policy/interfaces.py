"""Marker interfaces of the ZUMO site policy."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IZumoPolicyLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.policy`` is installed."""


class ISection(Interface):
    """A section of the network at the site root (``/praxisbeispiele``, ...).

    Set by :func:`zumo.policy.structure.create_structure`; standard content
    filed in a section follows ``zumo_page_workflow``.
    """


class IPracticeExampleSection(ISection):
    """The knowledge base ``/praxisbeispiele``: the finder is its default
    view, and its published practice examples are open data
    (``export.csv``, ``export.json``, ``export.geojson``, ``dcat.jsonld``)."""


class IMeetingSection(ISection):
    """The workshop meetings ``/werkstatttreffen``: upcoming by region, past
    ones paged, and the iCal calendar of all announced meetings."""
