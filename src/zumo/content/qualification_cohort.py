"""Kurs: one cohort (Durchgang) of a qualification, learning as a group.

The KoQuMa call makes group learning part of the course: "Das Arbeiten und
Lernen in der Gruppe gehört ebenfalls zum Qualifizierungsangebot. Der
Erfahrungs- und Informationsaustausch ist daher von zentraler Bedeutung."
(seed 004, line 21). A cohort is therefore a space: its roster (the local
roles ``TeamMember``/``TeamModerator``) are the participants, and the
documents they share inside only they and the institute see. The cohort's
page itself is the announcement a municipality enrols from.

The type is not tied to KoQuMa: its ``curriculum`` names the qualification
(KoQuMa, the integrated management procedure's qualification, ...).
"""

from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zumo.content import _
from zumo.content.interfaces import ISpace


class IQualificationCohort(model.Schema):
    """Schema of a cohort (Kurs) of a qualification."""

    curriculum = schema.Choice(
        title=_("label_cohort_curriculum", default="Qualifizierung"),
        vocabulary="zumo.vocabularies.curricula",
        default="koquma",
    )
    cohort_format = schema.Choice(
        title=_("label_cohort_format", default="Format"),
        description=_(
            "help_cohort_format",
            default="Nur für KoQuMa: Die Ausschreibung kündigt zwei "
            "unterschiedliche Formate an, benennt sie im vorliegenden Text aber "
            "nicht.",
        ),
        vocabulary="zumo.vocabularies.cohort_formats",
        # The qualification of the integrated management procedure (seed
        # 001) announces no formats: a course of it has none.
        required=False,
    )
    format_name = schema.TextLine(
        title=_("label_cohort_format_name", default="Bezeichnung des Formats"),
        description=_(
            "help_cohort_format_name",
            default="Wie das Institut das Format nennt; die Seite zeigt es als "
            "Festlegung des Instituts.",
        ),
        required=False,
        max_length=120,
    )
    start = schema.Date(title=_("label_cohort_start", default="Beginn"))
    end = schema.Date(title=_("label_cohort_end", default="Ende"), required=False)
    place = schema.TextLine(
        title=_("label_module_place", default="Ort"), required=False, max_length=200
    )
    capacity = schema.Int(
        title=_("label_cohort_capacity", default="Plätze"),
        description=_(
            "help_cohort_capacity",
            default="Wie viele Personen der Kurs aufnimmt; leer: keine Grenze.",
        ),
        required=False,
        min=1,
    )
    schedule = RichText(
        title=_("label_cohort_schedule", default="Ablauf und Termine"),
        required=False,
    )

    @invariant
    def end_after_start(data):
        """The course ends on or after the day it begins."""
        if data.start and data.end and data.end < data.start:
            raise Invalid(
                _(
                    "error_cohort_end_before_start",
                    default="Das Ende des Kurses liegt vor seinem Beginn.",
                )
            )


@implementer(IQualificationCohort, ISpace)
class QualificationCohort(Container):
    """A cohort's space: the participants' exchange lives inside."""
