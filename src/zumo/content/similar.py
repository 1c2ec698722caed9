"""“Similar municipalities did this”: suggestions of practice examples.

For a practice example, or for a municipality, up to five published
practice examples of *other* municipalities, ranked by what they share:

* each shared ZUMO topic (``WEIGHTS["topic"]``) and future trend,
* the same size class of municipality,
* nearness (within ``NEAR_KM``, more the nearer).

A municipality's topics and trends are those of its own practice
examples. Topics, trends and size class are scored from the catalog
indexes alone (record-id sets, no brains); only the best candidates are
then read from catalog metadata for distance and reasons. Each suggestion
says why in words: “gleiche Größenklasse, 12 km entfernt, Themenfeld
Daseinsvorsorge”.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import weightedIntersection
from BTrees.IIBTree import weightedUnion
from DateTime import DateTime
from itertools import islice
from math import asin
from math import cos
from math import radians
from math import sin
from math import sqrt
from plone import api
from Products.CMFCore.indexing import processQueue
from zumo.content import _
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.municipality import IMunicipality
from zumo.content.relations import location
from zumo.content.relations import municipality_of


#: How much each shared trait counts.
WEIGHTS = {"topic": 3, "trend": 2, "size_class": 2, "near": 3}
#: Examples within this distance count as near (the nearer, the more).
NEAR_KM = 50
#: How many suggestions are shown, and how many candidates are read.
SHOWN = 5
CANDIDATES = 20


def distance_km(first, second):
    """Great-circle distance in km between two ``(latitude, longitude)``."""
    lat1, lon1, lat2, lon2 = map(radians, (*first, *second))
    a = (
        sin((lat2 - lat1) / 2) ** 2
        + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * asin(sqrt(a))


def _traits(context, catalog):
    """``(municipality, topics, trends, size class, point)`` of ``context``."""
    if IMunicipality.providedBy(context):
        municipality = context
        own = catalog.unrestrictedSearchResults(
            portal_type="PracticeExample",
            review_state="published",
            zumo_municipality_uid=context.UID(),
        )
        topics = {t for b in own for t in facets.metadata(b, "zumo_topics") or ()}
        trends = {t for b in own for t in facets.metadata(b, "zumo_trends") or ()}
    else:
        municipality = municipality_of(context)
        topics = set(getattr(context, "topics", None) or ())
        trends = set(getattr(context, "trends", None) or ())
    size_class = municipality.size_class if municipality is not None else None
    return municipality, topics, trends, size_class, location(context)


def _excluded(catalog, context, municipality):
    """Record ids never suggested: the context and its municipality's examples."""
    excluded = IISet()
    if municipality is not None:
        excluded = IISet(
            recordsets.holding(catalog, "zumo_municipality_uid", municipality.UID())
        )
    own = recordsets.record_id(catalog, context)
    if own is not None:
        excluded.insert(own)
    return excluded


def _readable(catalog, now):
    """Record ids of the published, current examples the current user may
    view.

    The catalog's own filters, applied on the index sets: the user's roles
    and groups in ``allowedRolesAndUsers``, intersected with the published
    examples whose publication date has come and whose expiry date has not
    (``effectiveRange``). Plone lets editors find expired content; a
    suggestion is for reading, so nobody is offered an expired example.
    """
    readable = recordsets.readable(catalog, api.user.get_current())
    published = recordsets.holding(catalog, "review_state", "published")
    examples = recordsets.holding(catalog, "portal_type", "PracticeExample")
    current = recordsets.current(catalog, now)
    return intersection(
        intersection(intersection(examples, published), current), readable
    )


def suggestions(context):
    """Up to five suggestions for ``context``: dicts with ``title``, ``url``,
    ``municipality``, ``reasons`` (messages to translate, in words) and
    ``score``.

    Which examples the user may read and their scores are worked out on the
    indexes' record-id sets (in C, whatever the number of examples); only
    the best ``CANDIDATES`` are read from metadata for distance and
    reasons.
    """
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()  # the indexes are read directly: index what is pending
    municipality, topics, trends, size_class, point = _traits(context, catalog)
    now = DateTime()
    pool = difference(
        _readable(catalog, now), _excluded(catalog, context, municipality)
    )
    if not pool:
        return []
    scores = IIBucket()
    best = 0
    for index, values, weight in (
        ("zumo_topics", topics, WEIGHTS["topic"]),
        ("zumo_trends", trends, WEIGHTS["trend"]),
        ("zumo_size_class", {size_class} - {None}, WEIGHTS["size_class"]),
    ):
        for value in values:
            holders = recordsets.holding(catalog, index, value)
            _weight, scores = weightedUnion(scores, holders, 1, weight)
            best += weight
    _weight, scores = weightedIntersection(scores, pool, 1, 0)
    ranked = [(rid, score) for score, rid in _top(scores, best)]
    if point is not None and len(ranked) < CANDIDATES:
        # Nearness alone may qualify: add unscored examples to be measured.
        unscored = (rid for rid in pool if rid not in scores)
        ranked += [(rid, 0) for rid in islice(unscored, CANDIDATES - len(ranked))]
    found = [
        _suggestion(
            recordsets.brain(catalog, rid), score, topics, trends, size_class, point
        )
        for rid, score in ranked
    ]
    found = [item for item in found if item["score"] > 0]
    found.sort(key=lambda item: (-item["score"], item["title"]))
    shown = found[:SHOWN]
    for item in shown:
        brain = item.pop("brain")
        item["url"] = brain.getURL()
        item["municipality"] = facets.metadata(brain, "zumo_municipality_title")
        item["reasons"] = _reasons(brain, item.pop("km"), topics, trends, size_class)
    return shown


def _top(scores, best):
    """The ``CANDIDATES`` highest ``(score, record id)`` of ``scores``.

    Sorting all scores of 10,000 examples would cost more than the rest of
    the block; the scores are small integers up to ``best``, so the
    threshold is lowered until enough examples reach it.
    """
    for threshold in range(best, 0, -1):
        top = scores.byValue(threshold)
        if len(top) >= CANDIDATES:
            break
    else:
        top = scores.byValue(1) if scores else []
    return top[:CANDIDATES]


def _suggestion(brain, score, topics, trends, size_class, point):
    """One candidate scored from catalog metadata (with the distance)."""
    latitude = facets.metadata(brain, "zumo_latitude")
    longitude = facets.metadata(brain, "zumo_longitude")
    km = None
    if point is not None and latitude is not None and longitude is not None:
        km = distance_km(point, (latitude, longitude))
        if km <= NEAR_KM:
            score += round(WEIGHTS["near"] * (1 - km / NEAR_KM)) + 1
        else:
            km = None
    return {"title": brain.Title, "brain": brain, "score": score, "km": km}


def _shared(index, title):
    """The reason for a shared topic or trend (``index``) titled ``title``."""
    if index == "zumo_topics":
        return _("reason_topic", default="Themenfeld ${topic}",
                 mapping={"topic": title})  # fmt: skip
    return _("reason_trend", default="Zukunftstrend ${trend}",
             mapping={"trend": title})  # fmt: skip


def _reasons(brain, km, topics, trends, size_class):
    """Why ``brain`` was suggested, as messages to translate."""
    by_index = facets.by_index()
    reasons = []
    if size_class and facets.metadata(brain, "zumo_size_class") == size_class:
        reasons.append(_("reason_size_class", default="gleiche Größenklasse"))
    if km is not None:
        reasons.append(
            _("reason_distance", default="${km} km entfernt",
              mapping={"km": round(km)})
        )  # fmt: skip
    for index, chosen in (("zumo_topics", topics), ("zumo_trends", trends)):
        for token in facets.metadata(brain, index) or ():
            if token in chosen:
                reasons.append(_shared(index, by_index[index].title_of(token)))
    return reasons
