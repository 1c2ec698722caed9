"""pytest fixtures of the ZUMO Netzwerk suite, built on pytest-plone."""

from collections import Counter
from pytest_plone import fixtures_factory
from tests.browser import browser  # noqa: F401
from tests.browser import demo_site  # noqa: F401
from tests.mail import inbox  # noqa: F401
from tests.mail import scenario_inbox  # noqa: F401
from tests.mail import smtp_server  # noqa: F401
from zumo.policy.testing import FUNCTIONAL_TESTING
from zumo.policy.testing import INTEGRATION_TESTING

import logging
import pytest


pytest_plugins = ["tests.fixtures.instance"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


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


def pytest_terminal_summary(terminalreporter):
    """Report how many cells of the permission matrix and how many read
    channels were checked."""
    recorded = _recorded(terminalreporter)
    write = terminalreporter.write_line
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
    if recorded["fuzz_requests"]:
        write(
            f"API fuzzing: {recorded['fuzz_requests']} requests to "
            f"{recorded['fuzz_operations']} operations of the OpenAPI "
            f"description, {recorded['fuzz_server_errors']} server errors"
        )
