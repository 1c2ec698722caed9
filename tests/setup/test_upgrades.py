"""Upgrade steps bring content made by older versions in line."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.interface import noLongerProvides
from zumo.content.relations import relation_to
from zumo.policy.interfaces import ISection
from zumo.policy.upgrades import v1002

import pytest


@pytest.fixture
def old_site(portal):
    """Content as version 1001 left it: an unmarked section with a published
    page of Plone's workflow, a review whose subject sat in Dublin Core's
    Subject, and an example without consent still readable in full."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    section = portal["qualifizierung"]
    noLongerProvides(section, ISection)
    page = api.content.create(container=section, type="Document", id="einfuehrung")
    page.workflow_history = {
        "simple_publication_workflow": (
            {"review_state": "published", "action": "publish", "actor": "admin",
             "comments": "", "time": page.modified()},
        )
    }  # fmt: skip
    page.reindexObject()
    team = api.content.create(
        container=portal["kommunen"], type="Municipality", id="tuningen"
    )
    review = api.content.create(
        container=portal["gutachten"],
        type="ExpertReview",
        id="alt",
        municipality=relation_to(team),
    )
    review.subject = "Handlungskonzept 2030"
    review.reindexObject()
    example = api.content.create(
        container=portal["praxisbeispiele"],
        type="PracticeExample",
        id="beispiel",
        contact_name="Erika Kontakt",
        contact_consent=False,
    )
    example.manage_permission("zumo: View contact data", ("Anonymous",), acquire=1)
    return portal, page, review, example


def test_1002_moves_content_to_its_workflows_and_fields(old_site):
    """Sections are marked, pages keep their state under the page workflow,
    review subjects leave the keywords, contact data follows consent."""
    portal, page, review, example = old_site
    catalog = api.portal.get_tool("portal_catalog")
    assert review.Subject() != ()

    v1002.upgrade(portal.portal_setup)

    assert ISection.providedBy(portal["qualifizierung"])
    assert api.content.get_state(page) == "published"
    assert catalog(UID=page.UID())[0].review_state == "published"
    assert review.review_subject == "Handlungskonzept 2030"
    assert review.Subject() == ()
    assert "Handlungskonzept 2030" not in catalog.uniqueValuesFor("Subject")
    roles = {
        role["name"]
        for role in example.rolesOfPermission("zumo: View contact data")
        if role["selected"]
    }
    assert "Anonymous" not in roles
