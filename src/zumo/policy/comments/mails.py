"""Who hears what of a comment: the institute, which moderates it (sent by
:mod:`zumo.policy.mail`)."""

from Acquisition import aq_parent
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.mail import notify_group


def comment_added(comment, event):
    """A comment waits for moderation: the institute hears of it."""
    conversation = aq_parent(comment)
    item = aq_parent(conversation) if conversation is not None else None
    if item is None:
        return
    title = item.Title()
    notify_group(
        "institute", item,
        _t(_("mail_comment_subject", default="Kommentar zur Freigabe: ${title}",
             mapping={"title": title})),
        _t(_("mail_comment", default="Zu „${title}“ wurde ein Kommentar "
             "geschrieben. Er erscheint, sobald das Institut ihn freigibt "
             "(beim Praxisbeispiel oder unter „Kommentare moderieren“):",
             mapping={"title": title})),
    )  # fmt: skip
