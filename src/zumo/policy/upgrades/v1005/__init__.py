"""Upgrade step 1005: the map's settings in the registry."""

from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zumo.policy.interfaces import IMapSettings


def upgrade(setup_tool):
    """Add the records ``zumo.map.*`` (values already set are kept)."""
    getUtility(IRegistry).registerInterface(IMapSettings, prefix="zumo.map")
