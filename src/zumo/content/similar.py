"""“Similar municipalities did this”: suggestions of practice examples.

For a practice example, or for a municipality, up to five published
practice examples of *other* municipalities, ranked by what they share:

* first what is alike in content: each shared ZUMO topic, field of action,
  future trend and target group (``CONTENT``);
* then the place: the same Landkreis (or Stadtkreis), nearness (within
  ``NEAR_KM``, more the nearer), the same Regierungsbezirk;
* last, as an addition only, the same size class.

Content ranks first: one shared value of content outweighs everything that
place and size add together (``CONTENT_FACTOR``). An example qualifies by
content, by its Kreis or by nearness; the Regierungsbezirk and the size
class only add to one that qualified, so no suggestion is made for size
alone.

A municipality's content is that of its own published practice examples.
Content and Kreis are scored from the catalog indexes alone (record-id
sets, no brains); only the best candidates are then read from catalog
metadata for distance, Regierungsbezirk, size and reasons. Each suggestion
says why in words, content first: “gleiche Themenfelder: Daseinsvorsorge,
Lebensqualität; ebenfalls im Landkreis Reutlingen; 12 km entfernt; gleiche
Größenklasse”.
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
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message
from zumo.content import _
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.i18n import translated
from zumo.content.municipality import IMunicipality
from zumo.content.relations import location
from zumo.content.relations import municipality_of


#: What is alike in content, in the order the reasons name it: the catalog
#: index, the schema field of a practice example, how much each shared
#: value counts, and the reason for one and for several shared values.
CONTENT = (
    (
        "zumo_topics", "topics", 3,
        _("reason_shared_topic", default="gleiches Themenfeld: ${values}"),
        _("reason_shared_topics", default="gleiche Themenfelder: ${values}"),
    ),
    (
        "zumo_fields_of_action", "fields_of_action", 3,
        _("reason_shared_field_of_action", default="gleiches Handlungsfeld: ${values}"),
        _("reason_shared_fields_of_action", default="gleiche Handlungsfelder: ${values}"),
    ),
    (
        "zumo_trends", "trends", 2,
        _("reason_shared_trend", default="gleicher Zukunftstrend: ${values}"),
        _("reason_shared_trends", default="gleiche Zukunftstrends: ${values}"),
    ),
    (
        "zumo_target_groups", "target_groups", 2,
        _("reason_shared_target_group", default="gleiche Zielgruppe: ${values}"),
        _("reason_shared_target_groups", default="gleiche Zielgruppen: ${values}"),
    ),
)  # fmt: skip
#: How much place and size count. The same Kreis qualifies an example, as
#: nearness does (up to ``near`` points, the more the nearer); the
#: Regierungsbezirk and the size class only add.
WEIGHTS = {"district": 2, "near": 3, "region": 1, "size_class": 1}
#: Content ranks first: one point of content outweighs place and size together.
CONTENT_FACTOR = 1 + sum(WEIGHTS.values())
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
    """What ``context`` is like: ``{"municipality", "content" (index: set of
    tokens), "district", "region", "size_class", "point"}``."""
    if IMunicipality.providedBy(context):
        municipality = context
        own = catalog.unrestrictedSearchResults(
            portal_type="PracticeExample",
            review_state="published",
            zumo_municipality_uid=context.UID(),
        )
        content = {
            index: {t for b in own for t in facets.metadata(b, index) or ()}
            for index, *_rest in CONTENT
        }
    else:
        municipality = municipality_of(context)
        content = {
            index: set(getattr(context, field, None) or ())
            for index, field, *_rest in CONTENT
        }
    return {
        "municipality": municipality,
        "content": content,
        "district": getattr(municipality, "district", None),
        "region": getattr(municipality, "region", None),
        "size_class": getattr(municipality, "size_class", None),
        "point": location(context),
    }


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

    def compute():
        readable = recordsets.readable(catalog, api.user.get_current())
        published = recordsets.holding(catalog, "review_state", "published")
        examples = recordsets.holding(catalog, "portal_type", "PracticeExample")
        current = recordsets.current(catalog, now)
        return intersection(
            intersection(intersection(examples, published), current), readable
        )

    # Every page of an example asks; remembered per catalog state, visitor
    # and minute (the publication dates' resolution in the catalog).
    minute = int(now.timeTime() // 60)
    return recordsets.remembered(catalog, ("similar", minute), compute)


def _scores(catalog, traits, pool):
    """``(scores, best)``: an ``IIBucket`` of record id to the points of
    shared content and Kreis, for the examples of ``pool`` that share any,
    and the most points an example could reach."""
    weighted = [
        (index, traits["content"][index], weight * CONTENT_FACTOR)
        for index, _field, weight, *_messages in CONTENT
    ]
    if traits["district"]:
        weighted.append(("zumo_district", {traits["district"]}, WEIGHTS["district"]))
    scores = IIBucket()
    best = 0
    for index, values, weight in weighted:
        for value in values:
            holders = recordsets.holding(catalog, index, value)
            _weight, scores = weightedUnion(scores, holders, 1, weight)
            best += weight
    _weight, scores = weightedIntersection(scores, pool, 1, 0)
    return scores, best


def suggestions(context):
    """Up to five suggestions for ``context``: dicts with ``title``, ``url``,
    ``municipality``, ``demo``, ``reasons`` (messages to translate, in
    words, what is alike in content first) and ``score``.

    Which examples the user may read and their scores are worked out on the
    indexes' record-id sets (in C, whatever the number of examples); only
    the best ``CANDIDATES`` are read from metadata for distance, place,
    size and reasons. Every view of the page asks the same: the answer is
    remembered per committed catalog state, visitor and minute (the
    publication dates' resolution), holding paths, not addresses (those
    depend on the request's host).
    """
    return _remembered(context, "suggestions", lambda found: found)


def shown(context, request):
    """The suggestions of :func:`suggestions` as the page shows them: the
    reasons of each as one text in the language of ``request``, separated
    by semicolons (a reason lists its shared values with commas);
    remembered as :func:`suggestions` is, and per language."""

    def in_words(found):
        return [
            dict(
                item,
                reasons="; ".join(
                    translated(reason, request) for reason in item["reasons"]
                ),
            )
            for item in found
        ]

    return _remembered(context, ("shown", request.get("LANGUAGE")), in_words)


def _remembered(context, kind, finish):
    """``finish`` of the suggestions for ``context`` (see :func:`suggestions`),
    remembered under ``kind``, each with its ``url`` for this request."""
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()  # the indexes are read directly: index what is pending
    now = DateTime()
    own = recordsets.record_id(catalog, context)

    def compute():
        return finish(_suggestions(catalog, context, now))

    if own is None:  # not in the catalog: nothing to key it by
        found = compute()
    else:
        minute = int(now.timeTime() // 60)
        found = recordsets.remembered(catalog, (kind, own, minute), compute)
    request = getRequest() or context.REQUEST
    return [dict(item, url=request.physicalPathToURL(item["path"])) for item in found]


def _suggestions(catalog, context, now):
    """The suggestions of :func:`suggestions`, each with the ``path`` of
    the example instead of its ``url``."""
    traits = _traits(context, catalog)
    pool = difference(
        _readable(catalog, now), _excluded(catalog, context, traits["municipality"])
    )
    if not pool:
        return []
    scores, best = _scores(catalog, traits, pool)
    ranked = [(rid, score) for score, rid in _top(scores, best)]
    if traits["point"] is not None and len(ranked) < CANDIDATES:
        # Nearness alone may qualify: add unscored examples to be measured.
        unscored = (rid for rid in pool if rid not in scores)
        ranked += [(rid, 0) for rid in islice(unscored, CANDIDATES - len(ranked))]
    found = [
        _suggestion(recordsets.brain(catalog, rid), score, traits)
        for rid, score in ranked
    ]
    found = [item for item in found if item["score"] > 0]
    found.sort(key=lambda item: (-item["score"], item["title"]))
    shown = found[:SHOWN]
    for item in shown:
        brain = item.pop("brain")
        item["path"] = brain.getPath()
        item["municipality"] = facets.metadata(brain, "zumo_municipality_title")
        item["demo"] = bool(facets.metadata(brain, "zumo_demo"))
        item["reasons"] = tuple(_reasons(brain, item.pop("km"), traits))
    return shown


def _top(scores, best):
    """The ``CANDIDATES`` highest ``(score, record id)`` of ``scores``.

    Sorting all scores of 10,000 examples would cost more than the rest of
    the block; the scores are integers up to ``best``, so the highest
    threshold that enough examples reach is searched by halving.
    """
    low, high = 1, max(best, 1)
    while low < high:
        middle = (low + high + 1) // 2
        if len(scores.byValue(middle)) >= CANDIDATES:
            low = middle
        else:
            high = middle - 1
    # ``byValue`` gives each value divided by its argument: read the scores.
    found = sorted(
        ((scores[rid], rid) for _share, rid in scores.byValue(low)), reverse=True
    )
    return found[:CANDIDATES]


def _near(brain, point):
    """The distance in km of ``brain`` from ``point`` if it is near, else ``None``."""
    latitude = facets.metadata(brain, "zumo_latitude")
    longitude = facets.metadata(brain, "zumo_longitude")
    if point is None or latitude is None or longitude is None:
        return None
    km = distance_km(point, (latitude, longitude))
    return km if km <= NEAR_KM else None


def _suggestion(brain, score, traits):
    """One candidate scored from catalog metadata: nearness may qualify it,
    the Regierungsbezirk and the size class only add to one that qualified."""
    km = _near(brain, traits["point"])
    if km is not None:
        score += 1 + round((WEIGHTS["near"] - 1) * (1 - km / NEAR_KM))
    if score > 0:
        for trait in ("region", "size_class"):
            value = traits[trait]
            if value and facets.metadata(brain, f"zumo_{trait}") == value:
                score += WEIGHTS[trait]
    return {"title": brain.Title, "brain": brain, "score": score, "km": km}


def _reasons(brain, km, traits):
    """Why ``brain`` was suggested, as messages to translate: shared
    content (each kind with the shared values' titles), then the place,
    then the size."""
    by_index = facets.by_index()
    reasons = []
    for index, _field, _weight, one, several in CONTENT:
        chosen = traits["content"][index]
        shared = [
            by_index[index].title_of(token)
            for token in facets.metadata(brain, index) or ()
            if token in chosen
        ]
        if shared:
            message = several if len(shared) > 1 else one
            reasons.append(Message(message, mapping={"values": ", ".join(shared)}))
    district = traits["district"]
    if district and facets.metadata(brain, "zumo_district") == district:
        reasons.append(
            _("reason_same_district", default="ebenfalls im ${district}",
              mapping={"district": district})
        )  # fmt: skip
    elif traits["region"] and facets.metadata(brain, "zumo_region") == traits["region"]:
        region = by_index["zumo_region"].title_of(traits["region"])
        reasons.append(
            _("reason_same_region", default="ebenfalls im ${region}",
              mapping={"region": region})
        )  # fmt: skip
    if km is not None:
        reasons.append(
            _("reason_distance", default="${km} km entfernt",
              mapping={"km": round(km)})
        )  # fmt: skip
    size_class = traits["size_class"]
    if size_class and facets.metadata(brain, "zumo_size_class") == size_class:
        reasons.append(_("reason_size_class", default="gleiche Größenklasse"))
    return reasons
