"""Mentoring: ``@@mentoring-uebersicht`` (the paths of all mentoring
groups' municipalities, for the institute), ``/mentoring`` and the
institute's names of the five stages (``@@schrittnamen``)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.behaviors.demo import is_demo
from zumo.content.browser.batching import catalog_batch
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.mentoring_group import member_paths
from zumo.content.mentoring_group import ROLES
from zumo.content.relations import related_objects
from zumo.content.step_names import named_steps
from zumo.content.step_names import SET_BY_INSTITUTE
from zumo.content.step_names import WORKING_TITLE
from zumo.content.step_names import working_titles
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.spaces import step_names
from zumo.policy.spaces.step_names import StepNameError


#: Groups per page.
PAGE_SIZE = 50


class MentoringOverview(BrowserView):
    """Every mentoring group with the paths of its municipalities side by
    side (state and date of each of the five stages), sorted by title,
    paged by group."""

    def steps(self):
        """The five stages as the network names them, each with whose name
        it is (:func:`zumo.content.step_names.named_steps`)."""
        return [
            dict(step, note=translated(step["note"], self.request))
            for step in named_steps()
        ]

    def batch(self):
        """The groups of the current page, as catalog brains."""
        return catalog_batch(
            self.request.form,
            api.content.find,
            PAGE_SIZE,
            portal_type="MentoringGroup",
            sort_on="sortable_title",
        )

    def rows(self, brain):
        """The group's municipalities, mentors first: title, role, demo mark
        and each stage's German state and date."""
        group = brain.getObject()
        members = [
            (translated(role, self.request), municipality)
            for field, role in ROLES
            for municipality in related_objects(group, [field])
        ]
        return [
            {
                "title": row["municipality"].Title(),
                "role": row["role"],
                "demo": row["demo"] or is_demo(group),
                "cells": [
                    {
                        "status": cell["status"],
                        "status_title": title_of(
                            "procedure_step_status", cell["status"], cell["status"]
                        ),
                        "date": local_time(cell["date"]),
                    }
                    for cell in row["steps"]
                ],
            }
            for row in member_paths(members)
        ]


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

    def steps(self):
        """The five stages as the network names them (titles)."""
        return [step["title"] for step in named_steps()]

    def stage_names_note(self):
        """Whose names the stages carry: working titles until the institute
        has named every stage."""
        named = all(step["set"] for step in named_steps())
        return translated(SET_BY_INSTITUTE if named else WORKING_TITLE, self.request)

    def members(self, brain):
        """How many municipalities the group has."""
        group = brain.getObject()
        return len(related_objects(group, [field for field, _role in ROLES]))

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
