"""Relations between ZUMO content: the schema fields, their pickers, the values.

Schemas declare relation fields with :func:`relation_choice` and
:func:`relation_list` and give the related-items widget one of the
``*_PICKER`` options; code that fills relation fields (demo, tests) uses
:func:`relation_to`.
"""

from z3c.relationfield import RelationValue
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


CATALOG = "plone.app.vocabularies.Catalog"

# pattern_options of the related-items widget
MUNICIPALITY_PICKER = {"selectableTypes": ["Municipality"]}
ONE_MUNICIPALITY_PICKER = {**MUNICIPALITY_PICKER, "maximumSelectionSize": 1}
MODULE_PICKER = {"selectableTypes": ["QualificationModule"]}


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
