"""pytest fixtures of the ZUMO Netzwerk suite, built on pytest-plone."""

from pytest_plone import fixtures_factory
from zumo.policy.testing import FUNCTIONAL_TESTING
from zumo.policy.testing import INTEGRATION_TESTING

import logging
import pytest


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


def pytest_terminal_summary(terminalreporter):
    """Report how many cells of the permission matrix were checked."""
    from tests.security import test_channels
    from tests.security import test_http
    from tests.security import test_matrix

    if test_matrix.CHECKED:
        terminalreporter.write_line(
            f"permission matrix: {len(test_matrix.CHECKED)} cells checked in-process"
        )
    if test_http.CHECKED_OVER_HTTP:
        terminalreporter.write_line(
            f"permission matrix: {len(test_http.CHECKED_OVER_HTTP)} cells checked "
            "over HTTP"
        )
    if test_channels.COMBINATIONS:
        counts = ", ".join(
            f"{test_channels.ENUMERATED[kind]} {kind}"
            for kind in ("views", "services", "vocabularies")
        )
        terminalreporter.write_line(
            f"leak channels: {sum(test_channels.COMBINATIONS.values())} "
            f"combinations ({counts}) × objects × personas checked, "
            f"{sum(test_channels.MARKER_CHECKS.values())} answer × hidden object "
            "marker searches"
        )
