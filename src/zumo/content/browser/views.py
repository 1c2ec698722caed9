"""Classic UI views of the ZUMO content types."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from DateTime import DateTime
from plone import api
from plone.batching import Batch
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCatalog.interfaces import ICatalogBrain
from urllib.parse import urlencode
from zope.i18n.locales import locales
from zumo.content import _
from zumo.content import facets
from zumo.content import master_data
from zumo.content import procedures
from zumo.content import recordsets
from zumo.content import similar
from zumo.content import vocabularies
from zumo.content.action_plan import PLAN_SECTIONS
from zumo.content.behaviors.demo import is_demo
from zumo.content.browser import fragments
from zumo.content.browser.batching import batch_start
from zumo.content.dates import local_time
from zumo.content.dates import site_time
from zumo.content.i18n import translated
from zumo.content.mentoring_group import member_paths
from zumo.content.mentoring_group import ROLES
from zumo.content.practice_example import IPracticeExample
from zumo.content.practice_example import SECTIONS
from zumo.content.relations import location
from zumo.content.relations import municipality_of
from zumo.content.step_names import named_steps
from zumo.content.validators import is_web_address

import datetime


#: Vocabularies of facts-box fields the finder does not filter by.
UNLINKED = {
    "participation_formats": "participation_formats",
    "audiences": "qualification_audiences",
    "competences": "competences",
}

#: Months of a project period, formatted by the ``de`` locale (``03/2024``).
MONTHS = locales.getLocale("de").dates.getFormatter("date")
#: Numbers are written the German way on this German site (``1.112``).
GERMAN_NUMBERS = locales.getLocale("de").numbers.getFormatter("decimal")


def german_number(number):
    """Return ``number`` with German thousands separators (``1.112``)."""
    return GERMAN_NUMBERS.format(number)


#: Types listed as attachments and documents below a ZUMO object.
ATTACHMENT_TYPES = ["File", "Image", "Link", "Document", "Folder", "Event", "News Item"]
#: Items of a space or an entry shown per page.
CONTENTS_PER_PAGE = 20


class Macros(BrowserView):
    """Shared macros: facts-box facets and contents listings."""

    index = ViewPageTemplateFile("templates/macros.pt")

    @property
    def macros(self):
        """The macros of ``templates/macros.pt``."""
        return self.index.macros


class Marks:
    """For views that list or count content: the shared macros
    (``zumo_macros/macros/demo-badge``, ``own-term``) and the demo mark."""

    zumo_macros = Macros.index

    def is_demo(self, item):
        """Whether ``item`` (a catalog brain or an object) is demo content."""
        if ICatalogBrain.providedBy(item):
            return bool(facets.metadata(item, "zumo_demo"))
        return is_demo(item)

    def demo_count(self, items):
        """How many of ``items`` (brains or objects) are demo content."""
        return sum(1 for item in items if self.is_demo(item))


class ZumoView(BrowserView):
    """Helpers shared by the views of all ZUMO types."""

    def title_of(self, vocabulary, token):
        """Return the German title of ``token`` in ``vocabulary``."""
        if not token:
            return None
        return vocabularies.title_of(vocabulary, token, token)

    def own(self, vocabulary, token):
        """How ``token`` of ``vocabulary`` is the network's own, or ``None``
        (:func:`zumo.content.vocabularies.own`)."""
        return vocabularies.own(vocabulary, token) if token else None

    def similar(self):
        """Suggestions of practice examples of similar municipalities, with
        their reasons in words, one after the other separated by semicolons
        (a reason lists its shared values with commas; see
        :mod:`zumo.content.similar`)."""
        return similar.shown(self.context, self.request)

    def facet(self, field):
        """Return ``[{title, url, own}]`` for a facet field, linking to the
        finder; ``own`` says where a term is the network's own
        (:func:`zumo.content.vocabularies.own`).

        Fields the finder filters by link to it with that value set.
        """
        finder = facets.by_field().get(field)
        vocabulary = finder.vocabulary if finder else UNLINKED[field]
        portal = api.portal.get()
        items = []
        for token in getattr(self.context, field, None) or ():
            url = facets.finder_url(portal, **{finder.index: token}) if finder else None
            items.append(
                {
                    "title": vocabularies.title_of(vocabulary, token, token),
                    "url": url,
                    "own": vocabularies.own(vocabulary, token),
                }
            )
        return items

    def related(self, name):
        """Return the object a relation field points to, if the viewer may see it."""
        relation = getattr(self.context, name, None)
        return self._visible(relation)

    def related_list(self, name):
        """Return the visible objects a relation list points to."""
        found = (self._visible(rel) for rel in getattr(self.context, name, None) or ())
        return [obj for obj in found if obj is not None]

    def _visible(self, relation):
        if relation is None or relation.isBroken():
            return None
        obj = relation.to_object
        if obj is None or not api.user.has_permission("View", obj=obj):
            return None
        return obj

    def format_date(self, value):
        """Format a date, or a datetime with its time, in the site's language.

        Plone's localized formats (``date_format_short`` and
        ``date_format_long`` of the ``plonelocales`` domain) in the site's
        time zone (:func:`zumo.content.dates.local_time`): in German
        ``21.11.2026`` and ``21.11.2026 10:00 Uhr``.
        """
        with_time = isinstance(value, datetime.datetime | DateTime)
        return local_time(value, long_format=with_time)

    def contents(self, portal_types=None):
        """Return catalog brains of the visible items directly inside (no
        search where nothing is inside: most examples have no attachments)."""
        context = aq_inner(self.context)
        count = getattr(context, "objectCount", None)
        if count is None or not count():
            return []
        return api.content.find(
            context=context,
            depth=1,
            portal_type=portal_types or ATTACHMENT_TYPES,
            sort_on="getObjPositionInParent",
        )

    def contents_batch(self):
        """The page (``b_start``) of the items directly inside, as a
        ``Batch``: a space of 2,000 documents shows 20 at a time, and only
        their catalog records are loaded."""
        start = batch_start(self.request.form)
        return Batch(self.contents(), CONTENTS_PER_PAGE, start=start)

    def location(self):
        """Return ``{latitude, longitude, map_url}`` or ``None``: the place
        and, where it is a municipality's, the network's own map of it
        (``/kommunen/karte?kommune=<id>``; ``map_url`` is ``None`` else)."""
        point = location(self.context)
        if point is None:
            return None
        lat, lon = point
        municipality = municipality_of(self.context)
        map_url = None
        if municipality is not None:
            map_url = facets.directory_url(
                api.portal.get(), "karte", kommune=municipality.getId()
            )
        return {
            "latitude": f"{lat:.5f}".replace(".", ","),
            "longitude": f"{lon:.5f}".replace(".", ","),
            "map_url": map_url,
        }

    def state_title(self, brain_or_obj):
        """Return the German title of the workflow state, for badges.

        The title comes from the workflow the object follows: documents in
        a team space follow the space's workflow (``Teamintern``), not the
        one of their type, whose state list lacks the state."""
        obj = brain_or_obj
        if ICatalogBrain.providedBy(obj):
            obj = obj.getObject()
        state = api.content.get_state(obj, default=None)
        if not state:
            return None
        for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(obj):
            if state in workflow.states:
                return workflow.states[state].title
        return None


class PublicContent:
    """For views whose content (``core_template``, the page's content core)
    every anonymous visitor sees alike: it is rendered once for them all
    (:mod:`zumo.content.browser.fragments`)."""

    core_template = None

    def core(self):
        """The HTML of the page's content."""
        return fragments.for_the_public(self, self.core_template)


class PracticeExampleView(PublicContent, ZumoView):
    """The practice example: its sections, facts box, contact and attachments."""

    core_template = ViewPageTemplateFile("templates/practice_example_core.pt")

    @memoize
    def filled_sections(self):
        """Return ``[{id, title, html}]`` of the sections that have text.

        Headings are the (translated) field titles of the schema. Each text
        is transformed once per request (the table of contents and the
        sections share the result).
        """
        result = []
        for name in SECTIONS:
            text = getattr(self.context, name, None)
            html = text.output if text else None
            if html and html.strip():
                title = translated(IPracticeExample[name].title, self.request)
                result.append({"id": name, "title": title, "html": html})
        return result

    def period(self):
        """Return the project period as text, e.g. ``03.2024 – laufend``."""
        start, end = self.context.start, self.context.end
        if not start and not end:
            return ""
        begin = MONTHS.format(start, "MM/yyyy") if start else "?"
        if end:
            return f"{begin} – {MONTHS.format(end, 'MM/yyyy')}"
        return translated(
            _("period_open", default="${start} – laufend", mapping={"start": begin}),
            self.request,
        )

    def rejection(self):
        """The reason of the last rejection, for those who may edit the draft.

        Returns ``None`` unless the example is a draft that was sent back
        and the viewer may change it (the author or the institute).
        """
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return None
        history = api.portal.get_tool("portal_workflow").getInfoFor(
            self.context, "review_history", []
        )
        if not history or history[-1].get("action") != "reject":
            return None
        return history[-1].get("comments") or translated(
            _("text_no_reason", default="Ohne Angabe eines Grundes."),
            self.request,
        )

    def dates(self):
        """``{"published", "modified"}`` as German dates in the site's zone.

        ``published`` is the effective date of a published example (``""``
        for one that is not published or has no effective date);
        ``modified`` ("Stand") is the last modification.
        """
        context = self.context
        published = ""
        state = api.content.get_state(context, default=None)
        if context.effective_date and state == "published":
            published = local_time(context.effective_date)
        return {"published": published, "modified": local_time(context.modified())}

    def contact(self):
        """Return the contact person, only if they consented to publication."""
        context = self.context
        if not context.contact_consent or not context.contact_name:
            return None
        return {
            "name": context.contact_name,
            "role": context.contact_role,
            "email": context.contact_email,
            "phone": context.contact_phone,
        }


class MunicipalityView(PublicContent, ZumoView):
    """The municipality's public profile: facts and its network activity
    (its team space is a page of its own, ``@@teamraum`` in zumo.policy)."""

    core_template = ViewPageTemplateFile("templates/municipality_core.pt")

    def website(self):
        """The website as a link target, only if it is an http(s) address
        (one stored before the check, e.g. ``javascript:``, is not linked)."""
        website = self.context.website
        return website if is_web_address(website) else None

    def map_url(self):
        """The network's own map of the directory, showing this
        municipality (``/kommunen/karte?kommune=<id>``)."""
        return facets.directory_url(
            api.portal.get(), "karte", kommune=self.context.getId()
        )

    def source_note(self):
        """Where the master data come from, in a visitor's words (see
        :func:`zumo.content.master_data.source_note`)."""
        return master_data.source_note(self.context.master_data_source)

    def size_class_title(self):
        """Return the German title of the derived size class."""
        return self.title_of("size_classes", self.context.size_class)

    def population(self):
        """Return the population with German thousands separator."""
        population = self.context.population
        if population is None:
            return ""
        return german_number(population)

    def _about_me(self, portal_type, **query):
        """Brains of ``portal_type`` about this municipality the viewer may
        see, in the order ``query`` asks; their record ids remembered per
        catalog state and visitor (:func:`zumo.content.recordsets.searched`):
        each search intersects everything the visitor may see, on every
        visit of the profile."""
        return recordsets.searched(
            api.portal.get_tool("portal_catalog"),
            dict(
                portal_type=portal_type,
                zumo_municipality_uid=self.context.UID(),
                **query,
            ),
        )

    def practice_examples(self):
        """Return the practice examples of this municipality the viewer may see."""
        return self._about_me("PracticeExample", sort_on="sortable_title")

    def meetings(self):
        """Return the workshop meetings hosted here, newest first."""
        return self._about_me(
            "WorkshopMeeting", sort_on="start", sort_order="descending"
        )

    def mentoring_groups(self):
        """Return the visible mentoring groups this municipality belongs to."""
        groups = {}
        for relation in api.relation.get(target=self.context, unrestricted=True):
            if relation.from_attribute not in ("mentors", "mentees"):
                continue
            group = relation.from_object
            if group is not None and api.user.has_permission("View", obj=group):
                groups[group.UID()] = group
        return sorted(groups.values(), key=lambda group: group.Title())


class MentoringGroupView(ZumoView):
    """The mentoring group: its members' paths side by side, members and
    documents."""

    def paths(self):
        """``{"steps", "rows"}``: the five stages as the network names them
        (:func:`zumo.content.step_names.named_steps`, each with whose name
        it is) and a row per municipality the viewer may see, mentors
        first, with each stage's German state and date, the demo mark and
        the address of its path for those who may open it."""
        steps = [
            dict(step, note=translated(step["note"], self.request))
            for step in named_steps()
        ]
        members = [
            (translated(role, self.request), municipality)
            for field, role in ROLES
            for municipality in self.related_list(field)
        ]
        rows = []
        for row in member_paths(members):
            municipality = row["municipality"]
            may_open = api.user.has_permission("zumo: View procedure", obj=municipality)
            rows.append(
                {
                    "title": municipality.Title(),
                    "url": municipality.absolute_url(),
                    "role": row["role"],
                    "demo": row["demo"],
                    "path_url": f"{municipality.absolute_url()}/@@verfahren"
                    if may_open
                    else None,
                    "cells": [
                        {
                            "status": cell["status"],
                            "status_title": self.title_of(
                                "procedure_step_status", cell["status"]
                            ),
                            "date_text": self.format_date(cell["date"]),
                        }
                        for cell in row["steps"]
                    ],
                }
            )
        return {"steps": steps, "rows": rows}


class QualificationCohortView(ZumoView):
    """The course: the announcement (format, dates, provider as the call
    names it) for everybody who may see it, and its group space (people,
    documents) for those who work in it."""

    def call(self):
        """The KoQuMa call's words on the course: ``formats``, ``group``,
        ``provider``, ``audiences``, each ``{seed, line, quote}``."""
        return vocabularies.details("cohort_formats", "call")

    def is_koquma(self):
        """Whether the course is one of the KoQuMa qualification."""
        return self.context.curriculum == "koquma"

    def imv_course(self):
        """For a course of the integrated management procedure's
        qualification, the words of seed 001 on it (``qualification``,
        ``exchange``: ``{seed, line, quote}``); ``None`` for other courses."""
        if self.context.curriculum != "imv":
            return None
        return vocabularies.details("curricula", "imv_course")

    def period(self):
        """Beginning and end as German text (``01.03.2026 – 30.11.2026``)."""
        start = self.format_date(self.context.start)
        if not self.context.end:
            return start
        return f"{start} – {self.format_date(self.context.end)}"

    def works_here(self):
        """Whether the viewer works in the group space (its roster, the
        institute)."""
        return bool(api.user.has_permission("zumo: Work in space", obj=self.context))

    def may_add(self):
        """Whether the viewer may file documents in the group space."""
        return bool(api.user.has_permission("Add portal content", obj=self.context))


class WorkshopMeetingView(ZumoView):
    """The workshop meeting: dates, place, agenda, registration, documentation."""

    registration_titles = {
        "upcoming": "Anmeldung noch nicht geöffnet",
        "open": "Anmeldung geöffnet",
        "closed": "Anmeldung geschlossen",
    }

    def when(self):
        """Return the meeting's dates as German text, in the site's zone
        (``15.07.2027, 10:00 – 14:00 Uhr``)."""
        start, end = site_time(self.context.start), site_time(self.context.end)
        if not start:
            return ""
        day = local_time(start.date())
        if self.context.whole_day:
            if end and end.date() != start.date():
                return f"{day} – {local_time(end.date())}"
            return f"{day}, ganztägig"
        if end and end.date() == start.date():
            return f"{day}, {start:%H:%M} – {local_time(end, time_only=True)}"
        return f"{self.format_date(start)} – {self.format_date(end)}"

    def registration(self):
        """Return the registration state, its title and the window."""
        state = self.context.registration_state()
        return {
            "state": state,
            "title": self.registration_titles[state],
            "opens": self.format_date(self.context.registration_start),
            "closes": self.format_date(self.context.registration_end),
            "capacity": self.context.capacity,
        }

    def is_past(self):
        """Whether the meeting is over."""
        end = self.context.end or self.context.start
        return bool(end) and end < datetime.datetime.now(end.tzinfo)


def rubric_rows(view, assessment):
    """The criteria of ``assessment`` with German score titles."""
    return [
        dict(row, score_title=view.title_of("review_scores", row["score"]))
        for row in assessment.rubric()
    ]


def fullname(userid):
    """The full name of the member ``userid`` (the id if there is none)."""
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") if user is not None else None) or userid


class ExpertReviewView(ZumoView):
    """The expert review: the panel's verdict, level and validity."""

    def expired(self):
        """Whether the review's validity has ended."""
        ends = self.context.valid_until
        return bool(ends) and ends < datetime.date.today()

    def experts(self):
        """Return the full names of the assigned experts."""
        return [fullname(userid) for userid in self.context.assigned_experts or ()]


class ExpertAssessmentView(ZumoView):
    """One expert's assessment: the rubric as a table and the text."""

    def rubric(self):
        """Return the criteria with German score titles."""
        return rubric_rows(self, self.context)

    def expert(self):
        """The full name of the assessment's expert."""
        return fullname(self.context.expert)

    def review(self):
        """The review the assessment belongs to."""
        return aq_parent(aq_inner(self.context))

    def page_title(self):
        """The browser title: an expert's assessments of several reviews
        share their title, so the review's follows
        (``zumo.policy.browser.titles``)."""
        return f"{self.context.Title()}: {self.review().Title()}"


class QualificationModuleView(ZumoView):
    """The qualification module: dates, place, format, duration, goals and
    materials."""

    def next_sessions(self):
        """The sessions still ahead as German text (``18.02.2027 09:30 Uhr``)."""
        return [
            local_time(value, long_format=True)
            for value in self.context.next_sessions()
        ]


def _referrers(obj, attribute):
    """Return the objects whose relation field ``attribute`` points to
    ``obj`` and that the viewer may see, sorted by title."""
    found = {}
    for relation in api.relation.get(target=obj, unrestricted=True):
        if relation.from_attribute != attribute:
            continue
        source = relation.from_object
        if source is not None and api.user.has_permission("View", obj=source):
            found[source.UID()] = source
    return sorted(found.values(), key=lambda item: item.Title())


class ActionPlanView(ZumoView):
    """The action plan: strategies, goals, measures, its versions, the
    Zukunftswerkstätten it builds on and the reviews that assess it."""

    def sections(self):
        """Return the filled sections as dicts: name, title, html."""
        schema = self.context.getTypeInfo().lookupSchema()
        found = []
        for name in PLAN_SECTIONS:
            value = getattr(self.context, name, None)
            if value is not None and value.raw:
                found.append(
                    {
                        "name": name,
                        "title": schema[name].title,
                        "html": value.output,
                    }
                )
        return found

    def version(self):
        """Return ``{number, date, count, compare_url}`` of the current
        version, or ``None``; ``compare_url`` (``None`` for the first
        version) opens the comparison with the version before.

        Plone's history numbers versions from 0; so do we.
        """
        version_id = getattr(self.context, "version_id", None)
        if version_id is None:
            return None
        compare_url = None
        if version_id > 0:
            compare_url = (
                f"{self.context.absolute_url()}/@@history?"
                f"{urlencode({'one': version_id, 'two': version_id - 1})}"
            )
        return {
            "number": version_id,
            "date": self.format_date(self.context.modified()),
            "count": version_id + 1,
            "compare_url": compare_url,
        }

    def may_see_history(self):
        """Whether the viewer may open the version history."""
        return api.user.has_permission(
            "CMFEditions: Access previous versions", obj=self.context
        )

    def reviews(self):
        """Return the reviews of this plan the viewer may see."""
        return _referrers(self.context, "action_plan")


class FutureWorkshopView(ZumoView):
    """A documented Zukunftswerkstatt: facts, results, photos and files."""

    def images(self):
        """Return the brains of the visible photos inside."""
        return self.contents(["Image"])

    def files(self):
        """Return the brains of the visible documents inside, except photos."""
        return self.contents([t for t in ATTACHMENT_TYPES if t != "Image"])

    def action_plans(self):
        """Return the action plans building on this workshop the viewer may see."""
        return _referrers(self.context, "future_workshops")

    def participants(self):
        """Return the number of participants, German formatted, or ``""``."""
        number = self.context.participants
        return "" if number is None else german_number(number)


def series_rows(indicator):
    """The values of ``indicator``, newest first, as dicts with ``date``,
    ``date_text``, ``value_text`` (German) and ``source``."""
    return [
        {
            "date": row["date"],
            "date_text": local_time(row["date"]),
            "value_text": german_number(row["value"]),
            "source": row["source"],
        }
        for row in reversed(indicator.values())
    ]


class IndicatorView(ZumoView):
    """An indicator: its unit and the series of its values with date and
    source (the form that adds a value is a part of the policy)."""

    def rows(self):
        """The values, newest first (see :func:`series_rows`)."""
        return series_rows(self.context)


def matrix_rows(matrix, today=None):
    """The rows of the Zielmatrix ``matrix`` as dicts for a table: ``id``,
    ``goal``, ``measure``, ``indicator`` (title and URL of an indicator the
    viewer may see, or ``None``), ``target``, ``interval_title``,
    ``next_text``, ``due`` (on ``today`` or earlier) and ``last`` (the
    latest evaluation with ``date_text``, or ``None``)."""
    today = today or datetime.date.today()
    result = []
    for row in matrix.rows:
        indicator = api.content.get(UID=row["indicator"]) if row["indicator"] else None
        evaluations = sorted(row["evaluations"], key=lambda item: item["date"])
        last = evaluations[-1] if evaluations else None
        result.append(
            {
                "id": row["id"],
                "goal": row["goal"],
                "measure": row["measure"],
                "indicator": {
                    "title": indicator.Title(),
                    "url": indicator.absolute_url(),
                }
                if indicator is not None
                else None,
                "target": row["target"],
                "interval_title": vocabularies.title_of(
                    "evaluation_intervals", row["interval"], row["interval"]
                ),
                "next_text": local_time(row["next_date"]),
                "due": row["next_date"] <= today,
                "last": dict(last, date_text=local_time(last["date"]))
                if last
                else None,
            }
        )
    return result


class TargetMatrixView(ZumoView):
    """A Zielmatrix: one row per goal and measure, with its indicator,
    target value, interval and next evaluation date (the forms that add a
    row and record an evaluation are parts of the policy)."""

    def rows(self):
        """The rows for the table (see :func:`matrix_rows`)."""
        return matrix_rows(self.context)


class SelfAssessmentView(ZumoView):
    """A self-assessment: the team's score and reason per factor."""

    def rubric(self):
        """The factors with the German title of each score."""
        return [
            dict(
                row,
                score_title=self.title_of("review_scores", row["score"]) or "",
            )
            for row in self.context.rubric()
        ]


class ProcedureStepView(ZumoView):
    """A documented step of a path: its state, the words of the programme's
    document that name it, the notes and the documents inside."""

    def step(self):
        """The step's data with its quotes and ``source_title``, or ``None``
        for a step the data no longer holds."""
        found = procedures.step(self.context.procedure, self.context.step)
        if found is None:
            return None
        source = procedures.PROCEDURES[self.context.procedure]["source"]
        return dict(found, source_title=source["title"])

    def path_title(self):
        """The title of the step's path (``data/procedures.json``; the
        vocabularies file does not hold the paths)."""
        return procedures.PROCEDURES.get(self.context.procedure, {}).get(
            "title", self.context.procedure
        )

    def is_decision(self):
        """Whether the step is a decision (the mandate): who decided and
        when are shown as such."""
        return procedures.is_decision(self.context.procedure, self.context.step)

    def page_title(self):
        """The browser title names the municipality too: every municipality
        on a path has a step of the same name (read by the policy's title
        transform)."""
        municipality = aq_parent(aq_inner(self.context))
        return f"{self.context.Title()} – {municipality.Title()}"

    def files(self):
        """Return the brains of the visible documents inside."""
        return self.contents()

    def may_add_file(self):
        """Whether the viewer may file a document in this step."""
        return bool(
            api.user.has_permission(
                "plone.app.contenttypes: Add File", obj=self.context
            )
        )
