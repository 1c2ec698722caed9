"""pytest fixtures of the ZUMO Netzwerk suite, built on pytest-plone."""

from _pytest.nodeid import NodeId
from collections import Counter
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from pytest_plone import fixtures_factory
from zumo.policy.testing import BUILDS
from zumo.policy.testing import DEMO_FUNCTIONAL_TESTING
from zumo.policy.testing import FUNCTIONAL_TESTING
from zumo.policy.testing import INTEGRATION_TESTING
from zumo.policy.testing import SCENARIO_FUNCTIONAL_TESTING
from zumo.policy.testing import SCENARIO_INTEGRATION_TESTING

import json
import logging
import pytest


pytest_plugins = [
    "tests.fixtures.browser",
    "tests.fixtures.instance",
    "tests.fixtures.mail",
    "tests.fixtures.scenario",
]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
# The demo network and the scenario are built when a test first asks for
# them (their fixtures request the ``*_session`` fixture), not at the start
# of every session, and then kept for the session.
globals().update(
    fixtures_factory(
        (
            (DEMO_FUNCTIONAL_TESTING, "demo_functional"),
            (SCENARIO_FUNCTIONAL_TESTING, "scenario_functional"),
            (SCENARIO_INTEGRATION_TESTING, "scenario_integration"),
        ),
        keep_session=False,
    )
)

#: The builds this process has reported so far (see ``pytest_runtest_makereport``).
_reported_builds = Counter()


@pytest.fixture(scope="session")
def package_name() -> str:
    """The add-on the site installs; pytest-plone's add-on fixtures use it."""
    return "zumo.policy"


class AbortedWrites(logging.Handler):
    """Collects plone.protect's reports of a GET that tried to write."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.urls = []

    def emit(self, record):
        message = record.getMessage()
        if "aborting transaction" in message:
            self.urls.append(message.rsplit(" ", 1)[-1])


@pytest.fixture
def manager(portal):
    """Run the test as a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture
def aborted_writes():
    """The URLs of GETs whose writes plone.protect aborted during the test."""
    handler = AbortedWrites()
    logger = logging.getLogger("plone.protect")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield handler.urls
    logger.removeHandler(handler)
    logger.setLevel(old_level)


#: Kinds of read channels the leak suite calls.
KINDS = ("views", "services", "vocabularies")


def _recorded(terminalreporter):
    """Sum the numbers the tests recorded with ``record_property``.

    Reports carry them from pytest-xdist workers too, so the summary holds
    for a parallel run as for a serial one.
    """
    totals = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if isinstance(value, int):
                    totals[name] += value
    return totals


#: The worlds a run builds once, and the fixtures that stand on each.
WORLDS = {
    "scenario": {"scenario_integration_session", "scenario_functional_session"},
    "demo": {"demo_functional_session"},
}
#: The longest drill files: each starts first on a worker of its own.
LONGEST = ("test_crash.py", "test_cluster.py")


def _group(item):
    """The world ``item`` stands on, else its file."""
    used = set(item.fixturenames)
    for world, fixtures in WORLDS.items():
        if used & fixtures:
            return world
    return item.nodeid.split("::", 1)[0]


def _rank(item):
    """Where ``item``'s group goes in the queue: the two longest drills,
    the scenario, the demo network, the other drills, then the rest."""
    group = item.stash[GROUP]
    if item.path.name in LONGEST and group not in WORLDS:
        return LONGEST.index(item.path.name)
    if group in WORLDS:
        return 2 + list(WORLDS).index(group)
    return 4 if item.get_closest_marker("drill") else 5


GROUP = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Group the tests for a parallel run (``--dist loadgroup``): all tests
    on the security scenario go to one worker, all on the demo network to
    one, so each world is built once per run; every other file stays whole.
    The longest groups are queued first, so they start at once instead of
    last; the sort keeps the order within a group."""
    # Set on pytest-xdist's workers only.
    grouped = items and getattr(items[0].config.option, "loadgroup", False)
    for item in items:
        item.stash[GROUP] = _group(item)
        if grouped:
            # The suffix pytest-xdist's ``loadgroup`` schedules by. xdist
            # 3.8 writes it to ``_nodeid``, which pytest 9.2 no longer
            # reads, so it is written here where pytest keeps the id.
            item._id = NodeId.parse(f"{item.nodeid}@{item.stash[GROUP]}")
    items.sort(key=_rank)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Record the builds of the demo network and the scenario since the last
    test in the test's report, so the summary can add them up across
    pytest-xdist workers."""
    if call.when == "call":
        for kind in ("demo", "scenario"):
            built = BUILDS[kind] - _reported_builds[kind]
            if built:
                item.user_properties.append((f"builds_{kind}", built))
                _reported_builds[kind] += built
    yield


def _fuzzing(recorded):
    """The summary lines of the API fuzzing and the odd requests."""
    lines = []
    if recorded["fuzz_requests"]:
        lines.append(
            f"API fuzzing: {recorded['fuzz_requests']} requests to "
            f"{recorded['fuzz_operations']} operations of the OpenAPI "
            f"description, {recorded['fuzz_server_errors']} server errors"
        )
    if recorded["odd_requests"] or recorded["odd_view_posts"]:
        lines.append(
            f"odd requests: {recorded['odd_requests']} to "
            f"{recorded['odd_services']} REST services × methods, "
            f"{recorded['odd_server_errors']} server errors; "
            f"{recorded['odd_view_posts']} POSTs to {recorded['odd_views']} "
            f"Classic views, {recorded['odd_view_server_errors']} server errors"
        )
    return lines


def _write_and_account_channels(recorded, write):
    """Report how many write channels, password routes, spellings and
    existence pairs the channel suite checked."""
    if recorded["write_calls"]:
        write(
            f"write channels: {recorded['write_calls']} writes "
            f"({recorded['write_channels_views']} views, "
            f"{recorded['write_channels_writes']} writing services) × objects × "
            f"personas sent, {recorded['write_transactions']} transactions "
            "committed and judged against the matrix"
        )
    if recorded["password_routes"]:
        write(
            f"password routes: {recorded['password_routes']} routes found, "
            f"{recorded['password_attempts']} attempts against one throttle"
        )
    if recorded["spellings"]:
        write(
            f"spellings: {recorded['spellings']} spellings of "
            f"{recorded['spelling_routes']} limited routes, each counted "
            "against one limit"
        )
    if recorded["existence_pairs"]:
        write(
            f"existence: {recorded['existence_pairs']} pairs of an existing and "
            f"a missing account, address or object, {recorded['existence_calls']} "
            "requests compared (status, body, time)"
        )


#: Who the crawl of tests/i18n/test_crawl.py walks as.
CRAWLERS = (
    "anonymous", "buerger", "kommune-a", "kommune-b", "expertin", "expertin2",
    "institut", "ministerium",
)  # fmt: skip


def _crawl(recorded, write):
    """One line per persona the crawl walked: pages, and its findings."""
    for persona in CRAWLERS:
        if not recorded[f"crawl_pages_{persona}"]:
            continue
        write(
            f"crawl {persona}: {recorded[f'crawl_pages_{persona}']} pages, "
            f"{recorded[f'crawl_english_{persona}']} English findings, "
            f"{recorded[f'crawl_byline_{persona}']} byline findings, "
            f"{recorded[f'crawl_time_{persona}']} time findings "
            f"({recorded[f'crawl_allowed_{persona}']} known exceptions on "
            "the portlet pages)"
        )


def _search_quality(terminalreporter, write):
    """The search-quality set (tests/search/test_quality.py): each query's
    recall and precision per channel, the averages per kind and the macro
    averages per channel."""
    rows = [
        json.loads(value)
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "search_quality"
    ]
    if not rows:
        return
    write(
        "search quality (recall over all results, precision over the first page of 20):"
    )
    write(
        f"  {'channel':7} {'data':9} {'kind':11} {'query':26} {'rel':>4} {'found':>5} {'recall':>6} {'prec':>5}"
    )
    for row in sorted(rows, key=lambda row: (row["channel"], row["data"], row["kind"])):
        query = row["query"]
        if row["searched"] != query:
            query += f" → {row['searched']}"
        write(
            f"  {row['channel']:7} {row['data']:9} {row['kind']:11} {query[:26]:26} "
            f"{row['relevant']:4d} {row['found']:5d} {row['recall']:6.2f} {row['precision']:5.2f}"
        )
    for channel in sorted({row["channel"] for row in rows}):
        mine = [row for row in rows if row["channel"] == channel]
        kinds = ", ".join(
            f"{kind} {_mean(mine, 'recall', kind):.2f}/{_mean(mine, 'precision', kind):.2f}"
            for kind in sorted({row["kind"] for row in mine})
        )
        write(
            f"search quality {channel}: {len(mine)} queries, macro recall "
            f"{_mean(mine, 'recall'):.2f}, macro precision {_mean(mine, 'precision'):.2f} "
            f"(by kind, recall/precision: {kinds})"
        )


def _mean(rows, measure, kind=None):
    """The mean of ``measure`` over ``rows`` (of ``kind`` if given)."""
    values = [row[measure] for row in rows if kind in (None, row["kind"])]
    return sum(values) / len(values)


def pytest_terminal_summary(terminalreporter):
    """Report how often the shared content was built, how many cells of the
    permission matrix and how many read channels were checked."""
    recorded = _recorded(terminalreporter)
    write = terminalreporter.write_line
    write(
        f"builds: demo network {recorded['builds_demo']}, "
        f"security scenario {recorded['builds_scenario']}"
    )
    if recorded["matrix_cells_in_process"]:
        write(
            f"permission matrix: {recorded['matrix_cells_in_process']} cells "
            "checked in-process"
        )
    if recorded["matrix_cells_over_http"]:
        write(
            f"permission matrix: {recorded['matrix_cells_over_http']} cells "
            "checked over HTTP"
        )
    calls = sum(recorded[f"leak_calls_{kind}"] for kind in KINDS)
    if calls:
        counts = ", ".join(
            f"{recorded[f'leak_channels_{kind}']} {kind}" for kind in KINDS
        )
        write(
            f"leak channels: {calls} combinations ({counts}) × objects × personas "
            f"checked, {recorded['leak_marker_searches']} answer × hidden object "
            "marker searches"
        )
    _write_and_account_channels(recorded, write)
    if recorded["crash_cycles"]:
        write(
            f"crash drill: {recorded['crash_cycles']} SIGKILL cycles in "
            f"{recorded['crash_seconds']} s, {recorded['crash_attempts']} writes "
            f"tried, {recorded['crash_acknowledged']} acknowledged and checked, "
            f"{recorded['crash_lost']} lost ({recorded['crash_unanswered']} "
            "edits committed whose answer the kill cut off)"
        )
    if recorded["cluster_crash_cycles"]:
        write(
            f"cluster crash drill: {recorded['cluster_crash_cycles']} crashes "
            "(Zope process SIGKILL, PostgreSQL stop immediate), "
            f"{recorded['cluster_crash_attempts']} writes tried, "
            f"{recorded['cluster_crash_acknowledged']} acknowledged and read "
            f"through each process, {recorded['cluster_crash_refused']} refused "
            f"while down, {recorded['cluster_crash_lost']} lost"
        )
    if recorded["audit_pins"]:
        write(
            f"dependency audit: {recorded['audit_audited']} of "
            f"{recorded['audit_pins']} pins audited, "
            f"{recorded['audit_vulnerabilities']} known vulnerabilities, "
            f"{recorded['audit_excepted']} excepted, "
            f"{recorded['audit_not_audited']} without vulnerability data"
        )
    if recorded["concurrent_requests"]:
        write(
            f"concurrent editors: {recorded['concurrent_requests']} writes of four "
            "editors in one space, no conflict reached a user"
        )
    if recorded["xss_pages"]:
        write(
            f"hostile input: {recorded['xss_fields']} fields with "
            f"{recorded['xss_payloads']} payloads, {recorded['xss_pages']} pages "
            f"opened in Chromium (with and without the CSP), "
            f"{recorded['xss_executed']} pages where script ran"
        )
    for line in _fuzzing(recorded):
        write(line)
    _crawl(recorded, write)
    _search_quality(terminalreporter, write)
