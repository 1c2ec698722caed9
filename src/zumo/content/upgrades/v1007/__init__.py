"""Upgrade step 1007 of zumo.content (issue 28): the municipality directory.

The ``upgradeDepends`` imports the catalog (the index ``zumo_kind``, the
metadata ``zumo_kind`` and ``zumo_network_status``); this handler fills them
for the municipalities that exist.
"""

from plone import api
from zumo.content import logger


def upgrade(setup_tool):
    """Reindex every municipality; return how many there are."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Municipality"):
        brain._unrestrictedGetObject().reindexObject()
        count += 1
    logger.info("Upgrade 1007: %s municipalities reindexed", count)
    return count
