"""Fixtures of the procedure tests: a ZUMO municipality in the test site."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.builders import add

import pytest


@pytest.fixture
def manager(portal):
    """Run the test as a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture
def municipality(manager):
    """A ZUMO municipality with its (empty) team space."""
    return add(manager, "kommunen", "Municipality", "gomadingen",
               title="Gomadingen", region="tuebingen", programmes=["zumo"],
               network_status=["zumo_pilot"])  # fmt: skip
