"""The institute names the five stages of the ZWK path.

Seed 002 names the „Fünfstufen-Systematik“ but none of its stages, so the
names are the institute's to set (:func:`save`); until it does, the
product's working titles are shown as such (:mod:`zumo.content.step_names`).
Only those who manage the network ("zumo: Manage network": the institute)
may set them.
"""

from plone import api
from zumo.content.step_names import RECORD
from zumo.policy import _
from zumo.policy.errors import UserError

import unicodedata


#: The longest name a stage may have (it heads a table column on a phone).
LONGEST = 60


class StepNameError(UserError):
    """Step names that cannot be saved."""


def may_set(context):
    """Whether the current user may set the stage names (on ``context``)."""
    return bool(api.user.has_permission("zumo: Manage network", obj=context))


def _clean(value, working_title):
    """``value`` as a stage name: stripped text, or ``None`` for empty.

    Raises :class:`StepNameError` for text that is too long or holds
    control characters (line breaks, tabs).
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise StepNameError(
            _(
                "error_step_name_text",
                default="Bitte geben Sie für „${step}“ einen Namen als Text ein.",
                mapping={"step": working_title},
            )
        )
    name = value.strip()
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise StepNameError(
            _(
                "error_step_name_characters",
                default="Der Name für „${step}“ darf keine Zeilenumbrüche oder "
                "Steuerzeichen enthalten.",
                mapping={"step": working_title},
            )
        )
    if len(name) > LONGEST:
        raise StepNameError(
            _(
                "error_step_name_length",
                default="Der Name für „${step}“ ist zu lang: höchstens ${limit} "
                "Zeichen.",
                mapping={"step": working_title, "limit": LONGEST},
            )
        )
    return name or None


def save(steps, values):
    """Set the names of ``steps`` (``[(step id, working title)]``) from
    ``values`` (``{step id: text}``; empty text: back to the working title)
    and return the names now set (``{step id: name}``).

    Raises :class:`StepNameError` (German) for a name that is too long or
    has control characters, or for two stages of the same name; then
    nothing is written.
    """
    names = {}
    for step_id, working_title in steps:
        name = _clean(values.get(step_id), working_title)
        if name:
            names[step_id] = name
    shown = [names.get(step_id, title) for step_id, title in steps]
    seen = set()
    for name in shown:
        if name.casefold() in seen:
            raise StepNameError(
                _(
                    "error_step_name_twice",
                    default="Zwei Stufen heißen „${name}“. Bitte geben Sie jeder "
                    "Stufe einen eigenen Namen.",
                    mapping={"name": name},
                )
            )
        seen.add(name.casefold())
    api.portal.set_registry_record(RECORD, names)
    return names
