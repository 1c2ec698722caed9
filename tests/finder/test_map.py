"""The map of practice examples and municipalities (``/praxisbeispiele/karte``)."""

from pathlib import Path
from plone import api
from tests.fixtures.builders import add
from zumo.content import facets
from zumo.policy.browser import map as zumo_map
from zumo.policy.interfaces import IMapSettings

import csv
import json
import pytest
import re
import transaction


PUBLISHED = {"Dorfladen", "Buergerbus", "Treffpunkt", "Klimaplan"}
STATIC = Path(zumo_map.__file__).parent / "static"
MASTER_DATA = Path(facets.__file__).parent / "data" / "municipalities_bw.csv"
#: Hayingen and Tuttlingen (WGS 84, rounded).
PLACES = {"hayingen": (48.275, 9.478), "tuttlingen": (47.985, 8.818)}


def locate(portal):
    """Give the network's municipalities a place, one a programme, add a
    private municipality; reindex what depends on them."""
    communes = portal["kommunen"]
    for oid, (latitude, longitude) in PLACES.items():
        communes[oid].latitude, communes[oid].longitude = latitude, longitude
    communes["tuttlingen"].programmes = ["zwk"]
    for oid in PLACES:
        communes[oid].reindexObject()
    add(portal, "kommunen", "Municipality", "verborgen", title="Verborgen",
        region="tuebingen", latitude=48.0, longitude=9.0)  # fmt: skip
    for example in portal["praxisbeispiele"].objectValues():
        example.reindexObject()
    return portal


@pytest.fixture
def mapped(served):
    """The finder's network, located, committed and served."""
    locate(served)
    transaction.commit()
    return served


def data(request_factory, query, user=None):
    """The ``karte.geojson`` answer for ``query`` (as JSON)."""
    session = request_factory(api=False)
    if user:
        session.auth = user
    response = session.get(f"/praxisbeispiele/karte.geojson?{query}")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"].startswith("application/geo+json")
    return response


def titles(answer):
    return {feature["properties"]["title"] for feature in answer.json()["features"]}


def test_layers_carry_only_what_is_published(mapped, request_factory):
    """Anonymous visitors get the published examples and municipalities,
    never the draft or the private municipality."""
    examples = data(request_factory, "layer=examples")
    assert titles(examples) == PUBLISHED
    for feature in examples.json()["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert (round(latitude, 3), round(longitude, 3)) in PLACES.values()
        assert feature["properties"]["place"] in {"Hayingen", "Tuttlingen"}
    assert titles(data(request_factory, "layer=municipalities")) == {
        "Hayingen",
        "Tuttlingen",
    }


def test_site_managers_see_what_they_may_open(mapped, request_factory):
    """The map follows the visitor's permissions, as the finder does."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    owner = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert "Geheimer Entwurf" in titles(data(request_factory, "layer=examples", owner))
    assert "Verborgen" in titles(data(request_factory, "layer=municipalities", owner))


def test_facets_filter_both_layers_where_they_describe_municipalities(
    mapped, request_factory
):
    """Region and programme filter both layers; a topic only the examples."""
    region = "zumo_region=tuebingen"
    assert titles(data(request_factory, f"layer=examples&{region}")) == {
        "Dorfladen",
        "Buergerbus",
    }
    assert titles(data(request_factory, f"layer=municipalities&{region}")) == {
        "Hayingen"
    }
    topic = "zumo_topics=klimawandel"
    assert titles(data(request_factory, f"layer=examples&{topic}")) == {"Klimaplan"}
    assert len(titles(data(request_factory, f"layer=municipalities&{topic}"))) == 2
    programme = "layer=municipalities&zumo_programmes=zwk"
    assert titles(data(request_factory, programme)) == {"Tuttlingen"}


def test_pages_are_bounded(mapped, request_factory):
    """One page of at most 1,000 features; the next page in ``next`` and
    ``Link``; bad paging values fall back to the first page."""
    first = data(request_factory, "layer=examples&b_size=3")
    answer = first.json()
    assert answer["items_total"] == 4 and len(answer["features"]) == 3
    assert 'rel="next"' in first.headers["Link"]
    rest = request_factory(api=False).get(answer["next"]).json()
    assert rest["next"] is None and len(rest["features"]) == 1
    everything = data(request_factory, "layer=nonsense&b_size=99999")
    bad = request_factory(api=False).get("/praxisbeispiele/karte.geojson?b_start=x")
    assert bad.status_code == 400
    assert everything.json()["layer"] == "examples"
    assert len(everything.json()["features"]) == 4
    assert zumo_map.MAX_PAGE == 1000


def test_map_page_lists_both_layers(mapped, request_factory):
    """The page: the finder's facets, the map's configuration and two lists
    with the same content; municipalities paged by ``m_start``."""
    session = request_factory(api=False)
    page = session.get("/praxisbeispiele/karte?zumo_region=tuebingen")
    assert page.status_code == 200
    html = page.text
    assert 'name="zumo_topics"' in html
    assert "Praxisbeispiele auf der Karte:" in html and "Dorfladen" in html
    assert "Klimaplan" not in html and "Geheimer Entwurf" not in html
    assert "Kommunen auf der Karte:" in html and "Hayingen" in html
    assert "Verborgen" not in html
    start = html.index("data-zumo-map=")
    raw = html[start:].split('"', 2)[1]
    config = json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))
    assert [layer["id"] for layer in config["layers"]] == [
        "examples",
        "municipalities",
    ]
    assert all("zumo_region=tuebingen" in layer["url"] for layer in config["layers"])
    assert config["labels"]["zoomIn"] == "Vergrößern"
    assert "Demo-Inhalt" in html  # the Dorfladen is marked as demo content


def test_finder_and_map_link_each_other(network):
    """Each keeps the search when it links to the other."""
    request = network.REQUEST
    request.form.update({"zumo_topics": "daseinsvorsorge"})
    finder = api.content.get_view(
        "practice-example-finder", network["praxisbeispiele"], request
    )
    finder.catalog = api.portal.get_tool("portal_catalog")
    assert finder.map_url().endswith(
        "/praxisbeispiele/karte?zumo_topics=daseinsvorsorge"
    )
    karte = api.content.get_view("karte", network["praxisbeispiele"], request)
    karte.catalog = finder.catalog
    assert karte.list_url().endswith("/praxisbeispiele?zumo_topics=daseinsvorsorge")
    assert karte.base_url().endswith("/praxisbeispiele/karte")


def test_programme_page_shows_its_municipalities_on_the_map(mapped, request_factory):
    """/programm/zwk carries a map of the programme's municipalities and
    examples, and a link to the big map with the programme set."""
    html = request_factory(api=False).get("/programm/zwk").text
    assert "data-zumo-map=" in html
    assert "karte.geojson?layer=municipalities&amp;zumo_programmes=zwk" in html
    assert "/praxisbeispiele/karte?zumo_programmes=zwk" in html


def test_municipality_facets_are_indexes_municipalities_carry(network):
    """A facet marked for municipalities finds them by its index."""
    from Products.CMFCore.indexing import processQueue

    locate(network)
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    marked = [facet for facet in facets.facets() if facet.municipalities]
    assert {facet.index for facet in marked} == {
        "zumo_programmes",
        "zumo_region",
        "zumo_district",
        "zumo_size_class",
    }
    for facet in marked:
        found = catalog.unrestrictedSearchResults(
            portal_type="Municipality",
            **{facet.index: list(catalog.Indexes[facet.index].uniqueValues())},
        )
        assert len(found), facet.index


def test_tiles_come_from_the_registry(portal):
    """The default background is the BKG's TopPlusOpen; the address is a
    registry record, and the upgrade keeps a value already set."""
    from zumo.policy.upgrades import v1005

    settings = zumo_map.tile_settings()
    assert settings["url"].startswith(
        "https://sgx.geodatenzentrum.de/wmts_topplus_open/"
    )
    assert "{z}" in settings["url"] and "BKG" in settings["attribution"]
    api.portal.set_registry_record(
        "zumo.map.tile_url", "http://tiles.example.org/{z}/{x}/{y}.png"
    )
    v1005.upgrade(portal.portal_setup)
    assert zumo_map.tile_settings()["url"] == "http://tiles.example.org/{z}/{x}/{y}.png"
    assert IMapSettings["tile_url"].required is False


def test_entries_follow_their_municipality(network):
    """When a municipality changes, its examples' Landkreis, size class and
    place in the catalog (finder, map, exports) change with it."""
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    locate(network)
    hayingen = network["kommunen"]["hayingen"]
    hayingen.district = "Landkreis Biberach"
    hayingen.latitude = 48.1
    notify(ObjectModifiedEvent(hayingen))
    catalog = api.portal.get_tool("portal_catalog")
    moved = catalog(portal_type="PracticeExample", zumo_district="Landkreis Biberach")
    assert {brain.getId for brain in moved} == {"dorfladen", "buergerbus", "geheim"}
    assert {brain.zumo_latitude for brain in moved} == {48.1}


def polygons(geometry):
    """The polygons (rings of points) of a GeoJSON (multi)polygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def outlines():
    """The shipped outlines file, parsed."""
    return json.loads((STATIC / zumo_map.OUTLINES).read_text(encoding="utf-8"))


def test_outlines_are_the_land_and_its_44_kreise():
    """The outlines: the Land, then its 35 Landkreise and 9 Stadtkreise,
    named as the master data names them, simplified to a small file with
    coordinates of five decimals inside the Land's box; source and
    attribution are in the file."""
    data = outlines()
    assert data["type"] == "FeatureCollection"
    assert "© GeoBasis-DE / BKG" in data["attribution"]
    assert "VG250" in data["source"]
    land, *kreise = data["features"]
    assert land["properties"] == {
        "kind": "land",
        "ags": "08",
        "name": "Baden-Württemberg",
    }
    assert [kreis["properties"]["kind"] for kreis in kreise].count("landkreis") == 35
    assert [kreis["properties"]["kind"] for kreis in kreise].count("stadtkreis") == 9
    with MASTER_DATA.open(encoding="utf-8") as rows:
        districts = {row["district"] for row in csv.DictReader(rows)}
    assert {kreis["properties"]["name"] for kreis in kreise} == districts
    assert len(districts) == 44
    for entry in data["features"]:
        assert entry["type"] == "Feature"
        assert entry["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    for kreis in kreise:
        longitude, latitude = kreis["properties"]["label"]
        assert 7.5 < longitude < 10.5 and 47.5 < latitude < 49.8
    raw = (STATIC / zumo_map.OUTLINES).read_text(encoding="utf-8")
    assert len(raw.encode()) < 400_000
    assert not re.search(r"\d\.\d{6}", raw)
    points = [
        point
        for entry in data["features"]
        for polygon in polygons(entry["geometry"])
        for ring in polygon
        for point in ring
    ]
    assert 10_000 < len(points) < 40_000
    assert all(7.4 < x < 10.6 and 47.5 < y < 49.8 for x, y in points)


def test_map_files_are_served(served, request_factory):
    """The map's libraries and the outlines answer under ``++plone++zumo``;
    the outlines' address is in every map's configuration."""
    session = request_factory(api=False)
    for name in ("vendor/leaflet.js", "vendor/leaflet.markercluster.js"):
        assert session.get(f"/++plone++zumo/{name}").status_code == 200, name
    answer = session.get(f"/++plone++zumo/{zumo_map.OUTLINES}")
    assert answer.status_code == 200
    assert len(answer.json()["features"]) == 45
    view = api.content.get_view("karte", served["praxisbeispiele"], served.REQUEST)
    config = json.loads(view.map_config([]))
    assert config["outlines"].endswith(f"/++plone++zumo/{zumo_map.OUTLINES}")
