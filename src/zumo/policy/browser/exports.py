"""Open data: the published practice examples as CSV, JSON, GeoJSON and DCAT.

Views on ``/praxisbeispiele`` (DESIGN section 8): ``export.csv``,
``export.json``, ``export.geojson`` and the DCAT-AP.de catalogue
``dcat.jsonld``, described on ``@@open-data``. Only published examples
whose publication date has come are exported, whoever asks, and only what
their public page shows: never contact data, which is personal.
Every record says whether the example was invented for the demonstration
(``demo``). All values come from catalog metadata. Each answer is one page
of at most ``MAX_PAGE`` records (``?b_start=0&b_size=500``); the address of
the next page is in the ``Link`` header (``rel="next"``) and, in JSON, in
``next``.
"""

from DateTime import DateTime
from datetime import date
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zumo.content import facets
from zumo.content import vocabularies
from zumo.content.browser.batching import batch_window
from zumo.content.dates import site_time
from zumo.policy.tabular import csv_text

import json


DEFAULT_PAGE = 500
MAX_PAGE = 1000
#: Licence of the exported texts and data (DCAT-AP.de licence vocabulary).
#: Chosen by this project; the seeds name none.
LICENCE = "http://dcat-ap.de/def/licenses/cc-by/4.0"
LICENCE_TITLE = "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)"
#: Columns of the CSV file, in this order; lists are joined with "; ".
COLUMNS = (
    "url", "uid", "title", "description", "municipality", "region", "district",
    "size_class", "topics", "trends", "fields_of_action", "target_groups",
    "programmes", "project_status", "start", "end", "latitude", "longitude",
    "published", "modified", "demo",
)  # fmt: skip
#: Which metadata column holds the tokens of each list field.
LIST_COLUMNS = {
    "topics": "zumo_topics",
    "trends": "zumo_trends",
    "fields_of_action": "zumo_fields_of_action",
    "target_groups": "zumo_target_groups",
    "programmes": "zumo_programmes",
}


def _iso(value):
    """ISO 8601: a day as it is, a time in the site's zone with its offset
    (``2026-12-07T00:22:19+01:00``), as the site's pages show it."""
    if value is None:
        return None
    if type(value) is date:
        return value.isoformat()
    return site_time(value).isoformat(timespec="seconds")


def record(brain):
    """The open-data record of one practice example (a dict, JSON-ready)."""
    values = {
        "url": brain.getURL(),
        "uid": brain.UID,
        "title": brain.Title,
        "description": brain.Description or "",
        "municipality": facets.metadata(brain, "zumo_municipality_title"),
        "region": facets.metadata(brain, "zumo_region"),
        "district": facets.metadata(brain, "zumo_district"),
        "size_class": facets.metadata(brain, "zumo_size_class"),
        "project_status": facets.metadata(brain, "zumo_project_status"),
        "start": _iso(facets.metadata(brain, "start")),
        "end": _iso(facets.metadata(brain, "end")),
        "latitude": facets.metadata(brain, "zumo_latitude"),
        "longitude": facets.metadata(brain, "zumo_longitude"),
        "published": _iso(facets.metadata(brain, "effective")),
        "modified": _iso(facets.metadata(brain, "modified")),
        "demo": bool(facets.metadata(brain, "zumo_demo")),
    }
    for field, column in LIST_COLUMNS.items():
        values[field] = list(facets.metadata(brain, column) or ())
    return values


def titles():
    """``{field: {token: German title}}`` for the coded fields of a record."""
    by_field = {facet.field: facet for facet in facets.facets() if facet.field}
    coded = {
        "region": "regions",
        "size_class": "size_classes",
        **{field: by_field[field].vocabulary for field in LIST_COLUMNS},
        "project_status": "project_status",
    }
    return {field: dict(vocabularies.terms(name)) for field, name in coded.items()}


class Export(BrowserView):
    """Base of the exports: the page of published examples asked for."""

    content_type = "application/json"
    filename = None

    def page(self):
        """``(brains of this page, total, b_start, b_size)``."""
        start, size = batch_window(self.request.form, DEFAULT_PAGE, MAX_PAGE)
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.searchResults(
            portal_type="PracticeExample",
            review_state="published",
            effective={"query": DateTime(), "range": "max"},
            path="/".join(self.context.getPhysicalPath()),
            # newest first; the id breaks ties, so pages never overlap
            sort_on=("effective", "getId"),
            sort_order=("descending", "ascending"),
        )
        total = brains.actual_result_count
        return brains[start : start + size], total, start, size

    def next_url(self, total, start, size):
        """The address of the next page, or ``None`` on the last."""
        if start + size >= total:
            return None
        query = urlencode({"b_start": start + size, "b_size": size})
        return f"{self.context.absolute_url()}/{self.__name__}?{query}"

    def __call__(self):
        brains, total, start, size = self.page()
        following = self.next_url(total, start, size)
        response = self.request.response
        response.setHeader("Content-Type", f"{self.content_type}; charset=utf-8")
        response.setHeader("Access-Control-Allow-Origin", "*")
        response.setHeader("X-Total-Count", str(total))
        if following:
            response.setHeader("Link", f'<{following}>; rel="next"')
        if self.filename:
            response.setHeader(
                "Content-Disposition", f'attachment; filename="{self.filename}"'
            )
        return self.render([record(brain) for brain in brains], total, following)

    def render(self, records, total, following):
        """The body of the answer."""
        raise NotImplementedError


class CsvExport(Export):
    """``export.csv``: one row per example, lists joined with ``; ``."""

    content_type = "text/csv"
    filename = "praxisbeispiele.csv"

    def render(self, records, total, following):
        """CSV with a header row (UTF-8, comma-separated)."""
        return csv_text(
            COLUMNS,
            (
                [
                    "; ".join(value) if isinstance(value, list) else value
                    for value in (row[column] for column in COLUMNS)
                ]
                for row in records
            ),
        )


class JsonExport(Export):
    """``export.json``: the records with the titles of their codes."""

    def render(self, records, total, following):
        """``{"items": [...], "items_total", "next", "titles"}``."""
        return json.dumps(
            {
                "@id": f"{self.context.absolute_url()}/export.json",
                "items_total": total,
                "next": following,
                "licence": LICENCE,
                "titles": titles(),
                "items": records,
            },
            ensure_ascii=False,
        )


class GeoJsonExport(Export):
    """``export.geojson``: examples with a location as point features."""

    content_type = "application/geo+json"

    def render(self, records, total, following):
        """A GeoJSON FeatureCollection (RFC 7946: longitude first)."""
        features = [
            {
                "type": "Feature",
                "id": row["uid"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["longitude"], row["latitude"]],
                },
                "properties": row,
            }
            for row in records
            if row["latitude"] is not None and row["longitude"] is not None
        ]
        return json.dumps(
            {
                "type": "FeatureCollection",
                "features": features,
                "items_total": total,
                "next": following,
            },
            ensure_ascii=False,
        )


class DcatExport(Export):
    """``dcat.jsonld``: a DCAT-AP.de catalogue, one dataset per example."""

    content_type = "application/ld+json"

    def render(self, records, total, following):
        """JSON-LD with a ``dcat:Catalog`` and its ``dcat:Dataset`` entries."""
        portal = api.portal.get()
        publisher = {
            "@type": "foaf:Organization",
            "foaf:name": portal.Title(),
            "foaf:homepage": {"@id": portal.absolute_url()},
        }
        base = self.context.absolute_url()
        datasets = [self.dataset(row, publisher) for row in records]
        catalogue = {
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "foaf": "http://xmlns.com/foaf/0.1/",
                "dcatde": "http://dcat-ap.de/def/dcatde/",
                "hydra": "http://www.w3.org/ns/hydra/core#",
            },
            "@id": f"{base}/dcat.jsonld",
            "@type": "dcat:Catalog",
            "dct:title": f"{portal.Title()}: Praxisbeispiele",
            "dct:description": self.context.Description(),
            "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
            "dct:publisher": publisher,
            "foaf:homepage": {"@id": base},
            "dcat:dataset": datasets,
            "hydra:totalItems": total,
        }  # fmt: skip
        if following:
            catalogue["hydra:next"] = {"@id": following}
        return json.dumps(catalogue, ensure_ascii=False)

    def dataset(self, row, publisher):
        """One ``dcat:Dataset``: the example, its page and its data."""
        dataset = {
            "@id": row["url"],
            "@type": "dcat:Dataset",
            "dct:identifier": row["uid"],
            "dct:title": row["title"],
            "dct:description": row["description"] or row["title"],
            "dct:publisher": publisher,
            "dct:license": {"@id": LICENCE},
            "dcatde:licenseAttributionByText": publisher["foaf:name"],
            "dcat:landingPage": {"@id": row["url"]},
            "dcat:keyword": row["topics"] + row["trends"],
            "dct:issued": row["published"],
            "dct:modified": row["modified"],
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dcat:accessURL": {"@id": row["url"]},
                    "dct:format": {"@id": "http://publications.europa.eu/resource/authority/file-type/HTML"},
                    "dct:license": {"@id": LICENCE},
                }
            ],
        }  # fmt: skip
        if row["municipality"]:
            dataset["dct:spatial"] = row["municipality"]
        return dataset


class OpenDataView(BrowserView):
    """``@@open-data``: what the exports hold, their licence and paging."""

    columns = COLUMNS
    licence = LICENCE
    licence_title = LICENCE_TITLE
    page_size = DEFAULT_PAGE
    max_page = MAX_PAGE
