"""Who hears what of a practice example: the institute of a submission,
the authors of the institute's decision (sent by :mod:`zumo.policy.mail`)."""

from plone import api
from zumo.content.i18n import translated as _t
from zumo.content.relations import municipality_of
from zumo.policy import _
from zumo.policy.mail import notify
from zumo.policy.mail import notify_group


def _owners(obj):
    """The members who own ``obj`` (its author or proposer)."""
    return [userid for userid, roles in obj.get_local_roles() if "Owner" in roles]


def _submitter_name():
    """The name of the member acting now, as people know them: the full
    name, else the e-mail address (never the technical user id)."""
    member = api.user.get_current()
    return member.getProperty("fullname") or member.getProperty("email") or ""


def _municipality_title(example):
    municipality = municipality_of(example)
    if municipality is None:
        return _t(_("text_no_municipality", default="nicht angegeben"))
    return municipality.Title()


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
            _t(_("mail_submitted_by", default="${name} hat das Praxisbeispiel "
                 "„${title}“ zur Prüfung eingereicht.\n\nKommune: ${municipality}",
                 mapping={"title": title, "name": _submitter_name(),
                          "municipality": _municipality_title(example)})),
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
