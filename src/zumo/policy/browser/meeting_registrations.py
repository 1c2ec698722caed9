"""Meeting registration pages (see ``zumo.policy.meetings.registration``).

* ``<meeting>/@@abmelden?token=...``: the personal link from the mail;
  a GET shows the registration and a button, only the POST cancels.
* ``<meeting>/@@anmeldungen``: the institute's list of registrations, with
  counts, cancelling and ``@@anmeldungen.csv`` (semicolon separated, UTF-8
  with byte order mark, as spreadsheet programs in German expect).
* The registration form of a meeting sends visitors back to the meeting
  with a message while the registration is not open.
"""

from Acquisition import aq_parent
from collective.easyform.browser.view import EasyFormView
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.forms.downloads import row_values
from zumo.policy.forms.mitmachen import SAVED_DATA
from zumo.policy.meetings import registration
from zumo.policy.tabular import csv_text


def _cell(value):
    """A saved value as the text of its CSV cell (yes and no in German)."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return "" if value is None else str(value)


class CancelView(BrowserView):
    """Cancel one's registration with the link from the mail."""

    done = False

    def __call__(self):
        """Show the registration; cancel it on POST."""
        token = self.request.form.get("token", "")
        self.key, self.row = registration.find(self.context, token)
        if (
            self.request.method == "POST"
            and self.request.form.get("cancel")
            and self.active
        ):
            # The secret token from the mail is the proof (another site
            # cannot know it); plone.protect checks logged-in visitors too.
            registration.cancel(self.context, self.key)
            self.done = True
        return self.index()

    @property
    def active(self):
        """Whether the link names a registration that can be cancelled."""
        return self.row is not None and self.row.get("status") != registration.CANCELLED

    def status_title(self):
        """The registration's state in words."""
        return translated(registration.STATUS_TITLES[self.row["status"]],
                          self.request)  # fmt: skip


class MeetingRegistrationsView(BrowserView):
    """The institute's list of a meeting's registrations."""

    def __call__(self):
        """Show the list; cancel a registration on POST."""
        key = self.request.form.get("cancel")
        if self.request.method == "POST" and key:
            CheckAuthenticator(self.request)
            try:
                key = int(key)
            except ValueError:
                key = None
            if key is not None and registration.cancel(self.context, key) is not None:
                message = _("msg_registration_cancelled",
                            default="Die Anmeldung ist zurückgezogen.")  # fmt: skip
                api.portal.show_message(translated(message, self.request),
                                        self.request)  # fmt: skip
            else:
                message = _("error_registration_unknown",
                            default="Diese Anmeldung gibt es nicht oder sie ist "
                            "bereits zurückgezogen.")  # fmt: skip
                api.portal.show_message(translated(message, self.request),
                                        self.request, type="error")  # fmt: skip
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@anmeldungen"
            )
            return ""
        return self.index()

    def form(self):
        """The meeting's registration form, or ``None``."""
        return registration.registration_form(self.context)

    def counts(self):
        """``{confirmed, waiting, cancelled, free}``."""
        return registration.counts(self.context)

    def registrations(self):
        """The registrations in the order they came, for the table."""
        form = self.form()
        found = []
        waiting = 0
        for key, row in registration.rows(form) if form is not None else ():
            status = row.get("status", registration.CONFIRMED)
            if status == registration.WAITING:
                waiting += 1
            found.append(
                {
                    "key": key,
                    "name": row.get("name") or "",
                    "municipality": row.get("municipality") or "",
                    "email": row.get("email") or "",
                    "accessibility": row.get("accessibility") or "",
                    "status": status,
                    "status_title": translated(
                        registration.STATUS_TITLES[status], self.request
                    ),  # fmt: skip
                    "position": waiting if status == registration.WAITING else None,
                    "time": local_time(row.get("dt"), long_format=True),
                }
            )
        return found


class MeetingRegistrationsCSV(BrowserView):
    """``@@anmeldungen.csv``: the registrations for spreadsheet programs."""

    def __call__(self):
        """Return the CSV file."""
        form = registration.registration_form(self.context)
        text = ""
        if form is not None:
            action = registration.registrations_action(form)
            text = csv_text(
                action.getColumnTitles(),
                (
                    [_cell(value) for value in row_values(action, row)]
                    for _key, row in registration.rows(form)
                ),
                delimiter=";",
            )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="anmeldungen-{self.context.getId()}.csv"',
        )
        # The byte order mark makes spreadsheet programs read UTF-8.
        return "\ufeff" + text


class MeetingRegistrationFormView(EasyFormView):
    """The registration form, only while the registration is open."""

    def __call__(self):
        """Send visitors back to the meeting if registration is not open."""
        meeting = aq_parent(self.context)
        refusal = registration.refusal_of(meeting)
        if refusal is not None:
            api.portal.show_message(translated(refusal, self.request),
                                    self.request, type="warning")  # fmt: skip
            self.request.response.redirect(meeting.absolute_url())
            return ""
        return super().__call__()

    def page_title(self):
        """The browser title: every meeting's form is called "Anmeldung",
        so its meeting's title follows (``zumo.policy.browser.titles``)."""
        return f"{self.context.Title()}: {aq_parent(self.context).Title()}"


class MeetingRegistrationViewlet(ViewletBase):
    """On the meeting page: whether places are free, the way to the form,
    a logged-in visitor's own registration (registered or waiting, with the
    way to cancel) and, for the institute, how many and the way to the
    registrations.

    Visitors do not see the number of free places: it would fall after
    registering a new address and stay after one registered already, and
    so tell who is registered."""

    def render(self):
        """Render nothing for a meeting without a form."""
        if registration.registration_form(self.context) is None:
            return ""
        return self.index()

    def counts(self):
        """``{confirmed, waiting, cancelled, free}``."""
        return registration.counts(self.context)

    def is_open(self):
        """Whether people can register now."""
        return registration.refusal_of(self.context) is None

    def form_url(self):
        """The address of the registration form."""
        return registration.registration_form(self.context).absolute_url()

    def may_manage(self):
        """Whether the visitor may read the registrations."""
        return bool(api.user.has_permission(SAVED_DATA, obj=self.context))

    @memoize
    def mine(self):
        """The logged-in visitor's own registration: ``{state, position,
        cancel_url}`` (``state`` is ``confirmed`` or ``waiting``), or
        ``None`` (anonymous visitors cannot be told apart: they read the
        mail they were sent)."""
        if api.user.is_anonymous():
            return None
        found = registration.registration_of(self.context, api.user.get_current())
        if found is None:
            return None
        return {
            "state": found["row"]["status"],
            "position": found["position"],
            "cancel_url": registration.cancel_url(self.context, found["row"]),
        }
