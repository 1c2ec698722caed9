"""The daily jobs (``make daily`` from cron; ``scripts/daily.py`` or the
running site's ``@@daily-jobs``)."""

from zumo.policy import meeting_registration
from zumo.policy import notifications


def run_daily_jobs(progress=None):
    """Send the digests and delete old registrations; return a German
    report of one line per job. ``progress`` is told of each step."""
    step = progress or (lambda line: None)
    step("Zusammenfassungen der Benachrichtigungen")
    sent = notifications.send_digests()
    step("Anmeldungen vergangener Werkstatttreffen")
    deleted = meeting_registration.purge_past()
    return (
        f"Zusammenfassungen verschickt: {sent}\n"
        f"Anmeldungen vergangener Treffen gelöscht: {deleted}"
    )
