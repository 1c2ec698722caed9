"""Who reads a history: the workflow history and the version history of an item.

An entry of either names who acted (a user id) and what they wrote (the
comment of a transition or a version). Those who may review the item
("Review portal content": the institute) read everything. The item's author
(its creator or owner) and those who may edit it (a space's team, which
keeps a file's versions with change notes for each other) read the
comments, which hold the reason of a rejection meant for them, and only
their own user id. Everybody else reads dates and states. Every channel that shows a history reads it through
:func:`readable_history`: REST ``@workflow`` (and its expansion) and
``@history``, the Classic ``@@contenthistory`` and ``@@historyview`` and the
version list ``versions_history_form``. See ``docs/privacy.md``.
"""

from plone import api
from plone.app.layout.viewlets.content import ContentHistoryView
from plone.restapi.deserializer import json_body
from plone.restapi.services.history.get import HistoryGet
from plone.restapi.services.history.patch import HistoryPatch
from plone.restapi.services.workflow.info import WorkflowInfo
from plone.restapi.services.workflow.info import WorkflowInfoService
from Products.CMFCore.utils import getToolByName
from Products.CMFEditions.browser.views import VersionsHistoryForm
from zumo.content.browser.batching import number
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.policy import _


#: The keys of an entry that name who acted (raw workflow history,
#: plone.app.layout's entries, REST ``@history``).
ACTOR_KEYS = ("actor", "actorid", "actor_home")
#: The keys of an entry that hold what someone wrote.
COMMENT_KEYS = ("comments",)


def may_read_actors(obj):
    """Whether the current user reads who acted on ``obj`` and why."""
    return bool(api.user.has_permission("Review portal content", obj=obj))


def is_author(obj, userid):
    """Whether ``userid`` created or owns ``obj``."""
    owner = obj.getOwnerTuple()
    return userid in (obj.listCreators() or ()) or bool(owner and owner[1] == userid)


def may_read_comments(obj, userid):
    """Whether ``userid`` (the current user) reads the comments of the
    history of ``obj``: its author, or someone who may edit it."""
    return is_author(obj, userid) or bool(
        api.user.has_permission("Modify portal content", obj=obj)
    )


def _actor_id(entry):
    actor = entry.get("actorid", entry.get("actor"))
    if isinstance(actor, dict):
        return actor.get("id")
    return actor


def readable_history(obj, entries):
    """Return ``entries`` (dicts of a history of ``obj``) as the current
    user may read them: unchanged for those who may review; for the author
    and those who may edit ``obj`` without other people's user ids; for
    everybody else without actors and comments. The keys stay (empty), so
    templates that expect them render."""
    if may_read_actors(obj):
        return list(entries)
    user = api.user.get_current()
    userid = None if api.user.is_anonymous() else user.getId()
    reader = userid is not None and may_read_comments(obj, userid)
    readable = []
    for entry in entries:
        entry = dict(entry)
        if not (reader and _actor_id(entry) == userid):
            for key in ACTOR_KEYS:
                if key in entry:
                    entry[key] = None
        if not reader:
            for key in COMMENT_KEYS:
                if key in entry:
                    entry[key] = ""
        readable.append(entry)
    return readable


class ReadableWorkflowInfo(WorkflowInfo):
    """plone.restapi's workflow component (``@workflow``, ``expand=workflow``)
    with the history as the reader may read it."""

    def __call__(self, expand=False):
        """The component; its history passes :func:`readable_history`."""
        result = super().__call__(expand=expand)
        workflow = result["workflow"]
        if "history" in workflow:
            workflow["history"] = readable_history(self.context, workflow["history"])
        return result


class ReadableWorkflowGet(WorkflowInfoService):
    """GET ``@workflow``: the workflow component, expanded."""

    def reply(self):
        """The workflow information of the context."""
        info = ReadableWorkflowInfo(self.context, self.request)
        return info(expand=True)["workflow"]


def version_exists(obj, value):
    """Whether ``value`` (a request's text) names a version of ``obj``: a
    number within its version history."""
    history = getToolByName(obj, "portal_repository").getHistoryMetadata(obj)
    if not hasattr(history, "getLength"):  # no versions: an empty list
        return False
    version = number(value)
    return version is not None and 0 <= version < history.getLength(countPurged=False)


class ReadableHistoryGet(HistoryGet):
    """GET ``@history``: the list of changes as the reader may read it (a
    single version is content, served as plone.restapi does)."""

    def reply(self):
        """The history (or one version) of the context."""
        if self.version is not None and not version_exists(self.context, self.version):
            # plone.restapi would answer a NotFound with its English message.
            self.request.response.setStatus(404)
            message = translated(
                _("error_no_version", default="Diese Fassung gibt es nicht.")
            )
            return {"error": {"type": "NotFound", "message": message}}
        data = super().reply()
        if self.version:
            return data
        return readable_history(self.context, data)


class CheckedHistoryPatch(HistoryPatch):
    """PATCH ``@history``: reverts to a version that exists; a body without
    one (plone.restapi answered a ``KeyError`` with 500) is refused in
    German with 400 and changes nothing."""

    def reply(self):
        """Revert, or the German refusal."""
        body = json_body(self.request)
        version = body.get("version") if isinstance(body, dict) else None
        if version is None or not version_exists(self.context, str(version)):
            self.request.response.setStatus(400)
            message = translated(
                _(
                    "error_revert_version",
                    default="Bitte nennen Sie die Fassung, zu der zurückgekehrt "
                    "werden soll (eine Nummer aus der Versionsgeschichte).",
                )
            )
            return {"error": {"type": "BadRequest", "message": message}}
        return super().reply()


class ReadableContentHistory(ContentHistoryView):
    """``@@contenthistory`` (also inside ``@@historyview``) as the reader may
    read it."""

    def fullHistory(self):
        """Workflow and version entries, newest first, or ``None``."""
        history = super().fullHistory()
        if history is None:
            return None
        return readable_history(self.context, history)


class ReadableVersionsHistory(VersionsHistoryForm):
    """CMFEditions' version list (``versions_history_form``, its template
    copied), which names each version's author and comment, as the reader
    may read them."""

    def readable_version(self, sys_metadata):
        """``{"actor": ..., "comments": ...}`` of a version's metadata."""
        entry = {
            "actor": sys_metadata["principal"],
            "comments": sys_metadata["comment"],
        }
        return readable_history(self.context, [entry])[0]

    def when(self, value):
        """The time of a version in the site's zone, in German."""
        return local_time(value, long_format=True)
