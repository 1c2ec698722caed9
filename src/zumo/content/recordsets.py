"""Record-id sets of the catalog: the one place that reads its internals.

Facet counts, statistics, suggestions and keyword lists work on the sets of
record ids the catalog's indexes hold, in C, without making brains or
waking objects. ZCatalog has no public API for these sets, so every read of
its internals (``_catalog``, an index's ``_index``, a lazy result's
``_seq``, ``_listAllowedRolesAndUsers``) is here, and nowhere else.

Flat cost as the network grows (issue 30): the sets that stand for
"everything of this type the visitor may see" and other work that touches
every hit are remembered in RAM per process (:func:`remembered`), per
committed state of the catalog (its change counter) and per set of roles
and principals the catalog filters by, and per minute where the
publication dates filter (``effectiveRange``, which the catalog resolves
to the minute). A transaction that changed the catalog itself is never
served from, nor stored in, that memory; so a GET never writes, and a
change shows at once. Pages in an order are found by walking an index from
its end (:func:`ordered`, :func:`ranked`) and stop at the page, instead of
sorting every hit.
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import weightedIntersection
from collections import OrderedDict
from ZTUtils.Lazy import LazyMap

import heapq
import threading
import time


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
    if not isinstance(next(iter(sequence)), tuple):
        return IISet(sequence)  # record ids: taken over in C
    return IISet(item[1] for item in sequence)


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


class Memory:
    """A small least-recently-used memory shared by the threads of a process."""

    def __init__(self, size):
        self.size = size
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, compute):
        """The value remembered for ``key``, else ``compute()`` remembered."""
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = compute()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self):
        """Forget everything (tests, and a changed catalog never needs it)."""
        with self.lock:
            self.items.clear()


#: Sets of up to all records and small answers: 200 entries stay far below
#: the memory target (an ``IISet`` of 100,000 record ids is 400 kB).
MEMORY = Memory(200)


def state(catalog):
    """A key of the catalog's committed state, ``None`` when the current
    transaction changed it (or its change counter is new): what this
    transaction sees is then its own, and nothing is remembered for it.

    The counter's value and the transaction that last wrote it name one
    committed state in one storage (test sandboxes and retried transactions
    may reach the same value with other contents)."""
    value = catalog.getCounter()  # indexes what is queued first
    counter = catalog._counter
    jar = getattr(counter, "_p_jar", None)
    if jar is None or counter._p_changed or jar._savepoint_storage is not None:
        return None
    return (catalog._p_oid, counter._p_serial, value)


def visitor(catalog, query=None):
    """A key of what the catalog lets the current user find for ``query``:
    the roles and principals it filters ``allowedRolesAndUsers`` by, and the
    minute when it filters by publication dates (``effectiveRange``)."""
    user = getSecurityManager().getUser()
    principals = tuple(sorted(catalog._listAllowedRolesAndUsers(user)))
    if catalog.allow_inactive(query or {}):
        return principals, None
    return principals, int(time.time() // 60)


def remembered(catalog, key, compute, query=None, personal=True):
    """``compute()`` remembered per committed catalog state under ``key``
    (hashable), and per visitor (:func:`visitor` of ``query``) unless the
    answer is the same for everyone (``personal=False``). Remembered values
    must hold no persistent object (record ids, numbers, ``IISet``)."""
    committed = state(catalog)
    if committed is None:
        return compute()
    who = visitor(catalog, query) if personal else None
    return MEMORY.get((committed, who, key), compute)


def frozen(query):
    """A catalog query as a hashable key."""
    return tuple(sorted((name, repr(value)) for name, value in query.items()))


def found(catalog, query):
    """Record ids the catalog finds for ``query`` (no sorting) with the
    current user's permissions, remembered per catalog state and visitor:
    the catalog's own search the first time, so its filters are Plone's."""

    def search():
        return of_results(catalog.searchResults(query))

    return remembered(catalog, ("found", frozen(query)), search, query=query)


def _groups(index, reverse):
    """``(key, record ids)`` of a field or date index from its lowest key, or
    from its highest (``reverse``: integer keys, as a date index holds)."""
    tree = index._index
    if not reverse:
        yield from tree.items()
        return
    if not tree:
        return
    key = tree.maxKey()
    while True:
        yield key, tree[key]
        if key <= tree.minKey():
            return
        key = tree.maxKey(key - 1)


def _by_id(catalog, rids):
    """``rids`` in the order of their ids (the tiebreak of every order)."""
    return sorted(rids, key=lambda rid: indexed(catalog, "getId", rid) or "")


def ordered(catalog, rids, index, reverse=False, end=None):
    """The first ``end`` (all if ``None``) of ``rids`` in the order of the
    catalog ``index``, ties by id: what the catalog's sort on ``(index,
    getId)`` gives, without sorting every hit.

    The index is walked from its end and each record is looked up in
    ``rids`` until the page is full: about ``end`` times the share of the
    catalog that ``rids`` are. Where ``rids`` are few against the catalog,
    they are sorted themselves instead (cheaper then). Records the index
    does not hold are left out, as the catalog's sort does."""
    index = catalog._catalog.getIndex(index)
    wanted = len(rids) if end is None else min(end, len(rids))
    if not wanted:
        return []
    if len(rids) * SORT_COST < wanted * len(catalog) / len(rids):
        unindex = index._unindex
        keyed = sorted(
            ((unindex[rid], rid) for rid in rids if rid in unindex),
            key=lambda item: item[0],
            reverse=reverse,
        )
        groups = _grouped(keyed)
    else:
        groups = (
            [
                rid
                for rid in ([group] if isinstance(group, int) else group)
                if rid in rids
            ]
            for _key, group in _groups(index, reverse)
        )
    page = []
    for group in groups:
        page += _by_id(catalog, group)
        if len(page) >= wanted:
            break
    return page[:wanted]


#: How much more sorting a record costs than looking it up while walking.
SORT_COST = 4


def _grouped(keyed):
    """The record ids of sorted ``(key, record id)`` pairs, a list per key."""
    group, last = [], object()
    for key, rid in keyed:
        if key != last and group:
            yield group
            group = []
        group.append(rid)
        last = key
    if group:
        yield group


def scores(catalog, index, text):
    """``{record id: score}`` (an ``IIBucket``) of the text ``index``'s
    query ``text`` over all records (its own BM25 scoring), remembered per
    catalog state and text: the same for every visitor."""

    def score():
        found = catalog._catalog.getIndex(index)._apply_index({index: text})
        return IIBucket() if found is None or found[0] is None else found[0]

    return remembered(catalog, ("scores", index, text), score, personal=False)


def _best(catalog, scored, end, recency):
    """The first ``end`` record ids of ``scored`` (``{record id: score}``)
    by score, the newest first where scores tie (the date index
    ``recency``), then by record id.

    Only the records that can be among them are sorted in Python: the
    ``end``-th highest score is found by a heap over the scores, and the
    bucket hands over the records that reach it (both in C), so the cost
    beyond C stays with the page, not the hits. (``byValue`` gives each
    value divided by its argument: the scores are read again.)"""
    if len(scored) > end:
        lowest = heapq.nlargest(end, scored.values())[-1]
        candidates = [(scored[rid], rid) for _share, rid in scored.byValue(lowest)]
    else:
        candidates = [(score, rid) for rid, score in scored.items()]
    dates = catalog._catalog.getIndex(recency)._unindex
    keyed = sorted((-score, -dates.get(rid, 0), rid) for score, rid in candidates)
    return [rid for _score, _date, rid in keyed[:end]]


def ranked(catalog, index, text, rids, end, recency="effective"):
    """``(count, page)``: how many of ``rids`` the text ``index`` finds for
    ``text``, and the first ``end`` of them by relevance (score), the newest
    first where scores tie (``recency``, a date index), then by record id.

    The scores of all hits are worked out once per catalog state and text
    (the same for everyone, :func:`scores`); the visitor's hits are taken
    from them and their best ``end`` picked (:func:`_best`), without
    sorting every hit."""
    found = scores(catalog, index, text)
    _weight, mine = weightedIntersection(found, rids, 1, 0)
    count = len(mine)
    if not count:
        return 0, []
    return count, _best(catalog, mine, end, recency)


def brains(catalog, rids, count):
    """A page of catalog brains of ``rids`` as a lazy sequence whose
    ``actual_result_count`` is ``count``: what ``plone.batching`` takes as a
    page of a longer result (the catalog's own ``b_start`` answer)."""
    return LazyMap(catalog._catalog.__getitem__, rids, len(rids), count)


def searched(catalog, query):
    """The brains the catalog finds for ``query`` (sorted as it asks) with
    the current user's permissions; the record ids remembered per catalog
    state and visitor. For small answers asked on every page (the section
    tabs), whose search intersects everything the visitor may see."""

    def search():
        return [item.getRID() for item in catalog.searchResults(query)]

    rids = remembered(catalog, ("searched", frozen(query)), search, query=query)
    return brains(catalog, rids, len(rids))
