"""The daily jobs (``make daily`` from cron; ``scripts/daily.py`` or the
running site's ``@@daily-jobs``): the notification digests, deleting the
registrations of past meetings, reminding of expiring reviews. The digest
goes last, so that it carries the reminders of the same run."""

from zumo.policy import meeting_registration
from zumo.policy import notifications


def run_daily_jobs(progress=None):
    """Run the daily jobs; return a German report of one line per job.
    ``progress`` is told of each step."""
    step = progress or (lambda line: None)
    step("Anmeldungen vergangener Werkstatttreffen")
    deleted = meeting_registration.purge_past()
    step("Gutachten, deren Gültigkeit bald endet")
    expiring = notifications.remind_expiring_reviews()
    step("Zusammenfassungen der Benachrichtigungen")
    sent = notifications.send_digests()
    return (
        f"Anmeldungen vergangener Treffen gelöscht: {deleted}\n"
        f"Erinnerungen an ablaufende Gutachten: {expiring}\n"
        f"Zusammenfassungen verschickt: {sent}"
    )
