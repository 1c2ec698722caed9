"""Who hears what of a practice example: the institute of a submission,
the authors of the institute's decision (sent by :mod:`zumo.policy.mail`)."""

from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.mail import notify
from zumo.policy.mail import notify_group


def _owners(obj):
    """The members who own ``obj`` (its author or proposer)."""
    return [userid for userid, roles in obj.get_local_roles() if "Owner" in roles]


def example_transition(example, event):
    """A practice example was submitted, published or rejected: the
    institute hears of submissions, the authors of the decision."""
    if event.transition is None:
        return
    action = event.transition.id
    title = example.Title()
    if action == "submit":
        notify_group(
            "institute", example,
            _t(_("mail_submitted_subject", default="Zur Prüfung: ${title}",
                 mapping={"title": title})),
            _t(_("mail_submitted", default="Das Praxisbeispiel „${title}“ wurde zur "
                 "Prüfung eingereicht.", mapping={"title": title})),
        )  # fmt: skip
    elif action == "publish":
        notify(
            _owners(example), example,
            _t(_("mail_published_subject", default="Veröffentlicht: ${title}",
                 mapping={"title": title})),
            _t(_("mail_published", default="Ihr Praxisbeispiel „${title}“ ist "
                 "veröffentlicht. Vielen Dank!", mapping={"title": title})),
        )  # fmt: skip
    elif action == "reject":
        reason = (event.kwargs or {}).get("comment") or _t(
            _("text_no_reason", default="Ohne Angabe eines Grundes.")
        )
        notify(
            _owners(example), example,
            _t(_("mail_rejected_subject", default="Zurückgewiesen: ${title}",
                 mapping={"title": title})),
            _t(_("mail_rejected", default="Das Institut hat Ihr Praxisbeispiel "
                 "„${title}“ an Sie zurückgegeben. Begründung: ${reason}\n\nSie "
                 "können es überarbeiten und erneut einreichen.",
                 mapping={"title": title, "reason": reason})),
        )  # fmt: skip
