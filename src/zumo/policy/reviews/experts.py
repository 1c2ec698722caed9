"""Around the expert panel (:mod:`zumo.policy.reviews.panel`): the action
plan a review assesses, pinned when it starts, the recognitions a
municipality shows, and requesting a review.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zumo.content import recordsets
from zumo.content.action_plan import PLAN_SECTIONS
from zumo.content.i18n import translated
from zumo.content.municipality import IMunicipality
from zumo.content.relations import relation_to
from zumo.policy import _
from zumo.policy.bulk.report import add_content
from zumo.policy.errors import UserError


PLAN_KEY = "zumo.policy.assessed_plan"


def pin_action_plan(review):
    """Record the version of the review's action plan that the experts assess.

    Saves a version of the plan first if its working copy has changed since
    the last one, then stores on the review the plan's UID, the version id
    and the plan's content as it is in that version: the experts, the
    institute and later the ministry read it with the review, without
    access to the team space. Returns the stored record, or ``None`` when
    the review names no (visible to the system) plan.
    """
    relation = getattr(review, "action_plan", None)
    if relation is None or relation.isBroken() or relation.to_object is None:
        IAnnotations(review).pop(PLAN_KEY, None)
        return None
    plan = relation.to_object
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        if getattr(plan, "version_id", None) is None or not repository.isUpToDate(
            plan, plan.version_id
        ):
            repository.save(
                obj=plan,
                comment=translated(
                    _(
                        "version_comment_review",
                        default="Fassung für das Gutachten „${title}“",
                        mapping={"title": review.Title()},
                    )
                ),
            )
    record = PersistentMapping(
        uid=plan.UID(),
        version_id=plan.version_id,
        pinned=datetime.now(UTC).isoformat(timespec="seconds"),
        title=plan.Title(),
        plan_kind=plan.plan_kind,
        adopted=plan.adopted.isoformat() if plan.adopted else None,
        horizon=plan.horizon,
    )
    for name in PLAN_SECTIONS:
        value = getattr(plan, name, None)
        record[name] = value.output if value is not None else ""
    IAnnotations(review)[PLAN_KEY] = record
    return record


def assessed_plan(review):
    """Return the pinned action plan of ``review`` (see :func:`pin_action_plan`)
    as a dict, or ``None`` before the review has started."""
    record = IAnnotations(review).get(PLAN_KEY)
    return dict(record) if record is not None else None


def review_started(review, event):
    """Pin the action plan when the review starts (``start_review``)."""
    if event.transition is not None and event.transition.id == "start_review":
        pin_action_plan(review)


def review_modified(review, event):
    """Pin again when the institute names another plan during the review."""
    if api.content.get_state(review) != "in_review":
        return
    pinned = assessed_plan(review) or {}
    relation = getattr(review, "action_plan", None)
    current = relation.to_object if relation is not None else None
    if (current.UID() if current is not None else None) != pinned.get("uid"):
        pin_action_plan(review)


def recognitions(municipality, today=None):
    """Return the released, still valid reviews of ``municipality`` as
    recognition for its public profile: dicts with subject, level token,
    valid-until date and demo flag; an empty list unless the municipality
    agreed (``show_review_recognition``). Only these few facts leave the
    confidential review."""
    if not getattr(municipality, "show_review_recognition", False):
        return []
    today = today or date.today()
    return [
        dict(item)
        for item in _released(municipality.UID())
        if not (item["valid_until"] and item["valid_until"] < today)
    ]


def _released(municipality_uid):
    """The facts of the released reviews of a municipality that name a
    level, by subject: remembered per catalog state (the same for every
    visitor), as each visit of its profile asks for them. Every change of
    a review reindexes it (the verdict, the release, the edit form), so a
    change shows at once."""
    catalog = api.portal.get_tool("portal_catalog")

    def search():
        found = []
        for brain in catalog.unrestrictedSearchResults(
            portal_type="ExpertReview",
            review_state="released",
            zumo_municipality_uid=municipality_uid,
        ):
            review = brain._unrestrictedGetObject()
            if not review.level:
                continue
            found.append(
                {
                    "subject": review.review_subject or review.Title(),
                    "level": review.level,
                    "valid_until": review.valid_until,
                    "demo": bool(getattr(review, "demo", False)),
                }
            )
        return tuple(sorted(found, key=lambda item: item["subject"]))

    return recordsets.remembered(
        catalog, ("recognitions", municipality_uid), search, personal=False
    )


#: The section of the expert reviews.
REVIEWS_SECTION = "gutachten"


def may_request_review(plan):
    """Whether the current user may request a review of ``plan``: a member
    of its municipality's team (or the institute) who may add reviews."""
    municipality = aq_parent(aq_inner(plan))
    section = api.portal.get().get(REVIEWS_SECTION)
    return (
        section is not None
        and IMunicipality.providedBy(municipality)
        and api.user.has_permission("zumo: Request review", obj=municipality)
        and api.user.has_permission("zumo.content: Add ExpertReview", obj=section)
    )


def request_review(plan):
    """Request an expert review of the action plan ``plan`` and return it.

    The review names the plan and its municipality, its subject is the
    plan's title; it is ``requested`` and belongs to the requester, who can
    add documents before the institute assigns experts. Raises
    ``UserError`` (German) if the user may not request it.
    """
    if not may_request_review(plan):
        raise UserError(
            _(
                "error_request_review_not_allowed",
                default="Eine Begutachtung kann nur das Team der Kommune anfordern.",
            )
        )
    municipality = aq_parent(aq_inner(plan))
    return add_content(
        api.portal.get()[REVIEWS_SECTION],
        portal_type="ExpertReview",
        title=translated(
            _(
                "title_requested_review",
                default="Gutachten ${municipality}: ${plan}",
                mapping={"municipality": municipality.Title(), "plan": plan.Title()},
            )
        ),
        review_subject=plan.Title(),
        municipality=relation_to(municipality),
        action_plan=relation_to(plan),
    )
