"""Registration for workshop meetings, with collective.easyform.

Every workshop meeting gets its registration form ``anmeldung`` when it is
created (:func:`create_registration_form`; the form's fields and texts are
data: ``data/meeting_registration_form.json`` and ``data/forms/anmeldung.*.xml``).
The form follows the meeting's visibility, so the public can register once
the meeting is announced.

The form's action :class:`Register` is easyform's ``SaveData`` with rules
(registered as ``zumo.policy.meeting_registration.Register``, this
module's old dotted name, which the forms of existing sites store):

* only while the meeting's registration window is open;
* up to the meeting's capacity people are registered (``confirmed``), the
  next ones wait (``waiting``) in the order they came;
* one address registers once; whoever sends it again gets a reminder by
  mail and no second place (the page says the same either way, so nobody
  learns who registered);
* everyone gets a mail with their state and a personal link to cancel
  (``<meeting>/@@abmelden?token=...``); when a registered person cancels,
  or the institute raises the capacity, the first waiting person moves up
  and is told by mail;
* the institute is notified of each registration.

Registrations are easyform's saved data: only the institute reads them
(``<meeting>/@@anmeldungen``, the CSV export, easyform's own saved-data
page), since reading needs "collective.easyform: Download Saved Input".
"""

from Acquisition import aq_parent
from collective.easyform.actions import SaveData
from collective.easyform.api import get_actions
from collective.easyform.api import get_context
from collective.easyform.api import get_schema
from DateTime import DateTime
from pathlib import Path
from plone import api
from plone.supermodel.exportimport import BaseHandler
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.schema import getFieldsInOrder
from zumo.content.dates import local_time
from zumo.content.i18n import translated as _t
from zumo.content.workshop_meeting import IWorkshopMeeting
from zumo.policy import _
from zumo.policy import logger
from zumo.policy.caching.rules import purge
from zumo.policy.forms.mitmachen import action_factory
from zumo.policy.forms.mitmachen import make_form
from zumo.policy.forms.mitmachen import refuse
from zumo.policy.interfaces import IRegistrationForm
from zumo.policy.mail import mail
from zumo.policy.mail import notify_group

import json
import secrets


DATA = Path(__file__).parents[1] / "data"
#: The id of the registration form inside a meeting.
FORM_ID = "anmeldung"
#: The id of the registering action (its saved data are the registrations).
ACTION_ID = "anmeldungen"
CONFIRMED = "confirmed"
WAITING = "waiting"
CANCELLED = "cancelled"
STATUS_TITLES = {
    CONFIRMED: _("registration_confirmed", default="Angemeldet"),
    WAITING: _("registration_waiting", default="Warteliste"),
    CANCELLED: _("registration_cancelled", default="Abgemeldet"),
}
#: Columns of the registrations besides the form's fields, with titles.
EXTRA_COLUMNS = {
    "status": _("label_registration_status", default="Status"),
    "dt": _("label_registration_time", default="Angemeldet am"),
}


def definition():
    """The texts and settings of the registration form."""
    return json.loads(
        (DATA / "meeting_registration_form.json").read_text(encoding="utf-8")
    )


def registration_form(meeting):
    """The registration form of ``meeting``, or ``None``."""
    form = meeting.get(FORM_ID) if hasattr(meeting, "get") else None
    return form if form is not None and form.portal_type == "EasyForm" else None


def registrations_action(form):
    """The ``Register`` action of ``form`` (its saved data)."""
    for _name, action in getFieldsInOrder(get_actions(form)):
        if isinstance(action, Register):
            return action
    return None


def create_registration_form(meeting):
    """Give ``meeting`` its registration form (unless it has one)."""
    if registration_form(meeting) is not None:
        return None
    form = make_form(meeting, FORM_ID, definition(), FORM_ID)
    alsoProvides(form, IRegistrationForm)
    form.reindexObject()
    logger.info("Created the registration form of %s", meeting.absolute_url_path())
    return form


def rows(form):
    """All registrations of ``form``: ``[(id, row)]`` in the order they came."""
    action = registrations_action(form)
    return sorted(action.getSavedFormInputItems()) if action is not None else []


def counts(meeting):
    """``{confirmed, waiting, cancelled, free}`` of ``meeting`` (``free`` is
    ``None`` without a capacity)."""
    found = {CONFIRMED: 0, WAITING: 0, CANCELLED: 0}
    form = registration_form(meeting)
    for _id, row in rows(form) if form is not None else ():
        found[row.get("status", CONFIRMED)] += 1
    capacity = meeting.capacity
    found["free"] = None if not capacity else max(0, capacity - found[CONFIRMED])
    return found


def _has_place(meeting):
    free = counts(meeting)["free"]
    return free is None or free > 0


def cancel_url(meeting, row):
    """The personal address at which the person of ``row`` cancels."""
    return f"{meeting.absolute_url()}/@@abmelden?token={row['token']}"


def _when(meeting):
    return local_time(meeting.start, long_format=True)


def _mail_state(meeting, row, message):
    """Mail the registered person their state and their cancel link."""
    subject = _t(
        _(
            "mail_registration_subject",
            default="${state}: ${title}",
            mapping={"state": _t(STATUS_TITLES[row["status"]]),
                     "title": meeting.Title()},
        )
    )  # fmt: skip
    mapping = {
        "name": row.get("name", ""),
        "title": meeting.Title(),
        "when": _when(meeting),
        "where": getattr(meeting, "location", "") or "",
        "url": meeting.absolute_url(),
        "cancel": cancel_url(meeting, row),
    }
    body = _t(Message(message, mapping=mapping))
    mail(row["email"], subject, body)


MAIL_CONFIRMED = _(
    "mail_registration_confirmed",
    default="Guten Tag ${name},\n\nSie sind angemeldet zum Werkstatttreffen "
    "„${title}“ am ${when} (${where}).\n\nAlles zum Treffen: ${url}\n\n"
    "Wenn Sie nicht kommen können, geben Sie Ihren Platz bitte frei:\n"
    "${cancel}\n\nIhr ZUMO Netzwerk",
)
MAIL_WAITING = _(
    "mail_registration_waiting",
    default="Guten Tag ${name},\n\ndas Werkstatttreffen „${title}“ am ${when} "
    "ist ausgebucht. Sie stehen auf der Warteliste; wird ein Platz frei, "
    "rücken Sie in der Reihenfolge der Anmeldungen nach und erhalten eine "
    "E-Mail.\n\nAlles zum Treffen: ${url}\n\nWenn Sie nicht mehr warten "
    "möchten:\n${cancel}\n\nIhr ZUMO Netzwerk",
)
MAIL_MOVED_UP = _(
    "mail_registration_moved_up",
    default="Guten Tag ${name},\n\nes ist ein Platz frei geworden: Sie sind "
    "jetzt angemeldet zum Werkstatttreffen „${title}“ am ${when} (${where})."
    "\n\nAlles zum Treffen: ${url}\n\nWenn Sie nicht kommen können, geben Sie "
    "Ihren Platz bitte frei:\n${cancel}\n\nIhr ZUMO Netzwerk",
)
MAIL_AGAIN = _(
    "mail_registration_again",
    default="Guten Tag ${name},\n\nmit dieser Adresse sind Sie für das "
    "Werkstatttreffen „${title}“ am ${when} bereits eingetragen; eine zweite "
    "Anmeldung ist nicht nötig.\n\nAlles zum Treffen: ${url}\n\nAbmelden:\n"
    "${cancel}\n\nIhr ZUMO Netzwerk",
)
MAIL_CANCELLED = _(
    "mail_registration_cancelled_mail",
    default="Guten Tag ${name},\n\nSie sind vom Werkstatttreffen „${title}“ "
    "am ${when} abgemeldet. Möchten Sie doch kommen, melden Sie sich bitte "
    "neu an: ${url}\n\nIhr ZUMO Netzwerk",
)


def _set_status(action, key, row, status):
    changed = dict(row, status=status)
    action.setDataRow(key, changed)
    return changed


def fill_places(meeting):
    """Move waiting people up while there are free places; tell each by
    mail. Return how many moved up."""
    form = registration_form(meeting)
    if form is None:
        return 0
    action = registrations_action(form)
    moved = 0
    for key, row in rows(form):
        if row.get("status") != WAITING:
            continue
        if not _has_place(meeting):
            break
        row = _set_status(action, key, row, CONFIRMED)
        _mail_state(meeting, row, MAIL_MOVED_UP)
        moved += 1
    return moved


def find(meeting, token):
    """``(key, row)`` of the registration with ``token``, or ``(None, None)``."""
    form = registration_form(meeting)
    if form is None or not token:
        return None, None
    for key, row in rows(form):
        if secrets.compare_digest(str(row.get("token", "")), str(token)):
            return key, row
    return None, None


def registration_of(meeting, member):
    """The registration of ``member`` (a member object) for ``meeting`` that
    still holds: ``{key, row, position}``, or ``None``. A registration is
    theirs if they sent it logged in or from their address; ``position`` is
    their place on the waiting list (1 for the next to move up), ``None``
    for a confirmed place."""
    form = registration_form(meeting)
    if form is None or member is None:
        return None
    userid = member.getId()
    email = (member.getProperty("email") or "").strip().lower()
    waiting = 0
    for key, row in rows(form):
        status = row.get("status", CONFIRMED)
        if status == WAITING:
            waiting += 1
        if status == CANCELLED:
            continue
        if row.get("userid") == userid or (email and row.get("email") == email):
            return {
                "key": key,
                "row": row,
                "position": waiting if status == WAITING else None,
            }
    return None


def cancel(meeting, key):
    """Cancel the registration ``key`` of ``meeting``; tell the person and
    move the first waiting person up. Return the cancelled row, or ``None``
    if there is nothing to cancel."""
    form = registration_form(meeting)
    action = registrations_action(form)
    row = action._storage.get(key)
    if row is None or row.get("status") == CANCELLED:
        return None
    row = _set_status(action, key, row, CANCELLED)
    _mail_state(meeting, row, MAIL_CANCELLED)
    fill_places(meeting)
    purge(meeting)  # the free places on its page
    return row


def refusal_of(meeting):
    """Why ``meeting`` takes no registration now (a message), or ``None``."""
    if not IWorkshopMeeting.providedBy(meeting):
        return _("error_registration_no_meeting",
                 default="Dieses Formular gehört zu keinem Werkstatttreffen.")  # fmt: skip
    state = meeting.registration_state()
    if state == "upcoming":
        opens = local_time(meeting.registration_start, long_format=True)
        return _("error_registration_not_open",
                 default="Die Anmeldung zu diesem Treffen beginnt am ${date}.",
                 mapping={"date": opens})  # fmt: skip
    if state == "closed":
        return _("error_registration_closed",
                 default="Die Anmeldung zu diesem Treffen ist geschlossen.")  # fmt: skip
    return None


def register(meeting, fields, quiet=False, userid=None):
    """Register the person of ``fields`` (the form's answers) for
    ``meeting``; return their row. An address registered already gets a
    reminder and no second row. ``userid`` is the registered member's
    (default: the current user's); ``quiet`` sends no mail (demo content)."""
    form = registration_form(meeting)
    action = registrations_action(form)
    email = (fields.get("email") or "").strip().lower()
    for _key, row in rows(form):
        if row.get("email") == email and row.get("status") != CANCELLED:
            if not quiet:
                _mail_state(meeting, row, MAIL_AGAIN)
            return row
    row = {name: fields.get(name) for name in SaveData.getColumnNames(action)
           if name in fields}  # fmt: skip
    row.update(
        email=email,
        status=CONFIRMED if _has_place(meeting) else WAITING,
        token=secrets.token_urlsafe(24),
        userid=_current_userid() if userid is None else userid,
        dt=str(DateTime()),
    )
    action.addDataRow(row)
    purge(meeting)  # the free places on its page
    if quiet:
        return row
    _mail_state(meeting, row, MAIL_CONFIRMED if row["status"] == CONFIRMED
                else MAIL_WAITING)  # fmt: skip
    notify_group(
        "institute",
        meeting,
        _t(_("mail_new_registration_subject",
             default="Neue Anmeldung: ${title}",
             mapping={"title": meeting.Title()})),
        _t(_("mail_new_registration",
             default="Für das Werkstatttreffen „${title}“ ist eine Anmeldung "
             "eingegangen (${state}). Die Anmeldungen sehen Sie hier:",
             mapping={"title": meeting.Title(),
                      "state": _t(STATUS_TITLES[row["status"]])})),
        view="@@anmeldungen",
    )  # fmt: skip
    return row


def _current_userid():
    return "" if api.user.is_anonymous() else api.user.get_current().getId()


class Register(SaveData):
    """Register for the meeting the form belongs to (see module docstring)."""

    def getColumnNames(self):
        """The form's fields, then status and time of the registration."""
        names = [name for name in super().getColumnNames() if name not in EXTRA_COLUMNS]
        return names + list(EXTRA_COLUMNS)

    def getColumnTitles(self):
        """German titles of :meth:`getColumnNames`."""
        fields = dict(getFieldsInOrder(get_schema(get_context(self))))
        titles = []
        for name in self.getColumnNames():
            if name in EXTRA_COLUMNS:
                titles.append(_t(EXTRA_COLUMNS[name]))
            else:
                field = fields.get(name)
                titles.append(field.title if field is not None else name)
        return titles

    def get_row_data(self, row):
        """A row for the export, its status in words."""
        values = super().get_row_data(row)
        names = self.getColumnNames()
        status = names.index("status")
        values[status] = _t(
            STATUS_TITLES.get(row.get("status"), STATUS_TITLES[CONFIRMED])
        )
        return values

    def onSuccess(self, fields, request):
        """Register, or return an error dict that stops the form."""
        meeting = aq_parent(get_context(self))
        refusal = refusal_of(meeting)
        if refusal is not None:
            return refuse(refusal, request)
        register(meeting, fields)
        return None


RegisterAction = action_factory(
    Register, _("label_register_action", default="Zum Werkstatttreffen anmelden")
)
RegisterHandler = BaseHandler(Register)


def meeting_added(meeting, event):
    """A new workshop meeting gets its registration form; a copied one
    keeps the form but none of the registrations (personal data of the
    original meeting)."""
    form = registration_form(meeting)
    if form is None:
        create_registration_form(meeting)
        return
    action = registrations_action(form)
    if action is not None and action.itemsSaved():
        action.clearSavedFormInput()


def meeting_modified(meeting, event):
    """A raised capacity moves waiting people up."""
    if registration_form(meeting) is not None:
        fill_places(meeting)


#: Days after a meeting's end until its registrations are deleted (the form
#: promises deletion after the meeting; a month leaves time for the
#: institute's follow-up).
KEEP_DAYS = 30


def purge_past(now=None):
    """Delete the registrations of meetings that ended more than
    ``KEEP_DAYS`` days ago; the meeting keeps the counts only
    (``registration_counts``). Return how many registrations were deleted."""
    now = now or DateTime()
    catalog = api.portal.get_tool("portal_catalog")
    deleted = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="WorkshopMeeting", end={"query": now - KEEP_DAYS, "range": "max"}
    ):
        meeting = brain._unrestrictedGetObject()
        form = registration_form(meeting)
        action = registrations_action(form) if form is not None else None
        if action is None or not action.itemsSaved():
            continue
        found = counts(meeting)
        meeting.registration_counts = {key: found[key]
                                       for key in (CONFIRMED, WAITING, CANCELLED)}  # fmt: skip
        deleted += action.itemsSaved()
        action.clearSavedFormInput()
        logger.info("Deleted the registrations of %s", meeting.absolute_url_path())
    return deleted
