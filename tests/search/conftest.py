"""Practice examples to search: published ones for everybody and a private
one whose words nobody else may learn; the served sample of generated
examples of the search-quality set (``generated.py``)."""

from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from pytest_plone import fixtures_factory
from tests.fixtures.builders import add
from tests.search.generated import GENERATED_FUNCTIONAL_TESTING
from zope.interface import alsoProvides
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest
import transaction


globals().update(
    fixtures_factory(
        ((GENERATED_FUNCTIONAL_TESTING, "generated_functional"),), keep_session=False
    )
)

#: ``{id: (title, description, state)}``; the private one's words
#: ("Wasserstoffspeicher") are in no published example.
EXAMPLES = {
    "dorfladen": (
        "Dorfladen in Bürgerhand",
        "Eine Genossenschaft sichert den Dorfladen & die Nahversorgung.",
        "published",
    ),
    "klimapaten": (
        "Klimaschutzpaten im Quartier",
        "Ehrenamtliche beraten Nachbarn <script>alert(1)</script> zum Energiesparen.",
        "published",
    ),
    "speicher": (
        "Wasserstoffspeicher am Bauhof",
        "Ein Wasserstoffspeicher für die Fahrzeuge der Gemeinde.",
        None,
    ),
}


def build_examples(portal):
    """The examples of ``EXAMPLES`` in ``/praxisbeispiele``; return ``portal``."""
    for oid, (title, description, state) in EXAMPLES.items():
        add(portal, "praxisbeispiele", "PracticeExample", oid, title=title,
            description=description, topics=["daseinsvorsorge"],
            to_state=state)  # fmt: skip
    return portal


@pytest.fixture
def examples(portal):
    """The examples in the integration site, the request on ZUMO's layer."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IZumoPolicyLayer)
    return build_examples(portal)


@pytest.fixture
def served_examples(functional_portal):
    """The examples committed and served."""
    portal = build_examples(functional_portal)
    transaction.commit()
    return portal
