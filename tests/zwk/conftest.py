"""Fixtures of the ZWK tests: a mentoring group with a mentor and two
mentee municipalities in the test site."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.builders import add
from zope.interface import alsoProvides
from zumo.content.interfaces import IZumoContentLayer
from zumo.content.relations import relation_to
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest


@pytest.fixture
def manager(portal):
    """Run the test as a site manager, the request marked with the browser
    layers, as on the real site."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IZumoContentLayer, IZumoPolicyLayer)
    return portal


@pytest.fixture
def members(manager):
    """``{name: municipality}``: one mentor and two mentees of ZWK."""
    found = {}
    for name, status in (("Münsingen", "mentor"), ("Hayingen", "mentee"),
                         ("Blumberg", "mentee")):  # fmt: skip
        found[name] = add(manager, "kommunen", "Municipality",
                          name.lower().replace("ü", "ue"), title=name,
                          region="tuebingen", programmes=["zwk"],
                          network_status=[status], to_state="published")  # fmt: skip
    return found


@pytest.fixture
def group(manager, members):
    """A mentoring group of the three."""
    return api.content.create(
        container=manager["mentoring"], type="MentoringGroup", title="Gruppe Alb",
        mentors=[relation_to(members["Münsingen"])],
        mentees=[relation_to(members["Hayingen"]), relation_to(members["Blumberg"])],
    )  # fmt: skip
