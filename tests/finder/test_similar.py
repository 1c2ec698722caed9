"""“Similar municipalities did this”: ranked suggestions with their reasons."""

from BTrees.IIBTree import IIBucket
from datetime import date
from plone.app.testing import logout
from tests.fixtures.builders import add
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
from zumo.content import facets
from zumo.content import similar
from zumo.content.relations import relation_to
from zumo.content.similar import CANDIDATES
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
    """Same topic, place and size first; never the own municipality."""
    logout()
    found = suggestions(neighbours["praxisbeispiele"]["dorfladen"])
    titles = [item["title"] for item in found]
    assert titles[0] == "Laden Zwiefalten"
    assert "Buergerbus" not in titles and "Dorfladen" not in titles
    assert "Geheimer Entwurf" not in titles
    topic = facets.by_index()["zumo_topics"].title_of("daseinsvorsorge")
    assert reasons(found[0]) == [f"gleiches Themenfeld: {topic}",
                                 "ebenfalls im Regierungsbezirk Tübingen",
                                 "5 km entfernt", "gleiche Größenklasse"]  # fmt: skip
    trend = facets.by_index()["zumo_trends"].title_of("demografie")
    assert "Treffpunkt" in titles
    treffpunkt = next(item for item in found if item["title"] == "Treffpunkt")
    assert reasons(treffpunkt) == [f"gleicher Zukunftstrend: {trend}"]
    assert "Klimaplan" not in titles  # nothing in common


@pytest.fixture
def alike_in_size_or_place(neighbours):
    """Two more published examples that share nothing in content with the
    Dorfladen: one in Zwiefalten (near, same size), one in a far
    municipality of the same size class."""
    far = add(neighbours, "kommunen", "Municipality", "wittighausen",
              title="Wittighausen", region="stuttgart",
              district="Main-Tauber-Kreis", population=2500,
              latitude=49.6167, longitude=9.8333, to_state="published")  # fmt: skip
    add(neighbours, "praxisbeispiele", "PracticeExample", "radweg-zwiefalten",
        title="Radweg Zwiefalten",
        municipality=relation_to(neighbours["kommunen"]["zwiefalten"]),
        topics=["klimawandel"], to_state="published")  # fmt: skip
    add(neighbours, "praxisbeispiele", "PracticeExample", "chor-wittighausen",
        title="Chor Wittighausen", municipality=relation_to(far),
        topics=["lebensqualitaet"], to_state="published")  # fmt: skip
    return neighbours


def test_content_ranks_before_place_and_size(alike_in_size_or_place):
    """An example alike in content ranks above a near one of the same size
    that shares no content; size alone never makes a suggestion."""
    logout()
    dorfladen = alike_in_size_or_place["praxisbeispiele"]["dorfladen"]
    found = suggestions(dorfladen)
    titles = [item["title"] for item in found]
    assert titles.index("Treffpunkt") < titles.index("Radweg Zwiefalten")
    radweg = found[titles.index("Radweg Zwiefalten")]
    assert reasons(radweg) == ["ebenfalls im Regierungsbezirk Tübingen",
                               "5 km entfernt", "gleiche Größenklasse"]  # fmt: skip
    assert "Chor Wittighausen" not in titles


def test_several_shared_values_are_named_together(neighbours):
    """Several shared values of one kind are one reason naming them all."""
    laden = neighbours["praxisbeispiele"]["laden-zwiefalten"]
    laden.topics = ["daseinsvorsorge", "lebensqualitaet"]
    laden.fields_of_action = ["mobilitaet"]
    laden.reindexObject()
    dorfladen = neighbours["praxisbeispiele"]["dorfladen"]
    dorfladen.topics = ["daseinsvorsorge", "lebensqualitaet"]
    dorfladen.fields_of_action = ["mobilitaet", "wohnen"]
    logout()
    found = suggestions(dorfladen)
    assert reasons(found[0])[:2] == [
        "gleiche Themenfelder: Daseinsvorsorge, Lebensqualität",
        "gleiches Handlungsfeld: Mobilität",
    ]


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
        assert "Tübingen; 5 km entfernt; gleiche Größenklasse" in page


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


def test_a_demo_suggestion_says_so(neighbours):
    """Where an invented example is suggested, also on the page of a real
    municipality, its title carries the demo mark."""
    from plone import api
    from zope.interface import alsoProvides
    from zumo.content.interfaces import IZumoContentLayer

    example = neighbours["praxisbeispiele"]["laden-zwiefalten"]
    example.demo = True
    example.reindexObject()
    (item,) = [
        item
        for item in suggestions(neighbours["praxisbeispiele"]["dorfladen"])
        if item["title"] == "Laden Zwiefalten"
    ]
    assert item["demo"] is True
    alsoProvides(neighbours.REQUEST, IZumoContentLayer)
    logout()
    try:
        page = api.content.get_view(
            "municipality-view", neighbours["kommunen"]["hayingen"], neighbours.REQUEST
        )()
    finally:
        # the views memoize on the request, which the next test shares
        IAnnotations(neighbours.REQUEST).clear()
    block = page.split('id="similar-heading"')[1].split("</section>")[0]
    entry = block.split("Laden Zwiefalten")[1].split("</li>")[0]
    assert "Demo-Inhalt" in entry


def test_candidates_keep_their_scores_when_many_share_points():
    """With more examples than candidates the threshold rises above one
    point; the candidates are still the best, with their own scores (the
    bucket's ``byValue`` divides the values by the threshold)."""
    scores = IIBucket({rid: points for rid, points in enumerate(range(1, 61))})
    best = similar._top(scores, 60)
    assert best == [(points, points - 1) for points in range(60, 60 - CANDIDATES, -1)]
