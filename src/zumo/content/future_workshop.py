"""Zukunftswerkstatt: a municipality documents one of its participation events.

The Zukunftswerkstatt is the central participation format of the process
(seeds 001 and 002); ZUMO (seed 000) names its own formats: a Start-Workshop
in which "der thematische Inhalt und das Vorgehen in der Pilotphase"
are agreed (kept in the fieldset "Vereinbarungen"), Fokusgruppen-Workshops
and an Auswertungsworkshop. The team documents each in its team space: when,
which format, how many took part, what came out; photos and files lie
inside. A summary meant for the public can become a practice example.
"""

from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ITeamRecord
from zumo.content.vocabularies import choice_list


class IFutureWorkshop(model.Schema):
    """Schema of the documentation of a Zukunftswerkstatt or workshop."""

    date = schema.Date(title=_("label_workshop_date", default="Datum"), required=True)
    workshop_format = schema.Choice(
        title=_("label_workshop_format", default="Format"),
        vocabulary="zumo.vocabularies.workshop_formats",
        required=True,
    )
    participants = schema.Int(
        title=_("label_participants", default="Teilnehmende"),
        description=_(
            "help_participants", default="Wie viele Menschen haben teilgenommen?"
        ),
        required=False,
        min=0,
    )
    results = RichText(
        title=_("label_workshop_results", default="Ergebnisse"),
        description=_(
            "help_workshop_results",
            default="Was erarbeitet wurde: Themen, Ideen, Vereinbarungen. Fotos und "
            "Dateien legen Sie in der Dokumentation ab.",
        ),
        required=False,
    )
    model.fieldset(
        "agreement",
        label=_("fieldset_workshop_agreement", default="Vereinbarungen"),
        fields=["agreed_topics", "agreed_procedure"],
    )
    directives.widget("agreed_topics", CheckBoxFieldWidget)
    agreed_topics = choice_list(
        "topics",
        _("label_agreed_topics", default="Vereinbarter thematischer Inhalt"),
        _(
            "help_agreed_topics",
            default="Beim Start-Workshop (ZUMO): „Daraus wird der thematische "
            "Inhalt und das Vorgehen in der Pilotphase vereinbart.“",
        ),
    )
    agreed_procedure = RichText(
        title=_(
            "label_agreed_procedure",
            default="Vereinbartes Vorgehen in der Pilotphase",
        ),
        required=False,
    )
    public_summary = schema.Text(
        title=_(
            "label_public_summary", default="Zusammenfassung für die Öffentlichkeit"
        ),
        description=_(
            "help_public_summary",
            default="Ohne Namen von Teilnehmenden. Aus ihr können Sie ein "
            "Praxisbeispiel vorschlagen; das Institut prüft es vor der "
            "Veröffentlichung.",
        ),
        required=False,
    )


@implementer(IFutureWorkshop, ITeamRecord)
class FutureWorkshop(Container):
    """Documentation of a Zukunftswerkstatt; its photos and files lie inside."""
