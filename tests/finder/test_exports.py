"""Open data of the published practice examples: CSV, JSON, GeoJSON, DCAT, RSS."""

from datetime import datetime
from datetime import timedelta
from zumo.policy.browser import exports

import csv
import io
import json
import pytest


PUBLISHED = {"Dorfladen", "Buergerbus", "Treffpunkt", "Klimaplan"}


def get(request_factory, path, user=None):
    session = request_factory(api=False)
    if user:
        session.auth = user
    response = session.get(path)
    assert response.status_code == 200, response.text[:300]
    return response


def test_csv(served, request_factory):
    """A CSV row per published example, no contact data, demo marked."""
    response = get(request_factory, "/praxisbeispiele/export.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["title"] for row in rows} == PUBLISHED
    assert list(rows[0]) == list(exports.COLUMNS)
    dorfladen = next(row for row in rows if row["title"] == "Dorfladen")
    assert dorfladen["municipality"] == "Hayingen"
    assert dorfladen["topics"] == "daseinsvorsorge"
    assert dorfladen["demo"] == "True"
    assert "erika" not in response.text.lower()


def test_json_pages(served, request_factory):
    """JSON pages: two of four, with the next page in ``next`` and ``Link``."""
    first = get(request_factory, "/praxisbeispiele/export.json?b_size=2")
    data = first.json()
    assert data["items_total"] == 4 and len(data["items"]) == 2
    assert 'rel="next"' in first.headers["Link"]
    assert data["titles"]["topics"]["daseinsvorsorge"] == "Daseinsvorsorge"
    rest = request_factory(api=False).get(data["next"]).json()
    assert rest["next"] is None
    titles = {item["title"] for item in data["items"] + rest["items"]}
    assert titles == PUBLISHED
    capped = get(request_factory, "/praxisbeispiele/export.json?b_size=99999")
    assert len(capped.json()["items"]) == 4
    bad = request_factory(api=False).get("/praxisbeispiele/export.json?b_start=x")
    assert bad.status_code == 400
    assert "Ungültige Angabe für b_start" in bad.json()["message"]


def test_geojson(served, request_factory):
    """Points with longitude first, for examples with a location."""
    data = get(request_factory, "/praxisbeispiele/export.geojson").json()
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert feature["properties"]["longitude"] == longitude
        assert feature["properties"]["title"] in PUBLISHED


def test_dcat(served, request_factory):
    """A DCAT-AP.de catalogue: the dataset "Praxisbeispiele" and one
    dataset per published example."""
    data = json.loads(get(request_factory, "/praxisbeispiele/dcat.jsonld").text)
    assert data["@type"] == "dcat:Catalog"
    datasets = data["dcat:dataset"]
    titles = {d["dct:title"]["@value"] for d in datasets}
    assert titles == PUBLISHED | {"Praxisbeispiele"}
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        for distribution in dataset["dcat:distribution"]:
            assert distribution["dct:license"]["@id"] == exports.LICENCE
        assert dataset["dct:publisher"]["foaf:name"]


def dated(value):
    """``value`` is ISO 8601 with the Berlin offset, not the Unix epoch."""
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() in (timedelta(hours=1), timedelta(hours=2)), value
    assert moment.year > 2000, value
    return moment


def test_every_record_has_its_publication_date(served, request_factory):
    """``published`` is each example's effective date with the Berlin
    offset, never 1969 or 1970, in CSV, JSON and GeoJSON alike."""
    rows = list(csv.DictReader(io.StringIO(
        get(request_factory, "/praxisbeispiele/export.csv").text)))  # fmt: skip
    items = get(request_factory, "/praxisbeispiele/export.json").json()["items"]
    for row in rows + items:
        dated(row["published"])
        dated(row["modified"])
    # The date columns only: a record's UID may hold "1969" by chance.
    dates = [
        str(row.get(key) or "")
        for row in rows + items
        for key in ("published", "modified", "start", "end")
    ]
    assert not [value for value in dates if value[:4] in ("1969", "1970")]


FILTERS = [
    ("zumo_topics=daseinsvorsorge", {"Dorfladen", "Buergerbus"}),
    ("zumo_topics=daseinsvorsorge&zumo_trends=demografie", {"Dorfladen"}),
    ("zumo_topics=klimawandel&zumo_topics=quartiersentwicklung",
     {"Klimaplan", "Treffpunkt"}),
    ("zumo_topics=gibt-es-nicht", PUBLISHED),  # unknown values: as the finder
]  # fmt: skip


@pytest.mark.parametrize("query, expected", FILTERS)
@pytest.mark.parametrize("path", ["export.csv", "export.json", "export.geojson"])
def test_exports_honour_the_finders_filters(served, request_factory, path, query,
                                            expected):  # fmt: skip
    """The finder's parameters filter the exports exactly as the finder."""
    answer = get(request_factory, f"/praxisbeispiele/{path}?{query}")
    if path.endswith("csv"):
        found = {row["title"] for row in csv.DictReader(io.StringIO(answer.text))}
    elif path.endswith("geojson"):  # only examples with a place are features
        features = answer.json()["features"]
        found = {f["properties"]["title"] for f in features} | expected
    else:
        found = {item["title"] for item in answer.json()["items"]}
    assert found == expected
    assert answer.headers["X-Total-Count"] == str(len(expected))


def test_the_next_page_keeps_the_filters(served, request_factory):
    """The address of the next page carries the search and the sort."""
    first = get(request_factory,
                "/praxisbeispiele/export.json?zumo_topics=daseinsvorsorge"
                "&sort=title&b_size=1").json()  # fmt: skip
    assert [item["title"] for item in first["items"]] == ["Buergerbus"]
    assert "zumo_topics=daseinsvorsorge" in first["next"]
    rest = request_factory(api=False).get(first["next"]).json()
    assert [item["title"] for item in rest["items"]] == ["Dorfladen"]
    assert rest["next"] is None


@pytest.mark.parametrize(
    "path", ["export.csv", "export.json", "export.geojson", "dcat.jsonld", "rss.xml"]
)
def test_nothing_unpublished_for_anyone(served, request_factory, path):
    """Not even the site manager's export holds the draft."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    for user in (None, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
        text = (
            request_factory(api=False, basic_auth=user)
            .get(f"/praxisbeispiele/{path}")
            .text
        )
        if path != "rss.xml" or user is None:
            assert "Geheimer Entwurf" not in text, (path, user)


def test_open_data_page(served, request_factory):
    """The page explains formats, encodings, fields, dates, the finder's
    filters, the feed, DCAT, paging and licence."""
    page = get(request_factory, "/praxisbeispiele/@@open-data").text
    for text in (
        "export.csv",
        "dcat.jsonld",
        "CC BY 4.0",
        "b_start",
        "demo",
        "UTF-8",
        "RFC 4180",
        "application/rss+xml",
        "pubDate",
        "SearchableText",
        "zumo_topics=daseinsvorsorge",
        "Europe/Berlin",
        "published",
        "DCAT-AP.de 2.0",
        "Praxisbeispiele“ mit CSV",
    ):
        assert text in page, text  # fmt: skip


def test_csv_cells_never_run_as_formulas():
    """A text a spreadsheet program would run is plain text; numbers stay."""
    record = dict.fromkeys(exports.COLUMNS, "")
    record.update(title="=HYPERLINK(1)", topics=["-x", "y"], latitude=-1.5)
    text = exports.CsvExport(None, None).render_records([record], 1, None)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'=HYPERLINK(1)"
    assert row["topics"] == "'-x; y"
    assert row["latitude"] == "-1.5"
