"""Facets of practice examples: what the finder filters by, and the counts.

The facets are data (``data/facets.json``): a catalog index each, titled in
German, whose values are the tokens of a vocabulary or, where there is none
(Landkreis, year), the values the index holds. Counts come from the
catalog's indexes alone: the record ids a query finds are intersected with
the record ids an index holds for each value, so no object is woken and no
brain is made.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode
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

    def values(self, catalog):
        """The values to offer, in the vocabulary's order, else sorted."""
        if self.vocabulary is not None:
            return [token for token, _title in vocabularies.terms(self.vocabulary)]
        index = catalog._catalog.getIndex(self.index)
        values = sorted(index.uniqueValues())
        return values[::-1] if self.index == "zumo_start_year" else values


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@cache
def facets():
    """Return the facets of the finder, in their order on the page."""
    return tuple(Facet(**facet) for facet in _data()["facets"])


def by_index():
    """Return ``{index: Facet}``."""
    return {facet.index: facet for facet in facets()}


def by_field():
    """Return ``{schema field: Facet}`` of the facets a field holds."""
    return {facet.field: facet for facet in facets() if facet.field}


def finder_url(portal, **query):
    """The address of the finder (``/praxisbeispiele``) with ``query`` set."""
    url = f"{portal.absolute_url()}/{_data()['finder']}"
    return f"{url}?{urlencode(query)}" if query else url


def metadata(brain, column):
    """The catalog metadata ``column`` of ``brain``; ``None`` where missing."""
    value = getattr(brain, column, None)
    return None if value is None or value is Missing.Value else value


def record_ids(results):
    """Return the record ids of a catalog result as an ``IISet``.

    A catalog result without sorting is a lazy sequence over record ids, or
    over ``(score, record id)`` pairs where a text index scored it; both are
    read without making brains.
    """
    if not len(results):
        return IISet()
    sequence = getattr(results, "_seq", None)
    if sequence is None or len(sequence) != results.actual_result_count:
        return IISet(brain.getRID() for brain in results)
    return IISet(item[1] if isinstance(item, tuple) else item for item in sequence)


def holders(catalog, index, values):
    """Record ids the catalog ``index`` holds for any of ``values``."""
    found = catalog._catalog.getIndex(index)._index
    sets = [found.get(value) for value in values]
    return multiunion(
        [s if not isinstance(s, int) else IISet([s]) for s in sets if s is not None]
    )


def counts(catalog, facet, rids):
    """Return ``{value: count}`` of ``facet`` among the records ``rids``.

    Values with no record are left out.
    """
    index = catalog._catalog.getIndex(facet.index)
    found = {}
    for value in facet.values(catalog):
        holders = index._index.get(value)
        if holders is None:
            continue
        if isinstance(holders, int):
            number = int(holders in rids)
        else:
            number = len(intersection(rids, holders))
        if number:
            found[value] = number
    return found
