"""Upgrade step 1012 (issue 27): journeys that hold in a user's hands.

The ``upgradeDepends`` in ``configure.zcml`` imports the types (File and
Image with versioning and a change note), the content type registry (text
files stay files), the rolemap ("zumo: Work in space", the role
``Assessor``), the workflows (the assessment workflow; the review's
``submit`` records the panel's verdict; the practice example's submit and
reject open the desk's pages), the actions (signing up on a page of its
own), the member schema (the notification default), the theme ``zumo`` and
the registry. This handler does what no profile can:

* ``/mentoring`` gets its marker and view (the programme explained);
* each expert of a started review gets their own assessment: the scores and
  comments of the one sheet the panel shared move into each expert's
  assessment, the "no conflict" declaration opens it, and the assessments of
  a review past its review phase count as submitted;
* every file and image gets its first version, so that the first
  replacement after the upgrade keeps the file it replaces;
* the content's role mappings follow the imported workflows.
"""

from Acquisition import aq_base
from plone import api
from zumo.policy import localroles
from zumo.policy import logger
from zumo.policy.reviews import panel
from zumo.policy.setuphandlers.structure import create_structure


#: The fields of the panel's one shared score sheet on a review.
SHEET = ("score_", "comment_")


def upgrade(setup_tool):
    """Apply the data changes of version 1012."""
    portal = api.portal.get()
    create_structure(portal)
    with api.env.adopt_roles(["Manager"]):
        reviews = migrate_reviews(portal)
        versions = first_versions(portal)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info(
        "Upgrade 1012: %s reviews with own assessments, %s first versions, "
        "role mappings of %s objects updated",
        reviews,
        versions,
        count,
    )


def migrate_reviews(portal):
    """Give each expert of every started review an own assessment; return
    how many reviews were changed."""
    catalog = api.portal.get_tool("portal_catalog")
    changed = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", review_state=panel.STARTED_STATES
    ):
        review = brain._unrestrictedGetObject()
        sheet = {
            name: value
            for name, value in vars(aq_base(review)).items()
            if name.startswith(SHEET)
        }
        finished = brain.review_state != "in_review"
        for userid in review.assigned_experts or ():
            assessment = panel.ensure_assessment(review, userid)
            for name, value in sheet.items():
                if getattr(aq_base(assessment), name, None) is None:
                    setattr(assessment, name, value)
            if (
                finished
                and assessment.is_complete()
                and api.content.get_state(assessment) == "draft"
            ):
                api.content.transition(obj=assessment, transition="submit")
            assessment.reindexObject()
        declared = [
            principal
            for principal, roles in review.get_local_roles()
            if panel.DECLARED in roles
        ]
        # The declaration opens the expert's own assessment now, not the review.
        if any(
            [
                localroles.revoke(review, userid, (panel.DECLARED,))
                for userid in declared
            ]
        ):
            review.reindexObjectSecurity()
        for name in sheet:
            delattr(review, name)
        changed += 1
    return changed


def first_versions(portal):
    """Save a first version of every file and image that has none; return
    how many were saved."""
    catalog = api.portal.get_tool("portal_catalog")
    repository = api.portal.get_tool("portal_repository")
    saved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=["File", "Image"]):
        obj = brain._unrestrictedGetObject()
        if getattr(aq_base(obj), "version_id", None) is None:
            repository.save(obj, comment="Fassung vor der Versionierung")
            saved += 1
    return saved
