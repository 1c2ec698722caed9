"""Courses in the browser: the qualification page ``/qualifizierung`` with
its courses, asking for a place in a course, and the institute's decisions
(see :mod:`zumo.policy.qualification.cohorts`)."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.browser.views import ZumoView
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.vocabularies import details
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.errors import UserError
from zumo.policy.qualification import cohorts
from zumo.policy.spaces import roster


def _say(request, message, kind="info"):
    api.portal.show_message(translated(message, request), request, type=kind)


class _Enrolment:
    """What the enrolment box of a course shows to the current user."""

    def state(self):
        """``anonymous``, ``member``, ``requested``, ``closed``, ``full``,
        ``not_eligible`` or ``open``."""
        if api.user.is_anonymous():
            return "anonymous"
        userid = api.user.get_current().getId()
        if roster.on_roster(self.context, userid):
            return "member"
        if cohorts.request_of(self.context, userid) is not None:
            return "requested"
        if api.content.get_state(self.context) != cohorts.OPEN:
            return "closed"
        if cohorts.seats_left(self.context) == 0:
            return "full"
        if not roster.eligible(userid):
            return "not_eligible"
        return "open"

    def audiences(self):
        """The call's target groups to choose from."""
        return [
            {"token": token, "title": title} for token, title in cohorts.audiences()
        ]

    def may_manage(self):
        """Whether the viewer decides on requests (institute, moderators)."""
        return roster.may_manage(self.context)

    def open_requests(self):
        """How many requests wait for a decision (for those who decide)."""
        return len(cohorts.requests(self.context))

    def login_url(self):
        """The login form, coming back to this course."""
        portal = api.portal.get()
        return f"{portal.absolute_url()}/login?came_from={self.context.absolute_url()}"


class CohortEnrolmentViewlet(_Enrolment, ViewletBase):
    """On a course page: the enrolment box (and, for the institute and the
    course's moderators, the link to the requests)."""


class CohortEnrol(BrowserView):
    """``@@kurs-anmelden``: the POST of the enrolment box."""

    def __call__(self):
        url = self.context.absolute_url()
        if self.request.method != "POST" or api.user.is_anonymous():
            self.request.response.redirect(url)
            return ""
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            cohorts.request_enrolment(
                self.context,
                api.user.get_current().getId(),
                form.get("audience") or "",
                form.get("organisation") or "",
                form.get("message") or "",
            )
        except UserError as error:
            _say(self.request, error.message, "error")
        else:
            _say(
                self.request,
                _(
                    "msg_cohort_requested",
                    default="Ihre Anmeldung ist eingegangen. Sie erhalten eine "
                    "Nachricht, sobald das Institut über sie entschieden hat.",
                ),
            )
        self.request.response.redirect(url)
        return ""


class CohortRequests(ZumoView):
    """``@@kursanmeldungen``: the open requests of a course, to accept or
    decline (institute, the course's moderators)."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            userid = form.get("userid")
            decision = form.get("decision")
            change, done = {
                "accept": (
                    cohorts.accept,
                    _("msg_cohort_accepted", default="Die Person ist im Kurs."),
                ),
                "decline": (
                    cohorts.decline,
                    _("msg_cohort_declined", default="Die Anmeldung ist abgelehnt."),
                ),
            }.get(decision, (None, None))
            if change is None:
                _say(
                    self.request,
                    _("error_cohort_decision", default="Unbekannte Entscheidung."),
                    "error",
                )
            else:
                try:
                    change(self.context, userid)
                except UserError as error:
                    _say(self.request, error.message, "error")
                else:
                    _say(self.request, done)
            self.request.response.redirect(
                f"{self.context.absolute_url()}/{cohorts.REQUESTS_VIEW}"
            )
            return ""
        return self.index()

    def rows(self):
        """The open requests with a German date."""
        return [
            dict(entry, requested_text=local_time(entry["requested"]))
            for entry in cohorts.requests(self.context)
        ]

    def seats_left(self):
        """Places left (``None``: no limit)."""
        return cohorts.seats_left(self.context)


class QualificationSectionView(ZumoView):
    """``/qualifizierung``: the KoQuMa qualification as a group course (its
    courses to enrol in, in the two formats the call announces), its
    modules, and the network's other modules."""

    def call(self):
        """The call's words on the course (see ``cohort_formats``)."""
        return details("cohort_formats", "call")

    def imv_course(self):
        """Seed 001's words on the integrated management procedure's
        qualification (see ``curricula``)."""
        return details("curricula", "imv_course")

    def _find(self, portal_type, **query):
        return api.content.find(
            context=self.context, depth=1, portal_type=portal_type, **query
        )

    def cohorts(self, curriculum="koquma"):
        """The visible courses of ``curriculum`` (KoQuMa; ``imv``: the
        integrated management procedure's qualification), soonest first,
        with format, period and state."""
        found = []
        for brain in self._find("QualificationCohort", sort_on="sortable_title"):
            cohort = brain.getObject()
            if cohort.curriculum != curriculum:
                continue
            end = f" – {local_time(cohort.end)}" if cohort.end else ""
            found.append(
                {
                    "title": cohort.Title(),
                    "url": cohort.absolute_url(),
                    "format": title_of("cohort_formats", cohort.cohort_format, ""),
                    "format_name": cohort.format_name,
                    "period": local_time(cohort.start) + end,
                    "start": cohort.start,
                    "open": api.content.get_state(cohort) == cohorts.OPEN,
                    "demo": bool(getattr(cohort, "demo", False)),
                }
            )
        return sorted(found, key=lambda item: item["start"])

    def modules(self, koquma):
        """The visible modules: of the KoQuMa call (``koquma``) or the
        network's others, in curriculum order."""
        return [
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "demo": bool(getattr(brain.getObject(), "demo", False)),
                "curriculum": self.title_of("curricula", brain.getObject().curriculum),
            }
            for brain in self._find("QualificationModule", sort_on="sortable_title")
            if (brain.getObject().curriculum == "koquma") == koquma
        ]

    def others(self):
        """The section's other visible contents (pages, files, links the
        institute put here), in the folder's order, with their descriptions."""
        return [
            {"title": brain.Title, "url": brain.getURL(),
             "description": brain.Description}
            for brain in api.content.find(
                context=self.context, depth=1, sort_on="getObjPositionInParent",
                portal_type={"not": ["QualificationModule", "QualificationCohort"]},
            )
        ]  # fmt: skip
