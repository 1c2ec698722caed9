"""Qualification records in the browser: enrolling on a module, the
institute's list of participants, one's own records and a team's records
for its moderators (see :mod:`zumo.policy.qualification.participation`)."""

from AccessControl import Unauthorized
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.errors import UserError
from zumo.policy.qualification import participation
from zumo.policy.spaces.roster import roster


def _readable(record):
    """The record with German status and dates."""
    dates = {step: local_time(record.get(step)) for step in participation.STEPS}
    return dict(
        record,
        status_title=title_of("qualification_status", record["status"]),
        dates=dates,
    )


class _Records(BrowserView):
    """A page with a table of records (``templates/qualification_table.pt``)."""

    table = ViewPageTemplateFile("templates/qualification_table.pt")
    caption = _("caption_records", default="Teilnahmen")


class _Form(_Records):
    """A POST with a CSRF token that changes records; German messages."""

    def _message(self, message, kind="info"):
        api.portal.show_message(
            translated(message, self.request), self.request, type=kind
        )

    def _apply(self, change, done):
        """Run ``change()``; report its ``UserError`` or the ``done`` message."""
        CheckAuthenticator(self.request)
        try:
            change()
        except UserError as error:
            self._message(error.message, "error")
            return False
        self._message(done)
        return True


class _Participation:
    """The box on a module page: the member's record, enrolling and
    withdrawing, the institute's link to the participants."""

    def my_record(self):
        """The current member's record, readable, or ``None``."""
        found = participation.record_of(self.context, api.user.get_current().getId())
        return _readable(found) if found is not None else None

    def is_open(self):
        """Whether members can enrol in this module on its own."""
        return participation.takes_enrolments(self.context)

    def is_koquma(self):
        """Whether the module is one of the KoQuMa call's (enrolment by
        course, on the qualification page)."""
        return self.context.curriculum == "koquma" or bool(self.context.koquma_module)

    def section_url(self):
        """The qualification page with the courses."""
        return api.portal.get()["qualifizierung"].absolute_url()

    def may_manage(self):
        """Whether the viewer keeps the list of participants (institute)."""
        return api.user.has_permission("zumo: Manage network", obj=self.context)


class QualificationActions(_Participation, _Form):
    """``@@qualification-actions``: enrol or withdraw (the POST of the box
    on a module page), for logged-in members."""

    def __call__(self):
        if api.user.is_anonymous():
            return ""
        if self.request.method == "POST" and self.request.form.get("qualification"):
            userid = api.user.get_current().getId()
            action = self.request.form["qualification"]
            if action == "enrol":
                self._apply(
                    lambda: participation.enrol(self.context, userid),
                    _("msg_enrolled", default="Sie sind für das Modul angemeldet."),
                )
            elif action == "withdraw":
                self._apply(
                    lambda: participation.withdraw(self.context, userid),
                    _("msg_withdrawn", default="Ihre Anmeldung ist zurückgezogen."),
                )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()


class QualificationViewlet(_Participation, ViewletBase):
    """On a module page: the box of :class:`QualificationActions`, for
    logged-in members."""

    def render(self):
        """The box, or nothing for anonymous visitors."""
        if api.user.is_anonymous():
            return ""
        return self.index()


class Participants(_Form):
    """``@@teilnahmen``: the institute's list of a module's participants."""

    def __call__(self):
        if self.request.method == "POST":
            form = self.request.form
            userid = (form.get("userid") or "").strip()
            if form.get("enrol"):
                self._apply(
                    lambda: participation.enrol(self.context, userid),
                    _("msg_person_enrolled", default="Die Person ist angemeldet."),
                )
            elif form.get("step"):
                self._apply(
                    lambda: participation.record(self.context, userid, form["step"]),
                    _("msg_step_recorded", default="Der Stand ist gespeichert."),
                )
            self.request.response.redirect(
                self.context.absolute_url() + "/@@teilnahmen"
            )
            return ""
        return self.index()

    def rows(self):
        """The module's records, readable."""
        return [_readable(record) for record in participation.records(self.context)]


class MyQualification(_Records):
    """``@@meine-qualifizierung``: the logged-in member's own records."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Bitte melden Sie sich an.")
        return self.index()

    caption = _("caption_my_records", default="Meine Module")

    def rows(self):
        """The member's records across modules, readable."""
        userid = api.user.get_current().getId()
        return [_readable(r) for r in participation.records_of_users([userid])]


class TeamQualification(_Records):
    """``@@qualifizierung-team`` on a municipality: its team's records, for
    the team's moderators and the institute."""

    def rows(self):
        """The records of the people on the municipality's roster."""
        userids = [member["userid"] for member in roster(self.context)]
        return [_readable(r) for r in participation.records_of_users(userids)]
