"""The contract indexes filter the catalog as listings and @search need."""

from plone import api

import pytest


INDEXES = {
    "zumo_topics": "KeywordIndex",
    "zumo_trends": "KeywordIndex",
    "zumo_target_groups": "KeywordIndex",
    "zumo_programmes": "KeywordIndex",
    "zumo_region": "FieldIndex",
    "zumo_district": "FieldIndex",
    "zumo_size_class": "FieldIndex",
    "zumo_ags": "FieldIndex",
}


@pytest.mark.parametrize("name,meta_type", INDEXES.items())
def test_index_exists(portal, name, meta_type):
    """The contract index is in the catalog with the right kind."""
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog.Indexes[name].meta_type == meta_type


def _found(**query):
    return {brain.getId for brain in api.content.find(**query)}


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"zumo_topics": "daseinsvorsorge"}, {"dorfladen"}),
        ({"zumo_topics": "klimawandel"}, set()),
        ({"zumo_trends": "demografie"}, {"dorfladen"}),
        ({"zumo_target_groups": "aeltere"}, {"dorfladen"}),
        ({"zumo_programmes": "zwk"}, {"dorfladen"}),
        ({"zumo_programmes": "zumo"}, {"gomadingen"}),
        ({"zumo_region": "tuebingen"}, {"dorfladen", "gomadingen"}),
        ({"zumo_region": "stuttgart"}, set()),
        ({"zumo_district": "Landkreis Reutlingen"}, {"dorfladen", "gomadingen"}),
        ({"zumo_size_class": "2000_5000"}, {"dorfladen", "gomadingen"}),
        ({"zumo_koquma_modules": "m3_beteiligungsstrukturen"}, {"dorfladen"}),
        ({"zumo_project_status": "laufend"}, {"dorfladen"}),
        ({"zumo_ags": "08415029"}, {"gomadingen"}),
    ],
)
def test_filters(example, query, expected):
    """Each index finds exactly the matching example and municipality."""
    query["portal_type"] = ["PracticeExample", "Municipality"]
    assert _found(**query) == expected


def test_example_takes_location_from_municipality(example):
    """Without own coordinates the example sits where its municipality is."""
    brain = api.content.find(UID=example.UID())[0]
    assert brain.zumo_latitude == pytest.approx(48.3998)
    assert brain.zumo_municipality_title == "Gomadingen"


def test_own_location_wins(example):
    """An example with own coordinates keeps them."""
    example.latitude, example.longitude = 48.5, 9.1
    example.reindexObject()
    brain = api.content.find(UID=example.UID())[0]
    assert brain.zumo_latitude == pytest.approx(48.5)


def test_meeting_region(manager, municipality):
    """A meeting is found by its regional cluster."""
    api.content.create(
        container=manager["werkstatttreffen"],
        type="WorkshopMeeting",
        id="treffen",
        title="Treffen",
        region="freiburg",
    )
    assert _found(portal_type="WorkshopMeeting", zumo_region="freiburg") == {"treffen"}


def test_reindex_after_change(example):
    """Changing the topics changes what the index finds."""
    example.topics = ["klimawandel"]
    example.reindexObject()
    assert _found(zumo_topics="klimawandel") == {"dorfladen"}
    assert _found(zumo_topics="daseinsvorsorge") == set()
