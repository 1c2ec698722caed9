"""The demo network that `make run` loads."""

from datetime import UTC
from pathlib import Path
from plone import api
from zumo.content.vocabularies import terms
from zumo.policy.demo import DEMO_MARK
from zumo.policy.demo import load_demo

import pytest


DEMO = Path(__file__).parents[2] / "profiles" / "demo"


def find(**query):
    """Catalog search over everything, whoever may see it."""
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


@pytest.fixture(scope="class")
def demo(portal_class):
    """The test site with the demo network loaded (once for the class)."""
    with api.env.adopt_roles(["Manager"]):
        counts = load_demo(portal_class, DEMO, progress=False)
    return portal_class, counts


class TestDemoNetwork:
    def test_municipalities(self, demo):
        """Over 1,000 municipalities with coordinates, in all four regions."""
        portal, counts = demo
        brains = find(portal_type="Municipality")
        assert len(brains) >= 1000
        assert all(brain.zumo_latitude for brain in brains)
        assert {brain.zumo_region for brain in brains} == {
            token for token, _title in terms("regions")
        }

    def test_two_pilots(self, demo):
        """Exactly two ZUMO pilot municipalities."""
        portal, counts = demo
        pilots = [
            obj
            for obj in portal["kommunen"].objectValues()
            if "zumo_pilot" in (obj.network_status or ())
        ]
        assert sorted(obj.Title() for obj in pilots) == ["Gomadingen", "Tuningen"]

    def test_practice_examples_cover_topics_and_regions(self, demo):
        """At least 60 different examples, across every topic and region."""
        brains = find(portal_type="PracticeExample")
        assert len(brains) >= 60
        assert len({brain.Description for brain in brains}) >= 60
        assert {t for brain in brains for t in brain.zumo_topics} == {
            token for token, _title in terms("topics")
        }
        assert {brain.zumo_region for brain in brains} == {
            token for token, _title in terms("regions")
        }

    def test_groups_meetings_modules_reviews(self, demo):
        """Groups, past and upcoming meetings, modules and reviews exist."""
        from datetime import datetime

        assert len(find(portal_type="MentoringGroup")) == 4
        meetings = find(portal_type="WorkshopMeeting")
        assert len(meetings) == 6
        now = datetime.now(UTC)
        assert any(brain.start < now for brain in meetings)
        assert any(brain.start > now for brain in meetings)
        modules = find(portal_type="QualificationModule")
        assert len(modules) >= 13
        assert len(find(portal_type="ExpertReview")) >= 4

    def test_marked_as_demo(self, demo):
        """Every demo item says it is demo content."""
        for portal_type in ("PracticeExample", "MentoringGroup", "WorkshopMeeting",
                            "ExpertReview", "QualificationModule"):  # fmt: skip
            for brain in find(portal_type=portal_type):
                assert brain.Description.startswith(DEMO_MARK), brain.getPath()

    @pytest.mark.parametrize(
        "portal_type,states",
        [
            ("PracticeExample", {"private", "pending", "published"}),
            ("Municipality", {"private", "published"}),
            ("MentoringGroup", {"private"}),
            ("WorkshopMeeting", {"planned", "announced", "documented"}),
            ("ExpertReview", {"requested", "in_review", "submitted", "released"}),
            ("QualificationModule", {"private", "published"}),
            ("Document", {"internal"}),
        ],
    )
    def test_every_workflow_state(self, demo, portal_type, states):
        """The demo holds content in every state of every workflow."""
        assert {brain.review_state for brain in find(portal_type=portal_type)} == states

    def test_personas(self, demo):
        """The personas exist in their groups, with their rosters."""
        from zumo.policy.roster import roster

        portal, counts = demo
        groups = {
            "ministerium": "ministry", "institut": "institute", "expertin": "experts",
            "expertin2": "experts", "kommune-a": "municipalities",
            "kommune-b": "municipalities", "buerger": "citizens",
        }  # fmt: skip
        for userid, group in groups.items():
            assert group in [g.getId() for g in api.group.get_groups(username=userid)]
        team = {m["userid"] for m in roster(portal["kommunen"]["tuningen"])}
        assert team == {"kommune-a"}
