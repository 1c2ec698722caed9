"""``@@daily-jobs``: the running site does its daily jobs (``make daily``
from cron, as the Zope administrator; see ``zumo.policy.daily``). Only a
POST with the header ``X-ZUMO-Command: daily`` runs them: browsers send such a header across sites
only after asking the site (a preflight it never grants), so another site
cannot make an administrator's browser trigger it."""

from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zope.interface import alsoProvides
from zumo.policy.daily import run_daily_jobs


class DailyJobs(BrowserView):
    """Run the daily jobs; answer what they did."""

    def __call__(self):
        """A POST with the header runs the jobs; anything else is refused."""
        if (
            self.request.method != "POST"
            or self.request.getHeader("X-ZUMO-Command") != "daily"
        ):
            raise BadRequest(
                "Bitte mit POST und dem Kopf X-ZUMO-Command: daily aufrufen."
            )
        # A command line call, not a browser form: it carries no CSRF token.
        alsoProvides(self.request, IDisableCSRFProtection)
        report = run_daily_jobs()
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return report
