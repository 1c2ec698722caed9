"""The sections of the site exist with German titles and their constraints."""

from plone import api

import pytest


SECTIONS = {
    "praxisbeispiele": ("Praxisbeispiele", "PracticeExample", True),
    "kommunen": ("Kommunen", "Municipality", True),
    "mentoring": ("Mentoring", "MentoringGroup", True),
    "werkstatttreffen": ("Werkstatttreffen", "WorkshopMeeting", True),
    "gutachten": ("Gutachten", "ExpertReview", False),
    "qualifizierung": ("Qualifizierung", "QualificationModule", True),
    "mitmachen": ("Mitmachen", "EasyForm", True),
}


@pytest.mark.parametrize("path,expected", SECTIONS.items())
def test_section(portal, path, expected):
    """The section exists, is titled in German and allows its type."""
    title, portal_type, public = expected
    section = portal[path]
    assert section.Title() == title
    with api.env.adopt_roles(["Manager"]):
        allowed = [fti.getId() for fti in section.allowedContentTypes()]
    assert portal_type in allowed
    assert "News Item" not in allowed
    assert (api.content.get_state(section) == "published") is public


def test_reviews_section_hidden_from_anonymous(portal):
    """Anonymous visitors do not see the reviews section."""
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=portal["gutachten"])
        assert api.user.has_permission("View", obj=portal["praxisbeispiele"])


def test_reinstall_keeps_sections(portal):
    """Running the profile again keeps existing sections and their content."""
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=portal["praxisbeispiele"],
            type="PracticeExample",
            id="bleibt",
            title="Bleibt",
        )
        portal.portal_setup.runAllImportStepsFromProfile("profile-zumo.policy:default")
    assert "bleibt" in portal["praxisbeispiele"]


UNORDERED = {
    "praxisbeispiele",
    "kommunen",
    "mentoring",
    "werkstatttreffen",
    "gutachten",
}


@pytest.mark.parametrize("path", SECTIONS)
def test_large_sections_keep_no_manual_order(portal, path):
    """Sections of many items keep no list of every id (rewritten on each
    addition, read on every page); the others keep Plone's manual order."""
    ordering = portal[path].getOrdering()
    assert (ordering.__class__.__name__ == "UnorderedOrdering") is (path in UNORDERED)


def test_an_unordered_section_shows_no_next_previous_and_sorts_by_id(portal):
    """Next/previous links of an item read no id list of its section, and a
    position sort of an unordered section still answers (by id)."""
    from plone.app.dexterity.behaviors.nextprevious import NextPreviousBase

    section = portal["praxisbeispiele"]
    with api.env.adopt_roles(["Manager"]):
        for name in ("b-zwei", "a-eins"):
            api.content.create(
                container=section, type="PracticeExample", id=name, title=name
            )
    assert NextPreviousBase(section).order is None
    found = [
        brain.getId
        for brain in api.content.find(
            context=section, depth=1, sort_on="getObjPositionInParent"
        )
    ]
    assert found.index("a-eins") < found.index("b-zwei")


def test_main_navigation_lists_sections_only(portal):
    """Plone's default depth of 3 read and sorted every item down to the
    third level on each page; the network's navigation shows the sections."""
    assert api.portal.get_registry_record("plone.navigation_depth") == 1


def test_1010_drops_the_manual_order_of_large_sections(portal):
    """The upgrade turns an ordered section unordered, keeps its items and
    drops the stored id list."""
    from plone.folder.default import DefaultOrdering
    from zope.annotation.interfaces import IAnnotations
    from zumo.policy.upgrades import v1010

    section = portal["praxisbeispiele"]
    section.setOrdering("")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=section, type="PracticeExample", id="bleibt", title="Bleibt"
        )
    assert DefaultOrdering.ORDER_KEY in IAnnotations(section)
    api.portal.set_registry_record("plone.navigation_depth", 3)
    v1010.upgrade(portal.portal_setup)
    assert section.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert DefaultOrdering.ORDER_KEY not in IAnnotations(section)
    assert "bleibt" in section.objectIds()
    assert api.portal.get_registry_record("plone.navigation_depth") == 1


def test_no_navigation_tree_or_events_beside_the_content(portal):
    """The navigation portlet listed every item of the current folder (all
    2,000 documents of a large space), the events portlet searched the
    catalog three times on every page; the site has neither."""
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    for column in ("plone.leftcolumn", "plone.rightcolumn"):
        manager = getUtility(IPortletManager, name=column, context=portal)
        mapping = getMultiAdapter((portal, manager), IPortletAssignmentMapping)
        assert list(mapping) == []
