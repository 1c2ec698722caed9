"""Upgrade step 1001: the markers of spaces and entries live in zumo.content.

The classes now say themselves what they are (``ISpace``, ``IEntry``), where
the policy used to pin a space marker on two of them; the catalog's
``object_provides`` of existing ZUMO content is brought in line.
"""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import resolveDottedName
from zumo.content import logger
from zumo.content.interfaces import IZumoContent


def zumo_types():
    """Return the ids of the types whose class is ZUMO content."""
    return [
        fti.getId()
        for fti in api.portal.get_tool("portal_types").objectValues()
        if IDexterityFTI.providedBy(fti)
        and IZumoContent.implementedBy(resolveDottedName(fti.klass))
    ]


def upgrade(setup_tool):
    """Reindex ``object_provides`` of all ZUMO content."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=zumo_types())
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["object_provides"])
    logger.info("Upgrade 1001 of zumo.content: %s objects reindexed", len(brains))
