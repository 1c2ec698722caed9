"""``/werkstatttreffen``: upcoming meetings by region, past ones in pages.

Listings come from the catalog with the visitor's permissions (the public
sees announced and documented meetings only); ``?region=tuebingen`` shows
one regional cluster. Each meeting links its iCal file, the section the
calendar of all announced meetings (``ics_view``).
"""

from DateTime import DateTime
from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from zumo.content import vocabularies
from zumo.content.browser.batching import catalog_batch
from zumo.content.browser.views import Marks
from zumo.content.dates import local_time


PAST_PAGE = 20
#: At most this many upcoming meetings are listed (they are few).
UPCOMING_LIMIT = 100


class MeetingsView(Marks, BrowserView):
    """Upcoming meetings grouped by region cluster; past meetings paged."""

    def regions(self):
        """``[(token, title, selected)]`` of the region filter."""
        chosen = self.region()
        return [
            (token, title, token == chosen)
            for token, title in vocabularies.terms("regions")
        ]

    @memoize
    def region(self):
        """The region cluster asked for, if it is one (else ``None``)."""
        asked = self.request.form.get("region")
        return asked if asked in dict(vocabularies.terms("regions")) else None

    def _query(self, **query):
        query.update(
            portal_type="WorkshopMeeting",
            path="/".join(self.context.getPhysicalPath()),
        )
        if self.region():
            query["zumo_region"] = self.region()
        return api.portal.get_tool("portal_catalog").searchResults(query)

    def upcoming(self):
        """Upcoming meetings by region: ``[{title, meetings}]``, soonest first."""
        brains = self._query(
            end={"query": DateTime(), "range": "min"},
            sort_on="start",
            sort_limit=UPCOMING_LIMIT,
        )[:UPCOMING_LIMIT]
        groups = {}
        for brain in brains:
            # A meeting without a region (or whose region is not catalogued)
            # goes to the group without a title.
            groups.setdefault(brain.zumo_region or None, []).append(brain)
        titles = dict(vocabularies.terms("regions"))
        order = [token for token, _title in vocabularies.terms("regions")] + [None]
        return [
            {"title": titles.get(token), "meetings": groups[token]}
            for token in order
            if token in groups
        ]

    @memoize
    def past(self):
        """A page of past meetings, the most recent first."""
        return catalog_batch(
            self.request.form,
            self._query,
            PAST_PAGE,
            end={"query": DateTime(), "range": "max"},
            sort_on="start",
            sort_order="reverse",
        )

    def when(self, brain):
        """Date and time of a meeting in German (``12.03.2027, 09:30``)."""
        return local_time(brain.start, long_format=True)
