"""The expert panel on a review's page and around it: each expert's
declaration and assessment, the institute's panel (who is on it, what they
declared and submitted, the joint verdict), the assessed plan, the
recognition on a municipality's profile and requesting a review."""

from datetime import date
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.action_plan import IActionPlan
from zumo.content.action_plan import PLAN_SECTIONS
from zumo.content.browser.batching import one_text
from zumo.content.browser.views import fullname
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.browser.actions import PostedAction
from zumo.policy.errors import UserError
from zumo.policy.reviews import experts
from zumo.policy.reviews import panel


def _rubric(assessment):
    """The rubric rows of ``assessment`` with German score titles."""
    return [
        dict(row, score_title=title_of("review_scores", row["score"], row["score"]))
        for row in assessment.rubric()
    ]


def _declared_text(record):
    """The time of a declaration (stored in UTC), in the site's time zone."""
    return local_time(record["date"], long_format=True)


class ConflictOfInterestView(BrowserView):
    """Form: the expert declares whether a conflict of interest exists.

    "No conflict" leads on to the expert's own assessment; "conflict" (with
    an explanation) withdraws the expert from the panel.
    """

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("choice"):
            CheckAuthenticator(self.request)
            choice = one_text(self.request.form, "choice")
            conflict = choice == "conflict"
            try:
                if choice not in ("none", "conflict"):
                    raise UserError(
                        _(
                            "error_coi_choice",
                            default="Bitte wählen Sie eine der beiden Erklärungen.",
                        )
                    )
                panel.declare(
                    self.context,
                    self.userid,
                    conflict=conflict,
                    statement=one_text(self.request.form, "statement"),
                )
            except UserError as error:
                api.portal.show_message(
                    error.translate(self.request), self.request, type="error"
                )
                return self.index()
            if conflict:
                api.portal.show_message(
                    translated(
                        _(
                            "msg_conflict_withdrawn",
                            default="Ihre Erklärung ist gespeichert. Sie gehören "
                            "dem Gremium für dieses Gutachten nicht mehr an; das "
                            "Institut ist informiert.",
                        ),
                        self.request,
                    ),
                    self.request,
                )
                portal = api.portal.get()
                self.request.response.redirect(
                    f"{portal.absolute_url()}/@@mein-netzwerk"
                )
                return ""
            api.portal.show_message(
                translated(
                    _(
                        "msg_no_conflict_declared",
                        default="Ihre Erklärung ist gespeichert. Bitte bewerten "
                        "Sie jetzt in Ihrem Einzelgutachten jeden "
                        "Umsetzungsfaktor.",
                    ),
                    self.request,
                ),
                self.request,
            )
            assessment = panel.assessment_of(self.context, self.userid)
            self.request.response.redirect(f"{assessment.absolute_url()}/edit")
            return ""
        return self.index()

    @property
    def userid(self):
        """The id of the current user."""
        return api.user.get_current().getId()

    def declaration(self):
        """The current user's declaration (with ``date_text``), or ``None``."""
        record = panel.declaration_of(self.context, self.userid)
        if record is None:
            return None
        return dict(record, date_text=_declared_text(record))

    def assessment(self):
        """The current user's assessment, or ``None``."""
        return panel.assessment_of(self.context, self.userid)


class ExpertPanelViewlet(ViewletBase):
    """On a review: the task of an assigned expert (declare, then assess);
    for the institute the panel and a way to change it; for the readers of
    a released review the individual assessments, if the institute
    released them."""

    @property
    def userid(self):
        """The id of the current user."""
        return api.user.get_current().getId()

    def state(self):
        """The review's workflow state."""
        return api.content.get_state(self.context, None)

    def my_task(self):
        """For an assigned expert: ``{declaration, assessment, state}``
        (``None`` for anybody else or before the review starts)."""
        userid = self.userid
        if userid not in (self.context.assigned_experts or ()):
            return None
        assessment = panel.assessment_of(self.context, userid)
        if assessment is None:
            return None
        record = panel.declaration_of(self.context, userid)
        return {
            "declaration": dict(record, date_text=_declared_text(record))
            if record
            else None,
            "assessment": assessment,
            "submitted": api.content.get_state(assessment, None) != "draft",
        }

    def manages_panel(self):
        """Whether the current user composes the panel (the institute)."""
        return bool(api.user.has_permission("zumo: Assign experts", obj=self.context))

    def panel_open(self):
        """Whether the panel can still be changed."""
        return self.state() in panel.OPEN_STATES

    def members(self):
        """The panel for the institute (see :func:`_members`)."""
        return _members(self.context, self.request)

    def released_assessments(self):
        """On a released review whose assessments the institute released
        with it: ``[{name, rubric, text}]`` of each submitted one."""
        if self.state() != "released" or not self.context.show_assessments:
            return []
        return [
            {
                "name": fullname(assessment.expert),
                "rubric": _rubric(assessment),
                "text": assessment.text.output if assessment.text else "",
            }
            for assessment in panel.submitted_assessments(self.context)
        ]


def _members(review, request):
    """The panel of ``review`` (see :func:`zumo.policy.reviews.panel.panel`),
    each expert with the German status of declaration and assessment."""
    return [
        dict(
            row,
            declaration_text=_declaration_status(row["declaration"], request),
            assessment_text=_assessment_status(row["state"], request),
        )
        for row in panel.panel(review)
    ]


def _declaration_status(record, request):
    if record is None:
        return translated(_("status_coi_open", default="noch nicht erklärt"), request)
    if record["conflict"]:
        return translated(
            _(
                "status_coi_conflict",
                default="Interessenkonflikt erklärt am ${date}: ${statement}",
                mapping={
                    "date": _declared_text(record),
                    "statement": record["statement"],
                },
            ),
            request,
        )
    text = translated(
        _(
            "status_coi_none",
            default="kein Interessenkonflikt (erklärt am ${date})",
            mapping={"date": _declared_text(record)},
        ),
        request,
    )
    return f"{text}: {record['statement']}" if record["statement"] else text


def _assessment_status(state, request):
    if state == "submitted":
        message = _("status_assessment_submitted", default="eingereicht")
    elif state == "draft":
        message = _("status_assessment_draft", default="in Arbeit")
    else:
        message = _("status_assessment_none", default="noch nicht begonnen")
    return translated(message, request)


class PanelView(BrowserView):
    """``@@gremium``: the institute compares the declarations and the
    submitted assessments side by side and records the panel's verdict."""

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("record"):
            CheckAuthenticator(self.request)
            try:
                panel.record_verdict(
                    self.context,
                    level=one_text(self.request.form, "level"),
                    valid_until=_parse_date(one_text(self.request.form, "valid_until")),
                    summary=one_text(self.request.form, "summary"),
                    recommendation=one_text(self.request.form, "recommendation"),
                    show_assessments=bool(self.request.form.get("show_assessments")),
                )
            except UserError as error:
                api.portal.show_message(
                    error.translate(self.request), self.request, type="error"
                )
                return self.index()
            api.portal.show_message(
                translated(
                    _(
                        "msg_verdict_recorded",
                        default="Das Urteil des Gremiums ist festgehalten. Sie "
                        "können das Gutachten jetzt freigeben.",
                    ),
                    self.request,
                ),
                self.request,
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    def members(self):
        """The panel (see :func:`_members`)."""
        return _members(self.context, self.request)

    def columns(self):
        """``[{name, rubric, text, url}]`` of each submitted assessment."""
        return [
            {
                "name": fullname(assessment.expert),
                "rubric": _rubric(assessment),
                "text": assessment.text.output if assessment.text else "",
                "url": assessment.absolute_url(),
            }
            for assessment in panel.submitted_assessments(self.context)
        ]

    def criteria(self):
        """``[{title, cells: [{score, comment}]}]``: one row per criterion
        with each submitted assessment's score and comment."""
        columns = self.columns()
        return [
            {
                "title": title,
                "cells": [column["rubric"][index] for column in columns],
            }
            for index, (_token, title) in enumerate(terms("review_criteria"))
        ]

    def may_record(self):
        """Whether the verdict can be recorded now (the review is in review)."""
        return api.content.get_state(self.context, None) == "in_review"

    def levels(self):
        """``[(token, title)]`` of the review levels."""
        return terms("review_levels")

    def value(self, name, default=""):
        """A submitted form value (after a refusal) or ``default``."""
        return one_text(self.request.form, name) or default


def _parse_date(value):
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


class AssignExpert(PostedAction):
    """POST: name an expert (user name or e-mail address) for the panel."""

    done = _(
        "msg_expert_assigned",
        default="Die Expertin oder der Experte gehört jetzt dem Gremium an und "
        "wird benachrichtigt, sobald die Begutachtung beginnt oder läuft.",
    )

    def act(self):
        """Assign (see :func:`zumo.policy.reviews.panel.assign`)."""
        panel.assign(self.context, one_text(self.request.form, "name"))
        return self.context


class UnassignExpert(PostedAction):
    """POST: take an expert off the panel; they are told."""

    done = _(
        "msg_expert_unassigned",
        default="Die Person gehört dem Gremium nicht mehr an und ist benachrichtigt.",
    )

    def act(self):
        """Unassign (see :func:`zumo.policy.reviews.panel.unassign`)."""
        panel.unassign(self.context, one_text(self.request.form, "userid"))
        return self.context


class AssessmentViewlet(ViewletBase):
    """On an assessment: what its expert does next (declare first, then
    edit and submit) and, once submitted, that it is."""

    def state(self):
        """The assessment's workflow state."""
        return api.content.get_state(self.context, None)

    def review(self):
        """The review the assessment belongs to."""
        return self.context.__parent__

    def is_mine(self):
        """Whether the current user is the assessment's expert."""
        return api.user.get_current().getId() == self.context.expert

    def declared(self):
        """Whether the expert declared no conflict of interest."""
        record = panel.declaration_of(self.review(), self.context.expert)
        return record is not None and not record["conflict"]

    def may_submit(self):
        """Whether the current user may submit it."""
        return bool(api.user.has_permission("zumo: Submit review", obj=self.context))


class SubmitAssessment(PostedAction):
    """POST: the expert submits their assessment; the institute is told."""

    done = _(
        "msg_assessment_submitted",
        default="Ihr Einzelgutachten ist eingereicht. Das Institut ist "
        "informiert und hält das Urteil des Gremiums fest.",
    )

    def act(self):
        """Submit, once every criterion is scored."""
        if not self.context.is_complete():
            raise UserError(
                _(
                    "error_assessment_incomplete",
                    default="Bitte bewerten Sie jeden Umsetzungsfaktor, bevor "
                    "Sie Ihr Einzelgutachten einreichen.",
                )
            )
        if api.content.get_state(self.context, None) != "draft":
            raise UserError(
                _(
                    "error_assessment_not_draft",
                    default="Ihr Einzelgutachten ist bereits eingereicht.",
                )
            )
        api.content.transition(obj=self.context, transition="submit")
        return self.context


#: German titles of the plan's sections, from its schema.
SECTION_TITLES = {name: IActionPlan[name].title for name in PLAN_SECTIONS}


class AssessedPlanViewlet(ViewletBase):
    """On a review: the version of the action plan it assesses (shown to
    whoever may read the review)."""

    def plan(self):
        """Return the pinned plan with German kind title and dates, or ``None``."""
        record = experts.assessed_plan(self.context)
        if record is None:
            return None
        record["kind_title"] = title_of(
            "action_plan_kinds", record["plan_kind"], record["plan_kind"] or ""
        )
        record["pinned_text"] = local_time(record["pinned"])
        record["adopted_text"] = local_time(record["adopted"])
        record["sections"] = [
            {"name": name, "title": SECTION_TITLES[name], "html": record[name]}
            for name in PLAN_SECTIONS
            if record.get(name)
        ]
        return record

    def named_plan(self):
        """Return the title of the named plan before it is pinned, if the
        viewer may see the plan."""
        relation = getattr(self.context, "action_plan", None)
        if relation is None or relation.isBroken() or relation.to_object is None:
            return None
        plan = relation.to_object
        return plan if api.user.has_permission("View", obj=plan) else None


class RecognitionViewlet(ViewletBase):
    """On a municipality's profile: its valid, released reviews as
    recognition, if the municipality agreed."""

    def recognitions(self):
        """Return subject, level title, validity and demo flag of each."""
        return [
            dict(
                item,
                level_title=title_of("review_levels", item["level"], item["level"]),
                valid_text=local_time(item["valid_until"]),
            )
            for item in experts.recognitions(self.context)
        ]


class RequestReviewViewlet(ViewletBase):
    """On an action plan: the button that requests a review of it, for its
    team (renders nothing for anyone else)."""

    def render(self):
        """The button, or nothing for anyone but the plan's team."""
        if not experts.may_request_review(self.context):
            return ""
        return self.index()


class RequestReview(PostedAction):
    """POST: request a review of the action plan and open the new review."""

    done = _(
        "msg_review_requested",
        default="Die Begutachtung ist angefragt. Das Institut weist Expertinnen "
        "und Experten zu; Sie können hier weitere Unterlagen ablegen.",
    )

    def act(self):
        """Create the review (see :func:`zumo.policy.reviews.experts.request_review`)."""
        return experts.request_review(self.context)
