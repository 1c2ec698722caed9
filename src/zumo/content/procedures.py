"""The programmes' own procedures: the path a municipality walks in each.

``data/procedures.json`` holds one entry per path (``zumo``, ``imv``,
``zwk``): its title, the programme whose municipalities walk it, its source
document (``{seed, title}``) and its ordered steps. A step has an ``id``, a
``title``, the ``quotes`` of the document that name it (``{seed, line,
quote}``, word for word), ``own`` (the step or its name is the network's own
and the page says so) and ``record``: how the team documents the step in
its team space —

* ``{"portal_type": "ProcedureStep"}``: a Verfahrensschritt naming the path
  and step, with its own status and date; ``"set_by": "institute"`` when
  only the institute may document it;
* an existing type with field values (``{"portal_type": "FutureWorkshop",
  "workshop_format": "fokusgruppe"}``): the step is done once such a record
  exists (a workshop dated in the future is in work; an action plan is in
  work until it is adopted);
* ``{"check": "<dotted name>"}``: a function of the municipality that
  returns ``{"status", "date"}`` or ``None`` (then the record type, if
  given, decides); ``"link": "<dotted name>"`` a function of the
  municipality that returns the address where the step is taken outside
  the team space (the application form), or ``None``; ``"link_title"``
  the button's German text (default: the application form's);
* ``"decision": true`` on a Verfahrensschritt: the step is a decision
  (the mandate of seed 001): its form asks who decided, its date is the
  day of the decision.

A check may also return ``"records"`` (objects to open for the step, the
caller shows those the viewer may see) and ``"note"`` (a short German
text shown beside the state).

The data is read and checked once, at import: a broken file stops the
start with a message naming the entry. This module only reads; who may see
or document a step is ``zumo.policy``'s (``spaces/procedures.py``).
"""

from DateTime import DateTime
from datetime import datetime
from pathlib import Path
from plone import api
from zope.dottedname.resolve import resolve
from zumo.content.dates import site_today

import json
import re


DATA_FILE = Path(__file__).parent / "data" / "procedures.json"
#: The states of a step, in the order a step goes through them; their
#: German titles are the vocabulary ``procedure_step_status``.
OPEN = "offen"
IN_PROGRESS = "in_arbeit"
DONE = "abgeschlossen"
STATES = (OPEN, IN_PROGRESS, DONE)
#: The fields of a record that say which step it documents.
STEP_FIELDS = ("procedure", "step")
#: Who may document a step that names ``set_by``: the permission they need
#: on the site.
SET_BY = {"institute": "zumo: Manage network"}
#: The keys of a step's ``record`` that are no field values.
RECORD_KEYS = ("portal_type", "check", "link", "link_title", "set_by", "decision")


def _check(condition, message):
    if not condition:
        raise ValueError(f"{DATA_FILE.name}: {message}")


def _validated(data):
    """``data`` if it is a well-formed procedures file; ``ValueError`` naming
    the broken entry otherwise."""
    seen_titles = {}
    for name, path in data.items():
        for key in ("title", "programme", "source", "steps"):
            _check(key in path, f"path {name!r} has no {key!r}")
        _check(path["steps"], f"path {name!r} has no steps")
        ids = [step.get("id") for step in path["steps"]]
        _check(len(set(ids)) == len(ids), f"path {name!r} repeats a step id")
        for step in path["steps"]:
            where = f"step {step.get('id')!r} of path {name!r}"
            _check(
                re.fullmatch(r"[a-z0-9_]+", str(step.get("id"))),
                f"{where}: an id is lower-case ASCII letters, digits and _",
            )
            for key in ("id", "title", "quotes", "own", "record"):
                _check(key in step, f"{where} has no {key!r}")
            for quote in step["quotes"]:
                _check(
                    set(quote) == {"seed", "line", "quote"},
                    f"{where}: a quote needs seed, line and quote",
                )
            record = step["record"]
            _check(
                "portal_type" in record or "check" in record,
                f"{where}: the record needs a portal_type or a check",
            )
            _check(
                record.get("set_by") in (None, *SET_BY),
                f"{where}: unknown set_by {record.get('set_by')!r}",
            )
            # One vocabulary holds the step ids of all paths: an id that two
            # paths share must be the same step by name.
            title = seen_titles.setdefault(step["id"], step["title"])
            _check(title == step["title"], f"{where}: id used with another title")
    return data


PROCEDURES = _validated(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def procedure(name):
    """The path ``name`` as its data entry; ``KeyError`` if unknown."""
    return PROCEDURES[name]


def step(name, step_id):
    """The step ``step_id`` of path ``name``, or ``None``."""
    for item in PROCEDURES.get(name, {}).get("steps", ()):
        if item["id"] == step_id:
            return item
    return None


def is_decision(name, step_id):
    """Whether step ``step_id`` of path ``name`` is a decision (its record
    says ``"decision": true``): who decided is asked and shown."""
    found = step(name, step_id)
    return bool(found and found["record"].get("decision"))


def step_terms():
    """``[(id, title)]`` of every step of every path, each id once."""
    terms = {}
    for path in PROCEDURES.values():
        for item in path["steps"]:
            terms.setdefault(item["id"], item["title"])
    return list(terms.items())


def procedures_of(municipality):
    """The names of the paths the municipality walks: those of the
    programmes it takes part in, in the order of the data file."""
    programmes = set(getattr(municipality, "programmes", None) or ())
    return [
        name for name, path in PROCEDURES.items() if path["programme"] in programmes
    ]


def _day(value):
    """``value`` (a date, datetime or Zope DateTime) as a ``date``."""
    if isinstance(value, DateTime):
        return value.asdatetime().date()
    if isinstance(value, datetime):
        return value.date()
    return value


def _matches(obj, record, name, step_id):
    if obj.portal_type == "ProcedureStep":
        return (obj.procedure, obj.step) == (name, step_id)
    return all(
        getattr(obj, field, None) == value
        for field, value in record.items()
        if field not in RECORD_KEYS
    )


def records(municipality, name, step_id):
    """The records in the municipality's team space that document step
    ``step_id`` of path ``name``, whoever may see them (the caller decides
    what to show of them)."""
    record = step(name, step_id)["record"]
    portal_type = record.get("portal_type")
    if portal_type is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path="/".join(municipality.getPhysicalPath()),
        portal_type=portal_type,
    )
    found = (brain._unrestrictedGetObject() for brain in brains)
    return [obj for obj in found if _matches(obj, record, name, step_id)]


def record_state(obj, today=None):
    """``(status, date)`` of one record: a Verfahrensschritt says it; a
    workshop is done once held (in work while its date lies ahead); an
    action plan is done once adopted, in work before (its last version's
    date); any other record is done."""
    today = today or site_today()
    if obj.portal_type == "ProcedureStep":
        return obj.status or OPEN, obj.date
    if obj.portal_type == "FutureWorkshop":
        held = obj.date is not None and obj.date <= today
        return (DONE if held else IN_PROGRESS), obj.date
    if obj.portal_type == "ActionPlan":
        if obj.adopted is not None:
            return DONE, obj.adopted
        return IN_PROGRESS, _day(obj.modified())
    return DONE, _day(obj.modified())


def step_state(municipality, name, step_id, today=None):
    """The state of one step for the municipality: ``{"status", "date",
    "records", "note"}``. The furthest state among its records counts, with the
    latest date in that state; a check answers first where the step has
    one. Without a record the step is ``offen``."""
    record = step(name, step_id)["record"]
    if "check" in record:
        answer = resolve(record["check"])(municipality)
        if answer:
            return {
                "status": answer["status"],
                "date": answer.get("date"),
                "records": answer.get("records", []),
                "note": answer.get("note"),
            }
    found = records(municipality, name, step_id)
    status, day = OPEN, None
    for obj in found:
        this_status, this_day = record_state(obj, today)
        this_day = _day(this_day)
        if STATES.index(this_status) > STATES.index(status):
            status, day = this_status, this_day
        elif this_status == status and this_day and (day is None or this_day > day):
            day = this_day
    return {"status": status, "date": day, "records": found, "note": None}


def path_state(municipality, name, today=None):
    """The path ``name`` for the municipality: its data with each step's
    state (``status``, ``date``, ``records``) beside the step's data."""
    path = procedure(name)
    return {
        "id": name,
        "title": path["title"],
        "programme": path["programme"],
        "source": path["source"],
        "steps": [
            dict(item, **step_state(municipality, name, item["id"], today))
            for item in path["steps"]
        ],
    }
