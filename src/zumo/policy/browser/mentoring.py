"""Mentoring: ``@@mentoring-uebersicht`` (the progress of all mentoring
groups, for the institute) and the milestone form of a group's members."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.browser.batching import catalog_batch
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.relations import related_objects
from zumo.content.step_names import named_steps
from zumo.content.step_names import working_titles
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.browser.actions import PostedAction
from zumo.policy.spaces import milestones
from zumo.policy.spaces import step_names
from zumo.policy.spaces.step_names import StepNameError


#: Groups per page.
PAGE_SIZE = 50


class MentoringOverview(BrowserView):
    """Every mentoring group with its mentors, mentees and the state of the
    five ZWK steps, sorted by title, paged."""

    steps = [title for _token, title in terms("zwk_steps")]

    def batch(self):
        """The groups of the current page, as catalog brains."""
        return catalog_batch(
            self.request.form,
            api.content.find,
            PAGE_SIZE,
            portal_type="MentoringGroup",
            sort_on="sortable_title",
        )

    def row(self, brain):
        """Return the group's title, address, members and steps."""
        group = brain.getObject()
        done, total = group.progress()
        return {
            "title": brain.Title,
            "url": brain.getURL(),
            "mentors": ", ".join(
                m.Title() for m in related_objects(group, ["mentors"])
            ),
            "mentees": ", ".join(
                m.Title() for m in related_objects(group, ["mentees"])
            ),
            "steps": [
                {
                    "title": step["title"],
                    "status": step["status"],
                    "status_title": title_of(
                        "milestone_status", step["status"], step["status"]
                    ),
                    "date": local_time(step["date"]),
                }
                for step in group.milestones()
            ],
            "done": done,
            "total": total,
        }


class MilestoneFormViewlet(ViewletBase):
    """On a mentoring group: the small form with which its members and the
    institute update a milestone's status and date, and the latest
    changes (who, when); nothing for anyone else."""

    def render(self):
        """The form, or nothing for those who do not work in the group."""
        if not milestones.may_update(self.context):
            return ""
        return self.index()

    def steps(self):
        """``[{token, title, status, date}]`` of the five steps, the first
        one not reached marked ``selected``."""
        steps = self.context.milestones()
        current = next((step["token"] for step in steps if not step["done"]), None)
        return [
            {
                "token": step["token"],
                "title": step["title"],
                "selected": step["token"] == current,
            }
            for step in steps
        ]

    def statuses(self):
        """``[(token, title)]`` of the milestone states."""
        return terms("milestone_status")

    def changes(self, limit=5):
        """The latest changes as German text parts: when, who, step, status
        and date."""
        titles = dict(terms("zwk_steps"))
        found = []
        for change in milestones.changes(self.context)[:limit]:
            user = api.user.get(userid=change["userid"])
            fullname = user.getProperty("fullname") if user is not None else ""
            found.append(
                {
                    "time": local_time(change["time"], long_format=True),
                    "who": fullname
                    or translated(
                        _("roster_unnamed", default="Person ohne hinterlegten Namen"),
                        self.request,
                    ),
                    "step": titles.get(change["step"], change["step"]),
                    "status": title_of("milestone_status", change["status"]),
                    "date": local_time(change["date"]),
                }
            )
        return found


class MilestoneUpdate(PostedAction):
    """POST: update one milestone of the group (step, status, date)."""

    def act(self):
        """Apply the change (:func:`zumo.policy.spaces.milestones.update`)."""
        form = self.request.form
        title = milestones.update(
            self.context,
            form.get("step"),
            form.get("status"),
            form.get("date"),
            api.user.get_current().getId(),
        )
        self.done = _(
            "msg_milestone_updated",
            default="Der Meilenstein „${step}“ ist aktualisiert.",
            mapping={"step": title},
        )
        return self.context

    def next_url(self, target):
        """The group's page, at its milestones."""
        return f"{target.absolute_url()}#milestones-heading"


class MentoringSectionView(BrowserView):
    """``/mentoring``: what the mentoring programme is (quoted from its
    source), how to take part, and the groups the visitor may see: their
    own, for the institute and the ministry all. Everybody else learns no
    group's name (the groups are private to their roster, the institute
    and the ministry)."""

    def batch(self):
        """The page of the visible mentoring groups, by title (brains)."""
        return catalog_batch(
            self.request.form,
            api.content.find,
            PAGE_SIZE,
            context=self.context,
            portal_type="MentoringGroup",
            sort_on="sortable_title",
        )

    def progress(self, brain):
        """``{done, total}`` of the group's ZWK steps."""
        done, total = brain.getObject().progress()
        return {"done": done, "total": total}

    def steps(self):
        """The titles of the five ZWK steps."""
        return [title for _token, title in terms("zwk_steps")]

    def may_see_overview(self):
        """Whether the visitor may open the institute's overview."""
        return bool(api.user.has_permission("zumo: Manage network", obj=self.context))

    def portal_url(self):
        """The site's address, for the links to take part."""
        return api.portal.get().absolute_url()


class StepNamesForm(BrowserView):
    """``/mentoring/@@schrittnamen``: the institute names the five stages of
    the ZWK path (:func:`zumo.policy.spaces.step_names.save`). A refused
    input is shown in German with what was typed, and nothing is saved."""

    posted = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            values = {
                step_id: self.request.form.get(f"name_{step_id}")
                for step_id, _title in working_titles()
            }
            try:
                step_names.save(working_titles(), values)
            except StepNameError as error:
                self.posted = values
                api.portal.show_message(
                    error.translate(self.request), self.request, type="error"
                )
                return self.index()
            api.portal.show_message(
                translated(
                    _(
                        "msg_step_names_saved",
                        default="Die Namen der Stufen sind gespeichert.",
                    ),
                    self.request,
                ),
                self.request,
            )
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@schrittnamen"
            )
            return ""
        return self.index()

    def steps(self):
        """``[{id, working_title, value, note}]``: each stage with the name
        in its field (what was typed after a refusal, else the name set)
        and whose name is shown now."""
        return [
            {
                "id": step["id"],
                "working_title": step["working_title"],
                "value": (
                    self.posted.get(step["id"]) or ""
                    if self.posted is not None
                    else step["title"]
                    if step["set"]
                    else ""
                ),
                "note": translated(step["note"], self.request),
            }
            for step in named_steps()
        ]
