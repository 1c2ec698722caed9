"""The map of practice examples and municipalities: ``/praxisbeispiele/karte``.

Two layers, clustered: the practice examples the finder finds and the
municipalities of the network. The map takes the finder's URL parameters
(text, facets) and shows the finder's facet form; the facets that describe a
municipality (``"municipalities": true`` in ``facets.json``: Regierungsbezirk,
Landkreis, size class, programme) filter the municipalities as well.

Beside the map, two paged tables carry the same content for everyone who
does not use the map (screen readers, keyboards, no JavaScript). The map's
points come from ``karte.geojson``, one page of at most ``MAX_PAGE`` features
per request, read from catalog metadata with the visitor's permissions. The
background tiles come from the address in the registry (``zumo.map.*``,
:class:`zumo.policy.interfaces.IMapSettings`); under the markers, with or
without tiles, every map draws the outlines of the Land and its Kreise
(``OUTLINES``, shipped with the package, see ``scripts/extract_outlines.py``).
"""

from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zumo.content import facets
from zumo.content.browser.batching import batch_window
from zumo.content.browser.batching import catalog_batch
from zumo.content.browser.views import german_number
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.browser import exports
from zumo.policy.browser.finder import FinderView

import json


#: The most features one ``karte.geojson`` answer holds (as the exports).
MAX_PAGE = exports.MAX_PAGE
#: Rows per page of the municipality table; its page is ``m_start``.
MUNICIPALITY_BATCH = 20
#: The outlines of the Land and its 44 Kreise (GeoJSON, VG250 simplified),
#: a static file of ``++plone++zumo``.
OUTLINES = "outlines_bw.geojson"
#: The layers: id, German title.
LAYERS = {
    "examples": _("map_layer_examples", default="Praxisbeispiele"),
    "municipalities": _("map_layer_municipalities", default="Kommunen"),
}


def resource_url(name):
    """The address of the site's static file ``name`` (``++plone++zumo``)."""
    return f"{api.portal.get().absolute_url()}/++plone++zumo/{name}"


def tile_settings():
    """``{"url", "attribution"}`` of the background tiles (``url`` may be empty)."""
    return {
        key: api.portal.get_registry_record(f"zumo.map.{name}", default="") or ""
        for key, name in (("url", "tile_url"), ("attribution", "tile_attribution"))
    }


class MapMixin:
    """What a page with a map needs: the macro and the map's configuration."""

    #: ``macros/map`` (the map element with its scripts and legend).
    map_macros = ViewPageTemplateFile("templates/map_macros.pt")

    def map_config(self, sources):
        """The JSON the map script reads: tiles, outlines, labels and
        ``sources`` (``[(layer id, data address)]``)."""
        labels = {
            "zoomIn": _("map_zoom_in", default="Vergrößern"),
            "zoomOut": _("map_zoom_out", default="Verkleinern"),
            "close": _("map_close_popup", default="Schließen"),
            "loading": _("map_loading", default="Die Karte wird geladen …"),
            "loaded": _("map_loaded", default="Auf der Karte: ${counts}"),
            "failed": _(
                "map_failed",
                default="Die Karte konnte nicht geladen werden. "
                "Die Listen unter der Karte enthalten alle Einträge.",
            ),
            "cluster": _("map_cluster", default="${count} Einträge: vergrößern"),
            "demo": _("badge_demo", default="Demo-Inhalt"),
        }
        return json.dumps(
            {
                "tiles": tile_settings(),
                "outlines": resource_url(OUTLINES),
                "labels": {
                    key: translated(label, self.request)
                    for key, label in labels.items()
                },
                "layers": [
                    {
                        "id": layer,
                        "title": translated(LAYERS[layer], self.request),
                        "url": url,
                    }
                    for layer, url in sources
                ],
            },
            ensure_ascii=False,
        )

    def map_script_urls(self):
        """The scripts of the map, in the order they load."""
        return [
            resource_url("vendor/leaflet.js"),
            resource_url("vendor/leaflet.markercluster.js"),
            resource_url("map.js"),
        ]

    def number(self, count):
        """``count`` written the German way (``1.207``)."""
        return german_number(count)

    def map_style_urls(self):
        """The stylesheets of the map libraries."""
        return [
            resource_url("vendor/leaflet.css"),
            resource_url("vendor/MarkerCluster.css"),
        ]


class MapView(MapMixin, FinderView):
    """``/praxisbeispiele/karte``: both layers, the facet form and the lists."""

    def base_url(self):
        """The map's own address (the facet form submits here)."""
        return f"{self.context.absolute_url()}/karte"

    def data_url(self, layer, **changes):
        """The address of ``layer``'s features (the first page, unless
        ``changes`` say otherwise)."""
        data = f"{self.context.absolute_url()}/karte.geojson"
        return self.address(data, layer=layer, **changes)

    def config(self):
        """The map's configuration (JSON) with both layers."""
        return self.map_config([(layer, self.data_url(layer)) for layer in LAYERS])

    def municipality_query(self):
        """The catalog query of the municipality layer: the set facets that
        describe a municipality."""
        query = {"portal_type": "Municipality"}
        by_index = facets.by_index()
        for index, values in self.selected().items():
            if by_index[index].municipalities:
                query[index] = values
        return query

    def narrows_examples_only(self):
        """Whether a set filter (text or facet) applies to examples only."""
        by_index = facets.by_index()
        return bool(self.text()) or any(
            not by_index[index].municipalities for index in self.selected()
        )

    @memoize
    def municipalities(self):
        """The page of municipalities as a ``Batch`` (paged by ``m_start``)."""
        batch = catalog_batch(
            self.request.form,
            self.catalog.searchResults,
            MUNICIPALITY_BATCH,
            "m_start",
            **self.municipality_query(),
            sort_on="sortable_title",
        )
        batch.b_start_str = "m_start"
        return batch

    def size_class(self, brain):
        """The German title of a municipality's size class."""
        value = facets.metadata(brain, "zumo_size_class")
        return facets.by_index()["zumo_size_class"].title_of(value) if value else ""

    def located(self, brain):
        """Whether ``brain`` has a place on the map."""
        return facets.metadata(brain, "zumo_latitude") is not None


class MapData(MapView):
    """``karte.geojson``: one page of one layer's features (GeoJSON).

    ``?layer=examples|municipalities`` with the finder's parameters;
    ``b_start`` and ``b_size`` (at most ``MAX_PAGE``) page it. The address
    of the next page is in ``next`` and in the ``Link`` header.
    """

    def __call__(self):
        self.catalog = api.portal.get_tool("portal_catalog")
        layer = self.request.form.get("layer")
        layer = layer if layer in LAYERS else "examples"
        start, size = batch_window(self.request.form, MAX_PAGE, MAX_PAGE)
        if layer == "examples":
            query = self.query()
        else:
            query = {**self.municipality_query(), "sort_on": "sortable_title"}
        brains = self.catalog.searchResults(query)
        total = len(brains)
        following = None
        if start + size < total:
            following = self.data_url(layer, b_start=start + size, b_size=size)
        response = self.request.response
        response.setHeader("Content-Type", "application/geo+json; charset=utf-8")
        response.setHeader("X-Total-Count", str(total))
        if following:
            response.setHeader("Link", f'<{following}>; rel="next"')
        features = [
            feature
            for feature in (
                self.feature(brain, layer) for brain in brains[start : start + size]
            )
            if feature is not None
        ]
        return json.dumps(
            {
                "type": "FeatureCollection",
                "layer": layer,
                "items_total": total,
                "next": following,
                "features": features,
            },
            ensure_ascii=False,
        )

    def feature(self, brain, layer):
        """The GeoJSON feature of ``brain`` (``None`` without a place)."""
        latitude = facets.metadata(brain, "zumo_latitude")
        longitude = facets.metadata(brain, "zumo_longitude")
        if latitude is None or longitude is None:
            return None
        if layer == "examples":
            place = facets.metadata(brain, "zumo_municipality_title") or ""
        else:
            place = facets.metadata(brain, "zumo_district") or ""
        return {
            "type": "Feature",
            "id": brain.UID,
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": {
                "title": brain.Title,
                "url": brain.getURL(),
                "place": place,
                "demo": bool(facets.metadata(brain, "zumo_demo")),
            },
        }


def map_link(portal, name="karte", **query):
    """The address of the map (or of its points, ``karte.geojson``) with
    ``query`` set."""
    url = f"{facets.finder_url(portal)}/{name}"
    return f"{url}?{urlencode(query)}" if query else url
