"""The directory's own map ``/kommunen/karte`` and its points."""

from plone import api
from plone.app.testing import logout
from tests.directory.test_directory import directory_view

import json


def points(portal, **form):
    view = directory_view(portal, "karte.geojson", **form)
    return json.loads(view())


def test_the_map_shows_the_directorys_municipalities(directory):
    """One layer, the municipalities, filtered as the directory; the table
    beside it lists the same."""
    for oid in ("tuttlingen", "trossingen"):
        obj = directory["kommunen"][oid]
        obj.latitude, obj.longitude = 47.98, 8.82
        obj.reindexObject()
    logout()
    view = directory_view(directory, "karte", zumo_district="Landkreis Tuttlingen")
    config = json.loads(view.config())
    (layer,) = config["layers"]
    assert layer["id"] == "municipalities"
    assert "/kommunen/karte.geojson?" in layer["url"]
    assert "zumo_district=Landkreis+Tuttlingen" in layer["url"]
    page = view()
    assert "Karte der Kommunen" in page
    assert "2 Kommunen gefunden" in page
    assert ">Trossingen</a>" in page and ">Hayingen</a>" not in page
    data = points(directory, zumo_district="Landkreis Tuttlingen",
                  layer="examples")  # fmt: skip
    assert data["layer"] == "municipalities"
    assert sorted(f["properties"]["title"] for f in data["features"]) == [
        "Trossingen", "Tuttlingen",
    ]  # fmt: skip


def test_one_municipality_centres_the_map(directory):
    """``kommune=<id>``: its point alone, so the map fits to it."""
    obj = directory["kommunen"]["tuttlingen"]
    obj.latitude, obj.longitude = 47.98, 8.82
    obj.reindexObject()
    logout()
    data = points(directory, kommune="tuttlingen")
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"] == [8.82, 47.98]
    page = directory_view(directory, "karte", kommune="tuttlingen")()
    assert "Kommune: Tuttlingen" in page


def test_points_are_paged_and_private_ones_hidden(directory):
    """At most the export's page size; the private profile is not a point."""
    for obj in directory["kommunen"].objectValues():
        obj.latitude, obj.longitude = 48.0, 9.0
        obj.reindexObject()
    logout()
    data = points(directory, b_size=str(10**9))
    titles = [f["properties"]["title"] for f in data["features"]]
    assert "Tuttgeheim" not in titles and len(titles) == 6
    assert points(directory, b_start=str(10**12))["features"] == []
    assert len(points(directory, b_size="2")["features"]) == 2
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog(portal_type="Document", Title="Teamprotokoll")
