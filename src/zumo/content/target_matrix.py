"""Zielmatrix: the team links the goals and measures of its action plan to
indicators, with a target value and a date for the next evaluation.

Seed 003 names "Zielmatrix entwickeln Schnittstellen identifizieren",
"Evaluationsformate +zeitliche Intervalle definieren" and "Überprüfung+
ggf. Korrektur von Zielsetzungen" among the implementation factors, and
the Verstetigung as "Aufbau von 'Regelkreisen der Kommunalentwicklung": a
row of the matrix is evaluated at its date, the evaluation is recorded,
and the next date moves on by the row's interval. The rows are kept on
the matrix; the forms that add rows and record evaluations, and the
reminder of a due date, are the policy's (``zumo.policy.monitoring``).
The intervals are the network's own (``evaluation_intervals``): the
document names none.
"""

from calendar import monthrange
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ITeamRecord
from zumo.content.relations import ACTION_PLAN_PICKER
from zumo.content.relations import relation_choice
from zumo.content.vocabularies import details

import datetime


class ITargetMatrix(model.Schema):
    """Schema of a Zielmatrix: the action plan whose goals it follows."""

    directives.widget(
        "action_plan", RelatedItemsFieldWidget, pattern_options=ACTION_PLAN_PICKER
    )
    action_plan = relation_choice(
        _("label_target_matrix_plan", default="Handlungskonzept"),
        _(
            "help_target_matrix_plan",
            default="Das Handlungskonzept, dessen Ziele und Maßnahmen die "
            "Matrix mit Indikatoren verbindet.",
        ),
    )


def interval_months(interval):
    """The number of months of the evaluation interval token ``interval``;
    ``KeyError`` for an unknown token."""
    return details("evaluation_intervals", "months")[interval]


def add_months(day, months):
    """``day`` moved by ``months`` months; the 31st becomes the last day of
    a shorter month."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, monthrange(year, month)[1]))


@implementer(ITargetMatrix, ITeamRecord)
class TargetMatrix(Item):
    """A Zielmatrix with its rows.

    ``rows`` is a tuple of dicts: ``id``, ``goal``, ``measure``,
    ``indicator`` (UID of an indicator in the same team space, or ``""``),
    ``target``, ``interval`` (a token of ``evaluation_intervals``),
    ``next_date`` (date), ``evaluations`` (tuple of ``{"date", "note"}``)
    and ``reminded`` (the due date the moderators were reminded of, or
    ``None``). It is replaced as a whole on each change.
    """

    rows = ()

    def row(self, row_id):
        """The row with the id ``row_id``, or ``None``."""
        for row in self.rows:
            if row["id"] == row_id:
                return row
        return None

    def due_rows(self, today):
        """The rows whose evaluation is due on ``today`` or earlier."""
        return [row for row in self.rows if row["next_date"] <= today]
