"""Handlungskonzept or Demografiestrategie: a municipality's action plan.

Seed 001 describes the integrated action plan ("integriertes
Handlungskonzept") with its strategies, goals and measures, developed with
the help of Zukunftswerkstätten and updated over time ("Fortschreibung");
seed 002 calls the ZWK municipalities' plan their "Demografiestrategie";
ZUMO's pilot municipalities develop an "Umsetzungskonzept" (seed 000) that
"beinhaltet auch die Verstetigung und das Übertragbarmachen über die
Modellkommunen hinaus" (its own two sections).
Each saved change is a version (CMFEditions); an expert review names the
version it assesses.
"""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ITeamRecord
from zumo.content.relations import relation_list


#: The related-items picker offers the documented Zukunftswerkstätten.
FUTURE_WORKSHOP_PICKER = {"selectableTypes": ["FutureWorkshop"]}
#: The fields that make up the plan's content, in the order of the page;
#: ZUMO's Umsetzungskonzept also names its Verstetigung and Übertragbarmachen
#: (seed 000, line 114).
PLAN_SECTIONS = ("strategies", "goals", "measures", "continuation", "transfer")


class IActionPlan(model.Schema):
    """Schema of an action plan: its kind, strategies, goals and measures."""

    plan_kind = schema.Choice(
        title=_("label_plan_kind", default="Art des Konzepts"),
        vocabulary="zumo.vocabularies.action_plan_kinds",
        required=True,
        default="handlungskonzept",
    )
    adopted = schema.Date(
        title=_("label_adopted", default="Beschlossen am"),
        description=_(
            "help_adopted",
            default="Datum des Gemeinderatsbeschlusses, sofern es einen gibt.",
        ),
        required=False,
    )
    horizon = schema.TextLine(
        title=_("label_horizon", default="Zeithorizont"),
        description=_("help_horizon", default="Zum Beispiel: bis 2035."),
        required=False,
    )
    strategies = RichText(
        title=_("label_strategies", default="Strategien"), required=False
    )
    goals = RichText(title=_("label_plan_goals", default="Ziele"), required=False)
    measures = RichText(
        title=_("label_measures", default="Maßnahmen"),
        description=_(
            "help_measures",
            default="Je Maßnahme: was, wer ist verantwortlich, bis wann.",
        ),
        required=False,
    )
    continuation = RichText(
        title=_("label_continuation", default="Verstetigung"),
        description=_(
            "help_continuation",
            default="Für ein Umsetzungskonzept (ZUMO): wie das Vorhaben nach der "
            "Pilotphase weiterläuft.",
        ),
        required=False,
    )
    transfer = RichText(
        title=_(
            "label_transfer",
            default="Übertragbarmachen über die Modellkommunen hinaus",
        ),
        description=_(
            "help_transfer",
            default="Für ein Umsetzungskonzept (ZUMO): was andere Kommunen "
            "übernehmen können und wie.",
        ),
        required=False,
    )
    directives.widget(
        "future_workshops",
        RelatedItemsFieldWidget,
        pattern_options=FUTURE_WORKSHOP_PICKER,
    )
    future_workshops = relation_list(
        _("label_future_workshops", default="Grundlage: dokumentierte Workshops"),
        _(
            "help_future_workshops",
            default="Die dokumentierten Zukunftswerkstätten und Workshops, auf "
            "denen das Konzept aufbaut.",
        ),
    )


@implementer(IActionPlan, ITeamRecord)
class ActionPlan(Item):
    """An action plan; each saved change is a version."""
