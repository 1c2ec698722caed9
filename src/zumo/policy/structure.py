"""The sections of the site (DESIGN section 5), read from ``data/structure.json``."""

from pathlib import Path
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.syndication import IFeedSettings
from zope.interface import alsoProvides
from zumo.policy import interfaces
from zumo.policy import logger

import json


STRUCTURE_FILE = Path(__file__).parent / "data" / "structure.json"


def sections():
    """Return the section definitions: id, title, description, allowed types."""
    return json.loads(STRUCTURE_FILE.read_text(encoding="utf-8"))


def create_structure(portal):
    """Create the missing section folders below ``portal``; keep existing ones.

    Each folder is marked :class:`ISection` (or the section's own
    ``marker``, a kind of it), gets the section's default view (``layout``)
    and, with ``feed``, its RSS feed (``rss.xml``),
    and only allows the types its section is for; public sections are
    published; groups get the local roles the section gives them (citizens
    and municipalities may propose practice examples, ...).
    """
    for section in sections():
        folder = portal.get(section["id"])
        if folder is None:
            folder = api.content.create(
                container=portal,
                type="Folder",
                id=section["id"],
                title=section["title"],
                description=section["description"],
                exclude_from_nav=section.get("exclude_from_nav", False),
            )
            logger.info("Created section /%s", section["id"])
        alsoProvides(folder, getattr(interfaces, section.get("marker", "ISection")))
        if section.get("feed") and not IFeedSettings(folder).enabled:
            IFeedSettings(folder).enabled = True
        layout = section.get("layout")
        if layout and folder.getLayout() != layout:
            folder.setLayout(layout)
        if section["public"] and api.content.get_state(folder) != "published":
            api.content.transition(obj=folder, to_state="published")
        for group, roles in section["local_roles"].items():
            api.group.grant_roles(groupname=group, roles=roles, obj=folder)
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(section["allowed"])
        constraints.setImmediatelyAddableTypes(section["allowed"])
