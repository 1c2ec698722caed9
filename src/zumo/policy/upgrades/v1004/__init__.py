"""Upgrade step 1004: the sections get their default views (the finder)."""

from plone import api
from zumo.policy.setuphandlers.structure import create_structure


def upgrade(setup_tool):
    """Bring the sections in line with ``data/structure.json``."""
    create_structure(api.portal.get())
