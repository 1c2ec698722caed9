"""Praxisbeispiel: a structured good-practice entry others can copy."""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zumo.content import _
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.interfaces import IEntry
from zumo.content.relations import MODULE_PICKER
from zumo.content.relations import ONE_MUNICIPALITY_PICKER
from zumo.content.relations import relation_choice
from zumo.content.relations import relation_list
from zumo.content.validators import check_period
from zumo.content.validators import contact_email_field
from zumo.content.validators import contact_phone_field
from zumo.content.validators import END_BEFORE_START
from zumo.content.vocabularies import choice_list


def _section(title, description):
    return RichText(title=title, description=description, required=False)


class IPracticeExample(model.Schema):
    """Schema of a practice example (title and summary come from plone.basic)."""

    initial_situation = _section(
        _("label_initial_situation", default="Ausgangslage"),
        _(
            "help_initial_situation",
            default="Was war der Anlass? Welche Situation fanden Sie in der Kommune vor?",
        ),
    )
    goals = _section(
        _("label_goals", default="Ziele"),
        _("help_goals", default="Was wollten Sie erreichen, und für wen?"),
    )
    approach = _section(
        _("label_approach", default="Vorgehen"),
        _(
            "help_approach",
            default="Wie sind Sie vorgegangen? Wer war beteiligt, welche Schritte "
            "gab es?",
        ),
    )
    results = _section(
        _("label_results", default="Ergebnisse und Wirkung"),
        _("help_results", default="Was hat sich verändert? Was ist messbar?"),
    )
    success_factors = _section(
        _("label_success_factors", default="Erfolgsfaktoren und Erfahrungen"),
        _(
            "help_success_factors",
            default="Was hat geholfen, was würden Sie heute anders machen?",
        ),
    )
    transferability = _section(
        _("label_transferability", default="Übertragbarkeit"),
        _(
            "help_transferability",
            default="Was brauchen andere Kommunen, um das Beispiel zu übernehmen?",
        ),
    )
    resources = _section(
        _("label_resources", default="Ressourcen, Kosten und Förderung"),
        _(
            "help_resources",
            default="Personal, Ehrenamt, Sachkosten und Förderprogramme.",
        ),
    )

    model.fieldset(
        "period",
        label=_("fieldset_period", default="Zeitraum und Kommune"),
        fields=["municipality", "start", "end", "project_status"],
    )
    directives.widget(
        "municipality", RelatedItemsFieldWidget, pattern_options=ONE_MUNICIPALITY_PICKER
    )
    municipality = relation_choice(
        _("label_municipality", default="Kommune"),
        _(
            "help_municipality",
            default="Die Kommune, in der das Beispiel umgesetzt wurde.",
        ),
    )
    start = schema.Date(title=_("label_start", default="Beginn"), required=False)
    end = schema.Date(
        title=_("label_end", default="Ende"),
        description=_("help_end", default="Leer lassen, wenn das Projekt noch läuft."),
        required=False,
    )
    project_status = schema.Choice(
        title=_("label_project_status", default="Projektstand"),
        vocabulary="zumo.vocabularies.project_status",
        required=False,
    )

    model.fieldset(
        "facets",
        label=_("fieldset_facets", default="Handlungsfelder und Formate"),
        fields=[
            "fields_of_action",
            "participation_formats",
            "related_modules",
        ],
    )
    directives.widget("fields_of_action", CheckBoxFieldWidget)
    fields_of_action = choice_list(
        "fields_of_action", _("label_fields_of_action", default="Handlungsfelder")
    )
    directives.widget("participation_formats", CheckBoxFieldWidget)
    participation_formats = choice_list(
        "participation_formats",
        _("label_participation_formats", default="Beteiligungsformate"),
    )
    directives.widget(
        "related_modules", RelatedItemsFieldWidget, pattern_options=MODULE_PICKER
    )
    related_modules = relation_list(
        _("label_related_modules", default="Passende Qualifizierungsmodule")
    )

    model.fieldset(
        "contact",
        label=_("fieldset_contact_person", default="Ansprechperson"),
        fields=[
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "contact_consent",
        ],
    )
    # Personal data: read by the author and the institute, by everybody who
    # may view the example only with consent (granted per example by
    # zumo.policy.practice_examples.privacy); plone.restapi honours the read permission too.
    directives.read_permission(
        contact_name="zumo.ViewContactData",
        contact_role="zumo.ViewContactData",
        contact_email="zumo.ViewContactData",
        contact_phone="zumo.ViewContactData",
    )
    contact_name = schema.TextLine(
        title=_("label_contact_name", default="Name"), required=False
    )
    contact_role = schema.TextLine(
        title=_("label_contact_role", default="Funktion"),
        description=_("help_contact_role", default="Zum Beispiel Bürgermeisterin."),
        required=False,
    )
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()
    contact_consent = schema.Bool(
        title=_(
            "label_contact_consent",
            default="Die Ansprechperson ist mit der Veröffentlichung ihrer "
            "Kontaktdaten einverstanden",
        ),
        description=_(
            "help_contact_consent",
            default="Ohne Einverständnis werden Name und Kontaktdaten nicht angezeigt.",
        ),
        required=False,
        default=False,
    )

    @invariant
    def period_is_ordered(data):
        """The end of the project does not lie before its start."""
        check_period(data.start, data.end, END_BEFORE_START)


#: The structured sections of a practice example, in reading order.
SECTIONS = (
    "initial_situation",
    "goals",
    "approach",
    "results",
    "success_factors",
    "transferability",
    "resources",
)


@implementer(IPracticeExample, IEntry, IConcernsMunicipality)
class PracticeExample(Container):
    """A practice example; holds its attachments and images."""
