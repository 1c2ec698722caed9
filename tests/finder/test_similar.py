"""“Similar municipalities did this”: ranked suggestions with their reasons."""

from datetime import date
from plone.app.testing import logout
from tests.fixtures.builders import add
from zope.i18n import translate
from zumo.content import facets
from zumo.content.relations import relation_to
from zumo.content.similar import distance_km
from zumo.content.similar import suggestions

import pytest


@pytest.fixture
def neighbours(network):
    """A third, small municipality near Hayingen with a published example on
    the same topic, and coordinates for Hayingen."""
    hayingen = network["kommunen"]["hayingen"]
    hayingen.latitude, hayingen.longitude = 48.2753, 9.4778
    hayingen.reindexObject()
    zwiefalten = add(network, "kommunen", "Municipality", "zwiefalten",
                     title="Zwiefalten", region="tuebingen", population=2100,
                     latitude=48.2321, longitude=9.4632, to_state="published")  # fmt: skip
    add(network, "praxisbeispiele", "PracticeExample", "laden-zwiefalten",
        title="Laden Zwiefalten", municipality=relation_to(zwiefalten),
        topics=["daseinsvorsorge"], start=date(2024, 1, 1),
        to_state="published")  # fmt: skip
    for oid in ("dorfladen", "buergerbus"):
        network["praxisbeispiele"][oid].reindexObject()
    return network


def reasons(item):
    return [translate(reason) for reason in item["reasons"]]


def test_distance():
    """Hayingen to Zwiefalten is about 5 km."""
    assert 4 < distance_km((48.2753, 9.4778), (48.2321, 9.4632)) < 6


def test_example_gets_other_municipalities_ranked(neighbours):
    """Same topic, size class and nearness first; never the own municipality."""
    logout()
    found = suggestions(neighbours["praxisbeispiele"]["dorfladen"])
    titles = [item["title"] for item in found]
    assert titles[0] == "Laden Zwiefalten"
    assert "Buergerbus" not in titles and "Dorfladen" not in titles
    assert "Geheimer Entwurf" not in titles
    topic = facets.by_index()["zumo_topics"].title_of("daseinsvorsorge")
    assert reasons(found[0]) == ["gleiche Größenklasse", "5 km entfernt",
                                 f"Themenfeld {topic}"]  # fmt: skip
    trend = facets.by_index()["zumo_trends"].title_of("demografie")
    assert "Treffpunkt" in titles
    treffpunkt = next(item for item in found if item["title"] == "Treffpunkt")
    assert reasons(treffpunkt) == [f"Zukunftstrend {trend}"]
    assert "Klimaplan" not in titles  # nothing in common


def test_municipality_gets_examples_of_similar_ones(neighbours):
    """A municipality is matched by its own examples' topics, size and place."""
    logout()
    found = suggestions(neighbours["kommunen"]["hayingen"])
    assert found[0]["title"] == "Laden Zwiefalten"
    assert all(item["municipality"] != "Hayingen" for item in found)
    assert len(found) <= 5


def test_shown_on_the_example_and_the_municipality(neighbours):
    """Both pages show the block with reasons in words."""
    from plone import api
    from zope.interface import alsoProvides
    from zumo.content.interfaces import IZumoContentLayer

    alsoProvides(neighbours.REQUEST, IZumoContentLayer)
    logout()
    for obj, view in (
        (neighbours["praxisbeispiele"]["dorfladen"], "practice-example-view"),
        (neighbours["kommunen"]["hayingen"], "municipality-view"),
    ):
        page = api.content.get_view(view, obj, neighbours.REQUEST)()
        assert "Ähnliche Kommunen haben das gemacht" in page
        assert "gleiche Größenklasse, 5 km entfernt" in page


@pytest.mark.parametrize("when", ["expired", "not yet effective"])
def test_nothing_expired_or_not_yet_effective_for_anybody(neighbours, when):
    """The catalog hides such examples from anonymous visitors; the
    suggestions hide them from everybody, editors included."""
    from DateTime import DateTime
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    laden = neighbours["praxisbeispiele"]["laden-zwiefalten"]
    if when == "expired":
        laden.expiration_date = DateTime() - 1
    else:
        laden.effective_date = DateTime() + 1
    laden.reindexObject()
    dorfladen = neighbours["praxisbeispiele"]["dorfladen"]
    hayingen = neighbours["kommunen"]["hayingen"]
    setRoles(neighbours, TEST_USER_ID, ["Manager"])
    for context in (dorfladen, hayingen):
        titles = [item["title"] for item in suggestions(context)]
        assert "Laden Zwiefalten" not in titles, (when, context)
    logout()
    for context in (dorfladen, hayingen):
        titles = [item["title"] for item in suggestions(context)]
        assert "Laden Zwiefalten" not in titles, (when, context)
