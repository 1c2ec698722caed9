"""Which catalog records each committed transaction changed (issue 30).

The finder and the start page remember sets of record ids per committed
state of the catalog (:mod:`zumo.content.recordsets`). After a change they
need not work them out again over every record: they bring them forward,
evaluating only the records that changed. This module says which those
are:

* :class:`ChangeLog`, an indexing-queue processor (as collective.solr and
  collective.elasticsearch hook into Plone's indexing), writes one
  :class:`Change` per committed transaction that changed the catalog: the
  catalog's change counter before and after, the record ids the queue
  indexed, reindexed or unindexed, and what the tallied indexes
  (:func:`tallied`: the facets and the demo mark) held for each of them
  before the transaction. Its ``begin`` runs before any processor indexes
  anything, so the old values are read whatever the processors' order.
  Each transaction writes a key of its own (the counter before it and a
  random token), so concurrent edits do not conflict over the log.
* :func:`between` gathers the changes committed from one state to another
  (by their commit serials, in commit order). Where they do not add up to
  the counter's change (a transaction that changed the catalog other than
  through the queue writes no change: its counter moved more than the
  queue's operations), it answers ``None``, and the remembered sets are
  worked out again as before.
* :func:`flipped` gives the records whose publication window
  (``effectiveRange``) opened or closed between two minutes: for
  anonymous visitors the same sets change with the clock.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IISet
from BTrees.IIBTree import multiunion
from BTrees.OOBTree import OOBTree
from functools import cache
from persistent import Persistent
from Products.CMFCore.interfaces import IIndexQueueProcessor
from Products.CMFCore.utils import getToolByName
from zope.interface import implementer

import os
import transaction


@cache
def tallied():
    """The indexes whose values are tallied (the facets of both finders
    and the demo mark): what each changed record held before a transaction
    is kept with it."""
    from zumo.content import facets

    sections = (facets.PRACTICE_EXAMPLES, facets.DIRECTORY)
    names = [facet.index for name in sections for facet in facets.facets(name)]
    return tuple(dict.fromkeys([*names, "zumo_demo"]))


#: The log keeps the transactions of this many catalog operations back.
KEPT_OPERATIONS = 20000
#: How far back (in catalog operations) a transaction may have started and
#: still be found among those committed after a state.
WINDOW = 1000
#: Beyond this many changed records a remembered set is worked out anew.
MOST_CHANGES = 2000
#: The attribute of the catalog tool that holds the log.
LOG = "_zumo_changes"
#: An index of the ZUMO content types: the log is kept where it is.
MARK = "zumo_demo"


class Change(Persistent):
    """One committed transaction's change of the catalog: the counter
    ``before`` and ``after`` it (as the transaction saw it), the record
    ``rids`` touched and ``old``, ``{rid: {index: value}}`` of the tallied
    indexes before it (no entry: a new record). Its ``_p_serial`` is the
    transaction's commit."""

    def __init__(self, before):
        self.before = before
        self.after = None
        self.rids = IISet()
        self.old = {}


class Delta:
    """The records changed between two states: ``rids`` (an ``IISet``) and
    :meth:`old`, what a tallied index held for one of them before."""

    def __init__(self, rids, old, catalog):
        self.rids = rids
        self._old = old
        self._catalog = catalog

    def __bool__(self):
        return bool(self.rids)

    def old(self, rid, index):
        """What ``index`` held for ``rid`` in the earlier state (``None``:
        nothing). A record whose publication window alone changed holds
        what it holds now."""
        if rid in self._old:
            values = self._old[rid]
            return None if values is None else values.get(index)
        return entry(self._catalog, index, rid)


def entry(catalog, index, rid):
    """What the catalog ``index`` holds for record ``rid`` now."""
    return catalog._catalog.getIndex(index).getEntryForObject(rid, None)


class _Pending:
    """What the queue did to one catalog in the current transaction."""

    def __init__(self, counter):
        self.valid = counter is not None and not counter._p_changed
        self.before = counter() if self.valid else None
        self.change = None
        self.paths = set()
        self.old = {}  # path: (rid, values) before the transaction
        self.operations = 0
        self.hooked = False


def _path(obj):
    return "/".join(obj.getPhysicalPath())


@implementer(IIndexQueueProcessor)
class ChangeLog:
    """The indexing-queue processor that keeps the log of changes."""

    def begin(self):
        """Read the old values of everything the queue is about to index."""
        from Products.CMFCore.indexing import getQueue

        for _op, obj, _attributes, _metadata in getQueue().getState():
            catalog = getToolByName(obj, "portal_catalog", None)
            pending = _pending(catalog)
            if pending is None or not pending.valid:
                continue
            path = _path(obj)
            if path in pending.old:
                continue
            rid = catalog._catalog.uids.get(path)
            values = None
            if rid is not None:
                values = {
                    name: entry(catalog, name, rid)
                    for name in tallied()
                    if name in catalog._catalog.indexes
                }
            pending.old[path] = (rid, values)

    def _noted(self, obj):
        catalog = getToolByName(obj, "portal_catalog", None)
        pending = _pending(catalog)
        if pending is None:
            return
        pending.paths.add(_path(obj))
        pending.operations += 1
        if not pending.hooked:
            pending.hooked = True
            transaction.get().addBeforeCommitHook(_write, (catalog, pending))

    def index(self, obj, attributes=None):
        """Note an object the catalog indexes."""
        self._noted(obj)

    def reindex(self, obj, attributes=None, update_metadata=False):
        """Note an object the catalog indexes again."""
        self._noted(obj)

    def unindex(self, obj):
        """Note an object the catalog drops."""
        self._noted(obj)

    def commit(self):
        """Nothing: the log is written before the commit (``_write``)."""

    def abort(self):
        """Nothing: what was noted goes with the transaction."""


def _pending(catalog):
    """The current transaction's :class:`_Pending` of ``catalog`` (``None``
    for a catalog without the ZUMO indexes: another site of the Zope)."""
    if catalog is None or not hasattr(catalog, "getCounter"):
        return None
    if MARK not in catalog._catalog.indexes:
        return None
    current = transaction.get()
    try:
        return current.data(aq_base(catalog))
    except KeyError:
        found = _Pending(getattr(catalog, "_counter", None))
        current.set_data(aq_base(catalog), found)
        return found


def _write(catalog, pending):
    """Write the transaction's :class:`Change` (before it commits)."""
    pending.hooked = False
    log = getattr(catalog, LOG, None)
    if not pending.valid:
        return
    if log is None:
        log = OOBTree()
        setattr(catalog, LOG, log)
    after = catalog._counter()
    if after - pending.before != pending.operations:
        # The catalog changed other than through the queue: no link, so
        # whatever was remembered before is worked out anew.
        if pending.change is not None:
            log.pop(pending.key, None)
            pending.change = None
        return
    change = pending.change
    if change is None:
        change = pending.change = Change(pending.before)
        pending.key = (pending.before, os.urandom(8))
        log[pending.key] = change
    uids = catalog._catalog.uids
    rids = set()
    old = {}
    for path in pending.paths:
        before, values = pending.old.get(path, (None, None))
        if before is not None:
            rids.add(before)
            old[before] = values
        now = uids.get(path)
        if now is not None:
            rids.add(now)
    change.after = after
    change.rids = IISet(rids)
    change.old = old
    for key in list(log.keys(max=(pending.before - KEPT_OPERATIONS,))):
        del log[key]


def between(catalog, earlier, later):
    """The :class:`Delta` from the committed state ``earlier`` to
    ``later`` (``(counter serial, counter value)`` each, as
    :func:`zumo.content.recordsets.state` names them): the changes
    committed after the one and up to the other, in commit order; ``None``
    where they do not add up to the counter's change or too much changed."""
    log = getattr(catalog, LOG, None)
    (since, start), (until, end) = earlier, later
    if log is None or end < start:
        return None
    found = []
    for change in log.values((start - WINDOW,), (end, b"\xff" * 9)):
        if change.after is not None and since < change._p_serial <= until:
            found.append(change)
    if sum(change.after - change.before for change in found) != end - start:
        return None
    rids = IISet()
    old = {}
    for change in sorted(found, key=lambda change: change._p_serial):
        for rid in change.rids:
            if rid not in old:
                old[rid] = change.old.get(rid)
        rids = multiunion([rids, change.rids])
        if len(rids) > MOST_CHANGES:
            return None
    return Delta(rids, old, catalog)


def _held(tree, low, high):
    """Record ids held under the keys ``low`` to ``high`` of a date tree."""
    return [
        IISet([found]) if isinstance(found, int) else found
        for found in tree.values(low, high)
    ]


def flipped(catalog, earlier, later):
    """Record ids whose publication window opened or closed between the
    minutes ``earlier`` and ``later`` (``effectiveRange``, in minutes)."""
    index = catalog._catalog.getIndex("effectiveRange")
    low, high = min(earlier, later), max(earlier, later)
    trees = (index._since, index._since_only, index._until, index._until_only)
    return multiunion([found for tree in trees for found in _held(tree, low, high)])
