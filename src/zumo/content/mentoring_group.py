"""Mentoring-Gruppe: experienced and new municipalities working together."""

from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ISpace
from zumo.content.relations import MUNICIPALITY_PICKER
from zumo.content.relations import relation_list
from zumo.content.vocabularies import terms


def _milestone_status(step):
    return schema.Choice(
        title=_(
            "label_milestone_status", default="Stand: ${step}", mapping={"step": step}
        ),
        vocabulary="zumo.vocabularies.milestone_status",
        required=False,
        default="offen",
    )


def _milestone_date(step):
    return schema.Date(
        title=_(
            "label_milestone_date", default="Datum: ${step}", mapping={"step": step}
        ),
        required=False,
    )


def _milestone_notes(step):
    return schema.Text(
        title=_(
            "label_milestone_notes", default="Notizen: ${step}", mapping={"step": step}
        ),
        description=_(
            "help_milestone_notes",
            default="Was vereinbart, erreicht oder offen ist; Protokolle legen Sie "
            "als Dokumente in der Gruppe ab.",
        ),
        required=False,
    )


#: The status of a milestone that counts as done.
DONE = "erreicht"


class IMentoringGroup(model.Schema):
    """Schema of a mentoring group; the five ZWK steps are its milestones."""

    directives.widget(
        "mentors", RelatedItemsFieldWidget, pattern_options=MUNICIPALITY_PICKER
    )
    mentors = relation_list(
        _("label_mentors", default="Mentorkommunen"),
        _("help_mentors", default="Erfahrene Kommunen, die ihr Wissen weitergeben."),
    )
    directives.widget(
        "mentees", RelatedItemsFieldWidget, pattern_options=MUNICIPALITY_PICKER
    )
    mentees = relation_list(
        _("label_mentees", default="Mentee-Kommunen"),
        _("help_mentees", default="Kommunen, die neu in den Prozess einsteigen."),
    )
    facilitators = schema.List(
        title=_("label_facilitators", default="Prozessbegleitung"),
        description=_(
            "help_facilitators",
            default="Namen der Begleiterinnen und Begleiter, eine Person je Zeile.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    start = schema.Date(
        title=_("label_group_start", default="Start der Gruppe"), required=False
    )

    model.fieldset(
        "milestones",
        label=_("fieldset_milestones", default="Meilensteine (ZWK-Schritte)"),
        fields=[
            f"milestone_{token}_{part}"
            for token, _title in terms("zwk_steps")
            for part in ("status", "date", "notes")
        ],
    )
    milestone_kickoff_status = _milestone_status("Kick-off")
    milestone_kickoff_date = _milestone_date("Kick-off")
    milestone_kickoff_notes = _milestone_notes("Kick-off")
    milestone_kommunalprofil_status = _milestone_status("Kommunalprofil")
    milestone_kommunalprofil_date = _milestone_date("Kommunalprofil")
    milestone_kommunalprofil_notes = _milestone_notes("Kommunalprofil")
    milestone_zukunftswerkstatt_status = _milestone_status("Zukunftswerkstatt")
    milestone_zukunftswerkstatt_date = _milestone_date("Zukunftswerkstatt")
    milestone_zukunftswerkstatt_notes = _milestone_notes("Zukunftswerkstatt")
    milestone_werkstattplan_status = _milestone_status("Werkstattplan")
    milestone_werkstattplan_date = _milestone_date("Werkstattplan")
    milestone_werkstattplan_notes = _milestone_notes("Werkstattplan")
    milestone_zwischenbilanz_status = _milestone_status("Zwischenbilanz")
    milestone_zwischenbilanz_date = _milestone_date("Zwischenbilanz")
    milestone_zwischenbilanz_notes = _milestone_notes("Zwischenbilanz")


@implementer(IMentoringGroup, ISpace)
class MentoringGroup(Container):
    """A mentoring group's space; its documents live inside."""

    def milestones(self):
        """Return the ZWK steps as dicts with token, title, status, date,
        notes and whether the step is done."""
        steps = []
        for token, title in terms("zwk_steps"):
            status = getattr(self, f"milestone_{token}_status", None) or "offen"
            steps.append(
                {
                    "token": token,
                    "title": title,
                    "status": status,
                    "date": getattr(self, f"milestone_{token}_date", None),
                    "notes": getattr(self, f"milestone_{token}_notes", None) or "",
                    "done": status == DONE,
                }
            )
        return steps

    def progress(self):
        """Return ``(done, total)``: how many ZWK steps are reached."""
        steps = self.milestones()
        return sum(step["done"] for step in steps), len(steps)
