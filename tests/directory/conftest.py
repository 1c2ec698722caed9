"""A small directory of municipalities, one of them with a team space."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.builders import add
from zope.interface import alsoProvides
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest


#: id -> fields of the municipalities (all published but ``geheimstadt``).
MUNICIPALITIES = {
    "tuttlingen": dict(title="Tuttlingen", kind="stadt", region="freiburg",
                       district="Landkreis Tuttlingen", population=36000,
                       programmes=["zumo"], network_status=["zumo_pilot"]),
    "trossingen": dict(title="Trossingen", kind="stadt", region="freiburg",
                       district="Landkreis Tuttlingen", population=16000),
    "tuningen": dict(title="Tuningen", kind="gemeinde", region="freiburg",
                     district="Schwarzwald-Baar-Kreis", population=3000,
                     programmes=["zumo"], demo=True),
    "hayingen": dict(title="Hayingen", kind="stadt", region="tuebingen",
                     district="Landkreis Reutlingen", population=2224,
                     programmes=["zwk"], network_status=["mentee"]),
    "baden-baden": dict(title="Baden-Baden", kind="stadtkreis",
                        region="karlsruhe", district="Stadtkreis Baden-Baden",
                        population=55000),
    "ehingen": dict(title="Ehingen (Donau)", kind="stadt", region="tuebingen",
                    district="Alb-Donau-Kreis", population=26000),
}  # fmt: skip


def build_directory(portal):
    """The municipalities, a private one and a team document; return ``portal``."""
    for oid, values in MUNICIPALITIES.items():
        add(portal, "kommunen", "Municipality", oid, to_state="published", **values)
    add(portal, "kommunen", "Municipality", "geheimstadt", title="Tuttgeheim",
        kind="stadt", region="freiburg", district="Landkreis Tuttlingen",
        population=1000, programmes=["zumo"])  # fmt: skip
    add(portal["kommunen"], "tuttlingen", "Document", "protokoll",
        title="Tuttlinger Teamprotokoll")  # fmt: skip
    return portal


@pytest.fixture
def directory(portal):
    """The directory in the integration site, the test user a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IZumoPolicyLayer)
    return build_directory(portal)
