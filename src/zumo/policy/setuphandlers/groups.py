"""The groups of the network (DESIGN section 6), read from ``data/groups.json``."""

from pathlib import Path
from plone import api
from zumo.policy import logger

import json


GROUPS_FILE = Path(__file__).parents[1] / "data" / "groups.json"


def groups():
    """Return the group definitions: id, German title, description, roles."""
    return json.loads(GROUPS_FILE.read_text(encoding="utf-8"))


def create_groups():
    """Create the missing groups and give every group its global roles."""
    for definition in groups():
        group = api.group.get(groupname=definition["id"])
        if group is None:
            group = api.group.create(
                groupname=definition["id"],
                title=definition["title"],
                description=definition["description"],
            )
            logger.info("Created group %s", definition["id"])
        api.group.grant_roles(groupname=definition["id"], roles=definition["roles"])
