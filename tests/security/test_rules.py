"""The rules behind the matrix: rejection reasons, the expert panel
(declarations, own assessments, who may be assigned), rosters and sharing
without escalation."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zumo.content.expert_assessment import CRITERIA
from zumo.content.interfaces import IZumoContentLayer
from zumo.policy.errors import UserError
from zumo.policy.interfaces import IZumoPolicyLayer
from zumo.policy.reviews import panel
from zumo.policy.spaces import roster
from zumo.policy.testing.scenario import api_url

import pytest
import transaction


JSON = {"Accept": "application/json"}


def _as(portal, userid):
    """Log in as ``userid`` as if in a new request (roles are cached per request)."""
    IAnnotations(portal.REQUEST).clear()
    login(portal, userid)


def _transitions(obj):
    workflow = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow.getTransitionsFor(obj)}


@pytest.fixture
def layers(scenario):
    portal, objects = scenario
    alsoProvides(portal.REQUEST, IZumoContentLayer, IZumoPolicyLayer)
    return scenario


class TestSections:
    @pytest.mark.parametrize(
        "persona,section,portal_type,allowed",
        [
            ("buerger", "praxisbeispiele", "PracticeExample", True),
            ("kommune-b", "praxisbeispiele", "PracticeExample", True),
            ("expertin", "praxisbeispiele", "PracticeExample", False),
            ("ministerium", "praxisbeispiele", "PracticeExample", False),
            ("kommune-a", "gutachten", "ExpertReview", True),
            ("buerger", "gutachten", "ExpertReview", False),
            ("expertin", "gutachten", "ExpertReview", False),
            ("institut", "werkstatttreffen", "WorkshopMeeting", True),
            ("kommune-a", "werkstatttreffen", "WorkshopMeeting", False),
            ("institut", "kommunen", "Municipality", True),
            ("ministerium", "kommunen", "Municipality", False),
            ("institut", "mentoring", "MentoringGroup", True),
            ("kommune-a", "mentoring", "MentoringGroup", False),
            ("institut", "qualifizierung", "QualificationModule", True),
            ("buerger", "qualifizierung", "QualificationModule", False),
        ],
    )
    def test_who_adds_where(self, layers, persona, section, portal_type, allowed):
        """Citizens and municipalities propose examples, municipalities request
        reviews, the institute runs everything else."""
        portal, objects = layers
        _as(portal, persona)
        addable = {fti.getId() for fti in portal[section].allowedContentTypes()}
        assert (portal_type in addable) is allowed
        logout()


class TestRejection:
    def test_author_sees_the_reason(self, layers):
        """A rejected example tells its author why."""
        portal, objects = layers
        example = objects["example_pending"]
        login(portal, "institut")
        api.content.transition(
            obj=example, transition="reject", comment="Bitte Ergebnisse ergänzen."
        )
        login(portal, "buerger")
        view = api.content.get_view("practice-example-view", example, portal.REQUEST)
        assert view.rejection() == "Bitte Ergebnisse ergänzen."
        assert "Bitte Ergebnisse ergänzen." in view()
        assert api.content.get_state(example) == "private"
        logout()

    def test_citizen_cannot_publish(self, layers):
        """A citizen submits but cannot publish their proposal."""
        portal, objects = layers
        login(portal, "buerger")
        assert _transitions(objects["example_private"]) == {"submit"}
        logout()


class TestPanel:
    def test_writing_and_submitting_need_a_declaration(self, layers):
        """An expert reads their own assessment at once, writes and submits
        it only after declaring no conflict, and submits only when every
        factor is scored."""
        portal, objects = layers
        review = objects["review_undeclared"]
        assessment = panel.assessment_of(review, "expertin")
        _as(portal, "expertin")
        assert api.user.has_permission("View", obj=assessment)
        assert not api.user.has_permission("Modify portal content", obj=assessment)
        assert "submit" not in _transitions(assessment)
        panel.declare(review, "expertin", statement="Keine Verbindung.")
        _as(portal, "expertin")
        assert api.user.has_permission("Modify portal content", obj=assessment)
        assert "submit" not in _transitions(assessment)
        for token in CRITERIA:
            setattr(assessment, f"score_{token}", "2")
        assert "submit" in _transitions(assessment)
        logout()

    def test_experts_do_not_read_each_other(self, layers):
        """Neither expert reads or finds the other's assessment, drafted or
        submitted; the institute reads both and changes neither."""
        portal, objects = layers
        catalog = api.portal.get_tool("portal_catalog")
        for persona, own, other in (
            ("expertin", "assessment_draft", "assessment_submitted"),
            ("expertin2", "assessment_submitted", "assessment_draft"),
        ):
            _as(portal, persona)
            assert api.user.has_permission("View", obj=objects[own])
            assert not api.user.has_permission("View", obj=objects[other])
            found = {brain.UID for brain in catalog(portal_type="ExpertAssessment")}
            assert objects[own].UID() in found
            assert objects[other].UID() not in found
        _as(portal, "institut")
        for oid in ("assessment_draft", "assessment_submitted"):
            assert api.user.has_permission("View", obj=objects[oid])
            assert not api.user.has_permission(
                "Modify portal content", obj=objects[oid]
            )
        logout()

    def test_only_assigned_experts_declare(self, layers):
        """Someone not assigned can neither declare nor open the form."""
        portal, objects = layers
        review = objects["review_undeclared"]
        with pytest.raises(UserError):
            panel.declare(review, "expertin2")
        login(portal, "expertin2")
        assert not api.user.has_permission(
            "zumo: Declare conflicts of interest", obj=review
        )
        logout()

    def test_conflict_withdraws_the_expert(self, layers):
        """A declared conflict needs an explanation; it takes the expert off
        the panel, with no access to the review or the assessment."""
        portal, objects = layers
        review = objects["review_undeclared"]
        assessment = panel.assessment_of(review, "expertin")
        with pytest.raises(UserError, match="beschreiben"):
            panel.declare(review, "expertin", conflict=True, statement=" ")
        assert review.assigned_experts == ["expertin"]
        panel.declare(review, "expertin", conflict=True, statement="Ich berate sie.")
        assert review.assigned_experts == []
        record = panel.declaration_of(review, "expertin")
        assert record["conflict"] and record["statement"] == "Ich berate sie."
        _as(portal, "expertin")
        assert not api.user.has_permission("View", obj=review)
        assert not api.user.has_permission("View", obj=assessment)
        logout()

    def test_unassigning_removes_access(self, layers):
        """An expert taken off a review no longer sees it nor their
        assessment; the other expert keeps both."""
        portal, objects = layers
        review = objects["review_in_review"]
        login(portal, "institut")
        panel.unassign(review, "expertin")
        _as(portal, "expertin")
        assert not api.user.has_permission("View", obj=review)
        assert not api.user.has_permission("View", obj=objects["assessment_draft"])
        _as(portal, "expertin2")
        assert api.user.has_permission("View", obj=review)
        assert api.user.has_permission("View", obj=objects["assessment_submitted"])
        logout()

    def test_who_may_be_assigned(self, layers):
        """Nobody on the reviewed municipality's roster and no unknown name
        can be assigned (German refusals, nothing changes); an expert can be
        named by e-mail address."""
        portal, objects = layers
        review = objects["review_requested"]
        login(portal, "institut")
        with pytest.raises(UserError, match="Zugang zum Teamraum"):
            panel.assign(review, "kommune-a")
        with pytest.raises(UserError, match="kein Benutzerkonto"):
            panel.assign(review, "niemand-bekannt")
        assert review.assigned_experts == ["expertin"]
        assert panel.assign(review, "expertin2@example.org") == "expertin2"
        assert review.assigned_experts == ["expertin", "expertin2"]
        logout()

    @pytest.mark.parametrize(
        "stored,shown",
        [("2026-07-01T08:00:00+00:00", "01.07.2026 10:00"),
         ("2026-01-15T08:00:00+00:00", "15.01.2026 09:00")],
    )  # fmt: skip
    def test_declaration_time_in_berlin(self, layers, stored, shown):
        """A declaration's time (kept in UTC) reads in Europe/Berlin, in
        summer and in winter."""
        from zumo.policy.browser.reviews import _declared_text

        assert _declared_text({"date": stored}).startswith(shown)

    def test_verdict_needs_every_assessment(self, layers):
        """The verdict waits for every assigned expert's assessment; the
        review stays in review and unchanged meanwhile."""
        portal, objects = layers
        review = objects["review_in_review"]
        login(portal, "institut")
        with pytest.raises(UserError, match="es fehlen: expertin"):
            panel.record_verdict(review, "standard", date.today() + timedelta(400))
        assert api.content.get_state(review) == "in_review"
        assert review.level is None
        assert "submit" not in _transitions(review)
        logout()


class TestRoster:
    def test_roster_decides_who_sees_the_space(self, layers):
        """Adding someone to the roster opens the team space documents to them."""
        portal, objects = layers
        space = objects["municipality_published"]
        document = objects["team_document"]
        login(portal, "kommune-b")
        assert not api.user.has_permission("View", obj=document)
        _as(portal, "kommune-a")
        roster.set_member(space, "kommune-b", "member")
        try:
            _as(portal, "kommune-b")
            assert api.user.has_permission("View", obj=document)
            assert not api.user.has_permission("zumo: Manage roster", obj=space)
        finally:
            _as(portal, "kommune-a")
            roster.remove_member(space, "kommune-b")
        _as(portal, "kommune-b")
        assert not api.user.has_permission("View", obj=document)
        logout()

    def test_roster_lists_members_with_roles(self, layers):
        """The roster shows names and roles."""
        portal, objects = layers
        members = roster.roster(objects["municipality_published"])
        assert [(m["userid"], m["role"]) for m in members] == [
            ("kommune-a", "moderator")
        ]

    @pytest.mark.parametrize(
        "userid,role,message",
        [
            ("niemand", "member", "Es gibt keine Person mit der Kennung „niemand“."),
            ("kommune-b", "chefin", "Unbekannte Rolle „chefin“"),
        ],
    )
    def test_bad_changes_are_refused(self, layers, userid, role, message):
        """Unknown people or roles get a German message and change nothing."""
        portal, objects = layers
        space = objects["municipality_published"]
        before = roster.roster(space)
        with pytest.raises(roster.RosterError, match=message):
            roster.set_member(space, userid, role)
        assert roster.roster(space) == before

    def test_view_reports_in_german(self, layers):
        """The roster page says what it did, or why not: a moderator invites
        by address and adds nobody by id; the institute adds directly."""
        from Products.statusmessages.interfaces import IStatusMessage

        portal, objects = layers
        space = objects["municipality_published"]
        login(portal, "kommune-a")
        view = space.restrictedTraverse("@@roster")
        view.apply("invite", {"email": "buerger@example.org", "role": "member"})
        view.apply("add", {"userid": "buerger", "role": "member"})
        view.apply("change", {"userid": "buerger", "role": "moderator"})
        view.apply("remove", {"userid": "niemand"})
        login(portal, "institut")
        view.apply("add", {"userid": "buerger", "role": "member"})
        messages = [(m.message, m.type) for m in IStatusMessage(portal.REQUEST).show()]
        assert messages == [
            ("Wir haben eine Einladung an „buerger@example.org“ geschickt. Die "
             "Person erscheint in der Liste, sobald sie die Einladung angenommen "
             "hat.", "info"),
            ("Unbekannte Aktion.", "error"),
            ("„buerger“ gehört nicht zu diesem Raum.", "error"),
            ("„niemand“ gehört nicht zu diesem Raum.", "error"),
            ("„buerger“ gehört jetzt zum Raum.", "info"),
        ]  # fmt: skip
        logout()

    def test_view_renders_for_moderator_only(self, layers):
        """The German roster page opens for moderators, not for others."""
        portal, objects = layers
        space = objects["municipality_published"]
        login(portal, "kommune-a")
        page = space.restrictedTraverse("@@roster")()
        assert "Mitglieder von" in page and "Moderation" in page
        login(portal, "kommune-b")
        from zExceptions import Unauthorized

        with pytest.raises(Unauthorized):
            space.restrictedTraverse("@@roster")
        logout()


class TestSharing:
    def test_offers_only_held_roles(self, layers):
        """The sharing page offers only roles the user holds there."""
        portal, objects = layers
        login(portal, "buerger")
        view = api.content.get_view(
            "sharing", objects["example_private"], portal.REQUEST
        )
        offered = {role["id"] for role in view.roles()}
        assert "Editor" not in offered and "Reviewer" not in offered
        logout()

    def test_manager_keeps_all_roles(self, layers):
        """Site managers may delegate every role."""
        portal, objects = layers
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID

        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, "test-user")
        view = api.content.get_view(
            "sharing", objects["example_private"], portal.REQUEST
        )
        assert {"Editor", "Reviewer", "Reader", "Contributor"} <= {
            role["id"] for role in view.roles()
        }


class TestOverHttp:
    def test_sharing_escalation_refused(self, served_scenario, persona_request):
        """A citizen cannot make someone editor of their draft through @sharing."""
        portal, objects = served_scenario
        example = objects["example_private"]
        url = api_url(portal, example) + "/@sharing"
        response = persona_request("buerger").post(
            url,
            headers=JSON,
            json={"entries": [{"id": "kommune-b", "type": "user",
                               "roles": {"Editor": True, "Reviewer": True}}]},
        )  # fmt: skip
        assert response.status_code in (204, 401, 403)
        transaction.begin()
        assert "Editor" not in example.get_local_roles_for_userid("kommune-b")
        assert "Reviewer" not in example.get_local_roles_for_userid("kommune-b")

    def test_roster_rest(self, served_scenario, persona_request):
        """The institute adds to the roster over REST, moderators change
        roles and remove; outsiders are refused."""
        portal, objects = served_scenario
        url = api_url(portal, objects["municipality_published"]) + "/@roster"
        outsider = persona_request("kommune-b").post(
            url, headers=JSON, json={"userid": "kommune-b", "role": "moderator"}
        )
        assert outsider.status_code in (401, 403)
        anonymous = persona_request("anonymous").get(url, headers=JSON)
        assert anonymous.status_code in (401, 403)
        institute = persona_request("institut")
        bad = institute.post(url, headers=JSON, json={"userid": "niemand"})
        assert bad.status_code == 400
        assert bad.json()["error"]["message"] == (
            "Es gibt keine Person mit der Kennung „niemand“."
        )
        added = institute.post(
            url, headers=JSON, json={"userid": "buerger", "role": "member"}
        )
        assert added.status_code == 200
        assert {"userid": "buerger", "fullname": "buerger", "role": "member"} in (
            added.json()["items"]
        )
        moderator = persona_request("kommune-a")
        changed = moderator.post(
            url, headers=JSON, json={"userid": "buerger", "role": "moderator"}
        )
        assert changed.status_code == 200
        assert {"userid": "buerger", "fullname": "buerger", "role": "moderator"} in (
            changed.json()["items"]
        )
        removed = moderator.delete(f"{url}/buerger", headers=JSON)
        assert removed.status_code == 204
        listed = moderator.get(url, headers=JSON).json()
        assert [item["userid"] for item in listed["items"]] == ["kommune-a"]
