"""The edges around the permissions, over HTTP: security headers on every
kind of answer, limits, REST writes as JSON only, ``++api++`` once.

``zumo.policy.security.limits`` and ``zumo.policy.security.wsgi`` do this; the served
scenario answers as the site does in production (the test server has the
pipeline of ``instance/zope.ini.in``).
"""

from tests.fixtures.http import login_form
from tests.fixtures.http import token_in
from zumo.policy.security import limits as hardening
from zumo.policy.security import wsgi
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import PASSWORD

import pytest


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def _answers(portal, objects):
    """``{name: (persona, url)}``: one answer of every kind the site gives."""
    site = portal.absolute_url()
    example = objects["example_published"]
    return {
        "page": ("anonymous", example.absolute_url()),
        "start page": ("anonymous", site),
        "REST": ("anonymous", api_url(portal, example)),
        "REST error": ("anonymous", site + "/++api++/gibt-es-nicht"),
        "not found": ("anonymous", site + "/gibt-es-nicht"),
        "login form": ("anonymous", site + "/login"),
        "refused": ("anonymous", objects["team_document"].absolute_url()),
        "logged in": ("kommune-a", objects["team_document"].absolute_url()),
        "static file": ("anonymous", site + "/++plone++zumo/zumo.css"),
        "feed": ("anonymous", site + "/praxisbeispiele/rss.xml"),
    }


@pytest.mark.usefixtures("served_scenario")
class TestHardening:
    def test_every_kind_of_answer_has_the_security_headers(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        for name, (persona, url) in _answers(portal, objects).items():
            answer = persona_request(persona).get(url, allow_redirects=False)
            for header, value in SECURITY_HEADERS.items():
                assert answer.headers.get(header) == value, (name, header)
            policy = answer.headers.get("Content-Security-Policy", "")
            script = next(part for part in policy.split(";") if "script-src" in part)
            assert "'self'" in script and "'unsafe-inline'" not in script, name
            assert "frame-ancestors 'self'" in policy, name
            assert "object-src 'none'" in policy, name
            # No version banner.
            assert "X-Powered-By" not in answer.headers, name
            assert "Server" not in answer.headers, name

    def test_the_map_tiles_may_be_shown(self, served_scenario, persona_request):
        portal, _objects = served_scenario
        answer = persona_request("anonymous").get(portal.absolute_url())
        policy = answer.headers["Content-Security-Policy"]
        img = next(part for part in policy.split(";") if "img-src" in part)
        assert "https://sgx.geodatenzentrum.de" in img

    def test_repeated_api_is_not_found(self, served_scenario, persona_request):
        portal, _objects = served_scenario
        session = persona_request("anonymous")
        assert session.get(portal.absolute_url() + "/++api++").status_code == 200
        for path in ("/++api++/++api++", "/++api++/++api++/++api++/++api++"):
            answer = session.get(portal.absolute_url() + path, allow_redirects=False)
            assert answer.status_code == 404, path

    def test_a_malformed_batch_is_refused_in_german(
        self, served_scenario, persona_request
    ):
        """``b_start=x`` or a repeated ``b_start``: 400 with the German
        message, a page with a way back for browsers, JSON for the API."""
        portal, _objects = served_scenario
        session = persona_request("anonymous")
        page = session.get(
            portal.absolute_url() + "/praxisbeispiele",
            params={"b_start": "x", "SearchableText": "Dorf"},
            headers={"Accept": "text/html"},
        )
        assert page.status_code == 400
        assert "Ungültige Angabe für b_start: bitte eine ganze Zahl ab 0." in page.text
        assert (
            'href="' + portal.absolute_url() + '/praxisbeispiele?SearchableText=Dorf"'
            in page.text
        )
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        # In the site's layout: its header, navigation and footer around it.
        assert 'id="portal-globalnav"' in page.text
        assert 'id="portal-footer-wrapper"' in page.text
        assert page.text.count("<h1") == 1
        api = session.get(
            portal.absolute_url() + "/++api++/@search?b_start=1&b_start=2",
            headers={"Accept": "application/json"},
        )
        assert api.status_code == 400
        assert api.json()["message"].startswith("Ungültige Angabe für b_start")

    def test_the_refusal_page_shows_nothing_private(
        self, served_scenario, persona_request
    ):
        """The 400 page is drawn in the layout of the object asked for: on a
        private object an outsider gets the usual refusal, not its title."""
        _portal, objects = served_scenario
        for oid in ("municipality_private", "group"):
            private = objects[oid]
            for persona in ("anonymous", "kommune-b"):
                page = persona_request(persona).get(
                    private.absolute_url(),
                    params={"b_start": "x"},
                    headers={"Accept": "text/html"},
                    allow_redirects=False,
                )
                assert page.status_code != 400, (oid, persona)
                assert private.Title() not in page.text, (oid, persona)

    def test_rest_batches_are_capped(self, served_scenario, persona_request):
        portal, _objects = served_scenario
        session = persona_request("institut")
        answer = session.get(
            portal.absolute_url() + "/++api++/@search",
            params={"b_size": "100000"},
        )
        assert answer.status_code == 200
        data = answer.json()
        assert len(data["items"]) <= hardening.MAX_BATCH
        if data["items_total"] > hardening.MAX_BATCH:
            assert "next" in data["batching"]
        posted = session.post(
            portal.absolute_url() + "/++api++/@querystring-search",
            json={
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["Document", "PracticeExample", "File", "Image"],
                    }
                ],
                "b_size": 100000,
            },
        )
        assert posted.status_code == 200, posted.text[:300]
        assert len(posted.json()["items"]) <= hardening.MAX_BATCH

    def test_a_cross_site_simple_rest_post_writes_nothing(
        self, served_scenario, persona_request
    ):
        """Browsers send text/plain, form-encoded and multipart bodies to
        another site without asking first, cookies included."""
        portal, _objects = served_scenario
        session = persona_request("institut")
        folder = portal.absolute_url() + "/++api++/praxisbeispiele"
        before = session.get(folder).json()["items_total"]
        body = '{"@type": "PracticeExample", "title": "Untergeschoben"}'
        cross_site = {"Accept": "application/json", "Origin": "https://evil.example"}
        attempts = {
            "text/plain": {"data": body.encode()},
            "form": {"data": {"@type": "PracticeExample", "title": "Untergeschoben"}},
            "multipart": {"files": {"json": ("a.json", body.encode(), "text/plain")}},
            "no type": {"data": body.encode(), "headers": {"Content-Type": ""}},
        }
        for name, arguments in attempts.items():
            headers = {**cross_site, **arguments.pop("headers", {})}
            if name == "text/plain":
                headers["Content-Type"] = "text/plain"
            answer = session.post(folder, headers=headers, **arguments)
            assert answer.status_code == 415, (name, answer.text[:2000])
            assert "application/json" in answer.json()["message"]
        assert session.get(folder).json()["items_total"] == before
        # The same write as JSON is what the API is for.
        made = session.post(
            folder,
            json={"@type": "PracticeExample", "title": "Als JSON"},
            headers={"Accept": "application/json"},
        )
        assert made.status_code == 201, made.text[:300]
        session.delete(made.json()["@id"], headers={"Accept": "application/json"})

    @pytest.mark.parametrize("token", [None, "falsch"])
    def test_a_classic_form_without_its_token_writes_nothing(
        self, served_scenario, persona_request, token
    ):
        """A cross-site post to a Classic form, with the login cookie but
        without the form's CSRF token (or with a wrong one), is refused and
        changes nothing; with the token the same post works (plone.protect,
        pinned)."""
        portal, _objects = served_scenario
        rest = persona_request("institut")
        made = rest.post(
            portal.absolute_url() + "/++api++/praxisbeispiele",
            json={"@type": "PracticeExample", "title": "Bleibt"},
            headers={"Accept": "application/json"},
        )
        assert made.status_code == 201, made.text[:300]
        url = made.json()["@id"].replace("/++api++", "")
        _answer, session = login_form(portal.absolute_url(), "institut", PASSWORD)
        data = {"form.buttons.Delete": "Löschen"}
        if token:
            data["_authenticator"] = token
        answer = session.post(
            url + "/delete_confirmation",
            data=data,
            headers={"Origin": "https://evil.example"},
            allow_redirects=False,
        )
        assert answer.status_code == 403, answer.status_code
        assert session.get(url).status_code == 200  # still there
        page = session.get(url + "/delete_confirmation")
        deleted = session.post(
            url + "/delete_confirmation",
            data={**data, "_authenticator": token_in(page.text)},
            allow_redirects=False,
        )
        assert deleted.status_code == 302
        assert session.get(url).status_code == 404

    def test_a_huge_query_string_is_refused(self, served_scenario, persona_request):
        portal, _objects = served_scenario
        answer = persona_request("anonymous").get(
            portal.absolute_url() + "/praxisbeispiele",
            params={"SearchableText": "x" * (wsgi.MAX_QUERY_STRING + 1)},
        )
        assert answer.status_code == 414, answer.text[:3000]
        assert "zu lang" in answer.text

    def test_an_oversized_upload_is_refused_in_german(
        self, served_scenario, persona_request
    ):
        portal, objects = served_scenario
        session = persona_request("institut")
        space = api_url(portal, objects["team_document"].aq_parent)
        answer = session.post(
            space,
            files={"file": ("gross.bin", b"0" * (wsgi.MAX_REQUEST_BYTES + 1))},
        )
        assert answer.status_code == 413
        assert "höchstens 50 MB" in answer.text

    def test_svg_and_html_uploads_cannot_run_in_the_site(
        self, served_scenario, persona_request
    ):
        """A file or image with script inside is downloaded, never shown as
        a page of the site; where a browser shows it (an image scale), the
        site's policy forbids its scripts."""
        portal, objects = served_scenario
        session = persona_request("kommune-a")
        space = api_url(portal, objects["municipality_published"])
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            "<script>alert(1)</script><rect width='10' height='10'/></svg>"
        )
        html = "<html><body><script>alert(1)</script></body></html>"
        uploads = {
            "boese-svg": ("File", "file", "boese.svg", svg, "image/svg+xml"),
            "boese-html": ("File", "file", "boese.html", html, "text/html"),
            "boese-bild": ("Image", "image", "boese.svg", svg, "image/svg+xml"),
        }
        for name, (portal_type, field, filename, data, mime) in uploads.items():
            made = session.post(
                space,
                json={
                    "@type": portal_type,
                    "id": name,
                    "title": name,
                    field: {
                        "data": data,
                        "encoding": "utf8",
                        "filename": filename,
                        "content-type": mime,
                    },
                },
                headers={"Accept": "application/json"},
            )
            assert made.status_code == 201, made.text[:300]
            url = objects["municipality_published"].absolute_url() + "/" + name
            for view in (f"@@download/{field}", f"@@display-file/{field}"):
                answer = session.get(f"{url}/{view}")
                assert answer.status_code == 200, (name, view)
                assert answer.headers.get("X-Content-Type-Options") == "nosniff"
                assert answer.headers.get("Content-Disposition", "").startswith(
                    "attachment"
                ), (name, view, answer.headers.get("Content-Disposition"))
            if portal_type == "Image":
                scale = session.get(f"{url}/@@images/image/thumb")
                assert scale.status_code == 200
                policy = scale.headers.get("Content-Security-Policy", "")
                assert (
                    "script-src" in policy
                    and "'unsafe-inline'"
                    not in policy.split("script-src", 1)[1].split(";")[0]
                )


def test_batch_size_in_a_form_is_capped(portal):
    """HTML listings read ``b_size`` from the request like REST does."""
    request = portal.REQUEST
    request.form["b_size"] = "5000"
    hardening.cap_batches(request)
    assert request.form["b_size"] == hardening.MAX_BATCH
    assert request.get("b_size") == hardening.MAX_BATCH
    request.form["b_size"] = "20"
    hardening.cap_batches(request)
    assert request.form["b_size"] == "20"


def test_the_filter_drops_version_headers():
    def app(environ, start_response):
        start_response(
            "200 OK",
            [("X-Powered-By", "Zope"), ("Server", "x"), ("Content-Type", "text/plain")],
        )
        return [b"ok"]

    seen = []
    body = wsgi.guard(app)({}, lambda status, headers, info=None: seen.extend(headers))
    assert body == [b"ok"]
    assert seen == [("Content-Type", "text/plain")]
