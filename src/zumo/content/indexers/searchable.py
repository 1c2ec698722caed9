"""What the full-text index reads of the network's own content.

Plone indexes only title and description of a Dexterity type that has no
``SearchableText`` indexer of its own, so a practice example's sections
(initial situation, approach, results, ...) were not searchable. This
indexer gives the text of every text field of the type and its behaviours,
rich text as plain text, with the title first, so ranking favours the
title. Fields with a read permission of their own (personal data such as a
practice example's contact, a team's partners) are left out: the catalog
filters only by the object's View permission, so indexing them would let a
search tell who is named where.
"""

from plone.app.textfield import RichText
from plone.app.textfield.value import IRichTextValue
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.base.utils import safe_text
from plone.dexterity.utils import iterSchemata
from plone.indexer import indexer
from plone.schema.email import IEmail
from Products.CMFCore.utils import getToolByName
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IText
from zumo.content.action_plan import IActionPlan
from zumo.content.future_workshop import IFutureWorkshop
from zumo.content.mentoring_group import IMentoringGroup
from zumo.content.municipality import IMunicipality
from zumo.content.practice_example import IPracticeExample
from zumo.content.procedure_step import IProcedureStep
from zumo.content.qualification_cohort import IQualificationCohort
from zumo.content.qualification_module import IQualificationModule
from zumo.content.workshop_meeting import IWorkshopMeeting


#: Text fields that hold no words a visitor searches for: keys and sources.
NOT_WORDS = frozenset({"id", "ags", "master_data_source"})


def _plain(obj, value):
    """The words of a field value: rich text as plain text."""
    if IRichTextValue.providedBy(value):
        transforms = getToolByName(obj, "portal_transforms")
        converted = transforms.convertTo(
            "text/plain", safe_text(value.raw), mimetype=value.mimeType
        )
        return converted.getData().strip() if converted is not None else ""
    return safe_text(value) if isinstance(value, (str, bytes)) else ""


def searchable_fields(obj):
    """The names of ``obj``'s text fields that anybody who may view it may
    read, in schema order (its type's schema first, then the behaviours)."""
    names = []
    for schema in iterSchemata(obj):
        restricted = schema.queryTaggedValue(READ_PERMISSIONS_KEY, {})
        for name, field in getFieldsInOrder(schema):
            if name in restricted or name in NOT_WORDS or name in names:
                continue
            if IEmail.providedBy(field):
                continue
            if isinstance(field, RichText) or IText.providedBy(field):
                names.append(name)
    return names


def searchable_text(obj):
    """The text the full-text index reads of ``obj``."""
    parts = [safe_text(obj.Title() or ""), safe_text(obj.Description() or "")]
    for name in searchable_fields(obj):
        if name in ("title", "description"):
            continue
        value = getattr(obj, name, None)
        if value:
            parts.append(_plain(obj, value))
    parts.extend(safe_text(word) for word in obj.Subject() or ())
    return " ".join(part for part in parts if part)


def _indexer(interface):
    return indexer(interface)(searchable_text)


SearchableText_practice_example = _indexer(IPracticeExample)
SearchableText_municipality = _indexer(IMunicipality)
SearchableText_workshop_meeting = _indexer(IWorkshopMeeting)
SearchableText_qualification_module = _indexer(IQualificationModule)
SearchableText_qualification_cohort = _indexer(IQualificationCohort)
SearchableText_mentoring_group = _indexer(IMentoringGroup)
SearchableText_future_workshop = _indexer(IFutureWorkshop)
SearchableText_action_plan = _indexer(IActionPlan)
SearchableText_procedure_step = _indexer(IProcedureStep)
