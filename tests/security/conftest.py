"""A network with every kind of object in every state, built once per class."""

from tests.security.scenario import build

import pytest
import transaction


@pytest.fixture(scope="class")
def scenario(portal_class):
    """``(portal, {object id: object})`` for in-process checks."""
    return portal_class, build(portal_class)


@pytest.fixture(scope="class")
def served_scenario(functional_portal_class):
    """The same network, committed and served over HTTP."""
    objects = build(functional_portal_class)
    transaction.commit()
    return functional_portal_class, objects
