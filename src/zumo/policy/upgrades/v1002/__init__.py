"""Upgrade step 1002: close the leaks around the permission matrix.

The profile's rolemap and workflows are imported by the step's
``upgradeDepends``; this handler brings existing content in line.
"""

from plone import api
from zumo.policy import logger
from zumo.policy.interfaces import ISection
from zumo.policy.practice_examples.privacy import apply_contact_consent
from zumo.policy.setuphandlers.structure import create_structure


PAGE_WORKFLOW = "zumo_page_workflow"


def upgrade(setup_tool):
    """Mark sections, move content to its workflows, fix reviews and contacts."""
    portal = api.portal.get()
    create_structure(portal)
    catalog = api.portal.get_tool("portal_catalog")
    _move_section_pages(portal, catalog)
    for brain in catalog.unrestrictedSearchResults(portal_type="ExpertReview"):
        _move_review_subject(brain._unrestrictedGetObject())
    for brain in catalog.unrestrictedSearchResults(portal_type="PracticeExample"):
        apply_contact_consent(brain._unrestrictedGetObject())
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Upgrade 1002: role mappings of %s objects updated", count)


def _move_section_pages(portal, catalog):
    """Stock content in a section keeps its state under ``zumo_page_workflow``."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for section in portal.objectValues():
        if not ISection.providedBy(section):
            continue
        path = "/".join(section.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(
            path={"query": path, "depth": -1}
        ):
            obj = brain._unrestrictedGetObject()
            if workflow_tool.getChainFor(obj) != (PAGE_WORKFLOW,):
                continue
            if workflow_tool.getStatusOf(PAGE_WORKFLOW, obj) is not None:
                continue
            workflow_tool.setStatusOf(
                PAGE_WORKFLOW,
                obj,
                {
                    "action": None,
                    "actor": "admin",
                    "comments": "Übernommen beim Update 1002",
                    "review_state": _previous_state(obj),
                    "time": obj.modified(),
                },
            )
            obj.reindexObject(idxs=["review_state"])


def _previous_state(obj):
    """``published`` if the workflow ``obj`` followed before had published it."""
    entries = [
        entry
        for workflow_id, history in getattr(obj, "workflow_history", {}).items()
        if workflow_id != PAGE_WORKFLOW
        for entry in history
    ]
    if entries and max(entries, key=lambda e: e["time"])["review_state"] == "published":
        return "published"
    return "private"


def _move_review_subject(review):
    """The review's subject moves out of Dublin Core's Subject (keywords)."""
    value = review.__dict__.get("subject")
    if isinstance(value, str):
        review.review_subject = value
        review.subject = ()
        review.reindexObject(idxs=["Subject"])
