"""The review steps of the integrated management procedure's path (seed
001, line 19: „von einem unabhängigen Expertengremium extern begutachten
zu lassen … die nötige Rückmeldung und Anerkennung“; line 17:
„Fortschreibung des Handlungskonzepts“): checks of
:mod:`zumo.content.procedures`.

Each check says only what the viewer may know of the municipality's
reviews: a review the viewer may read, and — for the municipality's team,
which asked for it — that its own review is under way, although the team
does not read it while the panel works. The process facilitator reads no
reviews and learns nothing from these steps; the ministry learns of
released reviews, which it reads.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from zumo.content.i18n import translated
from zumo.content.procedures import DONE
from zumo.content.procedures import IN_PROGRESS
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.reviews.experts import assessed_plan
from zumo.policy.reviews.team import reviewed_team


REVIEW_WORKFLOW = "zumo_review_workflow"
RELEASED = "released"
#: The states of a review that is asked for or under way.
UNDER_WAY = ("requested", "in_review", "submitted")


def _known_reviews(municipality):
    """``[(review, state)]`` of the municipality's reviews the current user
    may know of: those they may read, and their own team's."""
    userid = api.user.get_current().getId()
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", zumo_municipality_uid=municipality.UID()
    ):
        review = brain._unrestrictedGetObject()
        if api.user.has_permission("View", obj=review) or (
            userid and userid in reviewed_team(review)
        ):
            found.append((review, brain.review_state))
    return found


def released_on(review):
    """The day ``review`` was released (its last ``release`` in the
    workflow history); its last change if the history does not say."""
    for entry in reversed(review.workflow_history.get(REVIEW_WORKFLOW, ())):
        if entry.get("action") == "release":
            return entry["time"].asdatetime().date()
    return review.modified().asdatetime().date()


def _released(municipality):
    """The released reviews the current user may know of, latest first."""
    reviews = [
        review for review, state in _known_reviews(municipality) if state == RELEASED
    ]
    return sorted(reviews, key=released_on, reverse=True)


def review_state(municipality):
    """„Externe Begutachtung“: done with the day of the latest released
    review; in work (with the day it was asked for) while one is asked for
    or under way; ``None`` (open) before."""
    released = _released(municipality)
    if released:
        return {"status": DONE, "date": released_on(released[0]), "records": released}
    under_way = [
        review for review, state in _known_reviews(municipality) if state in UNDER_WAY
    ]
    if not under_way:
        return None
    latest = max(under_way, key=lambda review: review.created())
    return {
        "status": IN_PROGRESS,
        "date": latest.created().asdatetime().date(),
        "records": under_way,
    }


def recognition_state(municipality):
    """„Rückmeldung und Anerkennung“: done once a review is released, with
    its level marked as the network's own scheme (the document names no
    levels)."""
    released = _released(municipality)
    if not released:
        return None
    latest = released[0]
    note = None
    if latest.level:
        note = translated(
            _(
                "text_step_review_level",
                default="Gesamtniveau: ${level} (eigene Festlegung des Netzwerks)",
                mapping={
                    "level": title_of("review_levels", latest.level, latest.level)
                },
            )
        )
    return {
        "status": DONE,
        "date": released_on(latest),
        "records": [latest],
        "note": note,
    }


def continuation_state(municipality):
    """„Fortschreibung des Handlungskonzepts“: done once the action plan a
    released review assessed has a newer version saved after the release
    (the day of that change); ``None`` (open) before."""
    for review in _released(municipality):
        pinned = assessed_plan(review)
        if not pinned:
            continue
        plan = uuidToObject(pinned["uid"], unrestricted=True)
        if plan is None or (plan.version_id or 0) <= pinned["version_id"]:
            continue
        changed = plan.modified().asdatetime().date()
        if changed >= released_on(review):
            return {"status": DONE, "date": changed, "records": [plan]}
    return None
