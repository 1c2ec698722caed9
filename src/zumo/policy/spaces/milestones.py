"""The milestones of a mentoring group, kept up to date by its members.

Those who work in a group (its roster and the institute: "zumo: Work in
space") set the status and date of one of the five ZWK steps
(:func:`update`) without the right to edit the rest of the group (its
municipalities, facilitators, topics). Each change is recorded with who
made it and when (:func:`changes`), in an annotation of the group.
"""

from datetime import date
from persistent.list import PersistentList
from plone import api
from plone.app.event.base import localized_now
from zope.annotation.interfaces import IAnnotations
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy.errors import UserError


#: Where a group keeps the record of its milestone changes (an annotation).
KEY = "zumo.policy.spaces.milestones"
#: Changes kept per group, the newest.
KEPT = 100


class MilestoneError(UserError):
    """A milestone change that cannot be made."""


def _day(value):
    """``value`` (``YYYY-MM-DD`` from a date input, or empty) as a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise MilestoneError(
            _(
                "error_milestone_date",
                default="„${value}“ ist kein gültiges Datum. Bitte wählen Sie "
                "ein Datum oder lassen Sie das Feld leer.",
                mapping={"value": value},
            )
        ) from None


def update(group, step, status, day, userid):
    """Set the ``status`` (a token of ``milestone_status``) and date ``day``
    (``YYYY-MM-DD`` or empty) of the ZWK step ``step`` of ``group`` on
    behalf of ``userid``, and record the change. Return the step's title.

    Raises :class:`MilestoneError` (German) for an unknown step or status
    or a date that is none; then nothing is written.
    """
    steps = dict(terms("zwk_steps"))
    if not isinstance(step, str) or step not in steps:
        raise MilestoneError(
            _(
                "error_milestone_step",
                default="Diesen Schritt gibt es nicht. Bitte wählen Sie einen "
                "der fünf ZWK-Schritte.",
            )
        )
    if not isinstance(status, str) or status not in dict(terms("milestone_status")):
        raise MilestoneError(
            _(
                "error_milestone_status",
                default="Bitte wählen Sie einen Stand: Offen, In Arbeit oder Erreicht.",
            )
        )
    when = _day(day)
    setattr(group, f"milestone_{step}_status", status)
    setattr(group, f"milestone_{step}_date", when)
    annotations = IAnnotations(group)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    record = annotations[KEY]
    record.append(
        {
            "step": step,
            "status": status,
            "date": when,
            "userid": userid,
            "time": localized_now(),
        }
    )
    del record[:-KEPT]
    group.notifyModified()
    group.reindexObject(idxs=["modified"])
    return steps[step]


def changes(group):
    """The recorded milestone changes of ``group``, newest first: dicts
    with ``step``, ``status``, ``date``, ``userid`` and ``time`` (aware, in
    the site's time zone)."""
    return list(reversed(IAnnotations(group).get(KEY, ())))


def may_update(group):
    """Whether the current user may update the milestones of ``group``."""
    return bool(api.user.has_permission("zumo: Work in space", obj=group))
