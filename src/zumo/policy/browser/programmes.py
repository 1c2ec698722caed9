"""Programme pages: ``/programm`` lists the programmes, ``/programm/zumo``
shows one.

What a page says about a programme is quoted from its source document
(``facts`` of the vocabulary ``programmes`` in ``vocabularies.json``):
whole sentences (``quotes``) and the document's own labelled facts
(``rows``: sponsor, partners, duration, steps, contacts), word for word
under headings the network sets. What the network adds where the document
is silent (``notes``: "Die Quelle nennt keine Laufzeit.") stands apart,
below the sentence that says the above is quoted.
The source is named as the document names itself: its title, publisher
and date, "ohne Datum" where it gives none (``source``). What it
shows of the network comes from the catalog: the municipalities in the
programme, its practice examples (the newest, and a link into the finder)
and its qualification modules (by curriculum), as the visitor may see them.
"""

from plone import api
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from zumo.content import facets
from zumo.content import vocabularies
from zumo.content.browser.views import Marks
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.browser.map import map_link
from zumo.policy.browser.map import MapMixin


SHOWN = 10
MUNICIPALITIES_SHOWN = 50


def programmes():
    """``[(token, title, facts)]`` of the programmes the sources describe."""
    facts = vocabularies.details("programmes", "facts")
    return [
        (token, title, facts[token])
        for token, title in vocabularies.terms("programmes")
        if token in facts
    ]


@implementer(IPublishTraverse)
class ProgrammeView(Marks, MapMixin, BrowserView):
    """``/programm`` (all programmes) and ``/programm/<token>`` (one)."""

    token = None

    def publishTraverse(self, request, name):
        """Take the programme's token from the path; 404 for anything else."""
        known = {token for token, _title, _facts in programmes()}
        if self.token is not None or name not in known:
            raise NotFound(name)
        self.token = name
        return self

    def __call__(self):
        return self.index()

    def programmes(self):
        """All programmes with their address and summary."""
        base = self.base_url()
        return [
            {"title": title, "url": f"{base}/{token}", "summary": facts["quotes"][0]}
            for token, title, facts in programmes()
        ]

    def base_url(self):
        """The address of the programme list."""
        return f"{api.portal.get().absolute_url()}/programm"

    def programme(self):
        """The programme shown: ``token``, ``title``, ``facts``; ``None`` on the list."""
        if self.token is None:
            return None
        for token, title, facts in programmes():
            if token == self.token:
                return {"token": token, "title": title, "facts": facts}
        return None

    def source(self):
        """The programme's source document as a visitor can look it up:
        „title“, publisher, kind of document and date (or "ohne Datum")."""
        source = self.programme()["facts"]["source"]
        undated = translated(_("source_undated", default="ohne Datum"), self.request)
        return ", ".join(
            [f"„{source['title']}“"]
            + [source[key] for key in ("publisher", "kind") if source.get(key)]
            + [source["date"] or undated]
        )

    def notes(self):
        """What the network says about the programme where its document is
        silent: ``(label, text)``, shown apart from the quotes."""
        return [tuple(note) for note in self.programme()["facts"].get("notes", ())]

    def rows(self):
        """The programme's facts: ``(label, [value, ...])``; a value the
        document gives in parts (a person, their role) joined by commas."""
        return [
            (label, [v if isinstance(v, str) else ", ".join(v) for v in values])
            for label, values in self.programme()["facts"]["rows"]
        ]

    def _find(self, **query):
        return api.portal.get_tool("portal_catalog").searchResults(**query)

    def municipalities(self):
        """The first municipalities in the programme, by name (at most
        ``MUNICIPALITIES_SHOWN``; the map's list pages through all)."""
        return self._find(
            portal_type="Municipality",
            zumo_programmes=self.token,
            sort_on="sortable_title",
            sort_limit=MUNICIPALITIES_SHOWN,
        )[:MUNICIPALITIES_SHOWN]

    def municipalities_total(self):
        """How many municipalities of the programme the visitor may see."""
        return len(self._find(portal_type="Municipality", zumo_programmes=self.token))

    def examples(self):
        """The newest practice examples of the programme (at most ten)."""
        return self._find(
            portal_type="PracticeExample",
            zumo_programmes=self.token,
            sort_on="effective",
            sort_order="descending",
            sort_limit=SHOWN,
        )[:SHOWN]

    def examples_total(self):
        """How many practice examples of the programme the visitor may see."""
        return len(
            self._find(portal_type="PracticeExample", zumo_programmes=self.token)
        )

    def examples_demo(self):
        """How many of them are demo content (catalog metadata ``zumo_demo``)."""
        return self._demo(portal_type="PracticeExample", zumo_programmes=self.token)

    def municipalities_demo(self):
        """How many municipalities of the programme the visitor may see are
        demo content."""
        return self._demo(portal_type="Municipality", zumo_programmes=self.token)

    def _demo(self, **query):
        return self.demo_count(self._find(**query))

    def finder_url(self):
        """The finder with this programme set."""
        return facets.finder_url(api.portal.get(), zumo_programmes=self.token)

    def map_url(self):
        """The big map with this programme set."""
        return map_link(api.portal.get(), zumo_programmes=self.token)

    def config(self):
        """The map of the programme: its municipalities and examples."""
        portal = api.portal.get()
        return self.map_config(
            [
                (layer, map_link(portal, "karte.geojson", layer=layer,
                                 zumo_programmes=self.token))
                for layer in ("municipalities", "examples")
            ]
        )  # fmt: skip

    def modules(self):
        """The qualification modules of the programme's curriculum."""
        curriculum = self.programme()["facts"].get("curriculum")
        if not curriculum:
            return []
        return [
            brain
            for brain in self._find(
                portal_type="QualificationModule", sort_on="sortable_title"
            )
            if brain.getObject().curriculum == curriculum
        ]
