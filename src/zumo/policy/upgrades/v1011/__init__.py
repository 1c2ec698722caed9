"""Upgrade step 1011 (issue 26, write channels): only administrators change
marker interfaces (``Manage properties``); saving and restoring versions
(CMFEditions) follows ``Modify portal content`` in the ZUMO workflows.

The profile's rolemap and workflows are imported by the step's
``upgradeDepends``; this handler brings existing content in line.
"""

from plone import api
from zumo.policy import logger


def upgrade(setup_tool):
    """Update the role mappings of existing content to the workflows."""
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Upgrade 1011: role mappings of %s objects updated", count)
