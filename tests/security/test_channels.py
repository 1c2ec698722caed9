"""Leak channels: every view, REST service and vocabulary, found by enumeration.

The other leak tests check the channels someone thought of. This module finds
the channels itself, so a view or endpoint is covered the day it is
registered:

* **Enumeration** reads the live component registry: the site manager and all
  its bases (the test layers stack several global registries). Every named
  adapter of ``(context, browser request or layer)`` is a browser view, called
  as ``<context>/@@<name>``; every ``GET_<type>_<subtype>_<name>`` adapter is
  a plone.rest service, called as ``++api++/<path>/<name>`` with ``Accept:
  <type>/<subtype>``; every ``IVocabularyFactory`` utility is a vocabulary,
  called as ``@vocabularies/<name>`` and ``@@getVocabulary?name=<name>``. A
  view or service is called on a context only if the context provides its
  ``for`` interface. Only menu items and ``++namespace++`` traversers are left
  out (they are not views), and nothing is skipped (``SKIPPED_VIEWS``).
* **Contexts and personas** come from ``docs/permissions.csv``: an object is
  hidden from a persona where its ``view`` cell says ``denied``. Channels are
  called on the hidden objects, on the containers they are in and on the site
  root, by personas from whom something there is hidden; ``Plan`` says who
  calls what where (a sample that keeps the module at about three minutes;
  ``LEAK_CHANNELS=full`` calls everything as everyone, many times slower).
  Vocabularies are also called on an object the persona may edit, where they
  are meant to be used.
* **Markers**: a class fixture gives every hidden object a unique description
  and keyword. Every answer (body and headers; JSON decoded, HTML entities
  resolved, gzip unpacked) is searched for the title, description, keyword,
  UID and path of *every* object hidden from the persona, not only of the
  context called. The one exception is the path of the context called (and of
  the objects it is in): answers echo the requested address (a login form's
  ``came_from``, the ``@id`` of a REST answer), and echoing the requester's
  own URL is no leak.
* **Controls**: enumeration must find a plausible number of channels, the
  same search must find every kind of marker where they may be seen, and no
  GET may write anything but what Plone creates lazily (``LAZY_WRITES``),
  and none may try: a write that plone.protect aborted is caught from its
  log line, except for the views that act by design (``ACTIONS``).

Everything runs over real HTTP against the served test site with one
keep-alive session per persona, one request at a time: client and server
share one interpreter, so threads only add lock contention. The number of
calls is printed by ``pytest_terminal_summary`` in ``tests/conftest.py``.
"""

from Acquisition import aq_parent
from collections import Counter
from fnmatch import fnmatch
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from tests.fixtures.channels import Channels
from tests.fixtures.channels import LAZY_WRITES
from tests.fixtures.channels import written as changed_classes
from urllib.parse import quote
from urllib.parse import quote_plus
from urllib.parse import unquote
from urllib.parse import urlsplit
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import matrix
from zumo.policy.testing.scenario import PERSONAS as SCENARIO_PERSONAS
from zumo.policy.testing.scenario import SECRET

import gzip
import html
import json
import os
import pytest
import re
import transaction


pytestmark = pytest.mark.slow


# Views that are not called, with the reason. A GET must never change
# anything, so this stays empty unless there is a very good reason.
SKIPPED_VIEWS = {}
# Views that change something by design: called with GET, plone.protect
# aborts their write (which the suite hears), and that is right.
ACTIONS = {
    "@@saveasnewversion": "saves a version of the context (CMFEditions)",
    "@@manage-dashboard": "stores a member's default dashboard portlets on the "
    "first visit, with the portlet mappings around them (plone.app.portlets)",
}
# LEAK_CHANNELS=full: every persona a context matters to calls every channel
# on it (hidden objects, their containers, the site root); many times slower.
FULL = os.environ.get("LEAK_CHANNELS") == "full"
# Otherwise this many of the personas a context matters to call it.
CALLERS_PER_CONTEXT = 2
# Enumeration must find more channels than this (all contexts together).
MINIMUM_CHANNELS = {"views": 300, "services": 30, "vocabularies": 40}
MARKER_KINDS = ("title", "description", "keyword", "uid", "path")
JSON = {"Accept": "application/json"}


def _hidden_from():
    """``{object id: [personas that must not view it]}``, in matrix order."""
    hidden = {}
    for row in matrix(actions={"view"}):
        if row["expected"] == "denied":
            hidden.setdefault(row["object"], []).append(row["persona"])
    return hidden


HIDDEN_FROM = _hidden_from()
PERSONAS = sorted({persona for pers in HIDDEN_FROM.values() for persona in pers})
# Personas that may view every object.
ALL_SEEING = sorted(
    {row["persona"] for row in matrix(actions={"view"})} - set(PERSONAS)
)


def _hidden(persona):
    """The objects hidden from ``persona``."""
    return [oid for oid, personas in HIDDEN_FROM.items() if persona in personas]


def _editable(persona):
    """The first object ``persona`` may edit, or ``None``."""
    for row in matrix(actions={"edit"}):
        if row["persona"] == persona and row["expected"] == "allowed":
            return row["object"]
    return None


def _share(candidates):
    """``{context: [callers]}`` for ``{context: [candidate personas]}``.

    All candidates in a full run, else ``CALLERS_PER_CONTEXT`` of them:
    anonymous first, then those with the fewest contexts so far, so the
    signed-in personas share the contexts of every kind.
    """
    load = Counter()
    callers = {}
    for context, personas in candidates.items():
        if not FULL:
            personas = sorted(
                personas,
                key=lambda persona: (
                    persona != "anonymous",
                    load[persona],
                    PERSONAS.index(persona),
                ),
            )[:CALLERS_PER_CONTEXT]
        load.update(personas)
        callers[context] = personas
    return callers


def _one_per_type():
    """The first hidden object of each portal type."""
    chosen = {}
    for row in matrix(actions={"view"}):
        if row["object"] in HIDDEN_FROM:
            chosen.setdefault(row["portal_type"], row["object"])
    return set(chosen.values())


ONE_PER_TYPE = _one_per_type()


def _site_personas():
    """The personas that call every channel on the site root.

    All in a full run, else one per set of groups (so of global roles, see
    ``scenario.PERSONAS``): the one most objects are hidden from.
    """
    if FULL:
        return set(PERSONAS)
    chosen = {}
    for persona in sorted(PERSONAS, key=lambda persona: -len(_hidden(persona))):
        chosen.setdefault(frozenset(SCENARIO_PERSONAS.get(persona, ())), persona)
    return set(chosen.values())


SITE_PERSONAS = _site_personas()


class Plan:
    """Who calls which kind of channel where.

    Contexts are the hidden objects, their containers (the visible sections
    and spaces they are in) and the site root. Each gets callers among the
    personas something in it is hidden from (see ``_share``).

    * Services, which are cheap, are called by all callers.
    * Views (a page costs up to 40 ms) by the last caller only, a signed-in
      persona wherever possible: it has the ``Anonymous`` role as well, so it
      reaches whatever anonymous reaches. On the site root by all callers.
    * Vocabularies hardly depend on their context: on one hidden object per
      portal type by its last caller, and on an object the persona may edit.
    * On the site root, services and vocabularies by ``SITE_PERSONAS``.

    A full run calls everything by every caller and every persona.
    """

    def __init__(self, portal, objects):
        self.portal = portal
        self.objects = dict(objects)
        candidates = dict(HIDDEN_FROM)
        for oid, personas in HIDDEN_FROM.items():
            parent = aq_parent(objects[oid])
            if parent.getPhysicalPath() == portal.getPhysicalPath():
                continue
            if parent.getId() in HIDDEN_FROM:
                continue
            name = _below_site(portal, parent.absolute_url())
            self.objects[name] = parent
            candidates[name] = sorted(
                set(candidates.get(name, ())) | set(personas), key=PERSONAS.index
            )
        candidates["site"] = PERSONAS
        self.objects["site"] = portal
        self.callers = _share(candidates)
        self.containers = [name for name in candidates if name not in HIDDEN_FROM]

    def _calls(self, persona, kind, name):
        """Whether ``persona`` calls ``kind`` channels on context ``name``."""
        callers = self.callers[name]
        if name == "site" and (FULL or kind != "views"):
            callers = SITE_PERSONAS
        if persona not in callers:
            return False
        if FULL or kind == "services" or name == "site":
            return True
        if callers[-1] != persona:
            return False
        return kind == "views" or name in ONE_PER_TYPE

    def hidden(self, persona, kind):
        """The hidden objects ``persona`` calls ``kind`` channels on."""
        return [name for name in HIDDEN_FROM if self._calls(persona, kind, name)]

    def contexts(self, persona, kind):
        """``[(name, object)]`` on which ``persona`` calls ``kind`` channels."""
        contexts = [
            (name, self.objects[name])
            for name in self.callers
            if self._calls(persona, kind, name)
        ]
        editable = _editable(persona)
        if kind == "vocabularies" and editable:
            contexts.append((editable, self.objects[editable]))
        return contexts


@pytest.fixture
def plan(served_scenario):
    """Who calls which kind of channel where."""
    return Plan(*served_scenario)


@pytest.fixture
def channels(served_scenario):
    """The channels of the served site."""
    portal, objects = served_scenario
    return Channels(portal, skipped=SKIPPED_VIEWS)


# Markers and detection


def _forms(marker):
    """The forms ``marker`` may take in an answer: raw and URL-quoted."""
    return {marker, quote(marker, safe=""), quote(marker), quote_plus(marker)}


@pytest.fixture
def markers(served_scenario):
    """Unique markers on every hidden object: ``{object id: Marked}``.

    Titles contain ``SECRET``; UIDs and paths are unique anyway; every hidden
    object gets a description and a keyword found nowhere else.
    """
    portal, objects = served_scenario
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    site_path = "/".join(portal.getPhysicalPath())
    found = {}
    for oid in HIDDEN_FROM:
        obj = objects[oid]
        uid = obj.UID()
        obj.setDescription(f"Beschreibung-{uid[:12]}")
        obj.setSubject((f"Schlagwort{uid[:12]}",))
        obj.reindexObject()
        path = "/".join(obj.getPhysicalPath())
        # Below the site: found in the full path and in URLs, too.
        below_site = path.removeprefix(site_path + "/")
        found[oid] = Marked(
            below_site,
            {
                "title": f"{oid} {SECRET}",
                "description": obj.Description(),
                "keyword": obj.Subject()[0],
                "uid": uid,
                "path": below_site,
            },
        )
    logout()
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return found


def _text(response):
    """Everything ``response`` says, in every readable form.

    Body (gzip unpacked, decoded as UTF-8), the body with HTML entities
    resolved and JSON re-encoded without escapes (where it has any), and the
    headers.
    """
    body = response.content
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except OSError:
            pass
    text = body.decode("utf-8", "replace")
    parts = [text]
    if "&#" in text or "&uuml;" in text:
        parts.append(html.unescape(text))
    if "\\" in text and text.lstrip()[:1] in ("{", "["):
        try:
            parts.append(json.dumps(json.loads(text), ensure_ascii=False))
        except ValueError:
            pass
    parts.extend(f"{name}: {value}" for name, value in response.headers.items())
    return "\n".join(parts)


def _below_site(portal, url):
    """The path of ``url`` below the site, without ``++api++``."""
    path = unquote(urlsplit(url).path).replace("/++api++", "", 1)
    return path.removeprefix(urlsplit(portal.absolute_url()).path + "/")


class Marked:
    """The markers of one hidden object."""

    def __init__(self, path, values):
        self.path = path
        self.forms = {kind: _forms(value) for kind, value in values.items()}
        # A path must stand alone (not be part of a longer name), so that the
        # path of ``mentoring/group`` is not found in ``mentoring/groups``.
        paths = "|".join(re.escape(form) for form in sorted(self.forms["path"]))
        self.path_pattern = re.compile(rf"(?<![\w-])(?:{paths})(?![\w-])")

    def found(self, text, requested):
        """The kinds of marker in ``text``, an answer to a GET of ``requested``.

        ``requested`` is the requested path below the site. Where it is at or
        below this object, the answer may echo the object's path (a login
        form's ``came_from``, the ``@id`` of a REST answer): the requester
        named it, so it is no leak and not searched for.
        """
        echoed = f"{requested}/".startswith(f"{self.path}/")
        kinds = []
        for kind, forms in self.forms.items():
            if kind == "path" and echoed:
                continue
            # Plain substring tests first: much faster than the expression.
            if any(form in text for form in forms) and (
                kind != "path" or self.path_pattern.search(text)
            ):
                kinds.append(kind)
        return kinds


class Checker:
    """Calls channels as one persona and collects the markers it finds."""

    def __init__(self, portal, session, persona, markers, kind, aborted_writes, record):
        self.portal = portal
        self.record = record
        self.aborted_writes = aborted_writes
        self.database = portal._p_jar.db()
        self.persona = persona
        self.session = session
        self.hidden = {oid: markers[oid] for oid in _hidden(persona)}
        self.kind = kind
        self.leaks = []
        # Calls after which the database had a new transaction (not in
        # LAZY_WRITES), or whose write plone.protect aborted.
        self.writes = []
        self.calls = 0
        self.marker_searches = 0

    def get(self, context, channel, url, **kwargs):
        """GET ``url``; record every marker of a hidden object in the answer."""
        before = self.database.lastTransaction()
        aborted = len(self.aborted_writes)
        response = self.session.get(url, allow_redirects=False, timeout=120, **kwargs)
        called = f"{self.persona} {context}/{channel}"
        if len(self.aborted_writes) > aborted and channel not in ACTIONS:
            self.writes.append(f"{called}: a write, aborted by plone.protect")
        if self.database.lastTransaction() != before:
            written = changed_classes(self.database, before)
            if not any(
                fnmatch(name, f"*{lazy}") for name in written for lazy in LAZY_WRITES
            ):
                self.writes.append(f"{called}: {', '.join(sorted(written))}")
        self.calls += 1
        self.marker_searches += len(self.hidden)
        text = _text(response)
        requested = _below_site(self.portal, response.request.url)
        for oid, marked in self.hidden.items():
            for marker in marked.found(text, requested):
                self.leaks.append(f"{called}: {oid} {marker} ({response.status_code})")

    def report(self):
        """The leaks one per line, for the assertion message."""
        return f"{len(self.leaks)} leaks:\n" + "\n".join(self.leaks)

    def check(self):
        """Record what was checked (for the summary); fail on a leak or a write.

        A GET may write nothing but ``LAZY_WRITES``; a transaction that wrote
        one of them may write its containers, too (the annotations of an
        image, the portlet mappings of a dashboard).
        """
        self.record(f"leak_calls_{self.kind}", self.calls)
        self.record("leak_marker_searches", self.marker_searches)
        assert not self.leaks, self.report()
        assert not self.writes, "GET requests that wrote:\n" + "\n".join(self.writes)


@pytest.fixture
def checker(served_scenario, markers, aborted_writes, persona_request, record_property):
    """``checker(persona, kind)``: a :class:`Checker` calling as ``persona``."""
    portal, _objects = served_scenario

    def factory(persona, kind):
        session = persona_request(persona)
        return Checker(
            portal, session, persona, markers, kind, aborted_writes, record_property
        )

    return factory


class TestLeakChannels:
    def test_enumeration_finds_channels(
        self, served_scenario, channels, record_property
    ):
        """Enumeration finds a plausible number of channels of each kind."""
        portal, objects = served_scenario
        for kind, minimum in MINIMUM_CHANNELS.items():
            assert channels.enumerated[kind] > minimum, kind
            record_property(f"leak_channels_{kind}", channels.enumerated[kind])
        # Views and services are found per context.
        assert "municipality-view" in channels.views(objects["municipality_private"])
        assert "municipality-view" not in channels.views(objects["team_document"])
        assert ("application/json", "@roster") in channels.services(objects["group"])
        assert ("application/json", "@transactions") in channels.services(portal)
        assert "plone.app.vocabularies.Keywords" in channels.vocabularies
        # Every hidden object is called; vocabularies on one of each type.
        plan = Plan(portal, objects)
        vocabulary_contexts = HIDDEN_FROM if FULL else ONE_PER_TYPE
        for kind, expected in (
            ("views", HIDDEN_FROM),
            ("vocabularies", vocabulary_contexts),
        ):
            called = {oid for persona in PERSONAS for oid in plan.hidden(persona, kind)}
            assert called == set(expected), kind
        assert "praxisbeispiele" in plan.containers
        assert "site" in plan.containers
        # The municipality directory and its map are called on /kommunen,
        # which holds a private profile and team spaces.
        assert "kommunen" in plan.containers
        for name in ("municipality-directory", "karte", "karte.geojson"):
            assert name in channels.views(portal["kommunen"]), name

    def test_detector_finds_what_may_be_seen(
        self, served_scenario, markers, persona_request
    ):
        """Positive control: where the markers may be seen, the check finds them.

        As a persona who may see everything: every marker in ``@search`` with
        all metadata, the keyword in the keywords vocabulary, the title in the
        page of one object per type. An echo of the requested path is not
        reported.
        """
        portal, objects = served_scenario
        assert ALL_SEEING
        session = persona_request(ALL_SEEING[0])
        site = api_url(portal, portal)
        search = session.get(
            f"{site}/@search",
            params={
                "SearchableText": SECRET,
                "metadata_fields": "_all",
                "b_size": 1000,
            },
            headers=JSON,
        )
        keywords = session.get(
            f"{site}/@vocabularies/plone.app.vocabularies.Keywords",
            params={"b_size": 1000},
            headers=JSON,
        )
        for oid, marked in markers.items():

            def found(response, marked=marked):
                assert response.status_code == 200, response.request.url
                text = _text(response)
                return set(marked.found(text, _below_site(portal, response.url)))

            assert found(search) == set(MARKER_KINDS), oid
            assert found(keywords) == {"keyword"}, oid
            if oid in ONE_PER_TYPE:
                page = session.get(f"{objects[oid].absolute_url()}/view")
                assert "title" in found(page), oid
        # A login redirect echoes the requested path (URL-quoted): the same
        # text is a leak when the path was not requested, and no leak here.
        marked = markers["example_private"]
        response = persona_request("anonymous").get(
            f"{objects['example_private'].absolute_url()}/view", allow_redirects=False
        )
        assert response.status_code == 302
        requested = _below_site(portal, response.url)
        assert marked.found(_text(response), "elsewhere") == ["path"]
        assert marked.found(_text(response), requested) == []

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_views(self, served_scenario, channels, plan, persona, checker):
        """No browser view shows anything of an object hidden from the persona."""
        probe = checker(persona, "views")
        for name, context in plan.contexts(persona, "views"):
            for view in channels.views(context):
                probe.get(
                    name, f"@@{view}", f"{context.absolute_url()}/@@{quote(view)}"
                )
        probe.check()

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_services(self, served_scenario, channels, plan, persona, checker):
        """No REST service shows anything of an object hidden from the persona."""
        portal, objects = served_scenario
        probe = checker(persona, "services")
        for name, context in plan.contexts(persona, "services"):
            for accept, service in channels.services(context):
                url = api_url(portal, context) + (f"/{service}" if service else "")
                channel = f"{service or 'GET'} [{accept}]"
                probe.get(name, channel, url, headers={"Accept": accept})
        probe.check()

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_vocabularies(self, served_scenario, channels, plan, persona, checker):
        """No vocabulary lists anything of an object hidden from the persona.

        Through REST everywhere; through ``@@getVocabulary`` only where the
        persona may view the context: a browser view of a hidden object is
        refused before it looks at its parameters, as ``test_views`` checks.
        """
        portal, objects = served_scenario
        probe = checker(persona, "vocabularies")
        hidden = set(_hidden(persona))
        for name, context in plan.contexts(persona, "vocabularies"):
            for vocabulary in channels.vocabularies:
                probe.get(
                    name,
                    f"@vocabularies/{vocabulary}",
                    f"{api_url(portal, context)}/@vocabularies/{vocabulary}",
                    params={"b_size": 1000},
                    headers=JSON,
                )
                if name in hidden and not FULL:
                    continue
                probe.get(
                    name,
                    f"@@getVocabulary?name={vocabulary}",
                    f"{context.absolute_url()}/@@getVocabulary",
                    params={"name": vocabulary},
                )
        probe.check()
