"""A network with every kind of object in every state, built once per class."""

from tests.security.scenario import build

import pytest


@pytest.fixture(scope="class")
def scenario(portal_class):
    """``(portal, {object id: object})`` for the permission matrix."""
    return portal_class, build(portal_class)
