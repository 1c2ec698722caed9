"""The leaks found around the permission matrix, reproduced as an outsider
would try them over HTTP: each must now leak nothing.

1. the undo log (``@transactions``) for every logged-in user;
2. ``folder_contents`` and ``@@fc-contextInfo`` on items the user may not view;
3. a stock Document added by a citizen in ``/praxisbeispiele``;
4. the keywords vocabulary listing the subjects of expert reviews;
5. contact data of a practice example in REST without consent;
6. released reviews in the search of someone who left the reviewed team;
7. documents a removed member created in a team space.

Plus the lesser ones: user listings, reviews requested for another
municipality, the Zope administrator on a roster, public views and methods
on private objects, and caching headers of confidential downloads.
"""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import SECRET

import pytest
import transaction


JSON = {"Accept": "application/json"}
DENIED = {302, 401, 403, 404}
OUTSIDERS = ["anonymous", "buerger", "kommune-b", "expertin2"]


def _search(portal, session, **query):
    """Titles ``@search`` finds with ``session`` (status asserted 200)."""
    response = session.get(
        f"{portal.absolute_url()}/++api++/@search",
        params={"b_size": 500, **query},
        headers=JSON,
    )
    assert response.status_code == 200, response.text[:300]
    return {item["title"] for item in response.json()["items"]}


def _join(site, persona_request, userid):
    """Put ``userid`` on the published team's roster over REST, as the
    institute (a moderator invites instead: tests/security/
    test_roster_invitations.py); return the roster's address and the
    session of the team's moderator."""
    portal, objects = site
    roster_url = f"{api_url(portal, objects['municipality_published'])}/@roster"
    added = persona_request("institut").post(
        roster_url, json={"userid": userid, "role": "member"}, headers=JSON
    )
    assert added.status_code == 200
    return roster_url, persona_request("kommune-a")


def _as_manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)


@pytest.fixture
def site(served_scenario):
    """The served scenario with a keyword on a draft and contact data on examples."""
    portal, objects = served_scenario
    _as_manager(portal)
    draft = objects["example_private"]
    draft.setSubject(("Entwurfsschlagwort",))
    draft.reindexObject()
    objects["review_in_review"].review_subject = "Handlungskonzept Geheim"
    published = objects["example_published"]
    published.contact_name = "Erika Kontakt"
    published.contact_email = "erika.kontakt@example.org"
    published.contact_consent = False
    notify(ObjectModifiedEvent(published))
    logout()
    transaction.commit()
    return portal, objects


class TestSevenLeaks:
    @pytest.mark.parametrize(
        "persona", ["buerger", "kommune-a", "kommune-b", "expertin", "ministerium"]
    )
    def test_1_undo_log_only_for_the_institute(self, site, persona, persona_request):
        """``@transactions`` is refused to everybody but the institute."""
        portal, objects = site
        url = f"{portal.absolute_url()}/++api++/@transactions"
        response = persona_request(persona).get(url, headers=JSON)
        assert response.status_code in DENIED
        assert "gutachten" not in response.text
        assert persona_request("institut").get(url, headers=JSON).status_code == 200
        for form in ("undo_form", "manage_UndoForm"):
            page = persona_request(persona).get(
                f"{portal.absolute_url()}/{form}", allow_redirects=False
            )
            assert page.status_code in DENIED, form

    @pytest.mark.parametrize(
        "persona,oid",
        [
            ("kommune-a", "review_in_review"),
            ("kommune-b", "review_requested"),
            ("kommune-b", "example_private"),
            ("buerger", "example_pending"),
            ("kommune-b", "team_document"),
            ("ministerium", "team_document"),
        ],
    )
    @pytest.mark.parametrize("page", ["folder_contents", "@@fc-contextInfo"])
    def test_2_contents_views_of_hidden_items(
        self, site, persona, oid, page, persona_request
    ):
        """The contents views answer nothing about an item the user may not view."""
        portal, objects = site
        response = persona_request(persona).get(
            f"{objects[oid].absolute_url()}/{page}", allow_redirects=False
        )
        assert response.status_code in DENIED
        assert SECRET not in response.text

    def test_2_contents_listing_only_for_those_who_work_there(
        self, site, persona_request
    ):
        """A published example lists its contents to editors, not to visitors."""
        portal, objects = site
        url = f"{objects['example_published'].absolute_url()}/folder_contents"
        assert persona_request("buerger").get(
            url, allow_redirects=False
        ).status_code in (DENIED)
        assert persona_request("institut").get(url).status_code == 200

    def test_3_no_stock_document_in_the_practice_examples(self, site, persona_request):
        """A citizen cannot file a Document in /praxisbeispiele (only examples)."""
        portal, objects = site
        response = persona_request("buerger").post(
            f"{portal.absolute_url()}/++api++/praxisbeispiele",
            json={"@type": "Document", "id": "buergerseite", "title": "Seite"},
            headers=JSON,
        )
        assert response.status_code in {400, 401, 403}
        transaction.begin()
        assert "buergerseite" not in portal["praxisbeispiele"]

    def test_3_stock_content_in_sections_follows_the_page_workflow(
        self, site, persona_request
    ):
        """Pages in a section are drafts of the institute until published."""
        portal, objects = site
        page = objects["section_page"]
        workflow = api.portal.get_tool("portal_workflow")
        assert workflow.getChainFor(page) == ("zumo_page_workflow",)
        for persona in ("buerger", "kommune-a", "ministerium"):
            titles = _search(portal, persona_request(persona), SearchableText=SECRET)
            assert f"section_page {SECRET}" not in titles
            assert f"section_page_published {SECRET}" in titles

    def test_4_keywords_only_of_visible_content(self, site, persona_request):
        """The keywords vocabulary lists what the user may see, and reviews'
        subjects are no keywords at all."""
        portal, objects = site

        def keywords(persona, oid):
            response = persona_request(persona).get(
                f"{api_url(portal, objects[oid])}/@vocabularies/"
                "plone.app.vocabularies.Keywords",
                params={"b_size": 500},
                headers=JSON,
            )
            assert response.status_code == 200
            return {term["title"] for term in response.json()["items"]}

        assert "Entwurfsschlagwort" in keywords("buerger", "example_private")
        theirs = keywords("kommune-a", "team_document")
        assert "Entwurfsschlagwort" not in theirs
        assert "Handlungskonzept Geheim" not in theirs
        assert "Handlungskonzept Geheim" not in keywords("institut", "team_document")

    def test_4_review_without_subject_can_be_requested(self, site, persona_request):
        """A municipality requests a review over REST without naming a subject."""
        portal, objects = site
        team = objects["municipality_published"]
        response = persona_request("kommune-a").post(
            f"{portal.absolute_url()}/++api++/gutachten",
            json={"@type": "ExpertReview", "title": "Bitte begutachten",
                  "municipality": team.UID()},
            headers=JSON,
        )  # fmt: skip
        assert response.status_code == 201, response.text[:300]
        transaction.begin()
        review = portal["gutachten"][response.json()["id"]]
        assert review.Subject() == ()
        assert review.municipality.to_object == team
        _as_manager(portal)
        api.content.delete(obj=review)
        logout()
        transaction.commit()

    def test_5_contact_data_only_with_consent(self, site, persona_request):
        """REST gives the contact only where the contact consented."""
        portal, objects = site
        example = objects["example_published"]
        url = api_url(portal, example)
        for persona in ("anonymous", "kommune-b", "ministerium"):
            data = persona_request(persona).get(url, headers=JSON).json()
            assert "Erika Kontakt" not in str(data), persona
            assert "erika.kontakt@example.org" not in str(data), persona
            assert "contact_name" not in data
        for persona in ("buerger", "institut"):  # the author, the institute
            data = persona_request(persona).get(url, headers=JSON).json()
            assert data["contact_name"] == "Erika Kontakt", persona
        full = persona_request("anonymous").get(
            f"{portal.absolute_url()}/++api++/@search",
            params={"SearchableText": SECRET, "fullobjects": 1},
            headers=JSON,
        )
        assert "Erika Kontakt" not in full.text
        found = _search(portal, persona_request("anonymous"), SearchableText="Kontakt")
        assert f"example_published {SECRET}" not in found
        patched = persona_request("institut").patch(
            url, json={"contact_consent": True}, headers=JSON
        )
        assert patched.status_code == 204
        data = persona_request("anonymous").get(url, headers=JSON).json()
        assert data["contact_email"] == "erika.kontakt@example.org"
        persona_request("institut").patch(
            url, json={"contact_consent": False}, headers=JSON
        )
        assert (
            "contact_email"
            not in persona_request("anonymous").get(url, headers=JSON).json()
        )

    def test_6_released_review_leaves_search_with_the_roster(
        self, site, persona_request
    ):
        """Who leaves the reviewed team no longer finds its released review."""
        portal, objects = site
        roster_url, moderator = _join(site, persona_request, "kommune-b")
        title = f"review_released {SECRET}"
        assert title in _search(
            portal, persona_request("kommune-b"), SearchableText=SECRET
        )
        removed = moderator.delete(f"{roster_url}/kommune-b", headers=JSON)
        assert removed.status_code == 204
        assert title not in _search(
            portal, persona_request("kommune-b"), SearchableText=SECRET
        )
        assert title not in _search(
            portal, persona_request("kommune-b"), portal_type="ExpertReview"
        )

    def test_7_removed_member_keeps_nothing_of_their_documents(
        self, site, persona_request
    ):
        """A member removed from a team space loses their own documents there."""
        portal, objects = site
        team = objects["municipality_published"]
        roster_url, moderator = _join(site, persona_request, "kommune-b")
        member = persona_request("kommune-b")
        created = member.post(
            api_url(portal, team),
            json={"@type": "Document", "id": "notiz-b", "title": "Notiz von B"},
            headers=JSON,
        )
        assert created.status_code == 201
        url = created.json()["@id"]
        assert member.get(url, headers=JSON).status_code == 200
        assert (
            moderator.delete(f"{roster_url}/kommune-b", headers=JSON).status_code == 204
        )
        assert member.get(url, headers=JSON).status_code in DENIED
        assert (
            member.patch(url, json={"title": "x"}, headers=JSON).status_code in DENIED
        )
        assert member.delete(url, headers=JSON).status_code in DENIED
        html = url.replace("/++api++", "")
        assert member.get(html, allow_redirects=False).status_code in DENIED
        transaction.begin()
        assert team["notiz-b"].Title() == "Notiz von B"


class TestLesserLeaks:
    @pytest.mark.parametrize(
        "vocabulary",
        [
            "plone.app.vocabularies.Users",
            "plone.app.vocabularies.Principals",
            "plone.app.vocabularies.Groups",
        ],
    )
    @pytest.mark.parametrize("persona", ["buerger", "kommune-a", "expertin"])
    def test_people_are_not_listed(self, site, vocabulary, persona, persona_request):
        """User and group vocabularies answer only the institute."""
        portal, objects = site
        url = (
            f"{api_url(portal, objects['example_private'])}/@vocabularies/{vocabulary}"
        )
        response = persona_request(persona).get(url, headers=JSON)
        assert response.status_code in DENIED
        assert "ministerium" not in response.text
        assert persona_request("institut").get(url, headers=JSON).status_code == 200

    def test_sharing_search_lists_nobody(self, site, persona_request):
        """A citizen cannot search people on the sharing of their draft (the
        sharing of practice examples is the institute's)."""
        portal, objects = site
        url = f"{api_url(portal, objects['example_private'])}/@sharing"
        response = persona_request("buerger").get(
            url, params={"search": "komm"}, headers=JSON
        )
        assert response.status_code in DENIED
        assert "kommune-a" not in response.text
        institute = persona_request("institut").get(
            url, params={"search": "komm"}, headers=JSON
        )
        assert "kommune-a" in {entry["id"] for entry in institute.json()["entries"]}

    def test_review_only_for_the_own_municipality(self, site, persona_request):
        """kommune-b cannot request a review naming kommune-a's municipality."""
        portal, objects = site
        response = persona_request("kommune-b").post(
            f"{portal.absolute_url()}/++api++/gutachten",
            json={"@type": "ExpertReview", "id": "fremd", "title": "Fremd",
                  "municipality": objects["municipality_published"].UID()},
            headers=JSON,
        )  # fmt: skip
        assert response.status_code == 400
        assert "zu deren Team Sie gehören" in response.json()["message"]
        transaction.begin()
        assert "fremd" not in portal["gutachten"]

    @pytest.mark.parametrize("persona", ["kommune-a", "institut"])
    @pytest.mark.parametrize("userid", ["admin", "ministerium", "expertin"])
    def test_roster_holds_no_outsiders(self, site, userid, persona, persona_request):
        """Neither moderators nor the institute put the administrator, ministry
        or experts on a roster by id (a moderator adds nobody by id; the
        ministry's own invitation: tests/security/test_roster_invitations.py)."""
        portal, objects = site
        team = objects["municipality_published"]
        response = persona_request(persona).post(
            f"{api_url(portal, team)}/@roster",
            json={"userid": userid, "role": "member"},
            headers=JSON,
        )
        assert response.status_code == 400
        assert (
            "kann nicht in den Raum aufgenommen werden"
            in response.json()["error"]["message"]
            or "Es gibt keine Person" in response.json()["error"]["message"]
            or "gehört nicht zu diesem Raum" in response.json()["error"]["message"]
        )
        transaction.begin()
        assert userid not in dict(team.get_local_roles())

    @pytest.mark.parametrize("page", ["@@footer", "@@colophon", "getId", "Title"])
    @pytest.mark.parametrize("oid", ["example_private", "team_document", "group"])
    def test_public_views_refused_on_private_objects(
        self, site, page, oid, persona_request
    ):
        """Views and methods open to everyone answer nothing on a private object."""
        portal, objects = site
        response = persona_request("kommune-b").get(
            f"{objects[oid].absolute_url()}/{page}", allow_redirects=False
        )
        assert response.status_code in DENIED
        assert oid not in response.text.replace(objects[oid].absolute_url(), "")

    @pytest.mark.parametrize("oid", ["example_private", "review_in_review"])
    def test_public_rest_services_refused_on_private_objects(
        self, site, oid, persona_request
    ):
        """A REST service open to everyone (``@sites``) answers nothing under
        ``++api++`` on a private object either."""
        portal, objects = site
        response = persona_request("anonymous").get(
            f"{api_url(portal, objects[oid])}/@sites", headers=JSON
        )
        assert response.status_code in DENIED

    def test_confidential_downloads_are_not_cached(self, site, persona_request):
        """Downloads of confidential files say ``Cache-Control: private``."""
        portal, objects = site
        private = persona_request("kommune-a").get(
            f"{objects['team_image'].absolute_url()}/@@download/image"
        )
        assert private.status_code == 200
        assert "private" in private.headers.get("Cache-Control", "")
        public = persona_request("anonymous").get(
            f"{objects['attachment_published'].absolute_url()}/@@download/file"
        )
        assert public.status_code == 200
        assert "private" not in public.headers.get("Cache-Control", "")
