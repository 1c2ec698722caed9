"""schemathesis against the OpenAPI description of the site's own endpoints.

Every operation of ``zumo/policy/services/openapi.yaml`` is fuzzed over HTTP
against the served scenario, as an outsider, a municipality member and the
institute, with data that fits the description and with data that does not
(schemathesis' positive and negative modes). No answer may be a server
error, and an outsider's writes never succeed. Generation is derandomized,
so a run is repeatable; ``ZUMO_FUZZ_EXAMPLES`` sets the examples per
operation, persona and mode (default 25).

The description names the site's own services only. The **odd requests**
reach every REST service and browser view registered in the site, found by
enumeration (``tests/fixtures/channels.py``), as an outsider and as a
municipality member: each service with each of its methods at its own
address, with one and two path segments more, without ``++api++`` and spelled
as a view (``@@``), with bodies no service expects and (GET) query values no
index takes; each Classic view POSTed without a CSRF token, with its fields
missing or odd, on the site root and on one object of each type. The
variants rotate over services and places, so every service, method and view
is tried by both personas at least once and the run stays short; no answer
may be a server error.
"""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from hypothesis.errors import Unsatisfiable
from itertools import count
from pathlib import Path
from plone import api
from tests.fixtures.channels import Channels
from zumo.policy import services
from zumo.policy.forms import mitmachen as forms
from zumo.policy.security import logins
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import PASSWORD

import os
import pytest
import requests
import schemathesis
import transaction


SPEC = Path(services.__file__).parent / "openapi.yaml"
EXAMPLES = int(os.environ.get("ZUMO_FUZZ_EXAMPLES", "25"))
PERSONAS = ("anonymous", "kommune-a", "institut")
#: Path parameters that name objects of the scenario; the others are fuzzed.
KNOWN = {
    "space": "municipality_published",
    "group": "group",
    "example": "example_published",
}
#: Writes that anybody may send (and that change no content).
OPEN_WRITES = ("login", "resetPassword", "register")


def _operations():
    schema = schemathesis.openapi.from_path(SPEC)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_description_is_valid_openapi():
    """The description loads and names each of the site's own services."""
    operations = {op.definition.raw["operationId"] for op in _operations()}
    assert {
        "search",
        "login",
        "register",
        "resetPassword",
        "vocabulary",
        "teamRoster",
        "teamRosterSet",
        "teamRosterRemove",
        "groupRoster",
        "addPracticeExample",
        "editMunicipality",
        "addWorkshopMeeting",
    } <= operations


def _fuzz(operation, mode, session, base_url, calls, errors, outsider_writes):
    """Send ``EXAMPLES`` generated requests for ``operation``; collect what
    answered with a server error or let an outsider write."""
    names = {p.name for p in operation.path_parameters}
    fixed = {name: value for name, value in KNOWN.items() if name in names}
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
    op_id = operation.definition.raw["operationId"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        logins.THROTTLE.clear()
        response = case.call(base_url=base_url, session=session, timeout=60)
        calls.append(response.status_code)
        if response.status_code >= 500:
            errors.append(
                (
                    op_id,
                    mode.value,
                    session.auth and session.auth[0],
                    response.status_code,
                    response.text[:300],
                    case.as_curl_command(),
                )
            )
        if (
            session.auth is None
            and case.method != "GET"
            and op_id not in OPEN_WRITES
            and response.status_code < 300
        ):
            outsider_writes.append((op_id, case.as_curl_command()))

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (negative mode).
        pass


def _report(errors):
    """The first server error of each operation, persona and mode, with the
    answer and a curl command that repeats it."""
    first = {}
    for op_id, mode, persona, status, answer, curl in errors:
        first.setdefault((op_id, mode, persona), f"{status} {answer}\n{curl}")
    return "\n\n".join(f"{key}: {text}" for key, text in first.items())


@pytest.mark.drill
@pytest.mark.usefixtures("served_scenario")
class TestApiFuzzing:
    def test_no_server_error(self, served_scenario, record_property):
        portal, _objects = served_scenario
        base_url = portal.absolute_url() + "/++api++"
        calls, errors, outsider_writes = [], [], []
        operations = _operations()
        try:
            for persona in PERSONAS:
                session = requests.Session()
                if persona != "anonymous":
                    session.auth = (persona, PASSWORD)
                for mode in (
                    schemathesis.GenerationMode.POSITIVE,
                    schemathesis.GenerationMode.NEGATIVE,
                ):
                    for operation in operations:
                        _fuzz(
                            operation,
                            mode,
                            session,
                            base_url,
                            calls,
                            errors,
                            outsider_writes,
                        )
                session.close()
        finally:
            logins.THROTTLE.clear()
        record_property("fuzz_operations", len(operations))
        record_property("fuzz_requests", len(calls))
        record_property("fuzz_server_errors", len(errors))
        assert len(calls) > len(operations) * len(PERSONAS)
        assert not errors, _report(errors)
        assert outsider_writes == []


#: Who sends the odd requests.
ODD_PERSONAS = ("anonymous", "kommune-a")
#: Bodies no service expects (``None``: none at all).
ODD_BODIES = (
    None,
    "{}",
    "[]",
    "null",
    '"Text"',
    "{kein json",
    '{"@type": 1, "id": [null], "title": {"x": []}, "items": "alle"}',
)
#: Query values no index or parameter takes.
ODD_QUERIES = (
    {"b_start": "-1"},
    {"b_size": "x"},
    {"sort_on": "nope"},
    {"sort_order": "x", "sort_on": "modified"},
    {"effective": "gestern"},
    {"start": "2024-13-45"},
    {"UID": "x"},
    {"uid": "x"},
    {"expand": "x"},
    {"fullobjects": "1", "b_size": "99999999999"},
    {"metadata_fields": "_all"},
    {"path": "/x"},
    {"review_state": ["a", "b"]},
    {"is_folderish": "vielleicht"},
    {"SearchableText": "\x9e("},
)
#: The addresses a service is tried at, from its object's REST address and
#: its name: its own, with one and two unknown segments more, without
#: ``++api++`` (a REST request by its Accept header) and spelled as a view.
PATH_FORMS = (
    lambda base, name: f"{base}/{name}",
    lambda base, name: f"{base}/{name}/x",
    lambda base, name: f"{base}/{name}/x/y",
    lambda base, name: f"{base.replace('/++api++', '', 1)}/{name}",
    lambda base, name: f"{base}/@{name}" if name.startswith("@") else f"{base}/x",
)
#: Odd queries per GET service and persona.
QUERIES_PER_SERVICE = 2
#: Form data POSTed to the Classic views, rotating: no fields at all, and
#: fields that are odd, never with a valid CSRF token.
ODD_FORMS = (
    {},
    {
        "form.submitted": "1",
        "form.buttons.save": "Speichern",
        "form.widgets.title": "\x00",
        "form.widgets.start": "2024-13-45",
        "effective": "gestern",
    },
    {
        "_authenticator": "falsch",
        "form.buttons.submit": "x",
        "form.widgets.email": "@",
        "came_from": "//anderswo.invalid",
        "SearchableText": "\x9e(",
        "paths:list": "/x",
    },
)


def _places(portal, objects):
    """``[(object, REST address)]``: the site root and the first object of
    each portal type of the scenario."""
    places = {"Plone Site": portal}
    for oid in sorted(objects):
        places.setdefault(objects[oid].portal_type, objects[oid])
    return [(obj, api_url(portal, obj)) for obj in places.values()]


def odd_requests(places, services):
    """``(method, url, body, query)`` of the odd requests to ``services``
    (``Channels.service_places()``) at ``places`` (``_places``).

    Each service and method is sent to every ``PATH_FORMS`` address, at a
    place it is registered for (the site root if none is), with one of
    ``ODD_BODIES``; a GET also with ``QUERIES_PER_SERVICE`` of
    ``ODD_QUERIES``. Places, bodies and queries rotate, so all of them are
    used across the services.
    """
    turn = count()
    for (method, name), specs in sorted(services.items()):
        fitting = [
            url for obj, url in places if any(spec.providedBy(obj) for spec in specs)
        ] or [places[0][1]]
        for form in PATH_FORMS:
            index = next(turn)
            body = None if method == "GET" else ODD_BODIES[index % len(ODD_BODIES)]
            url = form(fitting[index % len(fitting)], name).rstrip("/")
            yield method, url, body, None
        if method != "GET":
            continue
        for _query in range(QUERIES_PER_SERVICE):
            index = next(turn)
            url = f"{fitting[index % len(fitting)]}/{name}".rstrip("/")
            yield method, url, None, ODD_QUERIES[index % len(ODD_QUERIES)]


def _session(persona):
    """An HTTP session as ``persona``."""
    session = requests.Session()
    if persona != "anonymous":
        session.auth = (persona, PASSWORD)
    return session


@pytest.mark.drill
@pytest.mark.usefixtures("served_scenario")
class TestOddRequests:
    def test_no_service_answers_with_a_server_error(
        self, served_scenario, record_property
    ):
        portal, objects = served_scenario
        services = Channels(portal).service_places()
        assert len(services) > 80
        assert {("GET", "@search"), ("POST", "@users"), ("PATCH", "")} <= set(services)
        planned = list(odd_requests(_places(portal, objects), services))
        used = [query for *_request, query in planned]
        assert all(query in used for query in ODD_QUERIES)
        sent, errors = 0, {}
        try:
            for persona in ODD_PERSONAS:
                session = _session(persona)
                for method, url, body, query in planned:
                    logins.THROTTLE.clear()
                    headers = {"Accept": "application/json"}
                    if body is not None:
                        headers["Content-Type"] = "application/json"
                    answer = session.request(
                        method,
                        url,
                        data=body,
                        params=query,
                        headers=headers,
                        allow_redirects=False,
                        timeout=60,
                    )
                    sent += 1
                    if answer.status_code >= 500:
                        errors.setdefault(
                            (persona, method, url, body, str(query)),
                            f"{answer.status_code} {answer.text[:200]}",
                        )
                session.close()
        finally:
            logins.THROTTLE.clear()
        record_property("odd_requests", sent)
        record_property("odd_services", len(services))
        record_property("odd_server_errors", len(errors))
        assert not errors, "\n".join(f"{key}: {text}" for key, text in errors.items())

    def test_no_view_answers_a_post_with_a_server_error(
        self, served_scenario, record_property
    ):
        """Every view of the site root by both personas; the views of one
        object of each type by one of them, in turn, and each view by each
        persona at least once."""
        portal, objects = served_scenario
        endpoints = Channels(portal)
        places = [obj for obj, _url in _places(portal, objects)]
        posts, errors, names = 0, {}, set()
        turn = count()
        sessions = {persona: _session(persona) for persona in ODD_PERSONAS}
        try:
            for index, obj in enumerate(places):
                for view in endpoints.views(obj):
                    if index == 0:
                        callers = ODD_PERSONAS
                    elif view in names:
                        callers = (ODD_PERSONAS[index % len(ODD_PERSONAS)],)
                    else:  # a view the site root does not have
                        callers = ODD_PERSONAS
                    names.add(view)
                    for persona in callers:
                        forms.limiter.clear()
                        logins.THROTTLE.clear()
                        url = f"{obj.absolute_url()}/@@{view}"
                        data = ODD_FORMS[next(turn) % len(ODD_FORMS)]
                        answer = sessions[persona].post(
                            url, data=data, allow_redirects=False, timeout=120
                        )
                        posts += 1
                        if answer.status_code >= 500:
                            errors.setdefault(
                                (persona, url, str(data)),
                                f"{answer.status_code} {answer.text[:200]}",
                            )
        finally:
            for session in sessions.values():
                session.close()
            forms.limiter.clear()
            logins.THROTTLE.clear()
        record_property("odd_view_posts", posts)
        record_property("odd_views", len(names))
        record_property("odd_view_server_errors", len(errors))
        assert len(names) > 300
        assert not errors, "\n".join(f"{key}: {text}" for key, text in errors.items())


#: What the fuzzing found, pinned one by one: (persona, method, path, body
#: or query, the German message the answer must carry). Each answered with
#: a server error before.
FOUND = [
    (
        "institut",
        "PATCH",
        "praxisbeispiele/example_published",
        {"json": {"description": "Ohne Accept-Kopfzeile"}},
        None,
    ),
    (
        "institut",
        "POST",
        "praxisbeispiele",
        {"data": b"\x00", "headers": {"Content-Type": "application/json"}},
        "kein gültiges JSON",
    ),
    (
        "anonymous",
        "POST",
        "@login",
        {"data": b"{kein json", "headers": {"Content-Type": "application/json"}},
        "kein gültiges JSON",
    ),
    (
        "anonymous",
        "GET",
        "@search",
        {"params": {"SearchableText": "\x9e\x06"}},
        "Suchbegriff",
    ),
    ("anonymous", "GET", "@search", {"params": {"b_start": ["1", "x"]}}, "b_start"),
    (
        "institut",
        "POST",
        "werkstatttreffen",
        {
            "json": {
                "@type": "WorkshopMeeting",
                "title": "Treffen im Jahr 6590",
                "start": "6590-08-24T16:00:00",
                "end": "6590-08-24T18:00:00",
            }
        },
        "zwischen 1900 und 2199",
    ),
    (
        "institut",
        "PATCH",
        "praxisbeispiele/example_published",
        {"json": {"start": 20240105}},
        "JJJJ-MM-TT",
    ),
    (
        "institut",
        "PATCH",
        "kommunen/municipality_published",
        {"json": {"region": {}}},
        "angebotenen Werte",
    ),
    (
        "institut",
        "PATCH",
        "kommunen/municipality_published",
        {"json": {"website": "\u0015$\U00052677"}},
        "http:// oder https://",
    ),
    (
        "institut",
        "PATCH",
        "praxisbeispiele/example_published",
        {"json": {"results": 541}},
        "Zeichenkette",
    ),
    (
        "institut",
        "PATCH",
        "praxisbeispiele/example_published",
        {"json": {"results": "Ergebnis\u0003"}},
        "Steuerzeichen",
    ),
    ("anonymous", "GET", "@search", {"params": {"effective": "gestern"}}, "JJJJ-MM-TT"),
    ("anonymous", "GET", "@search", {"params": {"start": "2024-13-45"}}, "JJJJ-MM-TT"),
    (
        "anonymous",
        "GET",
        "praxisbeispiele/@search",
        {"params": {"effective.query": "gestern", "effective.range": "min"}},
        "JJJJ-MM-TT",
    ),
]
#: Path segments after a service that it does not know: (persona, path).
#: Each answered with a server error before; now 404 with a German message.
FOUND_PATHS = [
    ("anonymous", "@sites/x"),
    ("anonymous", "praxisbeispiele/example_published/@sites/x"),
    ("anonymous", "@portrait/x/y"),
    ("kommune-a", "@types/x/y"),
    ("kommune-a", "@types/Document/title/x"),
    ("kommune-a", "praxisbeispiele/example_published/@types/x/y"),
    ("kommune-a", "praxisbeispiele/example_published/@types/Document/title"),
]


def _last_change(portal):
    """The newest modification date in the site, as the institute reads it."""
    answer = requests.get(
        f"{portal.absolute_url()}/++api++/@search",
        params={
            "sort_on": "modified",
            "sort_order": "descending",
            "b_size": 1,
            "metadata_fields": "modified",
        },
        auth=("institut", PASSWORD),
        timeout=60,
    )
    return answer.json()["items"][0]["modified"]


@pytest.mark.usefixtures("served_scenario")
class TestWhatFuzzingFound:
    @pytest.mark.parametrize(
        ("persona", "method", "path", "arguments", "message"), FOUND
    )
    def test_answered_without_a_server_error(
        self, served_scenario, persona, method, path, arguments, message
    ):
        portal, _objects = served_scenario
        url = f"{portal.absolute_url()}/++api++/{path}"
        auth = None if persona == "anonymous" else (persona, PASSWORD)
        before = _last_change(portal)
        answer = requests.request(method, url, auth=auth, timeout=60, **arguments)
        if message is None:
            assert answer.status_code == 204, answer.text[:300]
            return
        assert answer.status_code == 400, answer.text[:300]
        assert message in answer.json()["message"]
        assert _last_change(portal) == before

    @pytest.mark.parametrize(("persona", "path"), FOUND_PATHS)
    def test_unknown_segments_not_found(self, served_scenario, persona, path):
        portal, _objects = served_scenario
        auth = None if persona == "anonymous" else (persona, PASSWORD)
        before = _last_change(portal)
        answer = requests.get(
            f"{portal.absolute_url()}/++api++/{path}",
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert answer.status_code == 404, answer.text[:300]
        assert "Diese Adresse gibt es nicht" in answer.json()["error"]["message"]
        assert _last_change(portal) == before

    def test_known_segments_answer_as_before(self, served_scenario):
        """What the guarded services know still answers."""
        portal, _objects = served_scenario
        rest = f"{portal.absolute_url()}/++api++"
        headers = {"Accept": "application/json"}
        sites = requests.get(f"{rest}/@sites", headers=headers, timeout=60)
        assert sites.status_code == 200
        name = sites.json()["distributions"][0]["name"]
        one = requests.get(f"{rest}/@sites/{name}", headers=headers, timeout=60)
        assert one.json()["name"] == name
        member = ("kommune-a", PASSWORD)
        types = requests.get(
            f"{rest}/@types/Document", auth=member, headers=headers, timeout=60
        )
        assert "title" in types.json()["properties"]
        portrait = requests.get(f"{rest}/@portrait/x", headers=headers, timeout=60)
        assert portrait.status_code == 404


#: What the odd requests found, pinned one by one: (persona, method, path
#: below the site, the status and a text of the answer). Each answered with
#: a server error before.
FOUND_ODD = [
    ("anonymous", "GET", "@@search?effective=gestern", 400, "JJJJ-MM-TT"),
    ("kommune-a", "GET", "@@search?created.query:record=gestern", 400, "JJJJ-MM-TT"),
    ("anonymous", "GET", "@@search?SearchableText=%9e(", 400, "UTF-8"),
    ("anonymous", "GET", "++api++/@search?SearchableText=%9e(", 400, "UTF-8"),
    ("anonymous", "POST", "@@pas_info", 404, None),
    ("anonymous", "GET", "@@contact-info-email", 404, None),
    ("anonymous", "GET", "@@redirect-to-uuid", 404, None),
    ("kommune-a", "GET", "@@+", 404, None),
    ("kommune-a", "POST", "@@babel_utils", 404, None),
    (
        "kommune-a",
        "POST",
        "kommunen/municipality_published/action_plan/@@updateSharingInfo",
        404,
        None,
    ),
    (
        "kommune-a",
        "POST",
        "kommunen/municipality_published/action_plan/@@gtranslation_service",
        404,
        None,
    ),
    (
        "kommune-a",
        "POST",
        "kommunen/municipality_published/former_member_document/@@images-test",
        404,
        None,
    ),
    ("institut", "GET", "praxisbeispiele/example_published/@@version-view", 404, None),
    (
        "institut",
        "GET",
        "praxisbeispiele/example_published/@@history?one=7",
        404,
        None,
    ),
    ("kommune-a", "POST", "mentoring/group/@@revertversion", 404, None),
    (
        "institut",
        "POST",
        "kommunen/municipality_published/future_workshop/@@folder_constraintypes_form",
        404,
        None,
    ),
    (
        "kommune-a",
        "GET",
        "++api++/kommunen/municipality_published/team_image/@history/x/y",
        404,
        "Diese Fassung gibt es nicht.",
    ),
    (
        "kommune-a",
        "PATCH",
        "++api++/kommunen/municipality_published/future_workshop/@@history",
        404,
        None,
    ),
    (
        "kommune-a",
        "DELETE",
        "++api++/kommunen/municipality_published/future_workshop/@workingcopy",
        404,
        "Arbeitskopie",
    ),
]


@pytest.mark.usefixtures("served_scenario")
class TestWhatOddRequestsFound:
    @pytest.mark.parametrize(("persona", "method", "path", "status", "text"), FOUND_ODD)
    def test_answered_without_a_server_error(
        self, served_scenario, persona, method, path, status, text
    ):
        portal, _objects = served_scenario
        auth = None if persona == "anonymous" else (persona, PASSWORD)
        before = _last_change(portal)
        answer = requests.request(
            method,
            f"{portal.absolute_url()}/{path}",
            auth=auth,
            headers={"Accept": "application/json"} if "++api++" in path else {},
            allow_redirects=False,
            timeout=60,
        )
        assert answer.status_code == status, answer.text[:300]
        if text is not None:
            assert text in answer.text
        assert _last_change(portal) == before

    def test_versions_that_exist_are_shown(self, served_scenario):
        """The guarded version views still show what exists."""
        portal, objects = served_scenario
        example = objects["example_published"]
        with api.env.adopt_roles(["Manager"]):
            api.portal.get_tool("portal_repository").save(obj=example)
        transaction.commit()
        url = example.absolute_url()
        auth = ("institut", PASSWORD)
        version = requests.get(
            f"{url}/@@version-view", params={"version_id": 0}, auth=auth, timeout=60
        )
        assert version.status_code == 200
        compared = requests.get(
            f"{url}/@@history", params={"one": 0}, auth=auth, timeout=60
        )
        assert compared.status_code == 200
