"""The expert panel of a review: each expert on their own.

* The experts named in ``assigned_experts`` get the local role
  ``AssignedExpert`` on the review: they read it, its assessed plan and its
  documents. Nobody who has access to the reviewed municipality's space can
  be named (:func:`zumo.content.validators.expert_refusal`).
* Once the review has started, each of them has an own assessment inside
  it (``ExpertAssessment``), on which only they hold the local role
  ``Assessor``: the other experts neither read nor find it; the institute
  reads it once it is submitted.
* Each expert first declares whether a conflict of interest exists. "No
  conflict" gives them ``DeclaredExpert`` on their assessment, which lets
  them write and submit it; "conflict" withdraws them from the panel and
  tells the institute. The declarations are kept on the review
  (annotation), read by the institute only.
* The institute records the panel's joint verdict from the submitted
  assessments; that moves the review to ``submitted``
  (:func:`record_verdict`).
"""

from datetime import date
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.container.interfaces import INameChooser
from zope.i18nmessageid import Message
from zumo.content.browser.views import fullname
from zumo.content.i18n import translated
from zumo.content.relations import municipality_of
from zumo.content.validators import expert_refusal
from zumo.content.validators import NOT_A_MEMBER
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy import localroles
from zumo.policy.errors import UserError
from zumo.policy.reviews import mails


ASSIGNED = "AssignedExpert"
ASSESSOR = "Assessor"
DECLARED = "DeclaredExpert"
#: Annotation of a review: ``{userid: {"date", "conflict", "statement"}}``.
ANNOTATION_KEY = "zumo.policy.conflict_declarations"
#: Review states in which the institute composes the panel.
OPEN_STATES = ("requested", "in_review")
#: Review states in which the experts have their assessments.
STARTED_STATES = ("in_review", "submitted", "released")

PANEL_CLOSED = _(
    "error_panel_closed",
    default="Das Urteil des Gremiums ist festgehalten; das Gremium kann nicht "
    "mehr geändert werden.",
)


def assessment_of(review, userid):
    """The assessment of ``userid`` in ``review``, or ``None``."""
    return review.assessments().get(userid)


def declarations(review):
    """Return ``{userid: {"date": ISO string, "conflict": bool, "statement":
    str}}`` of every declaration made for ``review``."""
    return {
        userid: {"conflict": False, **record}
        for userid, record in IAnnotations(review).get(ANNOTATION_KEY, {}).items()
    }


def declaration_of(review, userid):
    """The declaration of ``userid`` for ``review``, or ``None``."""
    return declarations(review).get(userid)


def ensure_assessment(review, userid):
    """Give ``userid`` an assessment in ``review`` (a new one or the one kept
    from before) with the local roles it needs; return it."""
    assessment = assessment_of(review, userid)
    if assessment is None:
        name = INameChooser(review).chooseName("einzelgutachten", review)
        title = translated(
            _(
                "title_expert_assessment",
                default="Einzelgutachten von ${name}",
                mapping={"name": fullname(userid)},
            )
        )
        # Nobody adds an assessment by hand (only Manager has the add
        # permission): the panel makes one per expert.
        with api.env.adopt_roles(["Manager"]):
            assessment = api.content.create(
                container=review,
                type="ExpertAssessment",
                id=name,
                title=title,
                expert=userid,
                demo=bool(getattr(review, "demo", False)),
            )
    changed = localroles.grant(assessment, userid, ASSESSOR)
    declared = declaration_of(review, userid)
    if declared is not None and not declared["conflict"]:
        changed |= localroles.grant(assessment, userid, DECLARED)
    if changed:
        assessment.reindexObjectSecurity()
    return assessment


def _leave(review, userid):
    """Take ``userid``'s access to ``review`` and to their assessment away;
    the assessment stays (the institute keeps what was submitted)."""
    if localroles.revoke(review, userid, (ASSIGNED, DECLARED)):
        review.reindexObjectSecurity()
    assessment = assessment_of(review, userid)
    if assessment is not None and localroles.revoke(
        assessment, userid, (ASSESSOR, DECLARED)
    ):
        assessment.reindexObjectSecurity()


def sync_assigned_experts(review, event=None):
    """Make the panel of ``review`` match its ``assigned_experts``: local
    roles, assessments (once started) and mails.

    Experts taken off lose access to the review and their assessment and
    are told so, if they were told of it; their "no conflict" declaration
    is dropped (named again, they declare again).
    """
    if IContainerModifiedEvent.providedBy(event):
        return  # an item added or removed inside: the panel is unchanged
    assigned = list(review.assigned_experts or ())
    state = api.content.get_state(review, None)
    removed = [
        principal
        for principal, roles in review.get_local_roles()
        if ASSIGNED in roles and principal not in assigned
    ]
    store = IAnnotations(review).get(ANNOTATION_KEY, {})
    for userid in removed:
        if state != "requested":
            mails.expert_unassigned(review, userid)
        _leave(review, userid)
        if userid in store and not store[userid].get("conflict"):
            del store[userid]
    newly = []
    for userid in assigned:
        if localroles.grant(review, userid, ASSIGNED):
            newly.append(userid)
        if state in STARTED_STATES:
            ensure_assessment(review, userid)
    if newly or removed:
        review.reindexObjectSecurity()
    if newly:
        mails.review_assigned(review, newly)


def review_started(review, event):
    """When a review starts, each assigned expert gets their assessment."""
    if event.transition is not None and event.transition.id == "start_review":
        for userid in review.assigned_experts or ():
            ensure_assessment(review, userid)


def find_member(name):
    """The user id of the member with the user name, id or e-mail address
    ``name``, or ``None``."""
    name = (name or "").strip()
    if not name:
        return None
    user = api.user.get(username=name) or api.user.get(userid=name)
    if user is not None:
        return user.getId()
    if "@" in name:
        found = {
            entry["userid"]
            for entry in api.portal.get_tool("acl_users").searchUsers(email=name)
            if (entry.get("email") or "").lower() == name.lower()
        }
        if len(found) == 1:
            return found.pop()
    return None


def _check_open(review):
    if api.content.get_state(review, None) not in OPEN_STATES:
        raise UserError(PANEL_CLOSED)


def assign(review, name):
    """Name the member ``name`` (user name or e-mail address) as an expert of
    ``review``; return their user id.

    Raises ``UserError`` (German) for a name that is no member, a member
    with access to the reviewed municipality's space, one already named, or
    once the verdict is recorded.
    """
    _check_open(review)
    userid = find_member(name)
    if userid is None:
        raise UserError(Message(NOT_A_MEMBER, mapping={"name": (name or "").strip()}))
    refusal = expert_refusal(userid, municipality_of(review))
    if refusal is not None:
        raise UserError(refusal)
    assigned = list(review.assigned_experts or ())
    if userid in assigned:
        raise UserError(
            _(
                "error_expert_already_assigned",
                default="${name} gehört dem Gremium bereits an.",
                mapping={"name": fullname(userid)},
            )
        )
    review.assigned_experts = [*assigned, userid]
    sync_assigned_experts(review)
    return userid


def unassign(review, userid):
    """Take the expert ``userid`` off ``review``: they lose access and are
    told. Raises ``UserError`` (German) if they are not on the panel or the
    verdict is recorded."""
    _check_open(review)
    assigned = list(review.assigned_experts or ())
    if userid not in assigned:
        raise UserError(
            _(
                "error_not_on_panel",
                default="Diese Person gehört dem Gremium nicht an.",
            )
        )
    review.assigned_experts = [other for other in assigned if other != userid]
    sync_assigned_experts(review)


def declare(review, userid, conflict=False, statement=""):
    """Record the conflict-of-interest declaration of ``userid`` for ``review``.

    Without a conflict the expert may then write and submit their
    assessment. With a conflict (``statement`` says which; required) the
    expert leaves the panel: they lose access to the review and their
    assessment, and the institute is told. Raises ``UserError`` (German)
    for someone not on the panel, outside the review phase, a conflict
    without explanation, or after the expert submitted.
    """
    statement = (statement or "").strip()
    if userid not in (review.assigned_experts or ()):
        raise UserError(
            _(
                "error_not_assigned_expert",
                default="Nur zugewiesene Expertinnen und Experten können erklären.",
            )
        )
    if api.content.get_state(review, None) != "in_review":
        raise UserError(
            _(
                "error_declare_not_in_review",
                default="Erklärungen sind nur während der Begutachtung möglich.",
            )
        )
    if conflict and not statement:
        raise UserError(
            _(
                "error_conflict_needs_statement",
                default="Bitte beschreiben Sie den Interessenkonflikt kurz.",
            )
        )
    assessment = ensure_assessment(review, userid)
    if api.content.get_state(assessment, None) != "draft":
        raise UserError(
            _(
                "error_declare_after_submit",
                default="Ihr Einzelgutachten ist schon eingereicht. Bitte wenden "
                "Sie sich an das Institut.",
            )
        )
    annotations = IAnnotations(review)
    store = annotations.setdefault(ANNOTATION_KEY, PersistentMapping())
    store[userid] = PersistentMapping(
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        conflict=bool(conflict),
        statement=statement,
    )
    if not conflict:
        ensure_assessment(review, userid)
        return
    review.assigned_experts = [
        other for other in review.assigned_experts if other != userid
    ]
    _leave(review, userid)
    mails.conflict_declared(review, userid, statement)


def panel(review):
    """The panel of ``review`` for the institute: one dict per expert named
    now or withdrawn for a conflict, with ``userid``, ``name``,
    ``declaration`` (or ``None``), ``withdrawn``, ``assessment`` (or
    ``None``) and its ``state``."""
    assigned = list(review.assigned_experts or ())
    declared = declarations(review)
    withdrawn = [
        userid
        for userid, record in sorted(declared.items())
        if record["conflict"] and userid not in assigned
    ]
    assessments = review.assessments()
    rows = []
    for userid in assigned + withdrawn:
        assessment = assessments.get(userid)
        rows.append(
            {
                "userid": userid,
                "name": fullname(userid),
                "declaration": declared.get(userid),
                "withdrawn": userid in withdrawn,
                "assessment": assessment,
                "state": api.content.get_state(assessment, None)
                if assessment is not None
                else None,
            }
        )
    return rows


def submitted_assessments(review):
    """The submitted assessments of the experts now on the panel, in the
    order they were named."""
    assessments = review.assessments()
    return [
        assessments[userid]
        for userid in review.assigned_experts or ()
        if userid in assessments
        and api.content.get_state(assessments[userid], None) == "submitted"
    ]


def _rich(text):
    text = (text or "").strip()
    return RichTextValue(text, "text/plain", "text/html") if text else None


def record_verdict(
    review, level, valid_until, summary="", recommendation="", show_assessments=False
):
    """Record the panel's joint verdict on ``review`` and move it to
    ``submitted``: ``level`` (a token of the review levels), ``valid_until``
    (a date after today), ``summary`` and ``recommendation`` (plain text)
    and whether the individual assessments are released with it.

    Raises ``UserError`` (German) before every assigned expert has
    submitted, without a level or validity, or outside the review phase;
    nothing is changed then.
    """
    if api.content.get_state(review, None) != "in_review":
        raise UserError(
            _(
                "error_verdict_not_in_review",
                default="Das Urteil des Gremiums kann nur während der "
                "Begutachtung festgehalten werden.",
            )
        )
    missing = [
        row["name"]
        for row in panel(review)
        if not row["withdrawn"] and row["state"] != "submitted"
    ]
    if not review.assigned_experts or missing:
        raise UserError(
            _(
                "error_verdict_assessments_missing",
                default="Noch nicht alle Einzelgutachten sind eingereicht "
                "(es fehlen: ${names}).",
                mapping={"names": ", ".join(missing) or "–"},
            )
        )
    if level not in {token for token, _title in terms("review_levels")}:
        raise UserError(
            _("error_verdict_level", default="Bitte wählen Sie das Gesamtniveau.")
        )
    if not isinstance(valid_until, date) or valid_until <= date.today():
        raise UserError(
            _(
                "error_verdict_valid_until",
                default="Bitte geben Sie an, bis wann das Gutachten gilt "
                "(ein Datum nach heute).",
            )
        )
    review.level = level
    review.valid_until = valid_until
    review.summary = _rich(summary)
    review.recommendation = _rich(recommendation)
    review.show_assessments = bool(show_assessments)
    review.reindexObject()
    api.content.transition(obj=review, transition="submit")
