"""The names of the five stages of the ZWK path, as the institute sets them.

Seed 002 (ZWK Fachdiskurs 2021) names the „Fünfstufen-Systematik zur
Entwicklung einer individuellen Demografiestrategie“ but none of its
stages. The product's working titles come with the path; the institute
replaces them (registry record :data:`RECORD`, set on
``/mentoring/@@schrittnamen``). Either way the names are the network's own,
never the ZWK's, and every screen that shows them says so through
:func:`named_steps`.
"""

from plone import api
from zumo.content import _
from zumo.content.procedures import procedure


#: The registry record holding ``{step id: name}`` as the institute set them.
RECORD = "zumo.zwk.step_names"

#: What a screen says next to a working title.
WORKING_TITLE = _(
    "note_step_name_working_title",
    default="Arbeitstitel, eigene Festlegung des Netzwerks",
)
#: What a screen says next to a name the institute has set.
SET_BY_INSTITUTE = _(
    "note_step_name_set_by_institute",
    default="vom Institut festgelegt, eigene Festlegung des Netzwerks",
)


#: The path whose stages the institute names (``procedures.json``).
PATH = "zwk"


def working_titles():
    """``[(step id, working title)]`` of the five stages, in order."""
    return [(step["id"], step["title"]) for step in procedure(PATH)["steps"]]


def set_names():
    """``{step id: name}`` as the institute set them (empty when none)."""
    return dict(api.portal.get_registry_record(RECORD, default=None) or {})


def named_steps(steps=None):
    """The ``steps`` (``[(step id, working title)]``, in order; default: the
    five stages of :func:`working_titles`) with the names shown: ``[{id, title, working_title, set, note}]``, where ``set``
    says whether the institute named the step and ``note`` (a message) says
    whose name it is."""
    chosen = set_names()
    found = []
    for step_id, working_title in steps or working_titles():
        name = chosen.get(step_id)
        found.append(
            {
                "id": step_id,
                "title": name or working_title,
                "working_title": working_title,
                "set": bool(name),
                "note": SET_BY_INSTITUTE if name else WORKING_TITLE,
            }
        )
    return found
