"""A small site for the honesty checks that need no demo network."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.builders import add
from zope.interface import alsoProvides
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest


@pytest.fixture
def network(portal):
    """The integration site with one published municipality (Hayingen), the
    test user a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IZumoPolicyLayer)
    add(portal, "kommunen", "Municipality", "hayingen", title="Hayingen",
        region="tuebingen", district="Landkreis Reutlingen", population=2224,
        to_state="published")  # fmt: skip
    return portal
