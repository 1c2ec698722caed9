"""The matrix over HTTP, and leak tests through every channel.

Classic pages and ``++api++`` answer 200 exactly where the matrix allows
``view``; REST PATCH succeeds exactly where it allows ``edit``; ``@workflow``
offers exactly the allowed transitions; ``@search`` returns exactly what the
matrix lets the persona find; the add menu, the delete form and downloads
answer 200 exactly where adding, deleting and downloading are allowed.
The unique word in every scenario title shows up in search, listings, feeds
and sitemaps only for objects the persona may see.
"""

from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import matrix
from zumo.policy.testing.scenario import SECRET

import gzip
import json
import pytest


DENIED = {302, 401, 403, 404}
DOWNLOAD_FIELD = {"File": "file", "Image": "image"}
PERMISSION_PAGES = {"add": "@@folder_factories", "delete": "@@delete_confirmation"}
# Further pages of a type that show what its page shows (the project sheet
# of a practice example): as visible as the page, to the same personas.
PAGES_OF_TYPE = {"PracticeExample": ("@@projektblatt.pdf",)}
# Site-wide read channels of the matrix's "site" rows
SITE_CHANNELS = {
    "undo-log": "@transactions",
    "list-users": "@vocabularies/plone.app.vocabularies.Users",
}


def _answers_as_expected(cell, response, success=200):
    """Whether ``response`` is ``success`` where the cell allows, else a refusal."""
    if cell["expected"] == "allowed":
        return response.status_code == success
    return response.status_code in DENIED


PERSONAS = sorted({cell["persona"] for cell in matrix(actions={"view"})})


def _visible(persona):
    return {
        cell["object"]
        for cell in matrix(actions={"view"})
        if cell["persona"] == persona and cell["expected"] == "allowed"
    }


def _hidden(persona):
    return {
        cell["object"]
        for cell in matrix(actions={"view"})
        if cell["persona"] == persona
    } - (_visible(persona))


def _text(response):
    """The body as text; JSON is decoded so that umlauts are not escaped."""
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.text


def _leaks(text, persona):
    """Titles of hidden objects that appear in ``text``."""
    return sorted(oid for oid in _hidden(persona) if f"{oid} {SECRET}" in text)


class TestViewOverHttp:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_view_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """Classic view, REST GET and the project sheet of a practice
        example answer as the matrix says."""
        portal, objects = served_scenario
        session = persona_request(persona)
        wrong = []
        cells = matrix(persona=persona, actions={"view"})
        for cell in cells:
            obj = objects[cell["object"]]
            html = session.get(obj.absolute_url(), allow_redirects=False)
            api = session.get(
                api_url(portal, obj),
                headers={"Accept": "application/json"},
                allow_redirects=False,
            )
            channels = [("html", html), ("api", api)]
            if cell["portal_type"] in PAGES_OF_TYPE:
                for page in PAGES_OF_TYPE[cell["portal_type"]]:
                    url = f"{obj.absolute_url()}/{page}"
                    channels.append((page, session.get(url, allow_redirects=False)))
            for channel, response in channels:
                if not _answers_as_expected(cell, response):
                    wrong.append(f"{cell['object']} {channel}: {response.status_code}")
        assert wrong == []
        record_property("matrix_cells_over_http", len(cells))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_edit_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """A REST PATCH succeeds exactly where the matrix allows ``edit``."""
        portal, objects = served_scenario
        session = persona_request(persona)
        wrong = []
        cells = matrix(persona=persona, actions={"edit"})
        for cell in cells:
            obj = objects[cell["object"]]
            response = session.patch(
                api_url(portal, obj),
                json={"title": obj.Title()},
                headers={"Accept": "application/json"},
            )
            if not _answers_as_expected(cell, response, success=204):
                wrong.append(
                    f"{cell['object']}: {response.status_code} "
                    f"{response.headers.get('Location')}"
                )
        assert wrong == []
        record_property("matrix_cells_over_http", len(cells))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_transition_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """``@workflow`` offers exactly the transitions the matrix allows."""
        portal, objects = served_scenario
        session = persona_request(persona)
        cells = matrix(persona=persona, actions={"transition"})
        offered = {}
        wrong = []
        for cell in cells:
            oid = cell["object"]
            if oid not in offered:
                response = session.get(
                    f"{api_url(portal, objects[oid])}/@workflow",
                    headers={"Accept": "application/json"},
                )
                offered[oid] = (
                    {
                        t["@id"].rsplit("/", 1)[-1]
                        for t in response.json()["transitions"]
                    }
                    if response.status_code == 200
                    else set()
                )
            transition = cell["action"].split(":", 1)[1]
            if (transition in offered[oid]) != (cell["expected"] == "allowed"):
                wrong.append(f"{oid} {transition}")
        assert wrong == []
        record_property("matrix_cells_over_http", len(cells))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_search_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """``@search`` as the persona returns exactly what the matrix lets it find."""
        portal, objects = served_scenario
        cells = matrix(persona=persona, actions={"search"})
        in_matrix = {cell["object"] for cell in cells}
        expected = {cell["object"] for cell in cells if cell["expected"] == "allowed"}
        response = persona_request(persona).get(
            f"{portal.absolute_url()}/++api++/@search",
            params={"SearchableText": SECRET, "b_size": 500},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200
        found = {
            item["title"].removesuffix(f" {SECRET}")
            for item in response.json()["items"]
            if item["title"].endswith(SECRET)
        }
        # Helper objects of the scenario (kommune-b's own team) are not cells.
        assert found & in_matrix == expected
        record_property("matrix_cells_over_http", len(cells))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_add_delete_download_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """The add menu, the delete form and downloads answer as the matrix says.

        Checked through pages that do not change anything: ``folder_factories``
        (needs "Add portal content"), ``delete_confirmation`` (needs "Delete
        objects") and ``@@download``.
        """
        portal, objects = served_scenario
        session = persona_request(persona)
        cells = matrix(persona=persona, actions={"add", "delete", "download"})
        wrong = []
        for cell in cells:
            obj = objects[cell["object"]]
            if cell["action"] == "download":
                page = f"@@download/{DOWNLOAD_FIELD[cell['portal_type']]}"
            else:
                page = PERMISSION_PAGES[cell["action"]]
            response = session.get(
                f"{obj.absolute_url()}/{page}", allow_redirects=False
            )
            if not _answers_as_expected(cell, response):
                wrong.append(
                    f"{cell['object']} {cell['action']}: {response.status_code}"
                )
        assert wrong == []
        record_property("matrix_cells_over_http", len(cells))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_site_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """The undo log and the list of users answer only where the matrix allows."""
        portal, objects = served_scenario
        session = persona_request(persona)
        cells = matrix(persona=persona, actions=set(SITE_CHANNELS))
        wrong = []
        for cell in cells:
            response = session.get(
                f"{portal.absolute_url()}/++api++/{SITE_CHANNELS[cell['action']]}",
                headers={"Accept": "application/json"},
            )
            if not _answers_as_expected(cell, response):
                wrong.append(f"{cell['action']}: {response.status_code}")
        assert wrong == []
        record_property("matrix_cells_over_http", len(cells))


class TestSpacesOverHttp:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_space_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """The roster page and ``@roster`` open exactly to those who work in
        the space; the invitation form and the open invitations only to
        those who manage its roster."""
        portal, objects = served_scenario
        session = persona_request(persona)
        cells = matrix(persona=persona, actions={"work-in-space", "manage-roster"})
        wrong = []
        for cell in cells:
            obj = objects[cell["object"]]
            page = session.get(f"{obj.absolute_url()}/@@roster", allow_redirects=False)
            rest = session.get(
                f"{api_url(portal, obj)}/@roster",
                headers={"Accept": "application/json"},
                allow_redirects=False,
            )
            if cell["action"] == "work-in-space":
                answered = [_answers_as_expected(cell, page),
                            _answers_as_expected(cell, rest)]  # fmt: skip
            else:
                managing = cell["expected"] == "allowed"
                answered = [
                    ('value="invite"' in page.text) == managing,
                    (rest.status_code == 200 and "invitations" in rest.json())
                    == managing,
                ]
            if not all(answered):
                wrong.append(
                    f"{cell['object']} {cell['action']}: "
                    f"{page.status_code} {rest.status_code}"
                )
        assert cells and wrong == []
        record_property("matrix_cells_over_http", len(cells))


#: The saved-data action of each form of the matrix.
SAVE_ACTIONS = {"form_application": "speichern", "form_registration": "anmeldungen"}


class TestSavedDataOverHttp:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_saved_data_cells(
        self, served_scenario, persona, persona_request, record_property
    ):
        """A form's saved submissions answer only where the matrix allows."""
        portal, objects = served_scenario
        session = persona_request(persona)
        cells = matrix(persona=persona, actions={"saved-data"})
        wrong = []
        for cell in cells:
            # @@saveddata redirects to the one SaveData action's table
            action = SAVE_ACTIONS[cell["object"]]
            url = f"{objects[cell['object']].absolute_url()}/actions/{action}/@@data"
            response = session.get(url, allow_redirects=False)
            if not _answers_as_expected(cell, response):
                wrong.append(
                    f"{cell['object']}: {response.status_code} "
                    f"{response.headers.get('Location')}"
                )
        assert cells and wrong == []
        record_property("matrix_cells_over_http", len(cells))


LEAK_PERSONAS = ["anonymous", "kommune-b", "buerger", "expertin2", "ministerium"]


class TestNoLeaks:
    @pytest.mark.parametrize("persona", LEAK_PERSONAS)
    def test_search_pages(self, served_scenario, persona, persona_request):
        """Classic search, live search and REST search show nothing hidden."""
        portal, objects = served_scenario
        session = persona_request(persona)
        base = portal.absolute_url()
        responses = {
            "@@search": session.get(f"{base}/@@search", params={"SearchableText": SECRET}),
            "livesearch": session.get(f"{base}/@@ajax-search", params={"q": SECRET}),
            "@search": session.get(
                f"{base}/++api++/@search",
                params={"SearchableText": SECRET, "b_size": 100},
                headers={"Accept": "application/json"},
            ),
            "@querystring-search": session.post(
                f"{base}/++api++/@querystring-search",
                json={"query": [{"i": "SearchableText",
                                 "o": "plone.app.querystring.operation.string.contains",
                                 "v": SECRET}], "b_size": 100},
                headers={"Accept": "application/json"},
            ),
        }  # fmt: skip
        for channel, response in responses.items():
            assert response.status_code == 200, channel
            assert _leaks(_text(response), persona) == [], channel
        # The searches do find what the persona may see.
        visible_titles = [f"{oid} {SECRET}" for oid in _visible(persona)]
        for channel in ("@@search", "@search", "@querystring-search"):
            text = _text(responses[channel])
            assert any(title in text for title in visible_titles), channel

    @pytest.mark.parametrize("persona", LEAK_PERSONAS)
    def test_navigation_listings_and_feeds(
        self, served_scenario, persona, persona_request
    ):
        """Start page, navigation, listings, map, statistics, sitemap, RSS and
        iCal hide what is hidden."""
        portal, objects = served_scenario
        session = persona_request(persona)
        base = portal.absolute_url()
        texts = {
            "@navigation": _text(
                session.get(
                    f"{base}/++api++/@navigation",
                    params={"expand.navigation.depth": 4},
                    headers={"Accept": "application/json"},
                )
            ),
        }
        for channel, url in (
            ("start page", f"{base}/"),
            ("search_rss", f"{base}/search_rss?SearchableText={SECRET}"),
            ("ics", f"{base}/werkstatttreffen/ics_view"),
            ("map", f"{base}/praxisbeispiele/karte"),
            ("map examples", f"{base}/praxisbeispiele/karte.geojson?layer=examples"),
            (
                "map municipalities",
                f"{base}/praxisbeispiele/karte.geojson?layer=municipalities",
            ),
            ("statistics", f"{base}/statistik"),
        ):
            response = session.get(url)
            assert response.status_code == 200, channel
            texts[channel] = response.text
        for section in ("praxisbeispiele", "kommunen", "mentoring", "werkstatttreffen",
                        "gutachten", "qualifizierung"):  # fmt: skip
            texts[section] = session.get(f"{base}/{section}").text
            texts[f"{section} api"] = _text(
                session.get(
                    f"{base}/++api++/{section}", headers={"Accept": "application/json"}
                )
            )
        sitemap = session.get(f"{base}/sitemap.xml.gz")
        assert sitemap.status_code == 200
        texts["sitemap"] = gzip.decompress(sitemap.content).decode()
        for channel, text in texts.items():
            assert _leaks(text, persona) == [], channel
            if channel == "sitemap":
                hidden_urls = [objects[oid].absolute_url() for oid in _hidden(persona)]
                assert not [u for u in hidden_urls if f"{u}<" in text], channel

    @pytest.mark.parametrize("persona", ["anonymous", "kommune-b"])
    @pytest.mark.parametrize(
        "path",
        [
            "attachment_private/@@download/file",
            "team_image/@@images/image",
            "team_image/@@images/image/thumb",
            "team_image/@@download/image",
        ],
    )
    def test_files_and_scales(self, served_scenario, persona, path, persona_request):
        """Private files and images cannot be downloaded or scaled."""
        portal, objects = served_scenario
        oid, rest = path.split("/", 1)
        url = f"{objects[oid].absolute_url()}/{rest}"
        response = persona_request(persona).get(url, allow_redirects=False)
        assert response.status_code in DENIED
        assert SECRET.encode() not in response.content

    @pytest.mark.parametrize("persona", ["anonymous", "kommune-b"])
    @pytest.mark.parametrize("endpoint", ["@history", "@workflow", "@breadcrumbs",
                                          "@sharing", "@roster"])  # fmt: skip
    @pytest.mark.parametrize(
        "oid",
        ["team_document", "example_private", "review_in_review", "meeting_planned"],
    )
    def test_rest_endpoints(
        self, served_scenario, persona, endpoint, oid, persona_request
    ):
        """History, workflow, breadcrumbs, sharing of hidden objects are refused."""
        portal, objects = served_scenario
        response = persona_request(persona).get(
            f"{api_url(portal, objects[oid])}/{endpoint}",
            headers={"Accept": "application/json"},
        )
        assert response.status_code in DENIED, response.text[:200]
        assert SECRET not in _text(response)
