"""Facets: what the finders filter by, and the counts.

The facets are data (``data/facets.json``): a section per finder (``facets``
for the practice examples of ``/praxisbeispiele``, ``directory_facets`` for
the municipality directory ``/kommunen``), a catalog index each, titled in
German, whose values are the tokens of a vocabulary or, where there is none
(Landkreis, year), the values the index holds. Counts come from the
catalog's indexes alone: the record ids a query finds are intersected with
the record ids an index holds for each value (``recordsets``), so no object
is woken and no brain is made.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode
from zumo.content import changes
from zumo.content import recordsets
from zumo.content import vocabularies

import json
import Missing


DATA_FILE = Path(__file__).parent / "data" / "facets.json"


@dataclass(frozen=True)
class Facet:
    """One facet: its catalog ``index``, the schema ``field`` that holds its
    tokens (``None`` if derived), its ``vocabulary`` (``None`` if the index
    values are shown as they are), its German ``title``, and whether it
    describes ``municipalities`` too (then it filters the map's municipality
    layer)."""

    index: str
    field: str | None
    vocabulary: str | None
    title: str
    municipalities: bool = False

    def title_of(self, value):
        """The German title of ``value`` (the value itself without vocabulary)."""
        if self.vocabulary is None:
            return value
        return vocabularies.title_of(self.vocabulary, value, value)

    def own(self, value):
        """How ``value`` is the network's own term, or ``None``
        (:func:`zumo.content.vocabularies.own`)."""
        if self.vocabulary is None:
            return None
        return vocabularies.own(self.vocabulary, value)

    def values(self, catalog):
        """The values to offer, in the vocabulary's order, else sorted."""
        if self.vocabulary is not None:
            return [token for token, _title in vocabularies.terms(self.vocabulary)]
        values = sorted(catalog.uniqueValuesFor(self.index))
        return values[::-1] if self.index == "zumo_start_year" else values


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


#: The section of ``facets.json`` of each finder.
PRACTICE_EXAMPLES = "facets"
DIRECTORY = "directory_facets"


@cache
def facets(section=PRACTICE_EXAMPLES):
    """Return the facets of the finder ``section``, in their order on the page."""
    return tuple(Facet(**facet) for facet in _data()[section])


def by_index(section=PRACTICE_EXAMPLES):
    """Return ``{index: Facet}`` of the finder ``section``."""
    return {facet.index: facet for facet in facets(section)}


def by_field():
    """Return ``{schema field: Facet}`` of the facets a field holds."""
    return {facet.field: facet for facet in facets() if facet.field}


def finder_url(portal, **query):
    """The address of the finder (``/praxisbeispiele``) with ``query`` set."""
    url = f"{portal.absolute_url()}/{_data()['finder']}"
    return f"{url}?{urlencode(query)}" if query else url


def directory_url(portal, view=None, **query):
    """The address of the municipality directory (``/kommunen``), or of its
    ``view`` (``karte``), with ``query`` set."""
    url = f"{portal.absolute_url()}/{_data()['directory']}"
    url = f"{url}/{view}" if view else url
    return f"{url}?{urlencode(query)}" if query else url


def metadata(brain, column):
    """The catalog metadata ``column`` of ``brain``; ``None`` where missing."""
    value = getattr(brain, column, None)
    return None if value is None or value is Missing.Value else value


def counts(catalog, facet, rids):
    """Return ``{value: count}`` of ``facet`` among the records ``rids``.

    Values with no record are left out.
    """
    found = {}
    rids = recordsets.plain(rids)
    for value in facet.values(catalog):
        number = recordsets.count(rids, recordsets.holding(catalog, facet.index, value))
        if number:
            found[value] = number
    return found


def _held(value):
    """The values an index entry holds (a keyword list, one value or none)."""
    if value is None:
        return ()
    if isinstance(value, str | int | float):
        return (value,)
    return set(value)


def recount(catalog, facet, counted, before, after, delta):
    """:func:`counts` of ``facet`` brought forward: ``counted`` were the
    counts among ``before``, the records are ``after`` now, and only the
    records ``delta`` changed are counted again (one off for what each held
    among ``before``, one on for what it holds among ``after``)."""
    found = dict(counted)
    allowed = None
    for rid in delta.rids:
        if rid in before:
            for value in _held(delta.old(rid, facet.index)):
                if value in found:
                    found[value] -= 1
                    if not found[value]:
                        del found[value]
        if rid in after:
            if allowed is None:
                allowed = set(facet.values(catalog))
            for value in _held(changes.entry(catalog, facet.index, rid)):
                if value in allowed:
                    found[value] = found.get(value, 0) + 1
    return found
