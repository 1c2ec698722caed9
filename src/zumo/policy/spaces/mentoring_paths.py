"""The milestones a mentoring group once kept become its members' paths.

Before, a group tracked five steps of its own once for all its
municipalities (fields ``milestone_<step>_status|date|notes`` and the
change record in the annotation :data:`CHANGES`). Now each municipality
walks its own ZWK path in its team space, and the group shows the paths
side by side. :func:`migrate_group_milestones` moves what a group had
recorded to the paths of its mentee municipalities (the mentors, the
experienced municipalities, pass their knowledge on and walk no new path)
and removes the old fields and the change record from the group.
"""

from Acquisition import aq_base
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.annotation.interfaces import IAnnotations
from zumo.content import procedures
from zumo.content.behaviors.demo import is_demo
from zumo.content.i18n import translated
from zumo.content.relations import related_objects
from zumo.content.step_names import PATH
from zumo.policy import _
from zumo.policy import logger

import html


#: The steps a group tracked, and the stage of the ZWK path each became.
STEPS = {
    "kickoff": "zwk_kickoff",
    "kommunalprofil": "zwk_kommunalprofil",
    "zukunftswerkstatt": "zwk_zukunftswerkstatt",
    "werkstattplan": "zwk_werkstattplan",
    "zwischenbilanz": "zwk_zwischenbilanz",
}
#: A group milestone's status and the state of a path's step it became.
STATUS = {
    "offen": procedures.OPEN,
    "in_arbeit": procedures.IN_PROGRESS,
    "erreicht": procedures.DONE,
}
#: Where a group kept the record of its milestone changes (removed).
CHANGES = "zumo.policy.spaces.milestones"


def _recorded(group):
    """``{stage id: (state, date, notes)}`` of what ``group`` had recorded:
    the steps with a status beyond open, a date or notes."""
    found = {}
    base = aq_base(group)
    base._p_activate()  # a ghost's __dict__ is empty
    stored = base.__dict__
    for old, stage in STEPS.items():
        status = stored.get(f"milestone_{old}_status") or "offen"
        day = stored.get(f"milestone_{old}_date")
        notes = stored.get(f"milestone_{old}_notes") or ""
        if status != "offen" or day or notes:
            found[stage] = (STATUS.get(status, procedures.OPEN), day, notes)
    return found


def _document(municipality, group, stage, state, day, notes):
    """Add the record of ``stage`` to the municipality's team space."""
    step = procedures.step(PATH, stage)
    origin = translated(
        _(
            "text_taken_from_group",
            default="Übernommen aus der Mentoring-Gruppe „${group}“.",
            mapping={"group": group.Title()},
        )
    )
    text = f"<p>{html.escape(origin)}</p>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in notes.splitlines() if line.strip()
    )
    values = {
        field: value
        for field, value in step["record"].items()
        if field not in procedures.RECORD_KEYS
    }
    portal_type = step["record"]["portal_type"]
    if portal_type == "ProcedureStep":
        values.update(
            procedure=PATH,
            step=stage,
            status=state,
            notes=RichTextValue(text, "text/html", "text/x-html-safe"),
        )
    else:
        values["results"] = RichTextValue(text, "text/html", "text/x-html-safe")
    api.content.create(
        container=municipality,
        type=portal_type,
        title=step["title"],
        date=day,
        demo=is_demo(group),
        safe_id=True,
        **values,
    )


def migrate_group_milestones(portal):
    """Move every mentoring group's milestones to its mentees' paths and
    remove them from the group; return how many records were added.

    A stage a mentee has already documented keeps its own records. Running
    it again adds nothing (the groups hold no milestones any more).
    """
    catalog = api.portal.get_tool("portal_catalog")
    added = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="MentoringGroup"):
        group = brain._unrestrictedGetObject()
        recorded = _recorded(group)
        for municipality in related_objects(group, ["mentees"]):
            for stage, (state, day, notes) in recorded.items():
                if procedures.records(municipality, PATH, stage):
                    continue
                _document(municipality, group, stage, state, day, notes)
                added += 1
        stored = aq_base(group)
        # documenting the stages may have turned the group into a ghost,
        # whose __dict__ is empty until it is loaded again
        stored._p_activate()
        for name in [name for name in stored.__dict__ if name.startswith("milestone_")]:
            delattr(stored, name)
        stored._p_changed = True
        IAnnotations(group).pop(CHANGES, None)
        group.reindexObject()
    logger.info("Moved the mentoring groups' milestones: %s records added.", added)
    return added
