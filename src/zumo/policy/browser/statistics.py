"""``/statistik``: the network in figures.

Public figures count published content only, whoever looks: practice
examples by ZUMO field, future trend, Regierungsbezirk, programme and year
of project start; municipalities by programme and role in the network.
Those with ``zumo: View internal statistics`` (ministry and institute) also
see internal figures: expert reviews per state, submissions waiting for
review, self-registered citizens and the registrations for coming workshop
meetings (read from their registration forms). All other counts come from
catalog indexes (the same counting as the finder's facets); each figure is
a table with the numbers, the bars beside them are decoration.
"""

from AccessControl import getSecurityManager
from DateTime import DateTime
from plone import api
from Products.Five.browser import BrowserView
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.browser.views import german_number
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.meetings import registration as meeting_registration


INTERNAL = "zumo: View internal statistics"
#: Public figures: (heading, portal_type, index, vocabulary or None).
FIGURES = (
    (_("stats_examples_topics", default="Praxisbeispiele nach ZUMO-Themenfeld"),
     "PracticeExample", "zumo_topics", "topics"),
    (_("stats_examples_trends", default="Praxisbeispiele nach Zukunftstrend"),
     "PracticeExample", "zumo_trends", "trends"),
    (_("stats_examples_regions", default="Praxisbeispiele nach Regierungsbezirk"),
     "PracticeExample", "zumo_region", "regions"),
    (_("stats_examples_programmes", default="Praxisbeispiele nach Programm"),
     "PracticeExample", "zumo_programmes", "programmes"),
    (_("stats_examples_years", default="Praxisbeispiele nach Jahr des Projektbeginns"),
     "PracticeExample", "zumo_start_year", None),
    (_("stats_municipalities_programmes", default="Kommunen nach Programm"),
     "Municipality", "zumo_programmes", "programmes"),
    (_("stats_municipalities_status", default="Kommunen nach Rolle im Netzwerk"),
     "Municipality", "zumo_network_status", "municipality_status"),
)  # fmt: skip


class StatisticsView(BrowserView):
    """The public figures, and the internal ones for those who may see them."""

    def _published(self, portal_type):
        catalog = api.portal.get_tool("portal_catalog")
        return recordsets.of_results(
            catalog.unrestrictedSearchResults(
                portal_type=portal_type,
                review_state="published",
                effective={"query": DateTime(), "range": "max"},
            )
        )

    def totals(self):
        """Published practice examples and municipalities, German numbers."""
        return {
            "examples": german_number(len(self._published("PracticeExample"))),
            "municipalities": german_number(len(self._published("Municipality"))),
        }

    def figures(self):
        """The public figures: ``title``, ``rows`` (``title``, ``count``,
        ``share`` in per cent of the largest row) and ``id``."""
        catalog = api.portal.get_tool("portal_catalog")
        published = {}
        result = []
        for number, (title, portal_type, index, vocabulary) in enumerate(FIGURES):
            if portal_type not in published:
                published[portal_type] = self._published(portal_type)
            facet = facets.Facet(index, None, vocabulary, "")
            counts = facets.counts(catalog, facet, published[portal_type])
            result.append(self._figure(f"figure-{number}", title, facet, counts))
        return result

    def _figure(self, figure_id, title, facet, counts):
        largest = max(counts.values(), default=0)
        return {
            "id": figure_id,
            "title": translated(title, self.request),
            "rows": [
                {
                    "title": facet.title_of(value),
                    "count": german_number(count),
                    "share": round(100 * count / largest) if largest else 0,
                }
                for value, count in counts.items()
            ],
        }

    def may_see_internal(self):
        """Whether the viewer sees the internal figures (ministry, institute)."""
        return bool(getSecurityManager().checkPermission(INTERNAL, self.context))

    def internal(self):
        """The internal figures, or ``None`` for everybody else."""
        if not self.may_see_internal():
            return None
        catalog = api.portal.get_tool("portal_catalog")
        reviews = catalog.unrestrictedSearchResults(portal_type="ExpertReview")
        states = {}
        for brain in reviews:
            states[brain.review_state] = states.get(brain.review_state, 0) + 1
        workflow = api.portal.get_tool("portal_workflow")
        chain = workflow.getChainForPortalType("ExpertReview")
        definition = workflow[chain[0]] if chain else None
        review_rows = [
            {
                "title": definition.states[state].title if definition else state,
                "count": german_number(states.get(state, 0)),
            }
            for state in (definition.states.objectIds() if definition else states)
        ]
        pending = len(
            catalog.unrestrictedSearchResults(
                portal_type="PracticeExample", review_state="pending"
            )
        )
        citizens = len(api.user.get_users(groupname="citizens"))
        registrations = 0
        for brain in catalog.unrestrictedSearchResults(
            portal_type="WorkshopMeeting", end={"query": DateTime(), "range": "min"}
        ):
            counts = meeting_registration.counts(brain._unrestrictedGetObject())
            registrations += counts["confirmed"] + counts["waiting"]
        return {
            "reviews": review_rows,
            "reviews_total": german_number(len(reviews)),
            "pending": german_number(pending),
            "citizens": german_number(citizens),
            "registrations": german_number(registrations),
        }
