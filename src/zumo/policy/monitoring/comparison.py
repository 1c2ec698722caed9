"""The team's self-assessments beside the expert panel's assessment, on
the six implementation factors.

The panel's scores are those of the experts' own assessments
(Einzelgutachten). They are shown only from a released review whose
individual assessments the institute released with it, and only to those
who may read that review (the catalog asks with the reader's
permissions): the same rule as on the review's page.
"""

from Acquisition import aq_inner
from decimal import Decimal
from plone import api
from zumo.policy.reviews.panel import submitted_assessments


def self_assessments(space):
    """The self-assessments in the team space ``space`` the user may view,
    oldest first."""
    return sorted(
        (
            brain.getObject()
            for brain in api.content.find(
                context=aq_inner(space), depth=1, portal_type="SelfAssessment"
            )
        ),
        key=lambda item: item.date,
    )


def released_reviews(municipality):
    """The released expert reviews of ``municipality`` the user may read."""
    return [
        brain.getObject()
        for brain in api.content.find(
            portal_type="ExpertReview",
            review_state="released",
            zumo_municipality_uid=municipality.UID(),
            sort_on="modified",
        )
    ]


def panel_scores(review):
    """``{factor token: [scores as ints]}`` of the submitted assessments of
    ``review`` if the institute released them with it, else ``None``."""
    if api.content.get_state(review, None) != "released":
        return None
    if not review.show_assessments:
        return None
    scores = {}
    for assessment in submitted_assessments(review):
        for row in assessment.rubric():
            if row["score"]:
                scores.setdefault(row["token"], []).append(int(row["score"]))
    return scores


def mean(scores):
    """The mean of ``scores`` to one decimal (a ``Decimal``), or ``None``."""
    if not scores:
        return None
    return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"))
