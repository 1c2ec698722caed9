"""Upgrade step 1011 (issue 26): histories, creators, ownership, "send this
page", marker interfaces and versions.

The ``upgradeDepends`` in ``configure.zcml`` imports the rolemap ("zumo:
View creators"; "Allow sendto" for managers and site administrators only,
:mod:`zumo.policy.security.sendto` says why; "Manage properties", which
changes marker interfaces, for administrators only), the workflows (no
Owner in the review, meeting and module workflows; the reviewed team reads
a requested review; saving and restoring versions follow "Modify portal
content") and the registry (feeds without authors); this handler applies
the workflows to existing content.
"""

from plone import api
from zumo.policy import logger


def upgrade(setup_tool):
    """Update the role mappings of all content to the imported workflows."""
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Upgrade 1011: role mappings of %s objects updated", count)
