"""A team space with an indicator and a Zielmatrix, in the integration site."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture
def municipality(portal):
    """Gomadingen with master data, as a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return api.content.create(
        container=portal["kommunen"],
        type="Municipality",
        id="gomadingen",
        title="Gomadingen",
        population=2196,
        population_year=2024,
    )


@pytest.fixture
def indicator(municipality):
    """An indicator in the team space."""
    return api.content.create(
        container=municipality,
        type="Indicator",
        id="mitglieder",
        title="Mitglieder der Dorfladen-Genossenschaft",
        unit="Personen",
    )


@pytest.fixture
def matrix(municipality):
    """A Zielmatrix in the team space."""
    return api.content.create(
        container=municipality, type="TargetMatrix", id="zielmatrix", title="Zielmatrix"
    )
