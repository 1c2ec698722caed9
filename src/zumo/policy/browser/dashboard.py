"""``@@mein-netzwerk``: the personal dashboard of a logged-in member.

What concerns the person, each part from the catalog with their own
rights: their spaces (team spaces and mentoring groups on whose roster
they are), their open tasks (examples to review for the institute, reviews
to write for an expert, their own proposals in review or sent back), their
meeting registrations, the upcoming meetings and what changed lately in
their spaces. Those who oversee the network (``zumo: View internal
statistics``: the ministry, the institute) also see what it achieves:
the released expert reviews, the headline figures of ``/statistik`` and
the practice examples published lately. Anonymous visitors are asked to
log in.
"""

from DateTime import DateTime
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
from zumo.content.browser.views import german_number
from zumo.content.browser.views import Marks
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.browser.statistics import INTERNAL
from zumo.policy.browser.statistics import StatisticsView
from zumo.policy.meetings import registration
from zumo.policy.qualification import participation
from zumo.policy.reviews import panel
from zumo.policy.spaces.roster import spaces_of


#: How many entries each list shows at most.
LIMIT = 10
#: One's own practice examples by state, each a list of tasks.
OWN_EXAMPLES = (
    (_("task_my_proposals", default="Meine Vorschläge in Prüfung"), "pending"),
    (_("task_my_drafts", default="Meine Entwürfe"), "private"),
)
#: Tasks of those who may act on a whole section: (section id, the
#: permission there, the group's title, the catalog query of its entries).
SECTION_TASKS = (
    (
        "praxisbeispiele",
        "Review portal content",
        _("task_review_examples", default="Praxisbeispiele prüfen"),
        {"portal_type": "PracticeExample", "review_state": "pending",
         "sort_on": "modified"},
    ),
    (
        "gutachten",
        "zumo: Assign experts",
        _("task_assign_experts", default="Angefragte Gutachten zuweisen"),
        {"portal_type": "ExpertReview", "review_state": "requested"},
    ),
)  # fmt: skip
#: Types that count as "changed in my spaces".
SPACE_CONTENT = ("Document", "File", "Image", "Link", "Folder", "News Item", "Event")


class Dashboard(Marks, BrowserView):
    """The personal dashboard."""

    def __call__(self):
        """Ask anonymous visitors to log in, else render."""
        if api.user.is_anonymous():
            raise Unauthorized("Bitte melden Sie sich an.")
        return self.index()

    @property
    def member(self):
        """The logged-in member."""
        return api.user.get_current()

    def fullname(self):
        """The member's name for the greeting."""
        return self.member.getProperty("fullname") or self.member.getId()

    def _find(self, **query):
        return api.portal.get_tool("portal_catalog").searchResults(**query)

    @memoize
    def spaces(self):
        """My team spaces and mentoring groups (brains)."""
        return list(spaces_of(self.member.getId()))

    def tasks(self):
        """``[{title, entries, more}]``: the open tasks, one group per kind
        the member has."""
        groups = []
        userid = self.member.getId()
        portal = api.portal.get()
        for section, permission, title, query in SECTION_TASKS:
            folder = portal.get(section)
            if folder is not None and api.user.has_permission(permission, obj=folder):
                groups.append(self._group(title, **query))
        groups.append(
            {
                "title": _("task_write_reviews", default="Gutachten schreiben"),
                "entries": self.reviews_to_write(),
                "more": False,
            }
        )
        for title, state in OWN_EXAMPLES:
            groups.append(
                self._group(
                    title,
                    portal_type="PracticeExample",
                    review_state=state,
                    Creator=userid,
                )  # fmt: skip
            )
        return [group for group in groups if group["entries"]]

    def overviews(self):
        """``[{title, url}]``: the overviews the member may open."""
        portal = api.portal.get()
        found = [
            {
                "title": _("heading_my_qualification", default="Meine Qualifizierung"),
                "url": f"{portal.absolute_url()}/@@meine-qualifizierung",
            }
        ]
        for brain in self.spaces():
            if brain.portal_type != "Municipality":
                continue
            space = brain._unrestrictedGetObject()
            if api.user.has_permission(participation.VIEW_PERMISSION, obj=space):
                found.append(
                    {
                        "title": _(
                            "link_team_qualification",
                            default="Qualifizierung des Teams ${municipality}",
                            mapping={"municipality": brain.Title},
                        ),
                        "url": f"{brain.getURL()}/@@qualifizierung-team",
                    }
                )
        if api.user.has_permission("zumo: Manage network", obj=portal):
            found.append(
                {
                    "title": _(
                        "heading_mentoring_overview",
                        default="Fortschritt der Mentoring-Gruppen",
                    ),
                    "url": f"{portal.absolute_url()}/@@mentoring-uebersicht",
                }
            )
        return found

    def _group(self, title, **query):
        query.setdefault("sort_on", "modified")
        query.setdefault("sort_order", "descending")
        found = list(self._find(**query))
        return {"title": title, "entries": found[:LIMIT], "more": len(found) > LIMIT}

    def reviews_to_write(self):
        """The reviews assigned to me whose assessment I have not submitted."""
        userid = self.member.getId()
        catalog = api.portal.get_tool("portal_catalog")
        # The catalog names the assigned experts as "user:" entries; only the
        # member's own entry is asked for, and each review is checked.
        found = []
        for brain in catalog.unrestrictedSearchResults(
            portal_type="ExpertReview",
            review_state=["requested", "in_review"],
            allowedRolesAndUsers=f"user:{userid}",
            sort_on="modified",
        ):
            review = brain._unrestrictedGetObject()
            if panel.ASSIGNED not in review.get_local_roles_for_userid(userid):
                continue
            assessment = panel.assessment_of(review, userid)
            if assessment is not None and (
                api.content.get_state(assessment) != "draft"
            ):
                continue
            if api.user.has_permission("View", obj=review):
                found.append(brain)
        return found[:LIMIT]

    def registrations(self):
        """My registrations for upcoming meetings:
        ``[{meeting, status_title, cancel_url}]``."""
        found = []
        for brain in self._find(
            portal_type="WorkshopMeeting",
            end={"query": DateTime(), "range": "min"},
            sort_on="start",
        ):
            meeting = brain.getObject()
            mine = registration.registration_of(meeting, self.member)
            if mine is not None:
                found.append(
                    {
                        "meeting": brain,
                        "status": translated(
                            registration.STATUS_TITLES[mine["row"]["status"]],
                            self.request,
                        ),
                        "cancel_url": registration.cancel_url(meeting, mine["row"]),
                    }
                )
        return found

    def meetings(self):
        """The next announced meetings."""
        return self._find(
            portal_type="WorkshopMeeting",
            review_state="announced",
            end={"query": DateTime(), "range": "min"},
            sort_on="start",
            sort_limit=5,
        )[:5]

    def changes(self):
        """What changed lately inside my spaces."""
        paths = [brain.getPath() for brain in self.spaces()]
        if not paths:
            return []
        return self._find(
            path=paths,
            portal_type=SPACE_CONTENT,
            sort_on="modified",
            sort_order="descending",
            sort_limit=LIMIT,
        )[:LIMIT]

    def when(self, value):
        """A date in German."""
        return local_time(value, long_format=True)

    @memoize
    def oversight(self):
        """What the network achieves, for those who oversee it (None for
        everybody else): ``reviews`` (released expert reviews, newest
        first, ``[{title, url, municipality, level, date}]``),
        ``reviews_count``, ``totals`` (the headline figures of /statistik),
        ``demo`` (how many of the examples, municipalities and reviews
        counted are demo content)
        and ``examples`` (practice examples published lately, brains)."""
        portal = api.portal.get()
        if not api.user.has_permission(INTERNAL, obj=portal):
            return None
        statistics = StatisticsView(portal, self.request)
        released = self._find(
            portal_type="ExpertReview",
            review_state="released",
            sort_on="modified",
            sort_order="descending",
        )
        levels = getUtility(IVocabularyFactory, "zumo.vocabularies.review_levels")(
            portal
        )
        reviews = []
        for brain in released[:LIMIT]:
            level = getattr(brain.getObject(), "level", None)
            reviews.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "municipality": brain.zumo_municipality_title or "",
                    "level": (levels.getTerm(level).title if level in levels else ""),
                    "date": self.when(brain.modified),
                    "demo": self.is_demo(brain),
                }
            )
        return {
            "reviews": reviews,
            "reviews_count": len(released),
            "totals": statistics.totals(),
            "demo": {
                **{
                    kind: number
                    for kind, number in (statistics.demo_totals() or {}).items()
                    if number != german_number(0)
                },
                "reviews": self.demo_count(released),
            },
            "statistics_url": f"{portal.absolute_url()}/statistik",
            "examples": self._find(
                portal_type="PracticeExample",
                review_state="published",
                sort_on="effective",
                sort_order="descending",
                sort_limit=5,
            )[:5],
        }
