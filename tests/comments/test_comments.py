"""Comments on practice examples: logged-in members write, the institute
approves, the public reads only approved comments; nobody comments on what
they cannot see."""

from plone import api
from tests.fixtures.mail import subject
from zope.component.hooks import setSite

import pytest
import transaction


JSON = {"Accept": "application/json"}


class TestComments:
    @pytest.fixture(autouse=True)
    def _site(self, served_scenario):
        setSite(served_scenario[0])

    def test_settings(self, served_scenario):
        from plone.app.discussion.interfaces import IDiscussionSettings
        from plone.registry.interfaces import IRegistry
        from zope.component import getUtility

        settings = getUtility(IRegistry).forInterface(IDiscussionSettings)
        assert settings.globally_enabled
        assert settings.moderation_enabled
        assert not settings.anonymous_comments
        types = api.portal.get_tool("portal_types")
        assert types["PracticeExample"].allow_discussion
        assert not types["Municipality"].allow_discussion

    def test_member_comments_institute_approves_public_reads(
        self, served_scenario, persona_request, scenario_inbox
    ):
        portal, objects = served_scenario
        example = objects["example_published"]
        url = f"{example.absolute_url()}/@comments"
        citizen = persona_request("kommune-b")
        posted = citizen.post(
            url, headers=JSON, json={"text": "Wie lief die Finanzierung?"}
        )
        assert posted.status_code == 204, posted.text
        # Waiting for moderation: the public does not read it yet.
        # (buerger wrote the example: as its owner she sees what waits.)
        for persona in ("anonymous", "kommune-a", "ministerium", "expertin"):
            reader = persona_request(persona)
            assert (
                "Wie lief die Finanzierung?" not in reader.get(url, headers=JSON).text
            )
            assert (
                "Wie lief die Finanzierung?"
                not in reader.get(example.absolute_url()).text
            )
        # The commenter and the institute see it waiting.
        assert "Wie lief die Finanzierung?" in citizen.get(url, headers=JSON).text
        assert (
            "Wie lief die Finanzierung?"
            in persona_request("institut").get(url, headers=JSON).text
        )
        assert [subject(m) for m in scenario_inbox.to("institut@example.org")] == [
            f"Kommentar zur Freigabe: {example.Title()}"
        ]
        transaction.begin()
        from plone.app.discussion.interfaces import IConversation

        (comment,) = IConversation(example).getComments()
        assert api.content.get_state(comment) == "pending"
        # Only the institute moderates.
        workflow = api.portal.get_tool("portal_workflow")
        for persona in ("kommune-b", "buerger", "ministerium"):
            with api.env.adopt_user(username=persona):
                assert "publish" not in {
                    t["id"] for t in workflow.getTransitionsFor(comment)
                }, persona
        with api.env.adopt_user(username="institut"):
            api.content.transition(obj=comment, transition="publish")
        transaction.commit()
        public = persona_request("anonymous").get(url, headers=JSON)
        assert "Wie lief die Finanzierung?" in public.text

    def test_anonymous_and_outsiders_cannot_comment(
        self, served_scenario, persona_request
    ):
        _portal, objects = served_scenario
        published = objects["example_published"]
        refused = persona_request("anonymous").post(
            f"{published.absolute_url()}/@comments", headers=JSON, json={"text": "Spam"}
        )
        assert refused.status_code in (401, 403)
        draft = objects["example_private"]
        refused = persona_request("kommune-b").post(
            f"{draft.absolute_url()}/@comments", headers=JSON, json={"text": "Hallo"}
        )
        assert refused.status_code in (401, 403, 404)
        transaction.begin()
        from plone.app.discussion.interfaces import IConversation

        assert len(IConversation(draft)) == 0


class TestCommentLength:
    """A comment has at most ``MAX_LENGTH`` characters, in REST as in the
    form; a longer one is refused in German and nothing is stored."""

    def _count(self, example):
        from plone.app.discussion.interfaces import IConversation

        transaction.begin()
        return len(IConversation(example))

    def test_rest_refuses_a_long_comment(self, served_scenario, persona_request):
        from zumo.policy.comments.validation import MAX_LENGTH

        example = served_scenario[1]["example_published"]
        url = f"{example.absolute_url()}/@comments"
        member = persona_request("kommune-b")
        before = self._count(example)
        for text in ("x" * (MAX_LENGTH + 1), "x" * 5_000_000):
            refused = member.post(url, headers=JSON, json={"text": text})
            assert refused.status_code == 400, refused.status_code
            message = refused.json()["message"]
            assert message.startswith("Ihr Kommentar ist zu lang"), message
        assert self._count(example) == before
        accepted = member.post(url, headers=JSON, json={"text": "x" * MAX_LENGTH})
        assert accepted.status_code == 204
        assert self._count(example) == before + 1

    def test_the_form_refuses_a_long_comment(self, served_scenario, persona_request):
        from tests.fixtures.http import token_in
        from zumo.policy.comments.validation import MAX_LENGTH

        example = served_scenario[1]["example_published"]
        member = persona_request("kommune-b")
        page = member.get(example.absolute_url())
        before = self._count(example)
        answer = member.post(
            example.absolute_url() + "/practice-example-view",
            data={
                "form.widgets.text": "x" * (MAX_LENGTH + 1),
                "form.widgets.in_reply_to": "",
                "form.buttons.comment": "Kommentieren",
                "_authenticator": token_in(page.text),
            },
        )
        assert answer.status_code == 200
        assert "Ihr Kommentar ist zu lang" in answer.text
        assert self._count(example) == before


class TestWhereCommentsAreOpen:
    """Comments only on what is published: never on one's own draft or on
    an example waiting for the institute."""

    def _count(self, example):
        from plone.app.discussion.interfaces import IConversation

        transaction.begin()
        return len(IConversation(example))

    def test_no_comment_form_before_publication(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        for oid in ("example_private", "example_pending"):
            for persona in ("buerger", "institut"):
                page = persona_request(persona).get(objects[oid].absolute_url())
                assert page.status_code == 200
                assert "form.widgets.text" not in page.text, (oid, persona)
                assert "form.buttons.comment" not in page.text, (oid, persona)
        published = persona_request("kommune-b").get(
            objects["example_published"].absolute_url()
        )
        assert "form.buttons.comment" in published.text

    def test_the_author_cannot_comment_on_her_draft(
        self, served_scenario, persona_request
    ):
        _portal, objects = served_scenario
        for oid in ("example_private", "example_pending"):
            example = objects[oid]
            before = self._count(example)
            refused = persona_request("buerger").post(
                f"{example.absolute_url()}/@comments",
                headers=JSON,
                json={"text": "Notiz an mich"},
            )
            assert refused.status_code in (401, 403), (oid, refused.status_code)
            assert self._count(example) == before


class TestModerationPage:
    """The institute moderates on a German page."""

    #: Plone's English on @@moderate-comments without a German catalogue entry.
    ENGLISH = ("Filter by state", "last history entry", "Bulk Actions", "Apply")

    def test_moderation_page_is_german(self, served_scenario, persona_request):
        _portal, objects = served_scenario
        example = objects["example_published"]
        posted = persona_request("kommune-b").post(
            f"{example.absolute_url()}/@comments",
            headers=JSON,
            json={"text": "Wie lief die Finanzierung?"},
        )
        assert posted.status_code == 204
        page = persona_request("institut").get("/@@moderate-comments")
        assert page.status_code == 200
        assert "Kommentare moderieren" in page.text
        assert "Wie lief die Finanzierung?" in page.text
        assert "Nach Status filtern:" in page.text
        assert "Letzter Eintrag im Verlauf" in page.text
        for english in self.ENGLISH:
            assert english not in page.text, english
