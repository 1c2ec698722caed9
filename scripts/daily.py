"""The network's daily jobs on the site ``Plone`` (``make daily``, from cron).

* send the daily digest of notifications;
* delete the registrations of workshop meetings that ended a month ago.

Run with ``zconsole run instance/etc/zope.conf scripts/daily.py`` while the
site is stopped, or in the cluster mode at any time; ``make daily`` chooses:
if the site answers on its port, it asks the running site
(``@@daily-jobs``, as the Zope administrator) instead. Links in the mails
point to ``ZUMO_SITE_URL`` (default ``http://localhost:8080``).
"""

from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zumo.policy.daily import run_daily_jobs

import os
import sys
import transaction


def main(app):
    """Run the jobs, commit and report what they did."""
    url = os.environ.get("ZUMO_SITE_URL", "http://localhost:8080")
    app = makerequest(app, environ={"SERVER_URL": url})
    app.REQUEST["PARENTS"] = [app]
    site = app["Plone"]
    setSite(site)
    report = run_daily_jobs(progress=lambda line: print(f"  {line}", flush=True))
    transaction.commit()
    app._p_jar.db().close()
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(app))  # noqa: F821 - zconsole binds ``app``
