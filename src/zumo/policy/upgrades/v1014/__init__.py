"""Upgrade step 1014 (issue 29): the programmes' procedures, walkable.

The ``upgradeDepends`` in ``configure.zcml`` imports the role map (the local
role ``ProcessFacilitator``, the permissions to add the new records and to
read a path), the workflows (the courses, the new team records) and the
registry (their caching, the ZWK stage names). This handler does what no
profile of this package can:

* the types of ``zumo.content`` come first (its upgrade 1008 imports them
  too; which of the two runs first is not fixed), then the workflows' role
  mappings are applied to existing content;
* the group ``facilitators`` (Prozessbegleitung) is created;
* ``/qualifizierung`` gets its marker, its view and the courses among its
  addable types;
* the five stages a mentoring group kept as its milestones move to its
  mentee municipalities' own paths.
"""

from plone import api
from zumo.policy import logger
from zumo.policy.setuphandlers.groups import create_groups
from zumo.policy.setuphandlers.structure import create_structure
from zumo.policy.spaces.mentoring_paths import migrate_group_milestones


def upgrade(setup_tool):
    """Apply the data changes of version 1014."""
    portal = api.portal.get()
    setup_tool.runImportStepFromProfile("profile-zumo.content:default", "typeinfo")
    updated = api.portal.get_tool("portal_workflow").updateRoleMappings()
    create_groups()
    create_structure(portal)
    with api.env.adopt_roles(["Manager"]):
        moved = migrate_group_milestones(portal)
    logger.info(
        "Upgrade 1014: role mappings of %s objects updated, %s stages moved "
        "from mentoring groups to their municipalities' paths",
        updated,
        moved,
    )
