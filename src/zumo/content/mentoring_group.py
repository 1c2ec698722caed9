"""Mentoring-Gruppe: experienced and new municipalities working together."""

from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.behaviors.demo import is_demo
from zumo.content.interfaces import ISpace
from zumo.content.procedures import path_state
from zumo.content.relations import MUNICIPALITY_PICKER
from zumo.content.relations import relation_list
from zumo.content.step_names import PATH


#: The roles of a group's municipalities: relation field and German title.
ROLES = (
    ("mentors", _("label_mentor_municipality", default="Mentorkommune")),
    ("mentees", _("label_mentee_municipality", default="Mentee-Kommune")),
)


def member_paths(municipalities):
    """The paths of ``municipalities`` (``[(role title, municipality)]``)
    side by side: ``[{"municipality", "role", "steps", "demo"}]``, where
    ``steps`` holds each stage's ``status`` and ``date`` and ``demo`` says
    whether the municipality or a record of its path is demo content. Only
    state and date leave the team space, never a record's content."""
    rows = []
    for role, municipality in municipalities:
        steps = path_state(municipality, PATH)["steps"]
        rows.append(
            {
                "municipality": municipality,
                "role": role,
                "steps": [{"status": s["status"], "date": s["date"]} for s in steps],
                "demo": is_demo(municipality)
                or any(is_demo(obj) for s in steps for obj in s["records"]),
            }
        )
    return rows


class IMentoringGroup(model.Schema):
    """Schema of a mentoring group: its municipalities and who facilitates."""

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


@implementer(IMentoringGroup, ISpace)
class MentoringGroup(Container):
    """A mentoring group's space; its documents live inside. Its members'
    paths (the five stages each municipality walks toward its
    Demografiestrategie) live in their team spaces."""
