"""``@@mentoring-uebersicht``: the progress of all mentoring groups, for the
institute."""

from plone import api
from Products.Five.browser import BrowserView
from zumo.content.browser.batching import catalog_batch
from zumo.content.dates import local_time
from zumo.content.relations import related_objects
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of


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
