"""Gutachten (Expertengremium): the panel's confidential review of a process."""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zumo.content import _
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.interfaces import IEntry
from zumo.content.relations import ACTION_PLAN_PICKER
from zumo.content.relations import ONE_MUNICIPALITY_PICKER
from zumo.content.relations import relation_choice
from zumo.content.validators import check_reviewed_municipality
from zumo.content.validators import check_reviewed_plan
from zumo.content.vocabularies import guidance
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of


def _score(token):
    # Title and the seed's sub-points as help text: the experts score
    # against what the factor means, not only its name.
    return schema.Choice(
        title=title_of("review_criteria", token),
        description="Dazu gehört: " + "; ".join(guidance("review_criteria", token)),
        vocabulary="zumo.vocabularies.review_scores",
        required=False,
    )


def _comment(criterion):
    return schema.Text(
        title=_("label_criterion_comment", default="Kommentar zu: ${criterion}",
                mapping={"criterion": criterion}),
        required=False,
    )  # fmt: skip


class IExpertReview(model.Schema):
    """Schema of an expert review; one score and comment per criterion."""

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
    directives.write_permission(assigned_experts="zumo.AssignExperts")
    directives.widget(
        "assigned_experts",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Users",
    )
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
        "rubric",
        label=_("fieldset_rubric", default="Bewertung nach Umsetzungsfaktoren"),
        fields=[
            f"{part}_{token}"
            for token, _title in terms("review_criteria")
            for part in ("score", "comment")
        ],
    )
    score_legitimation = _score("legitimation")
    comment_legitimation = _comment("Politische Legitimation sichern")
    score_planungskonzept = _score("planungskonzept")
    comment_planungskonzept = _comment("Planungskonzept entwickeln")
    score_vernetzung = _score("vernetzung")
    comment_vernetzung = _comment("Vernetzung gestalten")
    score_ressourcen = _score("ressourcen")
    comment_ressourcen = _comment("Ressourcen bündeln")
    score_beteiligung = _score("beteiligung")
    comment_beteiligung = _comment("Aktivierung + Beteiligung sichern")
    score_evaluation = _score("evaluation")
    comment_evaluation = _comment("Evaluation und Qualitätssicherung")

    model.fieldset(
        "assessment",
        label=_("fieldset_assessment", default="Ergebnis"),
        fields=["level", "summary", "recommendation", "valid_until"],
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

    @invariant
    def municipality_is_requesters(data):
        """Municipalities request reviews of themselves only."""
        check_reviewed_municipality(data)

    @invariant
    def plan_is_municipalitys(data):
        """The reviewed action plan belongs to the reviewed municipality."""
        check_reviewed_plan(data)


@implementer(IExpertReview, IEntry, IConcernsMunicipality)
class ExpertReview(Container):
    """An expert review; the reviewed documents can be filed inside."""

    def rubric(self):
        """Return the criteria as dicts: token, title, guidance, score, comment."""
        return [
            {
                "token": token,
                "title": title,
                "score": getattr(self, f"score_{token}", None),
                "comment": getattr(self, f"comment_{token}", None),
                "guidance": guidance("review_criteria", token),
            }
            for token, title in terms("review_criteria")
        ]
