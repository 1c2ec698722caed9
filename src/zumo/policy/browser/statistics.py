"""``/statistik``: the network in figures.

Public figures count published content only, whoever looks: practice
examples by ZUMO field, future trend, Regierungsbezirk, programme, year of
project start and year of publication; municipalities by programme and role
in the network. A GET form narrows every public figure to one
Regierungsbezirk and one programme, with the finder's parameters
(``zumo_region``, ``zumo_programmes``); an unknown value is left out with a
German note. Each figure is a table with a caption, the numbers and a
column of demo content where the figure counts any, and has its CSV file at
``@@statistik.csv?tabelle=<id>`` (same filter, same permission as the page).

Those with ``zumo: View internal statistics`` (ministry and institute) also
see internal figures, for the whole network: expert reviews per state,
submissions waiting for review, self-registered citizens and the
registrations for coming workshop meetings (read from their registration
forms). All other counts come from catalog indexes (the same counting as
the finder's facets); the bars beside the numbers are decoration.
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from DateTime import DateTime
from plone import api
from plone.dexterity.content import FLOOR_DATE
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import NotFound
from zumo.content import facets
from zumo.content import recordsets
from zumo.content import vocabularies
from zumo.content.browser.batching import one_text
from zumo.content.browser.views import german_number
from zumo.content.browser.views import Marks
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.meetings import registration as meeting_registration
from zumo.policy.tabular import csv_text


INTERNAL = "zumo: View internal statistics"
#: What a figure counts: the column heading of its numbers.
COUNTED = {
    "PracticeExample": _("column_examples", default="Praxisbeispiele"),
    "Municipality": _("column_municipalities", default="Kommunen"),
}
#: Public figures: (id, heading, heading of the first column, portal_type,
#: index, vocabulary or None). The id names the figure's CSV file.
FIGURES = (
    ("themen",
     _("stats_examples_topics", default="Praxisbeispiele nach ZUMO-Themenfeld"),
     _("column_topic", default="ZUMO-Themenfeld"),
     "PracticeExample", "zumo_topics", "topics"),
    ("trends",
     _("stats_examples_trends", default="Praxisbeispiele nach Zukunftstrend"),
     _("column_trend", default="Zukunftstrend"),
     "PracticeExample", "zumo_trends", "trends"),
    ("regierungsbezirke",
     _("stats_examples_regions", default="Praxisbeispiele nach Regierungsbezirk"),
     _("column_region", default="Regierungsbezirk"),
     "PracticeExample", "zumo_region", "regions"),
    ("programme",
     _("stats_examples_programmes", default="Praxisbeispiele nach Programm"),
     _("column_programme", default="Programm"),
     "PracticeExample", "zumo_programmes", "programmes"),
    ("projektbeginn",
     _("stats_examples_years", default="Praxisbeispiele nach Jahr des Projektbeginns"),
     _("column_start_year", default="Jahr des Projektbeginns"),
     "PracticeExample", "zumo_start_year", None),
    ("kommunen-programme",
     _("stats_municipalities_programmes", default="Kommunen nach Programm"),
     _("column_programme", default="Programm"),
     "Municipality", "zumo_programmes", "programmes"),
    ("kommunen-rollen",
     _("stats_municipalities_status", default="Kommunen nach Rolle im Netzwerk"),
     _("column_network_status", default="Rolle im Netzwerk"),
     "Municipality", "zumo_network_status", "municipality_status"),
)  # fmt: skip
#: The figure of the development by year: examples published per year.
PUBLISHED = "veroeffentlicht"
#: The internal table's id (for its CSV file).
REVIEWS = "gutachten"
#: The filters of the page: the finder's parameter and the vocabulary.
FILTERS = (("zumo_region", "regions"), ("zumo_programmes", "programmes"))


def publication_year(brain):
    """The year ``brain``'s object was published: its publication date
    (``effective``), or, where it has none, the year it was created."""
    effective = facets.metadata(brain, "effective")
    if effective is None or effective <= FLOOR_DATE:
        return brain.created.year()
    return effective.year()


class StatisticsView(Marks, BrowserView):
    """The public figures, and the internal ones for those who may see them."""

    # -- the filter (from the URL, checked) ---------------------------------

    @memoize
    def filters(self):
        """``{index: token}`` of the filters set to a known value."""
        chosen = {}
        for index, vocabulary in FILTERS:
            token = one_text(self.request.form, index)
            if vocabularies.title_of(vocabulary, token):
                chosen[index] = token
        return chosen

    def notices(self):
        """German notes on filter values that were left out."""
        found = []
        for index, vocabulary in FILTERS:
            value = self.request.form.get(index)
            if value and index not in self.filters():
                shown = value if isinstance(value, str) else ", ".join(map(str, value))
                found.append(
                    translated(
                        _("stats_filter_unknown",
                          default="„${value}“ ist kein bekannter Wert für "
                          "„${filter}“; die Zahlen gelten ohne diesen Filter.",
                          mapping={"value": shown[:80],
                                   "filter": self._filter_title(vocabulary)}),
                        self.request,
                    )
                )  # fmt: skip
        return found

    def _filter_title(self, vocabulary):
        titles = {
            "regions": _("column_region", default="Regierungsbezirk"),
            "programmes": _("column_programme", default="Programm"),
        }
        return translated(titles[vocabulary], self.request)

    def filter_fields(self):
        """The select fields of the filter form: ``name``, ``label``,
        ``options`` (``value``, ``title``, ``selected``)."""
        return [
            {
                "name": index,
                "label": self._filter_title(vocabulary),
                "options": [
                    {
                        "value": token,
                        "title": title,
                        "selected": self.filters().get(index) == token,
                    }
                    for token, title in vocabularies.terms(vocabulary)
                ],
            }  # fmt: skip
            for index, vocabulary in FILTERS
        ]

    def filter_summary(self):
        """The filters set, in words (``""`` without filter)."""
        return ", ".join(
            vocabularies.title_of(vocabulary, self.filters()[index])
            for index, vocabulary in FILTERS
            if index in self.filters()
        )

    def query_string(self):
        """The filters set as URL parameters (``""`` without filter)."""
        return urlencode(
            [(index, self.filters()[index]) for index, _v in FILTERS
             if index in self.filters()]
        )  # fmt: skip

    def page_url(self):
        """The address of ``/statistik`` without filter."""
        return f"{api.portal.get().absolute_url()}/statistik"

    def csv_url(self, figure_id):
        """The address of the CSV file of figure ``figure_id``, filtered."""
        query = urlencode([("tabelle", figure_id)])
        filters = self.query_string()
        portal = api.portal.get().absolute_url()
        return f"{portal}/@@statistik.csv?{query}" + (f"&{filters}" if filters else "")

    # -- counting -------------------------------------------------------------

    @memoize
    def _results(self, portal_type):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog.unrestrictedSearchResults(
            portal_type=portal_type,
            review_state="published",
            effective={"query": DateTime(), "range": "max"},
        )

    @memoize
    def _published(self, portal_type):
        """Record ids of the published ``portal_type``, narrowed by the filter."""
        catalog = api.portal.get_tool("portal_catalog")
        rids = recordsets.of_results(self._results(portal_type))
        for index, token in self.filters().items():
            rids = intersection(rids, recordsets.holding(catalog, index, token))
        return rids

    @memoize
    def _demo(self, portal_type):
        """Record ids of the published ``portal_type`` invented for the demo."""
        return IISet(
            brain.getRID()
            for brain in self._results(portal_type)
            if facets.metadata(brain, "zumo_demo")
        )

    def totals(self):
        """Published practice examples and municipalities (as filtered),
        German numbers."""
        return {
            "examples": german_number(len(self._published("PracticeExample"))),
            "municipalities": german_number(len(self._published("Municipality"))),
        }

    def demo_totals(self):
        """How many of the counted examples and municipalities are demo
        content, German numbers; ``None`` if none is."""
        examples, municipalities = (
            len(intersection(self._published(kind), self._demo(kind)))
            for kind in ("PracticeExample", "Municipality")
        )
        if not examples and not municipalities:
            return None
        return {
            "examples": german_number(examples),
            "municipalities": german_number(municipalities),
        }

    @memoize
    def figures(self):
        """The public figures: ``id``, ``title``, ``column``, ``counted``
        (the headings), ``demo`` (whether a demo column is shown), ``csv``
        (its file's address) and ``rows`` (``title``, ``number``, ``count``
        and ``demo`` as German numbers, ``share`` in per cent of the
        largest row, ``own`` where the row's term is the network's own:
        :func:`zumo.content.vocabularies.own`)."""
        catalog = api.portal.get_tool("portal_catalog")
        result = []
        for figure_id, title, column, portal_type, index, vocabulary in FIGURES:
            rids = self._published(portal_type)
            demo = intersection(rids, self._demo(portal_type))
            facet = facets.Facet(index, None, vocabulary, "")
            rows = [
                (facet.title_of(value), number,
                 len(intersection(demo, recordsets.holding(catalog, index, value))),
                 facet.own(value))
                for value, number in facets.counts(catalog, facet, rids).items()
            ]  # fmt: skip
            if vocabulary is None:
                rows.sort()
            result.append(
                self._figure(figure_id, title, column, portal_type, rows, bool(demo))
            )
        result.append(self._published_by_year())
        return result

    def _published_by_year(self):
        """Practice examples published per year, the years in order."""
        rids = self._published("PracticeExample")
        demo = self._demo("PracticeExample")
        years = {}
        for brain in self._results("PracticeExample"):
            if brain.getRID() in rids:
                counted = years.setdefault(publication_year(brain), [0, 0])
                counted[0] += 1
                counted[1] += brain.getRID() in demo
        rows = [(str(year), n, d, None) for year, (n, d) in sorted(years.items())]
        return self._figure(
            PUBLISHED,
            _("stats_examples_published",
              default="Veröffentlichte Praxisbeispiele nach Jahr der Veröffentlichung"),
            _("column_published_year", default="Jahr der Veröffentlichung"),
            "PracticeExample", rows, any(d for _y, _n, d, _o in rows),
        )  # fmt: skip

    def _figure(self, figure_id, title, column, portal_type, rows, demo):
        largest = max((number for _t, number, _d, _o in rows), default=0)
        return {
            "id": figure_id,
            "title": translated(title, self.request),
            "column": translated(column, self.request),
            "counted": translated(COUNTED[portal_type], self.request),
            "demo": demo,
            "csv": self.csv_url(figure_id),
            "rows": [
                {
                    "title": row_title,
                    "number": number,
                    "count": german_number(number),
                    "demo_number": demo_number,
                    "demo": german_number(demo_number),
                    "share": round(100 * number / largest) if largest else 0,
                    "own": own,
                }
                for row_title, number, demo_number, own in rows
            ],
        }

    # -- internal figures -----------------------------------------------------

    def may_see_internal(self):
        """Whether the viewer sees the internal figures (ministry, institute)."""
        return bool(getSecurityManager().checkPermission(INTERNAL, self.context))

    def _review_rows(self, reviews):
        states = {}
        for brain in reviews:
            states[brain.review_state] = states.get(brain.review_state, 0) + 1
        workflow = api.portal.get_tool("portal_workflow")
        chain = workflow.getChainForPortalType("ExpertReview")
        definition = workflow[chain[0]] if chain else None
        return [
            {
                "title": definition.states[state].title if definition else state,
                "number": states.get(state, 0),
                "count": german_number(states.get(state, 0)),
            }
            for state in (definition.states.objectIds() if definition else states)
        ]

    def internal(self):
        """The internal figures, or ``None`` for everybody else."""
        if not self.may_see_internal():
            return None
        catalog = api.portal.get_tool("portal_catalog")
        reviews = catalog.unrestrictedSearchResults(portal_type="ExpertReview")
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
            "reviews": self._review_rows(reviews),
            "reviews_total": german_number(len(reviews)),
            "reviews_csv": self.csv_url(REVIEWS),
            "pending": german_number(pending),
            "citizens": german_number(citizens),
            "registrations": german_number(registrations),
        }


class StatisticsCsv(StatisticsView):
    """``@@statistik.csv?tabelle=<id>``: one table of ``/statistik`` as a
    CSV file (semicolon separated, UTF-8 with byte order mark, as
    spreadsheet programs in German expect), with the page's filter."""

    def _table(self, figure_id):
        """``(header, rows)`` of the table ``figure_id``; ``NotFound`` for a
        table that does not exist or that the viewer may not see."""
        for figure in self.figures():
            if figure["id"] == figure_id:
                header = [figure["column"], figure["counted"]]
                if figure["demo"]:
                    demo = _("column_demo", default="davon Demo-Inhalt")
                    header.append(translated(demo, self.request))
                return header, [
                    [row["title"], row["number"]]
                    + ([row["demo_number"]] if figure["demo"] else [])
                    for row in figure["rows"]
                ]
        if figure_id == REVIEWS and self.may_see_internal():
            catalog = api.portal.get_tool("portal_catalog")
            rows = self._review_rows(
                catalog.unrestrictedSearchResults(portal_type="ExpertReview")
            )
            header = [
                translated(_("column_workflow_state", default="Stand"), self.request),
                translated(_("column_reviews", default="Gutachten"), self.request),
            ]
            return header, [[row["title"], row["number"]] for row in rows]
        raise NotFound(figure_id)

    def __call__(self):
        """Return the CSV file of the table asked for."""
        figure_id = one_text(self.request.form, "tabelle")
        header, rows = self._table(figure_id)
        name = "-".join(["statistik", figure_id, *self.filters().values()])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.csv"')
        # The byte order mark makes spreadsheet programs read UTF-8.
        return "\ufeff" + csv_text(header, rows, delimiter=";")
