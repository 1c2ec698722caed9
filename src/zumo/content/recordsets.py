"""Record-id sets of the catalog: the one place that reads its internals.

Facet counts, statistics, suggestions and keyword lists work on the sets of
record ids the catalog's indexes hold, in C, without making brains or
waking objects. ZCatalog has no public API for these sets, so every read of
its internals (``_catalog``, an index's ``_index``, a lazy result's
``_seq``, ``_listAllowedRolesAndUsers``) is here, and nowhere else.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion


def of_results(results):
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


def holding(catalog, index, value):
    """Record ids the catalog ``index`` holds for ``value`` (an ``IISet``)."""
    found = catalog._catalog.getIndex(index)._index.get(value)
    if found is None:
        return IISet()
    return IISet([found]) if isinstance(found, int) else found


def holding_any(catalog, index, values):
    """Record ids the catalog ``index`` holds for any of ``values``."""
    return multiunion([holding(catalog, index, value) for value in values])


def readable(catalog, user):
    """Record ids of everything ``user`` may view (``allowedRolesAndUsers``)."""
    return holding_any(
        catalog, "allowedRolesAndUsers", catalog._listAllowedRolesAndUsers(user)
    )


def below(catalog, path_index, obj):
    """Record ids of everything at or below ``obj`` (by ``path_index``)."""
    index = catalog._catalog.getIndex(path_index)
    found, _info = index._apply_index(
        {path_index: {"query": "/".join(obj.getPhysicalPath())}}
    )
    return found if found is not None else IISet()


def current(catalog, now):
    """Record ids whose publication date has come and whose expiry date has
    not (the ``effectiveRange`` index, Plone's own filter for anonymous
    visitors) at ``now`` (a ``DateTime``)."""
    index = catalog._catalog.getIndex("effectiveRange")
    found, _info = index._apply_index({"effectiveRange": now})
    return found if found is not None else IISet()


def count(rids, holders):
    """How many of ``rids`` are among ``holders``."""
    return len(intersection(rids, holders))


def brain(catalog, rid):
    """The catalog brain of record ``rid``."""
    return catalog._catalog[rid]


def record_id(catalog, obj):
    """The record id of ``obj`` in the catalog, ``None`` if it is not there."""
    return catalog.getrid("/".join(obj.getPhysicalPath()))


def indexed(catalog, index, rid):
    """The value ``index`` holds for record ``rid`` (``None`` if it holds
    none): a value that has no metadata column, read without waking the
    object."""
    return catalog._catalog.getIndex(index).getEntryForObject(rid, None)
