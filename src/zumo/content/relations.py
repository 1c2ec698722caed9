"""Relations between ZUMO content: the schema fields, their pickers, the values.

Schemas declare relation fields with :func:`relation_choice` and
:func:`relation_list` and give the related-items widget one of the
``*_PICKER`` options; code that fills relation fields (demo, tests) uses
:func:`relation_to`; code that follows them (indexers, views, the policy)
uses :func:`related_objects`, :func:`municipality_of` and :func:`location`.
"""

from z3c.relationfield import RelationValue
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zumo.content.behaviors.geolocation import IGeolocation
from zumo.content.municipality import IMunicipality


CATALOG = "plone.app.vocabularies.Catalog"

# pattern_options of the related-items widget
MUNICIPALITY_PICKER = {"selectableTypes": ["Municipality"]}
ONE_MUNICIPALITY_PICKER = {**MUNICIPALITY_PICKER, "maximumSelectionSize": 1}
MODULE_PICKER = {"selectableTypes": ["QualificationModule"]}
ACTION_PLAN_PICKER = {"selectableTypes": ["ActionPlan"], "maximumSelectionSize": 1}


def relation_choice(title, description=""):
    """An optional relation to one item found in the catalog."""
    return RelationChoice(
        title=title, description=description, vocabulary=CATALOG, required=False
    )


def relation_list(title, description=""):
    """Optional relations to several items found in the catalog."""
    return RelationList(
        title=title,
        description=description,
        value_type=RelationChoice(vocabulary=CATALOG),
        required=False,
        default=[],
    )


def relation_to(obj):
    """A relation value pointing to ``obj``, for setting a relation field."""
    return RelationValue(getUtility(IIntIds).getId(obj))


def related_objects(obj, names):
    """Return the objects the relation fields ``names`` of ``obj`` point to.

    Single and list relation fields alike; broken relations are skipped.
    """
    found = []
    for name in names:
        value = getattr(obj, name, None) or []
        for relation in value if isinstance(value, list) else [value]:
            if not relation.isBroken():
                found.append(relation.to_object)
    return found


def municipality_of(obj):
    """Return the municipality an object belongs to, or ``None``.

    A municipality is its own; practice examples and reviews point to one;
    a meeting to its host.
    """
    if IMunicipality.providedBy(obj):
        return obj
    for name in ("municipality", "host_municipality"):
        relation = getattr(obj, name, None)
        if relation is not None and not relation.isBroken():
            return relation.to_object
    return None


def location(obj):
    """Return ``(latitude, longitude)`` of ``obj`` or of its municipality."""
    if IGeolocation.providedBy(obj) and obj.latitude is not None:
        return obj.latitude, obj.longitude
    municipality = municipality_of(obj)
    if municipality is not None and municipality.latitude is not None:
        return municipality.latitude, municipality.longitude
    return None
