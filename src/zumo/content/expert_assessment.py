"""Einzelgutachten: one expert's own assessment within an expert review.

Each expert of the panel scores the six implementation factors and writes
their own assessment here; nobody else on the panel reads it before the
institute releases the review (the workflow and the local role
``Assessor`` decide, see :mod:`zumo.policy.reviews.panel`). The institute
records the panel's joint verdict on the review from these assessments.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import IZumoContent
from zumo.content.vocabularies import guidance
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of


#: The criteria tokens, in the order of the rubric.
CRITERIA = tuple(token for token, _title in terms("review_criteria"))


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


class IExpertAssessment(model.Schema):
    """Schema of one expert's assessment: a score and comment per
    implementation factor, and the expert's own text."""

    model.fieldset(
        "rubric",
        label=_("fieldset_rubric", default="Bewertung nach Umsetzungsfaktoren"),
        fields=[
            f"{part}_{token}" for token in CRITERIA for part in ("score", "comment")
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

    text = RichText(
        title=_("label_assessment_text", default="Ihre Einschätzung"),
        description=_(
            "help_assessment_text",
            default="Ihre Gesamteinschätzung des Prozesses, mit Stärken und "
            "Empfehlungen. Das Institut fasst daraus das Urteil des Gremiums.",
        ),
        required=False,
    )


@implementer(IExpertAssessment, IZumoContent)
class ExpertAssessment(Item):
    """One expert's assessment; ``expert`` holds the expert's user id (set
    when the panel code creates it, not a form field)."""

    expert = None

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

    def review_open(self):
        """Whether its review is in review (the workflow's ``return`` guard
        asks this: after the verdict an assessment stays as submitted)."""
        return api.content.get_state(aq_parent(aq_inner(self)), None) == "in_review"

    def is_complete(self):
        """Whether every criterion has a score (the workflow's ``submit``
        guard asks this)."""
        return all(getattr(self, f"score_{token}", None) for token in CRITERIA)
