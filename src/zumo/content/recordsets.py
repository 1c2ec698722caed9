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
change shows at once. After a change, or in a new minute, a remembered
answer that knows how is brought forward instead of worked out anew
(``advance``): only the records the change touched, or whose publication
window opened or closed (:mod:`zumo.content.changes`), are evaluated
again, one by one (:func:`matcher`, :func:`carry`, :func:`scores`,
:func:`reranked`, :func:`reordered`), so the first request after a change
costs what the change is, not what the catalog holds. Pages in an order
are found by walking an index from its end (:func:`ordered`,
:func:`ranked`) and stop at the page, instead of sorting every hit.
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import difference
from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import union
from BTrees.IIBTree import weightedIntersection
from collections import OrderedDict
from DateTime import DateTime
from Products.ZCTextIndex.BaseIndex import BaseIndex
from Products.ZCTextIndex.BaseIndex import inverse_doc_frequency
from Products.ZCTextIndex.QueryParser import QueryParser
from ZTUtils.Lazy import LazyMap
from zumo.content import changes

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
    return len(intersection(plain(rids), holders))


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

    def carry(self, slot, stamp, compute, advance=None):
        """The value remembered in ``slot`` for ``stamp``; else the value
        remembered for an earlier stamp brought forward by ``advance(value,
        earlier stamp)`` (``None`` where it cannot), else ``compute()``.
        A slot holds its latest stamp's value only: a thread whose view
        is older than the slot's gets its answer worked out, not stored."""
        with self.lock:
            found = self.items.get(slot)
            if found is not None:
                self.items.move_to_end(slot)
        value = None
        if found is not None:
            earlier, remembered = found
            if earlier == stamp:
                return remembered
            if advance is not None and _later(stamp, earlier):
                value = advance(remembered, earlier)
        if value is None:
            value = compute()
        with self.lock:
            current = self.items.get(slot)
            if current is None or _later(stamp, current[0]):
                self.items[slot] = (stamp, value)
                self.items.move_to_end(slot)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self):
        """Forget everything (tests, and a changed catalog never needs it)."""
        with self.lock:
            self.items.clear()


def _later(stamp, earlier):
    """Whether ``stamp`` (counter serial, counter value, minute) is not
    before ``earlier``."""
    if stamp[1] < earlier[1]:
        return False
    return stamp[2] is None or earlier[2] is None or stamp[2] >= earlier[2]


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


def remembered(catalog, key, compute, query=None, personal=True, advance=None):
    """``compute()`` remembered per committed catalog state under ``key``
    (hashable), and per visitor (:func:`visitor` of ``query``) unless the
    answer is the same for everyone (``personal=False``). Remembered values
    must hold no persistent object (record ids, numbers, ``IISet``).

    ``advance(value, delta)`` brings a value remembered for an earlier
    state (or minute) forward to this one, given the
    :class:`zumo.content.changes.Delta` between them, or answers ``None``
    to have it worked out anew."""
    committed = state(catalog)
    if committed is None:
        return compute()
    principals, minute = visitor(catalog, query) if personal else (None, None)
    stamp = (committed[1], committed[2], minute)

    def forward(value, earlier):
        delta = _delta(catalog, earlier, stamp)
        if delta is None:
            return None
        return advance(value, delta) if delta else value

    return MEMORY.carry(
        (committed[0], principals, key), stamp, compute, advance and forward
    )


def _delta(catalog, earlier, later):
    """The :class:`~zumo.content.changes.Delta` from the stamp ``earlier``
    to ``later``: the records the catalog changed, and those whose
    publication window opened or closed in between; ``None`` if unknown."""
    if (earlier[2] is None) != (later[2] is None):
        return None
    if earlier[:2] == later[:2]:
        delta = changes.Delta(IISet(), {}, catalog)
    else:
        delta = changes.between(catalog, earlier[:2], later[:2])
        if delta is None:
            return None
    if earlier[2] is not None and earlier[2] != later[2]:
        flips = changes.flipped(catalog, earlier[2], later[2])
        if len(flips) > changes.MOST_CHANGES:
            return None
        delta.rids = union(delta.rids, flips)
    return delta


class Carried:
    """A remembered set of record ids brought forward: ``base`` without the
    records ``gone`` and with the records ``new`` (both few), read without
    copying ``base``. What takes a set of the BTrees functions gets
    :func:`plain` of it."""

    __slots__ = ("base", "gone", "new", "_flat")

    #: Beyond this many changes the set is made plain again.
    MOST = 500

    def __init__(self, base, gone, new):
        self.base, self.gone, self.new = base, gone, new
        self._flat = None

    def __contains__(self, rid):
        return rid in self.new or (rid in self.base and rid not in self.gone)

    def __len__(self):
        return len(self.base) - len(self.gone) + len(self.new)

    def __bool__(self):
        return bool(len(self))

    def __iter__(self):
        return iter(self.flat())

    def flat(self):
        """The set as an ``IISet`` (worked out once)."""
        if self._flat is None:
            self._flat = union(difference(self.base, self.gone), self.new)
        return self._flat


def plain(rids):
    """``rids`` (a set, or scores) as the BTrees functions take them."""
    return rids.flat() if isinstance(rids, Carried | Scored) else rids


def carry(rids, delta, member):
    """The set ``rids`` brought forward over ``delta``: each changed record
    is in it where ``member(record id)`` says so (a :class:`Carried`)."""
    if isinstance(rids, Carried):
        base, gone, new = rids.base, set(rids.gone), set(rids.new)
    else:
        base, gone, new = rids, set(), set()
    for rid in delta.rids:
        inside = member(rid)
        if rid in base:
            (gone.discard if inside else gone.add)(rid)
        elif inside:
            new.add(rid)
        else:
            new.discard(rid)
    carried = Carried(base, IISet(gone), IISet(new))
    if len(gone) + len(new) > Carried.MOST:
        return carried.flat()
    return carried


#: Query keys that are no index of the catalog (ZCatalog passes them over).
OPTIONS = {"sort_on", "sort_order", "sort_limit", "b_start", "b_size"}


def matcher(catalog, query):
    """``member(record id)``: whether the catalog's search for ``query`` as
    the current user, now, finds the record (the allowed roles and users,
    and the publication window as Plone's catalog adds them), evaluated
    for that record alone; ``None`` for a query with a part it cannot
    evaluate (it is then worked out by the catalog)."""
    user = getSecurityManager().getUser()
    full = {**query, "allowedRolesAndUsers": catalog._listAllowedRolesAndUsers(user)}
    if not catalog.allow_inactive(query):
        full["effectiveRange"] = DateTime()
    tests = []
    for name, value in full.items():
        if name in OPTIONS or name not in catalog._catalog.indexes:
            continue
        test = _test(catalog, catalog._catalog.getIndex(name), value)
        if test is None:
            return None
        tests.append(test)
    paths = catalog._catalog.paths
    return lambda rid: rid in paths and all(test(rid) for test in tests)


def term(catalog, name, value):
    """``member(record id)``: whether the catalog index ``name`` holds
    ``value`` (or any of a list of values) for the record, read for that
    record alone (a field or keyword index)."""
    return _test(catalog, catalog._catalog.getIndex(name), value)


def _asked(value):
    """``(values, operator)`` of a query term, ``None`` for ranges and
    negations."""
    operator = "or"
    if isinstance(value, dict):
        if set(value) - {"query", "operator"}:
            return None
        operator = value.get("operator", "or")
        value = value.get("query")
    if isinstance(value, str | int | bool):
        return [value], operator
    if isinstance(value, list | tuple):
        return list(value), operator
    return None


def _test(catalog, index, value):
    """A test of one record against one query term of ``index``."""
    kind = index.meta_type
    if kind in ("FieldIndex", "KeywordIndex"):
        asked = _asked(value)
        if asked is None:
            return None
        values, operator = asked
        holders = [index._index.get(one) for one in values]

        def holds(rid, found):
            return found is not None and (
                rid == found if isinstance(found, int) else rid in found
            )

        if operator == "and":
            return lambda rid: all(holds(rid, found) for found in holders)
        return lambda rid: any(holds(rid, found) for found in holders)
    if kind == "ExtendedPathIndex":
        return _path_test(catalog, value)
    if kind == "DateRangeIndex" and isinstance(value, DateTime):
        term = index._convertDateTime(value)

        def current(rid):
            window = index.getEntryForObject(rid, None)
            if window is None:
                return False
            since, until = window
            return (since is None or since <= term) and (until is None or term <= until)

        return current
    return None


def _path_test(catalog, value):
    """A test of a record's path against an ``ExtendedPathIndex`` term
    (a path, or ``{"query": path, "depth": n}``)."""
    depth = -1
    if isinstance(value, dict):
        if set(value) - {"query", "depth"}:
            return None
        depth = value.get("depth", -1)
        value = value.get("query")
    if not isinstance(value, str) or not isinstance(depth, int):
        return None
    top = value.rstrip("/")
    paths = catalog._catalog.paths

    def below(rid):
        path = paths.get(rid)
        if path is None:
            return False
        if path == top:
            return depth <= 0
        if not path.startswith(top + "/"):
            return False
        return depth < 0 or path[len(top) + 1 :].count("/") < depth

    return below


def frozen(query):
    """A catalog query as a hashable key."""
    return tuple(sorted((name, repr(value)) for name, value in query.items()))


def found(catalog, query):
    """Record ids the catalog finds for ``query`` (no sorting) with the
    current user's permissions, remembered per catalog state and visitor:
    the catalog's own search the first time, so its filters are Plone's."""

    def search():
        return of_results(catalog.searchResults(query))

    def advance(rids, delta):
        member = matcher(catalog, query)
        return None if member is None else carry(rids, delta, member)

    return remembered(
        catalog, ("found", frozen(query)), search, query=query, advance=advance
    )


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
        groups = (_among(group, rids) for _key, group in _groups(index, reverse))
    page = []
    for group in groups:
        page += _by_id(catalog, group)
        if len(page) >= wanted:
            break
    return page[:wanted]


def _among(group, rids):
    """The record ids of an index's ``group`` (one or a set) among ``rids``
    (looked up in C, also in a :class:`Carried` set)."""
    group = (group,) if isinstance(group, int) else group
    if not isinstance(rids, Carried):
        return [rid for rid in group if rid in rids]
    base, gone, new = rids.base, rids.gone, rids.new
    found = [rid for rid in group if rid in base]
    if gone:
        found = [rid for rid in found if rid not in gone]
    if new:
        found += [rid for rid in group if rid in new]
    return found


#: How much more sorting a record costs than looking it up while walking.
SORT_COST = 4


def reordered(catalog, page, delta, rids, index, reverse=False, end=None):
    """:func:`ordered` brought forward from its earlier ``page`` over
    ``delta``, given ``rids`` of now: the page's unchanged records and the
    changed ones among ``rids``, in the index's order (ties by id);
    ``None`` where records beyond the old page might now belong on it (a
    full page whose last record changed, or that lost records)."""
    changed = delta.rids
    if end is None or len(page) >= end and page[-1] in changed:
        return None
    unindex = catalog._catalog.getIndex(index)._unindex

    def key(rid):
        value = unindex[rid]
        return (-value if reverse else value), indexed(catalog, "getId", rid) or ""

    candidates = sorted(
        {rid for rid in page if rid not in changed}
        | {rid for rid in changed if rid in rids and rid in unindex},
        key=key,
    )
    if len(page) >= end and (
        len(candidates) < end or key(candidates[end - 1]) > key(page[-1])
    ):
        return None
    return candidates[:end]


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


class Scored:
    """The scores of a text query over all records, brought forward after
    changes: ``base`` (an ``IIBucket``) with ``patch`` (``{record id:
    score, or None where it no longer matches}``) over it; ``stats`` are
    the text index's document count and total length ``base`` was scored
    with."""

    __slots__ = ("base", "patch", "stats", "_flat")

    def __init__(self, base, patch, stats):
        self.base, self.patch, self.stats = base, patch, stats
        self._flat = None

    def get(self, rid, default=None):
        """The score of ``rid`` (``default`` where the text is not in it)."""
        if rid in self.patch:
            found = self.patch[rid]
            return default if found is None else found
        return self.base.get(rid, default)

    def __contains__(self, rid):
        return self.get(rid) is not None

    def flat(self):
        """The scores as an ``IIBucket`` (worked out once)."""
        if self._flat is None:
            if not self.patch:
                self._flat = self.base
            else:
                flat = IIBucket(self.base)
                for rid, found in self.patch.items():
                    if found is None:
                        flat.pop(rid, None)
                    else:
                        flat[rid] = found
                self._flat = flat
        return self._flat


#: How far the text index's document count or mean length may drift from
#: what the remembered scores were worked out with before they are worked
#: out anew (changed records are scored with the statistics of now).
DRIFT = 0.01


def _statistics(okapi):
    """The document count and total length of a text index (``None`` for
    an index that is no Okapi BM25 index)."""
    if not hasattr(okapi, "_totaldoclen") or not hasattr(okapi, "K1"):
        return None
    return okapi.document_count(), okapi._totaldoclen()


class _Only:
    """A text index's search, restricted to some records: what the query
    tree of ``ZCTextIndex`` asks of its index (BaseIndex's own ``search``,
    ``search_glob``, ``search_phrase``), with ``OkapiIndex``'s BM25 scoring
    of only those records."""

    search = BaseIndex.search
    search_glob = BaseIndex.search_glob
    search_phrase = BaseIndex.search_phrase
    _remove_oov_wids = BaseIndex._remove_oov_wids

    def __init__(self, okapi, rids):
        self._okapi = okapi
        self._lexicon = okapi._lexicon
        self._wordinfo = okapi._wordinfo
        self._docwords = okapi._docwords
        self._rids = rids

    def _search_wids(self, wids):
        okapi = self._okapi
        count = float(okapi.document_count())
        mean = okapi._totaldoclen() / count
        k1, b = okapi.K1, okapi.B
        lengths = okapi._docweight
        found = []
        for wid in wids:
            frequencies = self._wordinfo[wid]
            idf = inverse_doc_frequency(len(frequencies), count) * 1024.0
            scored = IIBucket()
            for rid in self._rids:
                f = frequencies.get(rid)
                if f:
                    weight = 1.0 - b + b * lengths[rid] / mean
                    scored[rid] = int(f * (k1 + 1.0) / (f + k1 * weight) * idf + 0.5)
            found.append((scored, 1))
        return found


def _query_text(text):
    """The query string of a text index term."""
    if isinstance(text, dict):
        text = text.get("query")
    return " ".join(text) if isinstance(text, list | tuple) else text


def scores(catalog, index, text):
    """``{record id: score}`` (a :class:`Scored`) of the text ``index``'s
    query ``text`` over all records (its own BM25 scoring), remembered per
    catalog state and text: the same for every visitor. After a change only
    the changed records are scored again (with the index's statistics of
    now), until the statistics drift by more than :data:`DRIFT`."""
    textindex = catalog._catalog.getIndex(index)

    def score():
        found = textindex._apply_index({index: text})
        bucket = IIBucket() if found is None or found[0] is None else found[0]
        return Scored(bucket, {}, _statistics(textindex.index))

    def advance(scored, delta):
        now = _statistics(textindex.index)
        if now is None or scored.stats is None or not now[0] or not scored.stats[0]:
            return None
        (count, length), (then, then_length) = now, scored.stats
        if (
            abs(count - then) > DRIFT * then
            or abs(length / count - then_length / then) > DRIFT * then_length / then
        ):
            return None
        tree = QueryParser(textindex.getLexicon()).parseQuery(_query_text(text))
        found = tree.executeQuery(_Only(textindex.index, delta.rids))
        if found is None:
            return None
        patch = dict(scored.patch)
        for rid in delta.rids:
            patch[rid] = found.get(rid)
        carried = Scored(scored.base, patch, scored.stats)
        if len(patch) > Carried.MOST:
            return Scored(carried.flat(), {}, scored.stats)
        return carried

    return remembered(
        catalog, ("scores", index, text), score, personal=False, advance=advance
    )


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


def _key(catalog, scored, recency):
    """The order of :func:`_best` as a key of a record id."""
    dates = catalog._catalog.getIndex(recency)._unindex
    return lambda rid: (-scored.get(rid, 0), -dates.get(rid, 0), rid)


def ranked(catalog, index, text, rids, end, recency="effective"):
    """``(count, page, last)``: how many of ``rids`` the text ``index``
    finds for ``text``, the first ``end`` of them by relevance (score), the
    newest first where scores tie (``recency``, a date index), then by
    record id, and the order key of the page's last record.

    The scores of all hits are worked out once per catalog state and text
    (the same for everyone, :func:`scores`); the visitor's hits are taken
    from them and their best ``end`` picked (:func:`_best`), without
    sorting every hit."""
    found = scores(catalog, index, text)
    _weight, mine = weightedIntersection(found.flat(), plain(rids), 1, 0)
    count = len(mine)
    if not count:
        return 0, [], None
    page = _best(catalog, mine, end, recency)
    return count, page, _key(catalog, found, recency)(page[-1])


def reranked(catalog, previous, delta, index, text, rids, end, recency="effective"):
    """:func:`ranked` brought forward from its ``previous`` answer over
    ``delta``, given the visitor's ``rids`` of now (all of them hits of the
    text): the page's unchanged records and the changed ones that are hits
    now, ordered; ``None`` where records beyond the old page might now
    belong on it (a full page lost records)."""
    _count, page, last = previous
    found = scores(catalog, index, text)
    key = _key(catalog, found, recency)
    changed = delta.rids
    candidates = sorted(
        {rid for rid in page if rid not in changed}
        | {rid for rid in changed if rid in rids and rid in found},
        key=key,
    )
    if len(page) >= end and (
        len(candidates) < end or last is None or key(candidates[end - 1]) > last
    ):
        return None
    page = candidates[:end]
    return len(rids), page, key(page[-1]) if page else None


def brains(catalog, rids, count):
    """A page of catalog brains of ``rids`` as a lazy sequence whose
    ``actual_result_count`` is ``count``: what ``plone.batching`` takes as a
    page of a longer result (the catalog's own ``b_start`` answer)."""
    data = catalog._catalog.data
    rids = [rid for rid in rids if rid in data]
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
