"""Creating an object grants nothing: the roster decides.

Whoever creates a review, a mentoring group, a meeting or a qualification
module is its Owner (a local role Plone gives the creator). Access to these comes from
belonging (the institute, the assigned experts, the team, the group's
members), so it ends when the person leaves.
"""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.annotation.interfaces import IAnnotations
from zumo.content.relations import relation_to
from zumo.policy.reviews.experts import request_review
from zumo.policy.spaces.roster import remove_member
from zumo.policy.spaces.roster import set_member
from zumo.policy.testing.scenario import PASSWORD

import pytest


PERMISSIONS = ("View", "Access contents information", "Modify portal content",
               "Add portal content", "Delete objects", "List folder contents")  # fmt: skip


def _powers(portal, userid, obj):
    """The permissions of ``PERMISSIONS`` that ``userid`` has on ``obj``."""
    IAnnotations(portal.REQUEST).clear()
    return {
        permission
        for permission in PERMISSIONS
        if api.user.has_permission(permission, username=userid, obj=obj)
    }


@pytest.fixture
def former_colleague(scenario):
    """A member of the institute who will leave it: ``(portal, objects, userid)``."""
    portal, objects = scenario
    api.user.create(
        username="ehemalig", email="ehemalig@example.org", password=PASSWORD
    )
    api.group.add_user(groupname="institute", username="ehemalig")
    return portal, objects, "ehemalig"


def test_institute_creations_close_when_the_creator_leaves(former_colleague):
    """A review, a mentoring group, a meeting and a module (before they are
    public) made by a member of the institute are closed to them once they
    leave the institute."""
    portal, objects, userid = former_colleague
    login(portal, userid)
    made = {
        "review": api.content.create(
            container=portal["gutachten"],
            type="ExpertReview",
            id="review_by_former",
            title="Gutachten",
            municipality=relation_to(objects["municipality_published"]),
        ),
        "group": api.content.create(
            container=portal["mentoring"], type="MentoringGroup",
            id="group_by_former", title="Gruppe",
        ),
        "meeting": api.content.create(
            container=portal["werkstatttreffen"], type="WorkshopMeeting",
            id="meeting_by_former", title="Treffen",
        ),
        "module": api.content.create(
            container=portal["qualifizierung"], type="QualificationModule",
            id="module_by_former", title="Modul",
        ),
    }  # fmt: skip
    logout()
    for obj in made.values():
        assert "View" in _powers(portal, userid, obj)
    api.group.remove_user(groupname="institute", username=userid)
    left = {name: _powers(portal, userid, obj) for name, obj in made.items()}
    assert left == {name: set() for name in made}


def test_requested_review_follows_the_team_not_the_requester(scenario):
    """A team member who requested a review and then left the team no longer
    sees it; the team that asked for it does."""
    portal, objects = scenario
    team = objects["municipality_published"]
    set_member(team, "kommune-b", "member")
    login(portal, "kommune-b")
    review = request_review(objects["action_plan"])
    logout()
    assert {"View", "Add portal content"} <= _powers(portal, "kommune-b", review)
    remove_member(team, "kommune-b")
    assert _powers(portal, "kommune-b", review) == set()
    assert {"View", "Add portal content"} <= _powers(portal, "kommune-a", review)
    assert "Modify portal content" not in _powers(portal, "kommune-a", review)
