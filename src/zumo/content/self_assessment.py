"""Selbsteinschätzung: the team rates its process on the six
implementation factors of seed 003, on a date of its choice.

The factors and their sub-points are those the expert panel scores
(``review_criteria``), on the same scale (``review_scores``), so a team
can set its own view beside the panel's. Each self-assessment is one
record; a team repeats it over time and keeps the earlier ones.
"""

from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ITeamRecord
from zumo.content.vocabularies import guidance
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of

import datetime


def _score(token):
    return schema.Choice(
        title=title_of("review_criteria", token),
        description="Dazu gehört: " + "; ".join(guidance("review_criteria", token)),
        vocabulary="zumo.vocabularies.review_scores",
        required=True,
    )


def _note(token):
    return schema.Text(
        title=_("label_self_assessment_note", default="Begründung zu: ${criterion}",
                mapping={"criterion": title_of("review_criteria", token)}),
        required=False,
    )  # fmt: skip


def _today():
    return datetime.date.today()


class ISelfAssessment(model.Schema):
    """Schema of a self-assessment: its date, a score and a reason per
    implementation factor."""

    date = schema.Date(
        title=_("label_self_assessment_date", default="Stand vom"),
        required=True,
        defaultFactory=_today,
    )
    score_legitimation = _score("legitimation")
    note_legitimation = _note("legitimation")
    score_planungskonzept = _score("planungskonzept")
    note_planungskonzept = _note("planungskonzept")
    score_vernetzung = _score("vernetzung")
    note_vernetzung = _note("vernetzung")
    score_ressourcen = _score("ressourcen")
    note_ressourcen = _note("ressourcen")
    score_beteiligung = _score("beteiligung")
    note_beteiligung = _note("beteiligung")
    score_evaluation = _score("evaluation")
    note_evaluation = _note("evaluation")


@implementer(ISelfAssessment, ITeamRecord)
class SelfAssessment(Item):
    """One dated self-assessment of the team."""

    def rubric(self):
        """The factors as dicts: token, title, guidance, score, note."""
        return [
            {
                "token": token,
                "title": title,
                "guidance": guidance("review_criteria", token),
                "score": getattr(self, f"score_{token}", None),
                "note": getattr(self, f"note_{token}", None),
            }
            for token, title in terms("review_criteria")
        ]
