"""schemathesis against the OpenAPI description of the site's own endpoints.

Every operation of ``zumo/policy/services/openapi.yaml`` is fuzzed over HTTP
against the served scenario, as an outsider, a municipality member and the
institute, with data that fits the description and with data that does not
(schemathesis' positive and negative modes). No answer may be a server
error, and an outsider's writes never succeed. Generation is derandomized,
so a run is repeatable; ``ZUMO_FUZZ_EXAMPLES`` sets the examples per
operation, persona and mode (default 25).
"""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from hypothesis.errors import Unsatisfiable
from pathlib import Path
from zumo.policy import services
from zumo.policy.security import logins
from zumo.policy.testing.scenario import PASSWORD

import os
import pytest
import requests
import schemathesis


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
        api = f"{portal.absolute_url()}/++api++"
        headers = {"Accept": "application/json"}
        sites = requests.get(f"{api}/@sites", headers=headers, timeout=60)
        assert sites.status_code == 200
        name = sites.json()["distributions"][0]["name"]
        one = requests.get(f"{api}/@sites/{name}", headers=headers, timeout=60)
        assert one.json()["name"] == name
        member = ("kommune-a", PASSWORD)
        types = requests.get(
            f"{api}/@types/Document", auth=member, headers=headers, timeout=60
        )
        assert "title" in types.json()["properties"]
        portrait = requests.get(f"{api}/@portrait/x", headers=headers, timeout=60)
        assert portrait.status_code == 404
