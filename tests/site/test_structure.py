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
