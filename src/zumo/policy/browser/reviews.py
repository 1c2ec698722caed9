"""The conflict-of-interest declaration of an assigned expert."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.action_plan import IActionPlan
from zumo.content.action_plan import PLAN_SECTIONS
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.browser.actions import PostedAction
from zumo.policy.errors import UserError
from zumo.policy.reviews import experts


class ConflictOfInterestView(BrowserView):
    """Form: the expert confirms having no conflict of interest."""

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("confirm"):
            CheckAuthenticator(self.request)
            try:
                experts.declare_no_conflict(
                    self.context, self.userid, self.request.form.get("statement", "")
                )
            except UserError as error:
                api.portal.show_message(
                    error.translate(self.request), self.request, type="error"
                )
                return self.index()
            api.portal.show_message(
                translated(
                    _(
                        "msg_conflict_declared",
                        default="Ihre Erklärung ist gespeichert. Sie können das "
                        "Gutachten einreichen.",
                    ),
                    self.request,
                ),
                self.request,
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    @property
    def userid(self):
        """The id of the current user."""
        return api.user.get_current().getId()

    def declaration(self):
        """The current user's declaration, or ``None``."""
        return experts.declarations(self.context).get(self.userid)


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
