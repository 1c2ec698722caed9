"""Upgrade step 1010: large sections without manual order; the main
navigation lists the sections only; no navigation tree or events portlet
beside the content."""

from plone import api
from zumo.policy.setuphandlers.structure import sections
from zumo.policy.setuphandlers.structure import set_ordering


PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Load the navigation depth (plone.app.registry), remove the navigation
    and events portlets (portlets) and give each section its ordering
    (``data/structure.json``)."""
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
    setup_tool.runImportStepFromProfile(PROFILE, "portlets")
    portal = api.portal.get()
    for section in sections():
        folder = portal.get(section["id"])
        if folder is not None:
            set_ordering(folder, section.get("ordering", ""))
