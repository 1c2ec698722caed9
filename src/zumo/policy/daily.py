"""The daily jobs (``make daily`` from cron; ``scripts/daily.py`` or the
running site's ``@@daily-jobs``): the notification digests, deleting the
registrations of past meetings, reminding of expiring reviews and of due
evaluations of a Zielmatrix. The digest
goes last, so that it carries the reminders of the same run."""

from zumo.policy.mail import send_digests
from zumo.policy.meetings.registration import purge_past
from zumo.policy.monitoring.reminders import remind_due_evaluations
from zumo.policy.reviews.mails import remind_expiring_reviews


def run_daily_jobs(progress=None):
    """Run the daily jobs; return a German report of one line per job.
    ``progress`` is told of each step."""
    step = progress or (lambda line: None)
    step("Anmeldungen vergangener Werkstatttreffen")
    deleted = purge_past()
    step("Gutachten, deren Gültigkeit bald endet")
    expiring = remind_expiring_reviews()
    step("Fällige Evaluationen der Zielmatrizen")
    due = remind_due_evaluations()
    step("Zusammenfassungen der Benachrichtigungen")
    sent = send_digests()
    return (
        f"Anmeldungen vergangener Treffen gelöscht: {deleted}\n"
        f"Erinnerungen an ablaufende Gutachten: {expiring}\n"
        f"Erinnerungen an fällige Evaluationen: {due}\n"
        f"Zusammenfassungen verschickt: {sent}"
    )
