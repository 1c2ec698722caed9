"""The effective date of public ZUMO content: the day it became public.

Plone's own status menu, folder contents and REST ``@workflow`` set the
effective date on a transition when it is empty; ``plone.api`` and the
workflow tool do not, so content published by code (the demo, the bulk
import, the pages of ``practice_examples/review.py``) had none and the open
data said "1969-12-31". :func:`set_effective_on_publish` sets it whichever
way content is published; :func:`set_missing_effective_dates` gives
existing content the time of its first publication from its workflow
history.
"""

from DateTime import DateTime
from plone import api
from plone.dexterity.content import FLOOR_DATE
from zumo.content.interfaces import IZumoContent
from zumo.policy import logger


#: The catalog indexes that hold the effective date.
INDEXES = ["effective", "effectiveRange"]


def is_public(state):
    """Whether the workflow ``state`` (a DCWorkflow state definition) lets
    anonymous visitors view its content."""
    roles = (state.permission_roles or {}).get("View", ())
    # A list means "acquired": the state itself makes nothing public.
    return isinstance(roles, tuple) and "Anonymous" in roles


def has_effective_date(obj):
    """Whether ``obj`` has an effective date of its own."""
    return obj.EffectiveDate() != "None"


def set_effective_on_publish(obj, event):
    """Give ``obj`` the current time as its effective date when a
    transition makes it public and it has none; an editor's chosen date
    (the status form's "Veröffentlichungsdatum") stays."""
    if event.new_state is None or not is_public(event.new_state):
        return
    if has_effective_date(obj):
        return
    obj.setEffectiveDate(DateTime())
    obj.reindexObject(idxs=INDEXES)


def is_public_now(obj):
    """Whether ``obj``'s current workflow state lets anonymous visitors
    view it."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow in workflow_tool.getWorkflowsFor(obj):
        status = workflow_tool.getStatusOf(workflow.id, obj) or {}
        state = workflow.states.get(status.get("review_state"))
        if state is not None and is_public(state):
            return True
    return False


def first_public_time(obj):
    """The time of the first transition in ``obj``'s workflow history into
    a public state (a ``DateTime``), or ``None``."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    times = []
    for workflow in workflow_tool.getWorkflowsFor(obj):
        history = (getattr(obj, "workflow_history", None) or {}).get(workflow.id, ())
        for entry in history:
            state = workflow.states.get(entry.get("review_state"))
            if state is not None and is_public(state) and entry.get("time"):
                times.append(entry["time"])
    return min(times) if times else None


def set_missing_effective_dates(portal):
    """Give public ZUMO content without an effective date the time of its
    first publication; return how many objects were changed.

    For existing sites (call it from an upgrade step): content published
    before :func:`set_effective_on_publish` was registered has no effective
    date. The time comes from the workflow history (the first transition
    into a state that anonymous visitors may view); content whose history
    records none (created directly in a public state) gets its creation
    time. Only the catalog's effective indexes and metadata are updated:
    the modification date ("Stand") stays.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        object_provides=IZumoContent.__identifier__,
        path="/".join(portal.getPhysicalPath()),
        # FLOOR_DATE is what the catalog holds for "no effective date"
        effective={"query": FLOOR_DATE + 1, "range": "max"},
    )
    changed = 0
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        if has_effective_date(obj):
            continue
        if not is_public_now(obj):
            continue
        obj.setEffectiveDate(first_public_time(obj) or obj.created())
        obj.reindexObject(idxs=INDEXES)
        changed += 1
    logger.info("Set the missing effective date of %s public objects", changed)
    return changed
