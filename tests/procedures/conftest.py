"""Fixtures of the procedure tests: a ZUMO municipality in the test site."""

from tests.fixtures.builders import add

import pytest


@pytest.fixture
def municipality(manager):
    """A ZUMO municipality with its (empty) team space."""
    return add(manager, "kommunen", "Municipality", "gomadingen",
               title="Gomadingen", region="tuebingen", programmes=["zumo"],
               network_status=["zumo_pilot"])  # fmt: skip
