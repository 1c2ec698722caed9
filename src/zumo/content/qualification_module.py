"""Qualifizierungsmodul: a unit of the ZUMO curriculum or the KoQuMa modules."""

from plone.app.event.base import localized_now
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.dates import site_time
from zumo.content.interfaces import IEntry
from zumo.content.vocabularies import choice_list
from zumo.content.vocabularies import details
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of


class IQualificationModule(model.Schema):
    """Schema of a qualification module."""

    curriculum = schema.Choice(
        title=_("label_curriculum", default="Curriculum"),
        vocabulary="zumo.vocabularies.curricula",
        required=False,
    )
    koquma_module = schema.Choice(
        title=_("label_koquma_module", default="KoQuMa-Modul"),
        description=_(
            "help_koquma_module", default="Nur für Module der KoQuMa-Qualifizierung."
        ),
        vocabulary="zumo.vocabularies.koquma_modules",
        required=False,
    )
    position = schema.Int(
        title=_("label_position", default="Reihenfolge im Curriculum"),
        required=False,
        min=1,
    )
    directives.widget("audiences", CheckBoxFieldWidget)
    audiences = choice_list(
        "qualification_audiences",
        _("label_audiences", default="Zielgruppen der Qualifizierung"),
        _("help_audiences", default="Für wen das Modul gedacht ist."),
    )
    directives.widget("competences", CheckBoxFieldWidget)
    competences = choice_list(
        "competences",
        _("label_competences", default="Gestärkte Kompetenzen"),
        _(
            "help_competences",
            default="Die Kompetenzbereiche, die das Modul stärkt (Selbst-, Sozial-, "
            "Methoden- und Handlungskompetenz).",
        ),
    )
    goals = RichText(title=_("label_module_goals", default="Lernziele"), required=False)
    module_format = schema.Choice(
        title=_("label_module_format", default="Format"),
        vocabulary="zumo.vocabularies.module_formats",
        required=False,
    )
    sessions = schema.List(
        title=_("label_module_sessions", default="Termine"),
        description=_(
            "help_module_sessions",
            default="Beginn jedes Termins mit Datum und Uhrzeit (deutsche Zeit). "
            "Vergangene Termine zeigt die Seite nicht mehr an.",
        ),
        value_type=schema.Datetime(title=_("label_module_session", default="Termin")),
        required=False,
        default=[],
        missing_value=[],
    )
    place = schema.TextLine(
        title=_("label_module_place", default="Ort"),
        description=_(
            "help_module_place",
            default="Zum Beispiel: Haus der Akademie, Stuttgart, oder: online, "
            "die Zugangsdaten kommen mit der Anmeldebestätigung.",
        ),
        required=False,
    )
    duration = schema.TextLine(
        title=_("label_duration", default="Dauer"),
        description=_("help_duration", default="Zum Beispiel: 2 Tage à 6 Stunden."),
        required=False,
    )
    materials = RichText(
        title=_("label_materials", default="Materialien"),
        description=_(
            "help_materials",
            default="Arbeitshilfen und Literatur. Dateien legen Sie im Modul ab.",
        ),
        required=False,
    )


@implementer(IQualificationModule, IEntry)
class QualificationModule(Container):
    """A qualification module; its material files live inside."""

    def next_sessions(self, now=None):
        """The sessions still ahead, soonest first, as aware datetimes in
        the site's zone (a time typed without a zone is a Berlin time)."""
        now = now or localized_now(self)
        ahead = (site_time(value) for value in self.sessions or ())
        return sorted(value for value in ahead if value >= now)


def koquma_call(token):
    """The field values of KoQuMa module ``token`` as the KoQuMa call gives
    them: title, description, position, target groups and competences.

    The call names no formats, durations or goals, so none are given.
    Raises ``KeyError`` for an unknown token.
    """
    tokens = [term for term, _title in terms("koquma_modules")]
    number = tokens.index(token) + 1 if token in tokens else None
    if number is None:
        raise KeyError(token)
    call = details("koquma_modules", "call")
    return {
        "title": "KoQuMa-" + title_of("koquma_modules", token),
        "description": call["description"].format(number=number),
        "curriculum": "koquma",
        "koquma_module": token,
        "position": number,
        "audiences": list(call["audiences"]),
        "competences": [term for term, _title in terms("competences")],
    }
