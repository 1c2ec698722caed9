"""The municipality directory: the default view of ``/kommunen``, and its map.

A finder of its own on the practice-example finder's machinery
(:class:`zumo.policy.browser.finder.FinderView`): the name (any word of it
or its beginning: "Tutt" finds Tuttlingen) and the facets of the section
``directory_facets`` of ``facets.json`` (Regierungsbezirk, Landkreis, kind,
size class, programme, role in the network), with counts, combinable, kept
in the URL, paged. ``kommune=<id>`` narrows it to one municipality: the
profile's "Auf der Karte zeigen" opens the map that way.

It lists only municipality profiles (``portal_type`` Municipality directly
in the folder), with the visitor's permissions: a team space's content is
never a result, a private profile only for those who may see it.

Members of the network (a municipality with a programme or a role) are
marked "Im Netzwerk"; where the demo invented that, "Demo-Inhalt" stands
beside it.
"""

from plone.memoize.instance import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zumo.content import facets
from zumo.content import vocabularies
from zumo.content.browser.batching import catalog_batch
from zumo.content.browser.batching import one_text
from zumo.content.browser.views import german_number
from zumo.content.i18n import translated
from zumo.content.search.query import text_query
from zumo.policy import _
from zumo.policy.browser.finder import FinderView
from zumo.policy.browser.map import MapData
from zumo.policy.browser.map import MapMixin


#: Municipalities per page of the directory and of its map's table.
BATCH_SIZE = 25
#: The URL parameter that narrows the directory to one municipality (its id).
FOCUS = "kommune"


class DirectoryView(FinderView):
    """``/kommunen``: find a municipality by name and facets."""

    facet_section = facets.DIRECTORY
    #: The directory's form (``macros/directory-form``), shared with its map.
    directory_form = ViewPageTemplateFile("templates/directory_form.pt")
    COUNTS = (
        _("directory_count", default="${count} Kommunen gefunden"),
        _("directory_count_one", default="1 Kommune gefunden"),
    )

    def sort(self):
        """The directory is sorted by name."""
        return "title"

    def folder_path(self):
        """The path of the directory folder."""
        return "/".join(self.context.getPhysicalPath())

    @memoize
    def name_query(self):
        """The text index query of the name search, as every search of the
        site builds it, every word also as a beginning ("Ba Ur" finds "Bad
        Urach"); ``None`` without a word."""
        return text_query(self.text(), every_prefix=True)

    @memoize
    def focus(self):
        """The municipality ``kommune`` asks for, as a catalog brain the
        visitor may see; ``None`` if not asked for or not found."""
        oid = one_text(self.request.form, FOCUS).strip()
        if not oid:
            return None
        found = self.catalog.searchResults(
            portal_type="Municipality",
            path={"query": self.folder_path(), "depth": 1},
            getId=oid,
        )
        return found[0] if len(found) else None

    def query(self, without=None):
        """The catalog query of the current search, without the facet
        ``without``: the municipality profiles in this folder."""
        query = {
            "portal_type": "Municipality",
            "path": {"query": self.folder_path(), "depth": 1},
        }
        if self.name_query():
            query["Title"] = self.name_query()
        if self.focus() is not None:
            query["getId"] = self.focus().getId
        for index, values in self.selected().items():
            if index != without:
                query[index] = values
        return query

    @memoize
    def results(self):
        """The page of municipalities as a ``Batch`` of catalog brains."""
        return catalog_batch(
            self.request.form,
            self.catalog.searchResults,
            BATCH_SIZE,
            **self.query(),
            sort_on="sortable_title",
        )

    def address(self, base, **changes):
        """``base`` with the current search (and ``kommune``) as its query."""
        focus = self.focus()
        if focus is not None:
            changes = {FOCUS: focus.getId, **changes}
        return super().address(base, **changes)

    def active_filters(self):
        """The set filters, each with a link that removes it."""
        filters = list(super().active_filters())
        focus = self.focus()
        if focus is not None:
            label = translated(
                _("filter_municipality", default="Kommune: ${name}",
                  mapping={"name": focus.Title}),
                self.request,
            )  # fmt: skip
            filters.insert(0, self.chip(label, self.url(**{FOCUS: None})))
        return filters

    def map_url(self):
        """The directory's map with the current search."""
        return self.address(f"{self.context.absolute_url()}/karte")

    # -- one municipality, from its catalog metadata -------------------------

    def in_network(self, brain):
        """Whether the municipality takes part in the network (a programme
        or a role)."""
        return bool(
            facets.metadata(brain, "zumo_programmes")
            or facets.metadata(brain, "zumo_network_status")
        )

    def roles(self, brain):
        """The municipality's roles in the network: ``title`` (German) and
        ``own`` (:func:`zumo.content.vocabularies.own`)."""
        return self._terms(brain, "zumo_network_status", "municipality_status")

    def programmes(self, brain):
        """The municipality's programmes: ``title`` (German) and ``own``."""
        return self._terms(brain, "zumo_programmes", "programmes")

    def _terms(self, brain, column, vocabulary):
        return [
            {
                "title": vocabularies.title_of(vocabulary, token, token),
                "own": vocabularies.own(vocabulary, token),
            }
            for token in facets.metadata(brain, column) or ()
        ]

    def kind(self, brain):
        """The German title of the kind (Gemeinde, Stadt, ...), or ``""``."""
        token = facets.metadata(brain, "zumo_kind")
        return vocabularies.title_of("municipality_kinds", token, token) or ""

    def population(self, brain):
        """The population written the German way, or ``""`` if unknown."""
        number = facets.metadata(brain, "zumo_population")
        return "" if number is None else german_number(number)

    def is_demo(self, brain):
        """Whether the demo invented what the network says of it."""
        return bool(facets.metadata(brain, "zumo_demo"))


class DirectoryMapView(MapMixin, DirectoryView):
    """``/kommunen/karte``: the directory's municipalities on the map (layer
    ``municipalities`` only), its form, and the same list as a table."""

    def base_url(self):
        """The map's own address (the form submits here)."""
        return f"{self.context.absolute_url()}/karte"

    def list_url(self):
        """The directory's list with the current search."""
        return self.address(self.context.absolute_url())

    def data_url(self, layer="municipalities", **changes):
        """The address of the municipalities' features (the first page,
        unless ``changes`` say otherwise); there is one layer."""
        data = f"{self.context.absolute_url()}/karte.geojson"
        return self.address(data, layer="municipalities", **changes)

    def config(self):
        """The map's configuration (JSON): the municipalities only."""
        return self.map_config([("municipalities", self.data_url())])

    def municipality_query(self):
        """The catalog query of the map's layer: the directory's search."""
        return self.query()

    def located(self, brain):
        """Whether ``brain`` has a place on the map."""
        return facets.metadata(brain, "zumo_latitude") is not None


class DirectoryMapData(DirectoryMapView, MapData):
    """``/kommunen/karte.geojson``: one page of the directory's
    municipalities (GeoJSON), paged as the big map's points."""

    def __call__(self):
        self.request.form["layer"] = "municipalities"
        return super().__call__()
