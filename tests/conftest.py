"""pytest fixtures of the ZUMO Netzwerk suite, built on pytest-plone."""

from pytest_plone import fixtures_factory
from zumo.policy.testing import FUNCTIONAL_TESTING
from zumo.policy.testing import INTEGRATION_TESTING

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
