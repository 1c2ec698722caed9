"""Write channels: every view and every writing REST service, found by
enumeration, called with a write as every persona.

The matrix tests ask whether a persona holds a permission; this module asks
whether any channel writes what the persona may not change, whatever
permission it checks (or forgets to check):

* **Enumeration** (``tests/fixtures/channels.py``, shared with the read
  channels): every browser view registered for a context, called with a POST
  that carries the persona's CSRF token (an attacker who is that persona has
  it) and the buttons and fields common to Plone's forms; where the answer
  is a form, it is sent again as filled in. Every ``POST``/``PUT``/
  ``PATCH``/``DELETE`` service of plone.rest registered for the context,
  with a JSON body of the usual fields.
* **Contexts**: for each persona the objects of the security scenario it may
  not change (no ``edit``, ``delete``, ``add`` or transition allowed in
  ``docs/permissions.csv``), one per portal type, and the site root; each
  context is called by ``CALLERS_PER_CONTEXT`` personas, anonymous first
  (``WRITE_CHANNELS=full``: by all).
* **Detection** is general: the database's last transaction before and after
  each call. A committed transaction is read record by record; each record
  is mapped to its owner (:class:`tests.fixtures.channels.Changes`): a
  content object, or a tool at the site root. A content object changes
  rightly only where the matrix allows the persona to change it (objects the
  matrix does not name: where the persona holds a permission to change
  them); a tool only as ``SIDE_EFFECTS`` says, each with its reason.

The counts are printed by ``pytest_terminal_summary`` in ``tests/conftest.py``.
"""

from collections import Counter
from fnmatch import fnmatch
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.protect.authenticator import createToken
from tests.fixtures.channels import Changes
from tests.fixtures.channels import Channels
from tests.fixtures.channels import LAZY_WRITES
from tests.fixtures.channels import WRITES
from tests.fixtures.http import attributes
from zope.annotation.interfaces import IAnnotations
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import matrix

import os
import pytest
import re
import transaction


pytestmark = pytest.mark.slow

FULL = os.environ.get("WRITE_CHANNELS") == "full"
CALLERS_PER_CONTEXT = 2
#: Enumeration must find more channels than this.
MINIMUM = {"views": 300, "writes": 20}
#: The matrix actions that change an object.
CHANGES = ("edit", "delete", "add", "transition")
#: Permissions that let a persona change an object the matrix does not name.
CHANGE_PERMISSIONS = (
    "Modify portal content",
    "Add portal content",
    "Delete objects",
    "Review portal content",
    "Reply to item",
)
#: Tools at the site root that a channel may write, with the reason. Each
#: holds for records keyed by the persona's own user id only (member data,
#: login times), checked by the keys the transaction changed; ``derived``
#: tools only together with a content change the persona may make.
SIDE_EFFECTS = {
    "tool:acl_users": "the persona's own member data: login times, "
    "its own properties (keys: the persona's user id)",
    "tool:portal_memberdata": "the persona's own member data (keys: its user id)",
}
#: Records outside the site (at the Zope root) a channel may write: a
#: login keeps the secrets of the login cookies fresh.
ROOT_SIDE_EFFECTS = {
    "OFS.Application.Application",
    "persistent.mapping.PersistentMapping",
    "plone.keyring.keyring.Keyring",
}
DERIVED = {
    "tool:portal_catalog": "the catalog follows the content it indexes",
    "tool:intids": "new content gets an intid",
    "tool:portal_relations": "relations follow the content that holds them",
    "tool:portal_uidgenerator": "a new version gets a number (CMFEditions)",
    "tool:portal_historiesstorage": "a changed object's version is kept (CMFEditions)",
    "tool:portal_historyidhandler": "a new object gets a history id (CMFEditions)",
}
#: What a change to content whose records are all of these classes may be:
#: a comment, where the persona may reply (plone.app.discussion's permission).
COMMENTS = ("plone.app.discussion.", "BTrees.")
#: Views not called with a write, with the reason.
SKIPPED_VIEWS = {
    "logout": "ends the persona's session; nothing to write",
}
#: What every POST to a view carries: the buttons and fields of Plone's forms.
BUTTONS = (
    "save", "submit", "send", "apply", "delete", "Delete", "confirm", "register",
    "add", "remove", "join", "leave", "cancel_registration", "accept", "reject",
    "publish", "import", "update", "upload", "approve", "subscribe", "reset",
)  # fmt: skip
FIELDS = {
    "form.submitted": "1",
    "submit": "1",
    "title": "Geändert",
    "description": "Geändert",
    "text": "Geändert",
    "comment": "Geändert",
    "form.widgets.title": "Geändert",
    "form.widgets.IDublinCore.title": "Geändert",
    "form.widgets.IBasic.title": "Geändert",
    "form.widgets.text": "Geändert",
    "form.widgets.comment_text": "Geändert",
}
#: The JSON body of every REST write.
BODY = {
    "title": "Geändert",
    "description": "Geändert",
    "text": "Geändert",
    "@type": "Document",
    "id": "geaendert",
    "role": "member",
    "comments": "Geändert",
}
INPUT = re.compile(r"<(?:input|textarea|select|button)\b[^>]*>", re.S)
FORM = re.compile(r"<form\b[^>]*>", re.S)


#: Personas who administer the site (the institute is Site Administrator):
#: they manage the markers, portlets and content rules of every object
#: (``test_matrix`` asserts "Manage properties" for them everywhere), so any
#: object may change through those channels, also one whose content the
#: matrix lets them change in no way (an expert's assessment in progress).
ADMINISTRATORS = ("institut",)


def _changeable():
    """``{persona: {object ids the matrix lets it change}}``; every object
    for :data:`ADMINISTRATORS`."""
    found = {}
    for row in matrix(actions=set(CHANGES)):
        found.setdefault(row["persona"], set())
        if row["expected"] == "allowed" or row["persona"] in ADMINISTRATORS:
            found[row["persona"]].add(row["object"])
    return found


CHANGEABLE = _changeable()
PERSONAS = sorted(CHANGEABLE, key=lambda persona: (persona != "anonymous", persona))
# The object ids of the matrix, one per portal type and state, in matrix order.
TYPES = {}
for _row in matrix(actions={"edit"}):
    TYPES.setdefault(_row["object"], _row["portal_type"])


def _plan():
    """``{persona: [object ids to call]}``: for each portal type, anonymous
    and one signed-in persona (the least loaded so far, so every persona
    gets several types) call the first object of the type they may not
    change; every persona calls the site root. A full run calls every
    object as every persona who may not change it."""
    load = Counter()
    plan = {persona: [] for persona in PERSONAS}
    for portal_type in dict.fromkeys(TYPES.values()):
        oids = [oid for oid, kind in TYPES.items() if kind == portal_type]
        if FULL:
            for persona in PERSONAS:
                plan[persona].extend(o for o in oids if o not in CHANGEABLE[persona])
            continue
        callers = 0
        for persona in sorted(
            PERSONAS, key=lambda p: (p != "anonymous", load[p], PERSONAS.index(p))
        ):
            target = next((o for o in oids if o not in CHANGEABLE[persona]), None)
            if target is None:
                continue
            plan[persona].append(target)
            load[persona] += 1
            callers += 1
            if callers == CALLERS_PER_CONTEXT:
                break
    for persona in PERSONAS:
        plan[persona].append("site")
    return plan


PLAN = _plan()


#: Records that hold others (written with what they hold).
HOLDERS = ("BTrees.", "persistent.mapping.", "persistent.list.")


def _lazy(owners):
    """Whether a transaction that wrote ``{owner: [classes]}`` only stored
    what Plone creates lazily (``LAZY_WRITES``) and what holds it."""
    classes = {cls for found in owners.values() for cls in found}
    lazy = {
        cls for cls in classes
        if any(fnmatch(cls, f"*{pattern}") for pattern in LAZY_WRITES)
    }  # fmt: skip
    return bool(lazy) and all(cls.startswith(HOLDERS) for cls in classes - lazy)


def _form_data(page, persona_token):
    """The fields and first submit button of the first form of ``page``
    that posts somewhere (``None``: no such form): hidden fields keep their
    value, the others say ``Geändert``."""
    if not FORM.search(page):
        return None
    data = {}
    button = None
    for tag in INPUT.findall(page):
        name, kind, value = attributes(tag)
        if not name:
            continue
        if kind == "submit" or tag.startswith("<button"):
            if button is None and "cancel" not in name.lower():
                button = (name, value or "1")
            continue
        if kind in ("hidden", "checkbox", "radio"):
            data.setdefault(name, value)
        else:
            data.setdefault(name, "Geändert")
    if button is None:
        return None
    data[button[0]] = button[1]
    data["_authenticator"] = persona_token
    return data


class Writer:
    """Calls write channels as one persona and judges what they wrote."""

    def __init__(self, portal, objects, session, persona, changes, record):
        self.portal = portal
        self.persona = persona
        self.session = session
        self.changes = changes
        self.record = record
        self.database = portal._p_jar.db()
        self.names = {obj._p_oid: oid for oid, obj in objects.items()}
        self.token = self._token()
        self.calls = 0
        self.transactions = 0
        self.forbidden = []

    def _token(self):
        """The persona's CSRF token, as its pages would carry it."""
        if self.persona == "anonymous":
            logout()
        else:
            login(self.portal, self.persona)
        token = createToken()
        logout()
        return token

    def call(self, name, channel, method, url, **kwargs):
        """Send a write; judge each transaction it committed."""
        before = self.database.lastTransaction()
        response = self.session.request(
            method, url, allow_redirects=False, timeout=120, **kwargs
        )
        self.calls += 1
        if self.database.lastTransaction() != before:
            self._judge(f"{self.persona} {method} {name}/{channel}", before)
        return response

    def _judge(self, called, before):
        """Judge each transaction committed after ``before`` by ``called``."""
        transaction.begin()  # see what the server committed
        # Roles are cached per request; writes may have changed them.
        IAnnotations(self.portal.REQUEST).clear()
        for tid, owners in self.changes.since(before):
            self.transactions += 1
            if _lazy(owners):
                continue
            problems = []
            verdicts = {
                owner: self._verdict(tid, owner, classes)
                for owner, classes in owners.items()
            }
            content_allowed = any(v is True for v in verdicts.values())
            for owner, verdict in verdicts.items():
                if verdict == "derived" and not content_allowed:
                    problems.append(f"{owner} alone")
                elif isinstance(verdict, str) and verdict != "derived":
                    problems.append(verdict)
            if problems:
                self.forbidden.append(f"{called}: {'; '.join(problems)}")

    def _verdict(self, tid, owner, classes):
        """``True`` (a content change the persona may make), ``None``
        (nothing to judge), ``"derived"`` (allowed with an allowed content
        change) or the problem."""
        written = ", ".join(sorted(set(classes)))
        if isinstance(owner, bytes):
            verdict = self._may_change(owner, classes)
            if verdict is False:
                return f"{self._label(owner)} ({written})"
            return verdict
        if owner == "unknown" and set(classes) <= ROOT_SIDE_EFFECTS:
            return None
        if owner in DERIVED:
            return "derived"
        if owner in SIDE_EFFECTS:
            strangers = self.changes.changed_keys(tid, owner) - {self.persona}
            if strangers:
                return f"{owner}: data of {', '.join(sorted(strangers))}"
            return None
        return f"{owner} ({written})"

    def _label(self, oid):
        """A readable name of the content object ``oid``."""
        if oid in self.names:
            return self.names[oid]
        obj = self.portal._p_jar.get(oid)
        return f"{getattr(obj, 'portal_type', '?')} {obj.getId()}"

    def _wrapped(self, oid):
        """Content object ``oid`` in its place, or ``None`` (new, gone)."""
        obj = self.portal._p_jar.get(oid)
        uid = getattr(obj, "_plone.uuid", None)
        if oid == self.portal._p_oid:
            return self.portal
        if uid is None:
            return None
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=uid
        )
        return brains[0]._unrestrictedGetObject() if brains else None

    def _may_change(self, oid, classes):
        """Whether the persona may change content object ``oid`` by writing
        records of ``classes``: as the matrix says, else as its permissions
        there say (a comment: where it may reply); ``None`` for content that
        did not exist before (its container's change is judged)."""
        if oid not in Changes._base[1]:
            return None
        name = self.names.get(oid)
        if name in TYPES and name in CHANGEABLE[self.persona]:
            return True
        comment = all(cls.startswith(COMMENTS) for cls in classes)
        if name in TYPES and not comment:
            return False
        obj = self._wrapped(oid)
        if obj is None:
            return None
        permissions = ("Reply to item",) if comment else CHANGE_PERMISSIONS
        if self.persona == "anonymous":
            logout()
        else:
            login(self.portal, self.persona)
        try:
            return any(
                api.user.has_permission(permission, obj=obj)
                for permission in permissions
            )
        finally:
            logout()

    def check(self):
        """Record the counts; fail on a forbidden change."""
        self.record("write_calls", self.calls)
        self.record("write_transactions", self.transactions)
        assert not self.forbidden, (
            f"{len(self.forbidden)} forbidden changes:\n" + "\n".join(self.forbidden)
        )


@pytest.fixture
def channels(served_scenario):
    """The channels of the served site."""
    return Channels(served_scenario[0], skipped=SKIPPED_VIEWS)


@pytest.fixture
def writer(served_scenario, persona_request, record_property):
    """``writer(persona)``: a :class:`Writer` calling as ``persona``."""
    portal, objects = served_scenario
    changes = Changes(portal)

    def factory(persona):
        return Writer(
            portal, objects, persona_request(persona), persona, changes,
            record_property,
        )  # fmt: skip

    return factory


def test_enumeration_finds_write_channels(served_scenario, channels, record_property):
    """Enumeration finds a plausible number of views and writing services,
    and the plan calls every type of the matrix."""
    portal, objects = served_scenario
    for kind, minimum in MINIMUM.items():
        assert channels.enumerated[kind] > minimum, kind
        record_property(f"write_channels_{kind}", channels.enumerated[kind])
    writes = channels.services(objects["group"], WRITES)
    assert ("POST", "application/json", "@roster") in writes
    assert ("PATCH", "application/json", "") in writes
    assert ("DELETE", "application/json", "") in writes
    called = {TYPES[oid] for oids in PLAN.values() for oid in oids if oid in TYPES}
    assert called == set(TYPES.values())


def test_detection_sees_a_change_and_whose_it_is(served_scenario, writer):
    """Positive control: a change the persona may make is seen and judged
    allowed; the same change by a persona who may not make it (committed
    behind the server's back, as a forgotten check would) is forbidden."""
    portal, objects = served_scenario
    probe = writer("buerger")
    example = objects["example_private"]
    response = probe.call(
        "example_private", "PATCH", "PATCH", api_url(portal, example),
        json={"title": "Geändert"}, headers=probe_headers(probe),
    )  # fmt: skip
    assert response.status_code == 204, response.text[:300]
    assert probe.transactions == 1
    assert probe.forbidden == []
    outsider = writer("kommune-b")
    before = outsider.database.lastTransaction()
    example.title = "Von außen"
    transaction.commit()
    outsider._judge("kommune-b (control)", before)
    assert outsider.forbidden and "example_private" in outsider.forbidden[0]


def probe_headers(probe):
    """The headers of a REST write as the persona's client sends them."""
    return {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRF-TOKEN": probe.token,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_views(served_scenario, channels, persona, writer):
    """No view writes what the persona may not change."""
    portal, objects = served_scenario
    probe = writer(persona)
    data = {"_authenticator": probe.token, **FIELDS}
    data.update({f"form.buttons.{button}": "1" for button in BUTTONS})
    for name in PLAN[persona]:
        context = objects[name]
        for view in channels.views(context):
            url = f"{context.absolute_url()}/@@{view}"
            response = probe.call(name, f"@@{view}", "POST", url, data=data)
            if name in CHANGEABLE[persona] or response.status_code != 200:
                continue
            filled = _form_data(response.text, probe.token)
            if filled:
                probe.call(name, f"@@{view} (form)", "POST", url, data=filled)
    probe.check()


@pytest.mark.parametrize("persona", PERSONAS)
def test_services(served_scenario, channels, persona, writer):
    """No REST service writes what the persona may not change."""
    portal, objects = served_scenario
    probe = writer(persona)
    headers = probe_headers(probe)
    for name in PLAN[persona]:
        context = objects[name]
        # Deleting the context comes last: the other calls need it.
        services = sorted(
            channels.services(context, WRITES),
            key=lambda service: service[0] == "DELETE" and not service[2],
        )
        for method, accept, service in services:
            url = api_url(portal, context) + (f"/{service}" if service else "")
            probe.call(
                name, f"{service or method} [{accept}]", method, url,
                json={**BODY, "userid": persona}, headers={**headers, "Accept": accept},
            )  # fmt: skip
    probe.check()
