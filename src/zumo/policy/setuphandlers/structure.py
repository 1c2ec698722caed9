"""The sections of the site (DESIGN section 5), read from ``data/structure.json``."""

from Acquisition import aq_base
from pathlib import Path
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.syndication import IFeedSettings
from plone.folder.default import DefaultOrdering
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zumo.policy import interfaces
from zumo.policy import logger

import json


STRUCTURE_FILE = Path(__file__).parents[1] / "data" / "structure.json"


def sections():
    """Return the section definitions: id, title, description, allowed types."""
    return json.loads(STRUCTURE_FILE.read_text(encoding="utf-8"))


def set_ordering(folder, ordering):
    """Give ``folder`` the named ordering (``""``: Plone's manual order);
    leaving the manual order drops its stored list of ids."""
    if getattr(aq_base(folder), "_ordering", "") == ordering:
        return
    folder.setOrdering(ordering)
    if ordering:
        annotations = IAnnotations(folder)
        for key in (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY):
            annotations.pop(key, None)


def create_structure(portal):
    """Create the missing section folders below ``portal``; keep existing ones.

    Each folder is marked :class:`ISection` (or the section's own
    ``marker``, a kind of it), gets the section's default view (``layout``)
    and, with ``feed``, its RSS feed (``rss.xml``),
    and only allows the types its section is for; sections of many items
    (``"ordering": "unordered"``) keep no manual order, whose list of every
    id Plone rewrites on each addition and reads on every page (next and
    previous links); their pages sort by title or date; public sections are
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
        set_ordering(folder, section.get("ordering", ""))
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
