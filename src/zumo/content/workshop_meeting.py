"""Werkstatttreffen: a regional workshop meeting with documentation afterwards."""

from DateTime import DateTime
from plone.app.event.base import localized_now
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zumo.content import _
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.interfaces import IEntry
from zumo.content.relations import ONE_MUNICIPALITY_PICKER
from zumo.content.relations import relation_choice
from zumo.content.validators import check_period
from zumo.content.validators import REGISTRATION_END_BEFORE_START


class IWorkshopMeeting(model.Schema):
    """Schema of a workshop meeting; dates and place come from plone.app.event."""

    region = schema.Choice(
        title=_("label_region_cluster", default="Regionales Cluster"),
        vocabulary="zumo.vocabularies.regions",
        required=False,
    )
    directives.widget(
        "host_municipality",
        RelatedItemsFieldWidget,
        pattern_options=ONE_MUNICIPALITY_PICKER,
    )
    host_municipality = relation_choice(
        _("label_host_municipality", default="Gastgebende Kommune")
    )
    agenda = RichText(
        title=_("label_agenda", default="Programm"),
        description=_("help_agenda", default="Ablauf mit Uhrzeiten und Beiträgen."),
        required=False,
    )

    model.fieldset(
        "registration",
        label=_("fieldset_registration", default="Anmeldung"),
        fields=["capacity", "registration_start", "registration_end"],
    )
    capacity = schema.Int(
        title=_("label_capacity", default="Plätze"),
        description=_("help_capacity", default="Leer lassen, wenn unbegrenzt."),
        required=False,
        min=1,
    )
    registration_start = schema.Datetime(
        title=_("label_registration_start", default="Anmeldung ab"), required=False
    )
    registration_end = schema.Datetime(
        title=_("label_registration_end", default="Anmeldeschluss"), required=False
    )

    model.fieldset(
        "documentation",
        label=_("fieldset_documentation", default="Dokumentation"),
        fields=["documentation"],
    )
    documentation = RichText(
        title=_("label_documentation", default="Dokumentation"),
        description=_(
            "help_documentation",
            default="Ergebnisse nach dem Treffen. Präsentationen und Fotos legen Sie "
            "als Dateien im Treffen ab.",
        ),
        required=False,
    )

    @invariant
    def registration_window_is_ordered(data):
        """Registration does not close before it opens."""
        check_period(
            data.registration_start,
            data.registration_end,
            REGISTRATION_END_BEFORE_START,
        )


@implementer(IWorkshopMeeting, IEntry, IConcernsMunicipality)
class WorkshopMeeting(Container):
    """A workshop meeting; documentation files live inside."""

    def registration_state(self, now=None):
        """Return ``upcoming``, ``open`` or ``closed`` for the registration."""
        now = now or localized_now(self)
        start = getattr(self, "start", None)
        opens = self.registration_start
        closes = self.registration_end or start
        if isinstance(closes, DateTime):
            closes = closes.asdatetime()
        if opens and _aware(opens, now) > now:
            return "upcoming"
        if closes and _aware(closes, now) < now:
            return "closed"
        return "open"


def _aware(value, now):
    """Give a naive datetime the time zone of ``now`` so both compare."""
    if value.tzinfo is None:
        return value.replace(tzinfo=now.tzinfo)
    return value
