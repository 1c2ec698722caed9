"""Gutachten (Expertengremium): the panel's confidential review of a process."""

from plone import api
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zumo.content import _
from zumo.content.expert_assessment import IExpertAssessment
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.interfaces import IEntry
from zumo.content.relations import ACTION_PLAN_PICKER
from zumo.content.relations import ONE_MUNICIPALITY_PICKER
from zumo.content.relations import relation_choice
from zumo.content.validators import check_assigned_experts
from zumo.content.validators import check_reviewed_municipality
from zumo.content.validators import check_reviewed_plan


class IExpertReview(model.Schema):
    """Schema of an expert review: what is reviewed, the panel, and the
    panel's joint verdict (the experts' own scores are in their
    assessments, ``zumo.content.expert_assessment``)."""

    # Who asks for the review (and the institute) names the municipality;
    # the experts do not change it.
    directives.write_permission(municipality="zumo.ChooseReviewedMunicipality")
    directives.widget(
        "municipality", RelatedItemsFieldWidget, pattern_options=ONE_MUNICIPALITY_PICKER
    )
    municipality = relation_choice(
        _("label_reviewed_municipality", default="Begutachtete Kommune")
    )
    # Not "subject": that is Dublin Core's Subject (keywords), which Plone
    # indexes and lists to editors everywhere.
    review_subject = schema.TextLine(
        title=_("label_review_subject", default="Gegenstand"),
        description=_(
            "help_review_subject",
            default="Was wird begutachtet, zum Beispiel das Handlungskonzept 2030.",
        ),
        required=False,
    )
    directives.write_permission(action_plan="zumo.ChooseReviewedMunicipality")
    directives.widget(
        "action_plan", RelatedItemsFieldWidget, pattern_options=ACTION_PLAN_PICKER
    )
    action_plan = relation_choice(
        _("label_reviewed_action_plan", default="Begutachtetes Handlungskonzept"),
        _(
            "help_reviewed_action_plan",
            default="Das Handlungskonzept aus dem Teamraum der Kommune. Das "
            "Gutachten bezieht sich auf die Fassung, die bei Beginn der "
            "Begutachtung gilt; spätere Fortschreibungen ändern sie nicht.",
        ),
    )
    # The institute names the panel on the review's page (the panel box),
    # where each change is checked and the experts are told; REST may set
    # the list, checked by the same invariant.
    directives.write_permission(assigned_experts="zumo.AssignExperts")
    directives.omitted("assigned_experts")
    assigned_experts = schema.List(
        title=_(
            "label_assigned_experts", default="Zugewiesene Expertinnen und Experten"
        ),
        description=_(
            "help_assigned_experts",
            default="Nur sie und das Institut sehen das Gutachten vor der Freigabe.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    model.fieldset(
        "assessment",
        label=_("fieldset_verdict", default="Gesamturteil des Gremiums"),
        fields=[
            "level",
            "summary",
            "recommendation",
            "valid_until",
            "show_assessments",
        ],
    )
    level = schema.Choice(
        title=_("label_review_level", default="Gesamtniveau"),
        vocabulary="zumo.vocabularies.review_levels",
        required=False,
    )
    summary = RichText(
        title=_("label_review_summary", default="Zusammenfassung"), required=False
    )
    recommendation = RichText(
        title=_("label_review_recommendation", default="Empfehlungen"), required=False
    )
    valid_until = schema.Date(
        title=_("label_valid_until", default="Gültig bis"), required=False
    )
    directives.write_permission(show_assessments="zumo.AssignExperts")
    show_assessments = schema.Bool(
        title=_(
            "label_show_assessments",
            default="Einzelgutachten mit dem Gutachten freigeben",
        ),
        description=_(
            "help_show_assessments",
            default="Wenn angekreuzt, lesen alle, die das freigegebene Gutachten "
            "lesen (das Team der Kommune, das Ministerium, das Gremium), auch "
            "die Bewertungen und Texte der einzelnen Expertinnen und Experten. "
            "Ihre Erklärungen zu Interessenkonflikten bleiben beim Institut.",
        ),
        required=False,
        default=False,
    )

    @invariant
    def municipality_is_requesters(data):
        """Municipalities request reviews of themselves only."""
        check_reviewed_municipality(data)

    @invariant
    def experts_are_independent(data):
        """Experts are members without access to the reviewed municipality."""
        check_assigned_experts(data)

    @invariant
    def plan_is_municipalitys(data):
        """The reviewed action plan belongs to the reviewed municipality."""
        check_reviewed_plan(data)


@implementer(IExpertReview, IEntry, IConcernsMunicipality)
class ExpertReview(Container):
    """An expert review; the experts' assessments (``ExpertAssessment``)
    and the reviewed documents lie inside."""

    def assessments(self):
        """Return ``{user id: assessment}`` of every assessment inside,
        whoever may read it (callers decide what to show)."""
        return {
            item.expert: item
            for item in self.objectValues()
            if IExpertAssessment.providedBy(item)
        }

    def panel_complete(self):
        """Whether the panel's verdict can be recorded: each assigned expert
        has submitted an assessment and the verdict names a level (the
        workflow's ``submit`` guard asks this)."""
        experts = list(self.assigned_experts or ())
        if not experts or not self.level:
            return False
        assessments = self.assessments()
        return all(
            userid in assessments
            and api.content.get_state(assessments[userid], None) == "submitted"
            for userid in experts
        )
