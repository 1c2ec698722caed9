"""Verfahrensschritt: one step of a programme's path, documented by the team.

A step that no other record documents (the Situationsanalyse of ZUMO, the
selection of the pilot municipalities) is kept as a Verfahrensschritt in
the municipality's team space: which path and step, its status and date,
notes, and the documents that lie inside. A step that is a decision (the
mandate of seed 001: „Ausgehend von einem klar definierten Mandat“) also
names who decided (``decided_by``); its date is the day of the decision. ``zumo.content.procedures``
reads it to show the path (``@@verfahren``).
"""

from plone import api
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zumo.content import _
from zumo.content import procedures
from zumo.content.interfaces import ITeamRecord


def check_step(data):
    """The step belongs to the chosen path, and a step the institute sets
    (``"set_by": "institute"``) is documented only by the institute."""
    if not data.procedure or not data.step:
        return
    found = procedures.step(data.procedure, data.step)
    if found is None:
        raise Invalid(
            _(
                "error_step_not_in_procedure",
                default="Diesen Schritt gibt es im gewählten Weg nicht.",
            )
        )
    set_by = found["record"].get("set_by")
    if set_by and not api.user.has_permission(
        procedures.SET_BY[set_by], obj=api.portal.get()
    ):
        raise Invalid(
            _(
                "error_step_set_by_institute",
                default="Diesen Schritt dokumentiert das Institut.",
            )
        )


class IProcedureStep(model.Schema):
    """Schema of a documented step of a programme's path."""

    procedure = schema.Choice(
        title=_("label_procedure", default="Weg im Programm"),
        vocabulary="zumo.vocabularies.procedures",
        required=True,
    )
    step = schema.Choice(
        title=_("label_procedure_step", default="Schritt"),
        vocabulary="zumo.vocabularies.procedure_steps",
        required=True,
    )
    status = schema.Choice(
        title=_("label_procedure_step_status", default="Stand"),
        vocabulary="zumo.vocabularies.procedure_step_status",
        required=True,
        default=procedures.IN_PROGRESS,
    )
    date = schema.Date(
        title=_("label_procedure_step_date", default="Datum"),
        description=_(
            "help_procedure_step_date",
            default="Wann der Schritt abgeschlossen wurde oder begonnen hat.",
        ),
        required=False,
    )
    decided_by = schema.TextLine(
        title=_("label_decided_by", default="Beschlossen von"),
        description=_(
            "help_decided_by",
            default="Welches Gremium entschieden hat, zum Beispiel der "
            "Gemeinderat. Den Beschluss legen Sie als Dokument im Schritt ab.",
        ),
        required=False,
    )
    notes = RichText(
        title=_("label_procedure_step_notes", default="Notizen"),
        description=_(
            "help_procedure_step_notes",
            default="Was in diesem Schritt geschah und was daraus folgt. "
            "Dokumente legen Sie im Schritt ab.",
        ),
        required=False,
    )

    @invariant
    def step_of_procedure(data):
        """The step is one of the path's, and the right people set it."""
        check_step(data)


@implementer(IProcedureStep, ITeamRecord)
class ProcedureStep(Container):
    """A documented step of a path; its documents lie inside."""
