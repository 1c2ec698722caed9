"""The start page of the ZUMO site: what the network offers, and what is new."""

from DateTime import DateTime
from plone import api
from Products.Five.browser import BrowserView
from zope.i18nmessageid import MessageFactory
from zumo.content import changes
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.browser.views import german_number
from zumo.content.browser.views import Marks
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.policy.setuphandlers.structure import sections

import time


_ = MessageFactory("zumo")


LATEST_EXAMPLES = 6
UPCOMING_MEETINGS = 3


class StartView(Marks, BrowserView):
    """Front page: the sections the visitor may enter and the newest examples.

    Everything comes from the catalog or the section folders with the
    visitor's own permissions, so nobody is shown a section or an entry
    they could not open.
    """

    def sections(self):
        """Return the sections the current user may view, with item counts.

        Each entry is a dict with ``title``, ``description``, ``url`` and
        ``count`` (the items of the section's main type the user may see)
        with its German ``count_label``, and ``demo``: how many of them are
        demo content.
        """
        portal = api.portal.get()
        catalog = api.portal.get_tool("portal_catalog")
        visible = [
            (section, folder)
            for section in sections()
            if (folder := portal.get(section["id"])) is not None
            and api.user.has_permission("View", obj=folder)
        ]
        # One memory for all counts: each look-up in it works out the
        # visitor's key again, the dearest part of a remembered answer.
        counts = recordsets.remembered(
            catalog,
            ("start-counts", tuple(section["id"] for section, _folder in visible)),
            lambda: [
                self._counted(catalog, folder, section["allowed"][0])
                for section, folder in visible
            ],
            advance=lambda previous, delta: [
                self._recounted(catalog, folder, section["allowed"][0], counted, delta)
                for (section, folder), counted in zip(visible, previous, strict=True)
            ],
        )
        return [
            {
                "id": section["id"],
                "title": folder.Title(),
                "description": folder.Description(),
                "url": folder.absolute_url(),
                "count": count,
                "count_label": self.count_label(count),
                "demo": demo,
            }
            for (section, folder), (count, demo, _rids) in zip(
                visible, counts, strict=True
            )
        ]

    def _found(self, catalog, folder, portal_type):
        """Record ids of ``portal_type`` directly in ``folder`` the visitor
        may see: the catalog's own search, remembered per catalog state and
        visitor (and brought forward after a change)."""
        path = "/".join(folder.getPhysicalPath())
        query = {"path": {"query": path, "depth": 1}, "portal_type": portal_type}
        return recordsets.found(catalog, query)

    def _counted(self, catalog, folder, portal_type):
        """``(items, demo items, their record ids)`` of ``portal_type``
        directly in ``folder`` the visitor may see (:meth:`_found`), the demo
        content by its index (``zumo_demo``)."""
        rids = self._found(catalog, folder, portal_type)
        demo = recordsets.count(rids, recordsets.holding(catalog, "zumo_demo", True))
        return len(rids), demo, rids

    def _recounted(self, catalog, folder, portal_type, counted, delta):
        """:meth:`_counted` brought forward over ``delta``: the demo items
        counted again among the changed records only."""
        _count, demo, before = counted
        rids = self._found(catalog, folder, portal_type)
        for rid in delta.rids:
            if rid in before and delta.old(rid, "zumo_demo"):
                demo -= 1
            if rid in rids and changes.entry(catalog, "zumo_demo", rid):
                demo += 1
        return len(rids), demo, rids

    def count_label(self, count):
        """Return '1 Eintrag' or '1.112 Einträge'; nothing for no entries.

        Nothing rather than "none": a visitor may simply not be allowed to
        see the entries of a section (private mentoring groups).
        """
        if count == 0:
            return None
        if count == 1:
            message = _("start_count_one", default="1 Eintrag")
        else:
            message = _(
                "start_count_many",
                default="${count} Einträge",
                mapping={"count": german_number(count)},
            )
        return translated(message, self.request)

    def latest_examples(self):
        """Return catalog brains of the newest published practice examples
        (walking the date index from its newest end: no sort of them all)."""
        catalog = api.portal.get_tool("portal_catalog")
        query = {"portal_type": "PracticeExample", "review_state": "published"}

        def newest():
            published = recordsets.found(catalog, query)
            return recordsets.ordered(
                catalog, published, "effective", reverse=True, end=LATEST_EXAMPLES
            )

        def advance(previous, delta):
            published = recordsets.found(catalog, query)
            return recordsets.reordered(
                catalog, previous, delta, published, "effective", True, LATEST_EXAMPLES
            )

        # Remembered as a whole: the walk sorts the newest day's examples
        # by id, hundreds where many were published at once; after a
        # change only the changed examples are placed again.
        rids = recordsets.remembered(
            catalog, ("start-latest", LATEST_EXAMPLES), newest, advance=advance
        )
        return recordsets.brains(catalog, rids, len(rids))

    def examples_url(self):
        """Return the address of the practice-example finder."""
        return facets.finder_url(api.portal.get())

    def upcoming_meetings(self):
        """Return catalog brains of the next workshop meetings the visitor may see."""
        catalog = api.portal.get_tool("portal_catalog")
        # The date index keeps minutes: "not ended" is the same answer
        # all through a minute, so it is asked at the minute's start and
        # remembered for it.
        minute = int(time.time() // 60) * 60
        query = {
            "portal_type": "WorkshopMeeting",
            "end": {"query": DateTime(minute), "range": "min"},
            "sort_on": "start",
            "sort_limit": UPCOMING_MEETINGS,
        }
        rids = recordsets.remembered(
            catalog,
            ("start-meetings", minute),
            lambda: [
                brain.getRID()
                for brain in catalog.searchResults(query)[:UPCOMING_MEETINGS]
            ],
            query=query,
        )
        return recordsets.brains(catalog, rids, len(rids))

    def when(self, brain):
        """Date and time of a meeting in German."""
        return local_time(brain.start, long_format=True)

    def portal_url(self):
        """The site's address, for the quick links."""
        return api.portal.get().absolute_url()
