"""The practice-example finder: the default view of ``/praxisbeispiele``.

Full text and facets, combinable: values of one facet widen the search
(or), facets narrow it (and). Everything the finder knows is in its URL
(``?zumo_topics=daseinsvorsorge&SearchableText=Dorfladen&sort=title``), so a
search can be shared and the back button works; it is a plain GET form
that works without JavaScript. These parameters are the filter language of
the open data and the feed too: ``export.csv``, ``export.json``,
``export.geojson`` and ``rss.xml`` take them and give what the finder lists
(published examples only). Listings and counts come from the catalog
with the visitor's permissions: nobody sees or counts an example they could
not open.
"""

from BTrees.IIBTree import intersection
from plone import api
from plone.batching import Batch
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18nmessageid import Message
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.browser.batching import batch_start
from zumo.content.browser.views import german_number
from zumo.content.browser.views import Marks
from zumo.content.i18n import translated
from zumo.content.search.query import TEXT
from zumo.content.search.query import text_query
from zumo.policy import _
from zumo.policy.browser.searching import SearchAids


BATCH_SIZE = 20
#: Sort orders: key, German label, catalog sort (indexes, orders): the id
#: breaks ties, so pages never overlap. ``relevance`` needs text.
SORTS = {
    "relevance": (_("sort_relevance", default="Relevanz"), None),
    "newest": (
        _("sort_newest", default="Neueste zuerst"),
        (("effective", "getId"), ("descending", "ascending")),
    ),
    "title": (
        _("sort_title", default="Titel (A–Z)"),
        (("sortable_title", "getId"), ("ascending", "ascending")),
    ),
}
#: What "Ergebnisse herunterladen" offers: the exports and the feed of the
#: section, which take the finder's parameters (DESIGN section 8).
DOWNLOADS = (
    ("export.csv", _("download_csv", default="CSV (Tabelle)"),
     _("download_csv_text", default="für Tabellenkalkulationen wie LibreOffice Calc oder Excel")),
    ("export.json", _("download_json", default="JSON (Daten für Programme)"),
     _("download_json_text", default="alle Felder, zum Weiterverarbeiten")),
    ("export.geojson", _("download_geojson", default="GeoJSON (Geodaten für Karten)"),
     _("download_geojson_text", default="die Praxisbeispiele mit Ort, für Karten und GIS")),
    ("rss.xml", _("download_rss", default="RSS (Neuigkeiten-Feed)"),
     _("download_rss_text", default="neue Praxisbeispiele zu dieser Suche im Feedreader")),
)  # fmt: skip


class FinderView(SearchAids, Marks, BrowserView):
    """Finder of practice examples with facets, counts, sorting and pages."""

    #: The number of results found, for many and for one.
    COUNTS = (
        _("finder_count", default="${count} Praxisbeispiele gefunden"),
        _("finder_count_one", default="1 Praxisbeispiel gefunden"),
    )

    #: The facet form, shared with the map (``macros/facet-form``).
    facet_form = ViewPageTemplateFile("templates/facet_form.pt")
    #: The section of ``facets.json`` that holds this finder's facets.
    facet_section = facets.PRACTICE_EXAMPLES

    def __call__(self):
        self.catalog = api.portal.get_tool("portal_catalog")
        return self.index()

    # -- what the visitor asked for (all from the URL, all checked) --------

    @memoize
    def text(self):
        """The full-text search term, stripped (``""`` if none, also when it
        holds no word: "???" is no search term, and the page says why,
        :meth:`refusal`)."""
        value = self.typed_text()
        return value if text_query(value) else ""

    @memoize
    def selected(self):
        """``{index: [values]}`` of the facets set, unknown values dropped."""
        chosen = {}
        for facet in facets.facets(self.facet_section):
            raw = self.request.form.get(facet.index, [])
            raw = [raw] if isinstance(raw, str) else raw
            # Only texts: a record or a list of records is no facet value.
            texts = (
                [v for v in raw if isinstance(v, str)] if isinstance(raw, list) else []
            )
            allowed = set(facet.values(self.catalog))
            values = [v for v in dict.fromkeys(texts) if v in allowed]
            if values:
                chosen[facet.index] = values
        return chosen

    @memoize
    def sort(self):
        """The sort key: as asked if known, else relevance with text, else newest."""
        asked = self.request.form.get("sort")
        if asked in SORTS and (asked != "relevance" or self.text()):
            return asked
        return "relevance" if self.text() else "newest"

    # -- catalog -----------------------------------------------------------

    def query(self, without=None):
        """The catalog query of the current search, without the facet ``without``."""
        query = {
            "portal_type": "PracticeExample",
            "path": "/".join(self.context.getPhysicalPath()),
        }
        if self.text():
            query[TEXT] = text_query(self.text())
        for index, values in self.selected().items():
            if index != without:
                query[index] = values  # several values: either of them
        return query

    def sorted_query(self):
        """The catalog query of the current search in its sort order: what
        the list shows, the open data and the feed give (``exports.py``,
        ``feed.py``)."""
        query = self.query()
        sort = SORTS[self.sort()][1]
        if sort is not None:
            query["sort_on"], query["sort_order"] = sort
        return query

    @memoize
    def results(self):
        """The page of results as a ``Batch`` of catalog brains.

        In the order of ``sorted_query`` (relevance: the score, the newest
        first where scores tie), found by walking an index from its end
        until the page is full (``recordsets.ordered``), or by picking the
        best of the scored hits (``recordsets.ranked``, remembered per
        catalog state, visitor, search and page), not by sorting every
        hit: its cost stays flat as the network grows."""
        start = batch_start(self.request.form)
        end = start + BATCH_SIZE
        rids = self._rids()
        if self.sort() == "relevance":
            text = self.query()[TEXT]
            count, page, _last = self._remembered(
                ("ranked", end),
                lambda: recordsets.ranked(self.catalog, TEXT, text, rids, end),
                self.query(),
                lambda previous, delta: recordsets.reranked(
                    self.catalog, previous, delta, TEXT, text, rids, end
                ),
            )
        else:
            (index, _tiebreak), (order, _ascending) = SORTS[self.sort()][1]
            count = len(rids)
            page = recordsets.ordered(
                self.catalog, rids, index, reverse=order == "descending", end=end
            )
        found = recordsets.brains(self.catalog, page[start:], count)
        return Batch(found, BATCH_SIZE, start=start)

    def _remembered(self, name, compute, query, advance=None):
        """``compute()`` remembered per catalog state, visitor and ``query``,
        brought forward after a change by ``advance`` where given."""
        key = (name, recordsets.frozen(query))
        return recordsets.remembered(
            self.catalog, key, compute, query=query, advance=advance
        )

    @memoize
    def _base(self):
        """Record ids the search finds before any facet filter, with the
        visitor's permissions (the catalog's own search of the section,
        remembered per catalog state and visitor; narrowed by the text
        index's hits)."""
        section = {
            key: value
            for key, value in self.query().items()
            if key not in self.selected() and key != TEXT
        }
        rids = recordsets.found(self.catalog, section)
        if TEXT not in self.query():
            return rids
        text = self.query()[TEXT]
        scored = recordsets.scores(self.catalog, TEXT, text)
        return self._remembered(
            "text",
            lambda: intersection(recordsets.plain(rids), recordsets.plain(scored)),
            {**section, TEXT: text},
            lambda previous, delta: recordsets.carry(
                previous, delta, lambda rid: rid in rids and rid in scored
            ),
        )

    @memoize
    def _filters(self):
        """``{index: record ids}`` of each set facet (its values or-ed)."""
        return {
            index: recordsets.holding_any(self.catalog, index, values)
            for index, values in self.selected().items()
        }

    def _rids(self, without=None):
        """Record ids of the search with every set facet but ``without``:
        the base set narrowed on the indexes, no further catalog query
        (remembered per catalog state, visitor and query)."""

        base = self._base()  # first: the catalog's search indexes what is queued
        chosen = {
            index: values
            for index, values in self.selected().items()
            if index != without
        }
        if not chosen:
            return base

        def narrowed():
            rids = recordsets.plain(base)
            for index, holders in self._filters().items():
                if index in chosen:
                    rids = intersection(rids, holders)
            return rids

        def advance(previous, delta):
            tests = [recordsets.term(self.catalog, *item) for item in chosen.items()]
            return recordsets.carry(
                previous,
                delta,
                lambda rid: rid in base and all(test(rid) for test in tests),
            )

        return self._remembered("rids", narrowed, self.query(without), advance)

    @memoize
    def facets(self):
        """The facets with their options, for the form.

        Each facet: ``index``, ``title``, ``options`` (``value``, ``title``,
        ``count``, ``selected``). An option is offered where the search
        without this facet's own filter finds examples with that value, so
        the counts say how many a click adds; set values always stay. The
        counts are remembered per catalog state, visitor and search.
        """
        selected = self.selected()
        every, _sets = self._remembered(
            "counts", self._counts, self.query(), self._recounted
        )
        result = []
        for facet in facets.facets(self.facet_section):
            found = every[facet.index]
            chosen = selected.get(facet.index, [])
            options = [
                {
                    "value": value,
                    "title": facet.title_of(value),
                    "own": facet.own(value),
                    "count": found.get(value, 0),
                    "selected": value in chosen,
                    "id": f"{facet.index}-{number}",
                }
                for number, value in enumerate(facet.values(self.catalog))
                if value in found or value in chosen
            ]
            if options:
                result.append(
                    {"index": facet.index, "title": facet.title, "options": options}
                )
        return result

    def _counted(self):
        """``{index: record ids}`` each facet is counted among: the search
        without the facet's own filter where it is set, else the search."""
        selected = self.selected()
        return {
            facet.index: self._rids(without=facet.index)
            if facet.index in selected
            else self._rids()
            for facet in facets.facets(self.facet_section)
        }

    def _counts(self):
        """``({index: {value: count}}, {index: record ids})`` of every
        facet, and the record ids each was counted among (:meth:`_counted`)."""
        sets = self._counted()
        return {
            facet.index: facets.counts(self.catalog, facet, sets[facet.index])
            for facet in facets.facets(self.facet_section)
        }, sets

    def _recounted(self, previous, delta):
        """The facet counts of :meth:`_counts` brought forward over
        ``delta``: only the changed records are counted again."""
        counted, before = previous
        sets = self._counted()
        return {
            facet.index: facets.recount(
                self.catalog,
                facet,
                counted[facet.index],
                before[facet.index],
                sets[facet.index],
                delta,
            )
            for facet in facets.facets(self.facet_section)
        }, sets

    # -- links -------------------------------------------------------------

    def base_url(self):
        """The address of this page without a query (the form's action)."""
        return self.context.absolute_url()

    def url(self, **changes):
        """The finder's URL with the current search, changed by ``changes``."""
        return self.address(self.base_url(), **changes)

    def address(self, base, **changes):
        """``base`` with the current search as its query, changed by ``changes``.

        ``changes`` maps a parameter to its new value (``None`` removes it).
        The page is reset unless ``b_start`` is given.
        """
        params = {TEXT: self.text() or None, **self.selected()}
        if self.request.form.get("sort") in SORTS:
            params["sort"] = self.sort()
        params.update(changes)
        pairs = [
            (key, value)
            for key, values in params.items()
            if values
            for value in ([values] if isinstance(values, str | int) else values)
        ]
        query = urlencode(pairs)
        return base + (f"?{query}" if query else "")

    def map_url(self):
        """The map with the current search (``/praxisbeispiele/karte``)."""
        return self.address(f"{self.context.absolute_url()}/karte")

    def list_url(self):
        """The finder's list with the current search."""
        return self.address(self.context.absolute_url())

    @memoize
    def active_filters(self):
        """The set filters (the chips above the results), each a dict with
        ``title`` ("Landkreise: Landkreis Tuttlingen"), ``label`` (the name
        of its link for screen readers) and ``url`` (the search without it)."""
        filters = []
        if self.text():
            title = translated(
                _("filter_text", default="Suchbegriff: ${text}",
                  mapping={"text": self.text()}),
                self.request,
            )  # fmt: skip
            filters.append((title, self.url(**{TEXT: None})))
        by_index = facets.by_index(self.facet_section)
        for index, values in self.selected().items():
            facet = by_index[index]
            for value in values:
                rest = [v for v in values if v != value]
                filters.append(
                    (
                        f"{facet.title}: {facet.title_of(value)}",
                        self.url(**{index: rest or None}),
                    )
                )
        return [self.chip(title, url) for title, url in filters]

    def chip(self, title, url):
        """A set filter's chip: ``title``, its link's name for screen
        readers (``label``) and ``url``, the search without it."""
        label = translated(
            _("label_remove_filter", default="Filter ${filter} entfernen",
              mapping={"filter": title}),
            self.request,
        )  # fmt: skip
        return {"title": title, "label": label, "url": url}

    def clear_url(self):
        """The finder without any filter (the sort order kept)."""
        return self.url(**{TEXT: None}, **dict.fromkeys(self.selected()))

    def downloads(self):
        """The exports and the feed with the current search (every page of
        it), for "Ergebnisse herunterladen": ``url``, ``title``, ``text``."""
        base = self.context.absolute_url()
        return [
            {
                "url": self.address(f"{base}/{name}"),
                "title": translated(title, self.request),
                "text": translated(text, self.request),
            }
            for name, title, text in DOWNLOADS
        ]

    def sort_options(self):
        """The sort orders to offer (relevance only with a search term)."""
        return [
            {
                "value": key,
                "title": translated(label, self.request),
                "selected": key == self.sort(),
            }
            for key, (label, _sort) in SORTS.items()
            if key != "relevance" or self.text()
        ]

    def hidden_fields(self):
        """``(name, value)`` the sort form carries to keep the search."""
        fields = [(TEXT, self.text())] if self.text() else []
        for index, values in self.selected().items():
            fields += [(index, value) for value in values]
        return fields

    def result_count(self):
        """'1 Praxisbeispiel' or '23 Praxisbeispiele' found (``COUNTS``)."""
        count = self.results().sequence_length
        many, one = self.COUNTS
        message = Message(many, mapping={"count": german_number(count)})
        return translated(message if count != 1 else one, self.request)

    def script_url(self):
        """The address of the script that filters without reloading the page."""
        return f"{api.portal.get().absolute_url()}/++plone++zumo/finder.js"

    # -- "Meinten Sie …?" and marks (``SearchAids``) ------------------------

    def search_text(self):
        """What the visitor typed (``text``)."""
        return self.text()

    def search_for(self, text):
        """The examples the current search finds with ``text`` instead."""
        query = text_query(text)
        if query is None:
            return ()
        return self.catalog.searchResults({**self.query(), TEXT: query})

    def url_with(self, text):
        """The finder's URL with the current search, ``text`` instead."""
        return self.url(**{TEXT: text})

    def topic_titles(self, brain):
        """The German titles of an example's ZUMO topics (catalog metadata)."""
        facet = facets.by_index()["zumo_topics"]
        return [facet.title_of(token) for token in brain.zumo_topics or ()]
