"""Open data: the published practice examples as CSV, JSON, GeoJSON and DCAT.

Views on ``/praxisbeispiele`` (DESIGN section 8): ``export.csv``,
``export.json``, ``export.geojson`` and the DCAT-AP.de catalogue
``dcat.jsonld``, described on ``@@open-data``. Only published examples
whose publication date has come are exported, whoever asks, and only what
their public page shows: never contact data, which is personal.
Every record says whether the example was invented for the demonstration
(``demo``). All values come from catalog metadata. The exports take the
finder's parameters (text, facets, ``sort``: ``FinderView.sorted_query``)
and give what the finder lists, so the finder's "Ergebnisse herunterladen"
links add its query string. Each answer is one page of at most
``MAX_PAGE`` records (``?b_start=0&b_size=500``); the address of the next
page is in the ``Link`` header (``rel="next"``) and, in JSON, in ``next``.

The DCAT-AP.de catalogue (version 2.0, with GovData's conventions) has one
dataset "Praxisbeispiele" whose distributions are the files above and the
feed, and one dataset per example of the page with its municipality's
political geocoding; ``tests/opendata`` checks it against the official
SHACL shapes.
"""

from DateTime import DateTime
from datetime import date
from plone import api
from Products.Five.browser import BrowserView
from zumo.content import facets
from zumo.content import recordsets
from zumo.content import vocabularies
from zumo.content.browser.batching import batch_window
from zumo.content.dates import site_time
from zumo.policy.browser.finder import FinderView
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
EU = "http://publications.europa.eu/resource/authority"
IANA = "https://www.iana.org/assignments/media-types"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding"
#: The files of the dataset "Praxisbeispiele": view, title, EU file type,
#: IANA media type. RSS has no registered media type: its file type names it.
FILES = (
    ("export.csv", "CSV", "CSV", "text/csv"),
    ("export.json", "JSON", "JSON", "application/json"),
    ("export.geojson", "GeoJSON", "GEOJSON", "application/geo+json"),
    ("rss.xml", "RSS-Feed", "RSS", None),
)
#: EU data themes: society (municipal development with citizens), public
#: sector (administrations' practice), regions and cities.
THEMES = ("SOCI", "GOVE", "REGI")
#: The DCAT-AP.de contributor id of the Land's open-data portal, through
#: which data of Baden-Württemberg reach GovData (the contributor list has
#: no entry for the Land itself).
CONTRIBUTOR = "http://dcat-ap.de/def/contributors/datenBW"
#: The Land: its key in the political geocoding (Länderschlüssel 08).
STATE_KEY = f"{GEOCODING}/stateKey/08"
STATE_NAME = "Baden-Württemberg"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "hydra": "http://www.w3.org/ns/hydra/core#",
}


def _iso(value):
    """ISO 8601: a day as it is, a time in the site's zone with its offset
    (``2026-12-07T00:22:19+01:00``), as the site's pages show it."""
    if value is None:
        return None
    if type(value) is date:
        return value.isoformat()
    return site_time(value).isoformat(timespec="seconds")


def _published(brain):
    """The example's effective date; ``None`` where it has none (the
    catalog then holds Plone's stand-in for "always", 1 January 1970)."""
    value = facets.metadata(brain, "effective")
    return None if value is None or value.year() <= 1970 else value


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
        "published": _iso(_published(brain)),
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


def published_query(query):
    """``query`` narrowed to what the open data give: published practice
    examples whose publication date has come."""
    return {
        **query,
        "portal_type": "PracticeExample",
        "review_state": "published",
        "effective": {"query": DateTime(), "range": "max"},
    }


class Export(FinderView):
    """Base of the exports: the page of published examples the finder's
    parameters ask for."""

    content_type = "application/json"
    filename = None

    def page(self):
        """``(brains of this page, total, b_start, b_size)``."""
        start, size = batch_window(self.request.form, DEFAULT_PAGE, MAX_PAGE)
        brains = self.catalog.searchResults(published_query(self.sorted_query()))
        total = brains.actual_result_count
        return brains[start : start + size], total, start, size

    def next_url(self, total, start, size):
        """The address of the next page with the same search, or ``None``
        on the last."""
        if start + size >= total:
            return None
        return self.address(
            f"{self.context.absolute_url()}/{self.__name__}",
            b_start=start + size,
            b_size=size,
        )

    def __call__(self):
        self.catalog = api.portal.get_tool("portal_catalog")
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
        return self.render(brains, total, following)

    def render(self, brains, total, following):
        """The body of the answer."""
        return self.render_records(
            [record(brain) for brain in brains], total, following
        )

    def render_records(self, records, total, following):
        """The body of the answer for the open-data ``records``."""
        raise NotImplementedError


class CsvExport(Export):
    """``export.csv``: one row per example, lists joined with ``; ``."""

    content_type = "text/csv"
    filename = "praxisbeispiele.csv"

    def render_records(self, records, total, following):
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

    def render_records(self, records, total, following):
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

    def render_records(self, records, total, following):
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


def _typed(value, datatype):
    """A typed JSON-LD literal (``None`` stays ``None``)."""
    return None if value is None else {"@value": value, "@type": datatype}


def _day(value):
    """``value`` as an ``xsd:date`` in the site's zone."""
    return _typed(site_time(value).date().isoformat(), "xsd:date") if value else None


def _moment(value):
    """``value`` as an ``xsd:dateTime`` with the site's offset."""
    return _typed(_iso(value), "xsd:dateTime") if value else None


def _german(text):
    return {"@value": text, "@language": "de"}


def _concept(uri):
    return {"@id": uri}


class DcatExport(Export):
    """``dcat.jsonld``: a DCAT-AP.de catalogue with the dataset
    "Praxisbeispiele" (the files and the feed) and one dataset per example
    of the page."""

    content_type = "application/ld+json"

    def publisher(self):
        """The network as ``foaf:Organization``."""
        portal = api.portal.get()
        return {
            "@id": f"{portal.absolute_url()}#netzwerk",
            "@type": "foaf:Organization",
            "foaf:name": portal.Title(),
            "foaf:homepage": {"@id": portal.absolute_url()},
        }

    def contact_point(self):
        """The network's address (``plone.email_from_address``) as a
        ``vcard:Organization``."""
        portal = api.portal.get()
        email = api.portal.get_registry_record("plone.email_from_address")
        return {
            "@type": "vcard:Organization",
            "vcard:fn": portal.Title(),
            "vcard:hasEmail": {"@id": f"mailto:{email}"},
        }

    def common(self):
        """What every dataset of the catalogue says alike."""
        return {
            "dct:publisher": self.publisher(),
            "dcat:contactPoint": self.contact_point(),
            "dcatde:contributorID": _concept(CONTRIBUTOR),
            "dcat:theme": [_concept(f"{EU}/data-theme/{theme}") for theme in THEMES],
            "dct:language": _concept(f"{EU}/language/DEU"),
        }

    def span(self):
        """``(first publication, last change)`` of all published examples."""
        query = published_query({"path": "/".join(self.context.getPhysicalPath())})
        first = self.catalog.searchResults(
            query, sort_on="effective", sort_order="ascending", sort_limit=1
        )[:1]
        last = self.catalog.searchResults(
            query, sort_on="modified", sort_order="descending", sort_limit=1
        )[:1]
        return (
            _published(first[0]) if first else None,
            facets.metadata(last[0], "modified") if last else None,
        )

    def distribution(self, view, title, file_type, media_type, attribution):
        """The ``dcat:Distribution`` of one file of the dataset."""
        url = f"{self.context.absolute_url()}/{view}"
        distribution = {
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": _german(f"Praxisbeispiele als {title}"),
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dct:format": _concept(f"{EU}/file-type/{file_type}"),
            "dct:license": _concept(LICENCE),
            "dcatde:licenseAttributionByText": attribution,
        }
        if media_type:
            distribution["dcat:mediaType"] = _concept(f"{IANA}/{media_type}")
        return distribution

    def collection(self, attribution, first, last):
        """The dataset "Praxisbeispiele": all published examples in the
        files of ``@@open-data`` and the feed, for the Land; ``first`` and
        ``last`` are their first publication and last change."""
        page = f"{self.context.absolute_url()}/@@open-data"
        return {
            "@id": f"{page}#praxisbeispiele",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{page}#praxisbeispiele",
            "dct:title": _german("Praxisbeispiele"),
            "dct:description": _german(
                "Die veröffentlichten Praxisbeispiele des Netzwerks: wie Kommunen "
                "in Baden-Württemberg Zukunftsfragen angehen, mit Ort, Themen, "
                "Zielgruppen, Programmen und Laufzeit; ohne Kontaktdaten."
            ),
            **self.common(),
            "dcat:keyword": [_german("Praxisbeispiel"), _german("Kommune")],
            "dcat:landingPage": {"@id": page},
            "dct:issued": _moment(first),
            "dct:modified": _moment(last),
            "dct:spatial": {
                "@id": STATE_KEY,
                "@type": "dct:Location",
                "skos:prefLabel": _german(STATE_NAME),
            },
            "dcatde:politicalGeocodingURI": _concept(STATE_KEY),
            "dcatde:politicalGeocodingLevelURI": _concept(f"{GEOCODING}/Level/state"),
            "dcat:distribution": [
                self.distribution(*entry, attribution) for entry in FILES
            ],
        }

    def municipality_keys(self, brains):
        """``{municipality UID: AGS}`` of the examples' municipalities."""
        uids = {
            recordsets.indexed(self.catalog, "zumo_municipality_uid", brain.getRID())
            for brain in brains
        } - {None}
        if not uids:
            return {}
        return {
            municipality.UID: recordsets.indexed(
                self.catalog, "zumo_ags", municipality.getRID()
            )
            for municipality in self.catalog.searchResults(
                portal_type="Municipality", UID=sorted(uids)
            )
        }

    def example(self, brain, keys, attribution):
        """The ``dcat:Dataset`` of one example: its page, its place."""
        row = record(brain)
        dataset = {
            "@id": row["url"],
            "@type": "dcat:Dataset",
            "dct:identifier": row["uid"],
            "dct:title": _german(row["title"]),
            "dct:description": _german(row["description"] or row["title"]),
            **self.common(),
            "dcat:keyword": [
                _german(self.facets_by_field[field].title_of(token))
                for field in ("topics", "trends")
                for token in row[field]
            ],
            "dcat:landingPage": {"@id": row["url"]},
            "dct:issued": _moment(_published(brain)),
            "dct:modified": _moment(facets.metadata(brain, "modified")),
            "dcat:distribution": [
                {
                    "@id": f"{row['url']}#seite",
                    "@type": "dcat:Distribution",
                    "dct:title": _german("Steckbrief (Webseite)"),
                    "dcat:accessURL": {"@id": row["url"]},
                    "dct:format": _concept(f"{EU}/file-type/HTML"),
                    "dcat:mediaType": _concept(f"{IANA}/text/html"),
                    "dct:license": _concept(LICENCE),
                    "dcatde:licenseAttributionByText": attribution,
                }
            ],
        }
        location = {"@type": "dct:Location"}
        if row["municipality"]:
            location["skos:prefLabel"] = _german(row["municipality"])
        if row["latitude"] is not None and row["longitude"] is not None:
            location["dcat:centroid"] = _typed(
                f"POINT({row['longitude']} {row['latitude']})", "gsp:wktLiteral"
            )
        if len(location) > 1:
            dataset["dct:spatial"] = location
        uid = recordsets.indexed(self.catalog, "zumo_municipality_uid", brain.getRID())
        ags = keys.get(uid)
        if ags:
            dataset["dcatde:politicalGeocodingURI"] = _concept(
                f"{GEOCODING}/municipalityKey/{ags}"
            )
            dataset["dcatde:politicalGeocodingLevelURI"] = _concept(
                f"{GEOCODING}/Level/municipality"
            )
        return dataset

    def render(self, brains, total, following):
        """JSON-LD with a ``dcat:Catalog`` and its ``dcat:Dataset`` entries."""
        portal = api.portal.get()
        attribution = portal.Title()
        self.facets_by_field = {
            field: facets.by_index()[LIST_COLUMNS[field]]
            for field in ("topics", "trends")
        }
        keys = self.municipality_keys(brains)
        first, last = self.span()
        base = self.context.absolute_url()
        catalogue = {
            "@context": CONTEXT,
            "@id": f"{base}/dcat.jsonld",
            "@type": "dcat:Catalog",
            "dct:title": _german(f"{portal.Title()}: Praxisbeispiele"),
            "dct:description": _german(
                "Offene Daten des Netzwerks: die veröffentlichten Praxisbeispiele "
                "als CSV, JSON, GeoJSON und RSS-Feed, und jedes Praxisbeispiel "
                "mit seinem Steckbrief."
            ),
            "dct:language": _concept(f"{EU}/language/DEU"),
            "dct:publisher": self.publisher(),
            "dct:license": _concept(LICENCE),
            "dct:issued": _day(first),
            "dct:modified": _moment(last),
            "dct:spatial": {"@id": STATE_KEY, "@type": "dct:Location"},
            "dcat:themeTaxonomy": _concept(f"{EU}/data-theme"),
            "foaf:homepage": {"@id": f"{base}/@@open-data"},
            "dcat:dataset": [self.collection(attribution, first, last)]
            + [self.example(brain, keys, attribution) for brain in brains],
            "hydra:totalItems": total,
        }
        if following:
            catalogue["hydra:next"] = {"@id": following}
        return json.dumps(catalogue, ensure_ascii=False)


class OpenDataView(BrowserView):
    """``@@open-data``: what the exports hold, their licence and paging."""

    columns = COLUMNS
    licence = LICENCE
    licence_title = LICENCE_TITLE
    page_size = DEFAULT_PAGE
    max_page = MAX_PAGE
