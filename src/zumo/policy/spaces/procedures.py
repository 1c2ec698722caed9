"""A municipality's paths through its programmes, as its team, the
institute and the ministry read them (``@@verfahren``, ``@verfahren``).

``zumo.content.procedures`` knows the paths and each step's state; here is
decided what a person sees of it and may do: the records of a step are
linked for those who may open them; "Schritt dokumentieren" is offered to
those who may add the step's record in the team space (a step the
institute sets only to the institute); the ministry reads the states and
dates and opens nothing it could not open anyway.
"""

from plone import api
from urllib.parse import urlencode
from zope.dottedname.resolve import resolve
from zumo.content import procedures
from zumo.content import step_names
from zumo.content import vocabularies
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.procedures import RECORD_KEYS


#: Who reads every path, also of programmes the municipality is not in.
ALL_PATHS = "zumo: Manage network"


def visible_paths(municipality):
    """The names of the paths shown for the municipality: those of its
    programmes, and for the institute every path."""
    if api.user.has_permission(ALL_PATHS, obj=municipality):
        return list(procedures.PROCEDURES)
    return procedures.procedures_of(municipality)


def may_document(municipality, step):
    """Whether the current user may add the record of ``step`` to the
    municipality's team space."""
    record = step["record"]
    portal_type = record.get("portal_type")
    if portal_type is None:
        return False
    set_by = record.get("set_by")
    if set_by and not api.user.has_permission(
        procedures.SET_BY[set_by], obj=api.portal.get()
    ):
        return False
    fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
    return bool(fti.isConstructionAllowed(municipality)) and portal_type in {
        info.getId() for info in municipality.allowedContentTypes()
    }


def add_url(municipality, name, step):
    """The add form of the step's record, with the path, the step and the
    record's field values filled in."""
    record = step["record"]
    portal_type = record["portal_type"]
    values = {"form.widgets.IBasic.title": step["title"]}
    if portal_type == "ProcedureStep":
        values.update({"form.widgets.procedure": name, "form.widgets.step": step["id"]})
    values.update(
        {
            f"form.widgets.{field}": value
            for field, value in record.items()
            if field not in RECORD_KEYS
        }
    )
    return f"{municipality.absolute_url()}/++add++{portal_type}?{urlencode(values)}"


def _names(name):
    """``{step id: named step}`` for the path whose stage names the
    institute sets (ZWK, :mod:`zumo.content.step_names`); empty for the
    others."""
    if name != step_names.PATH:
        return {}
    return {step["id"]: step for step in step_names.named_steps()}


def _step(municipality, name, item, named=None):
    """One step as the current user reads it; ``named`` (an entry of
    :func:`zumo.content.step_names.named_steps`) gives the step the name
    the institute set and says whose name it is (``term_note``) instead of
    the general note on the network's own terms."""
    if named is not None:
        item = dict(item, title=named["title"])
    visible = [
        {"title": obj.Title(), "url": obj.absolute_url()}
        for obj in item["records"]
        if api.user.has_permission("View", obj=obj)
    ]
    link = item["record"].get("link")
    return {
        "id": item["id"],
        "title": item["title"],
        "own": item["own"],
        "quotes": item["quotes"],
        "status": item["status"],
        "status_title": vocabularies.title_of("procedure_step_status", item["status"]),
        "date": item["date"].isoformat() if item["date"] else None,
        "date_text": local_time(item["date"]),
        "records": visible,
        "set_by": item["record"].get("set_by"),
        "note": item.get("note"),
        "term_note": (
            translated(named["note"], api.env.getRequest()) if named else None
        ),
        "link_title": item["record"].get("link_title"),
        "add_url": (
            add_url(municipality, name, item)
            if not visible and may_document(municipality, item)
            else None
        ),
        "link_url": (
            resolve(link)(municipality)
            if link and item["status"] == procedures.OPEN
            else None
        ),
    }


def walk(municipality):
    """The municipality's paths as the current user reads them: a list of
    ``{id, title, programme, source, member, steps}``; ``member`` says
    whether the municipality takes part in the path's programme, each step
    carries its state, date (ISO and German text), quotes, the records the
    user may open, the address to document it (or ``None``) and, on the
    ZWK path, the note saying whose name the step carries (``term_note``)."""
    own = set(procedures.procedures_of(municipality))
    found = []
    for name in visible_paths(municipality):
        path = procedures.path_state(municipality, name)
        names = _names(name)
        found.append(
            {
                "id": name,
                "title": path["title"],
                "programme": path["programme"],
                "source": path["source"],
                "member": name in own,
                "steps": [
                    _step(municipality, name, item, names.get(item["id"]))
                    for item in path["steps"]
                ],
            }
        )
    return found
