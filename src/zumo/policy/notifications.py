"""Mail from the network: notifications, the daily digest and direct mails.

Everything goes through the site's MailHost once the transaction has
committed, so a request that fails sends nothing and a mail server that is
down loses a mail (logged), never a change.

* :func:`notify` tells members about an item (a new document in their
  space, a submission, a released review). Each member chooses in their
  personal information (the member property ``zumo_notifications``):
  immediately, a daily digest or off. A member hears only of what they may
  view when the mail is written, and again when the digest is sent.
* :func:`send_digests` sends each member who chose the digest one mail
  with what gathered since the last one (``make daily``, from cron).
* :func:`mail` writes to an address that asked for the mail itself (the
  confirmation of a meeting registration); no preference applies.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from BTrees.OOBTree import OOBTree
from contextlib import contextmanager
from email.utils import formataddr
from persistent.list import PersistentList
from plone import api
from plone.base.utils import safe_text
from zope.annotation.interfaces import IAnnotations
from zumo.policy import _
from zumo.policy import german as _t
from zumo.policy import logger
from zumo.policy import reviews

import threading
import time
import transaction


#: The member property that holds the choice.
PREFERENCE = "zumo_notifications"
IMMEDIATE = "immediate"
DIGEST = "digest"
OFF = "off"
#: Where the digest entries wait (an annotation of the site).
QUEUE = "zumo.policy.notifications.digest"
#: What, added to a team space or mentoring group, its roster hears of.
SPACE_TYPES = ("Document", "File", "Image", "Link", "News Item", "Event")


#: Set while notifications are switched off in this thread (:func:`silenced`).
_silence = threading.local()


@contextmanager
def silenced():
    """Send no mail and queue no digest inside this block: for building the
    demo network, benchmarks and bulk imports, where nobody is to be told."""
    before = getattr(_silence, "active", False)
    _silence.active = True
    try:
        yield
    finally:
        _silence.active = before


def is_silenced():
    """Whether notifications are switched off in this thread."""
    return getattr(_silence, "active", False)


def preference(member):
    """Return how ``member`` wants to be told: immediate, digest or off."""
    value = member.getProperty(PREFERENCE, "") or IMMEDIATE
    return value if value in (IMMEDIATE, DIGEST, OFF) else IMMEDIATE


def may_view(member, obj):
    """Whether ``member`` may view ``obj`` (their groups and local roles
    included)."""
    return bool(api.user.has_permission("View", user=member, obj=obj))


def footer():
    """The closing lines of every notification: why it came and where to
    change that."""
    portal = api.portal.get()
    return _t(
        _(
            "mail_footer",
            default="Sie erhalten diese Nachricht, weil Sie im ZUMO Netzwerk "
            "mitarbeiten. Ob Sie Benachrichtigungen sofort, einmal täglich "
            "gesammelt oder gar nicht erhalten, stellen Sie unter "
            "„Persönliche Informationen“ ein: ${url}",
            mapping={"url": f"{portal.absolute_url()}/@@personal-information"},
        )
    )


def mail(address, subject, body):
    """Send a mail to ``address`` once the transaction has committed.

    Nothing goes out for a request that fails, and a mail server that does
    not answer never undoes the change that caused the mail: the failure is
    logged (MailHost's own queueing would make the commit fail instead).
    """
    if is_silenced():
        return
    host = api.portal.get_tool("MailHost")
    from_address = api.portal.get_registry_record("plone.email_from_address")
    from_name = api.portal.get_registry_record("plone.email_from_name")
    sender = formataddr((from_name, from_address))
    transaction.get().addAfterCommitHook(
        _deliver, args=(host, address, sender, subject, body)
    )


def _deliver(committed, host, address, sender, subject, body):
    if not committed:
        return
    try:
        host.send(body, address, sender, subject=subject, charset="utf-8",
                  immediate=True)  # fmt: skip
    except Exception:
        logger.exception("Mail to %s could not be sent: %s", address, subject)
    else:
        logger.info("Mail to %s: %s", address, subject)


def notify(userids, about, subject, text, view=""):
    """Tell the members ``userids`` about ``about`` (a content object) as
    each prefers; leave out those who may not view it. ``text`` says what
    happened; the link to ``about`` (and its ``view``, such as
    ``@@anmeldungen``) and the footer are added. Return the ids of the
    members who were written to or queued for the digest."""
    told = []
    if is_silenced():
        return told
    current = api.user.get_current().getId()
    for userid in sorted(set(userids) - {None, current}):
        member = api.user.get(userid=userid)
        if member is None:
            continue
        address = member.getProperty("email")
        choice = preference(member)
        if not address or choice == OFF or not may_view(member, about):
            continue
        if choice == DIGEST:
            _queue(userid, about, subject, text, view)
        else:
            body = f"{text}\n\n{_url(about, view)}\n\n-- \n{footer()}\n"
            mail(address, subject, body)
        told.append(userid)
    return told


def notify_group(groupname, about, subject, text, view=""):
    """:func:`notify` for every member of the group ``groupname``."""
    members = api.user.get_users(groupname=groupname)
    return notify([member.getId() for member in members], about, subject, text, view)


def _url(about, view=""):
    url = about.absolute_url()
    return f"{url}/{view}" if view else url


def _storage(create=False):
    annotations = IAnnotations(api.portal.get())
    if QUEUE not in annotations and create:
        annotations[QUEUE] = OOBTree()
    return annotations.get(QUEUE)


def _queue(userid, about, subject, text, view=""):
    queue = _storage(create=True)
    if userid not in queue:
        queue[userid] = PersistentList()
    queue[userid].append(
        {"uid": api.content.get_uuid(about), "subject": subject, "text": text,
         "view": view, "time": time.time()}
    )  # fmt: skip


def pending(userid):
    """The entries waiting for ``userid``'s next digest."""
    queue = _storage()
    return list(queue.get(userid, ())) if queue is not None else []


def send_digests(progress=None):
    """Send every member their digest and empty the queue; return how many
    mails went out. Items the member may no longer view are left out;
    ``progress`` (a callable) is told of each member done."""
    queue = _storage()
    if not queue:
        return 0
    sent = 0
    portal = api.portal.get()
    for userid in list(queue.keys()):
        entries = list(queue[userid])
        del queue[userid]
        member = api.user.get(userid=userid)
        address = member and member.getProperty("email")
        lines = []
        for entry in entries:
            obj = api.content.get(UID=entry["uid"])
            if obj is None or not may_view(member, obj):
                continue
            lines.append(f"* {entry['subject']}\n  {safe_text(entry['text'])}\n"
                         f"  {_url(obj, entry.get('view', ''))}")  # fmt: skip
        if address and lines:
            subject = _t(
                _(
                    "mail_digest_subject",
                    default="ZUMO Netzwerk: ${count} Neuigkeiten für Sie",
                    mapping={"count": len(lines)},
                )
            )
            intro = _t(
                _(
                    "mail_digest_intro",
                    default="Guten Tag,\n\nseit der letzten Zusammenfassung ist im "
                    "ZUMO Netzwerk Folgendes geschehen, das Sie betrifft:",
                )
            )
            body = "{}\n\n{}\n\n-- \n{}\n".format(intro, "\n\n".join(lines), footer())
            mail(address, subject, body)
            sent += 1
        if progress is not None:
            progress(userid)
    logger.info("Digest: %d mails to %s", sent, portal.absolute_url())
    return sent


# Who is told what (subscribers, see configure.zcml) -----------------------


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


def space_item_added(obj, event):
    """A document, file or image was added in a team space or mentoring
    group: tell the space's roster."""
    from zumo.content.interfaces import ISpace
    from zumo.policy.roster import roster

    if event.newParent is None or getattr(obj, "portal_type", None) not in SPACE_TYPES:
        return
    space = next((c for c in aq_chain(aq_inner(obj)) if ISpace.providedBy(c)), None)
    if space is None:
        return
    title = obj.Title() or obj.getId()
    notify(
        [member["userid"] for member in roster(space)], obj,
        _t(_("mail_space_item_subject", default="Neu in ${space}: ${title}",
             mapping={"space": space.Title(), "title": title})),
        _t(_("mail_space_item", default="In „${space}“ wurde „${title}“ abgelegt.",
             mapping={"space": space.Title(), "title": title})),
    )  # fmt: skip


def review_assigned(review, userids):
    """Experts newly assigned to ``review`` hear of it, once they may see
    it (an expert assigned to a requested review hears when the review
    starts, see :func:`review_transition`)."""
    title = review.Title()
    notify(
        userids, review,
        _t(_("mail_review_assigned_subject", default="Gutachten für Sie: ${title}",
             mapping={"title": title})),
        _t(_("mail_review_assigned", default="Das Institut hat Sie dem Gutachten "
             "„${title}“ zugewiesen. Bitte erklären Sie vor dem Einreichen, dass "
             "kein Interessenkonflikt besteht.", mapping={"title": title})),
    )  # fmt: skip


def review_requested(review, event):
    """The institute hears of a review a municipality has requested (reviews
    the institute itself creates need no notice)."""
    if api.user.is_anonymous() or "Institute" in api.user.get_roles(obj=review):
        return
    title = review.Title()
    notify_group(
        "institute", review,
        _t(_("mail_review_requested_subject", default="Gutachten angefragt: ${title}",
             mapping={"title": title})),
        _t(_("mail_review_requested", default="Eine Kommune hat das Gutachten "
             "„${title}“ angefragt. Bitte weisen Sie Expertinnen und Experten zu "
             "und starten Sie die Begutachtung.", mapping={"title": title})),
    )  # fmt: skip


def review_transition(review, event):
    """A started review reaches its assigned experts; a released review the
    reviewed municipality's team and the ministry."""
    if event.transition is None:
        return
    if event.transition.id == "start_review":
        review_assigned(review, list(review.assigned_experts or ()))
        return
    if event.transition.id != "release":
        return
    title = review.Title()
    subject = _t(_("mail_review_released_subject", default="Gutachten freigegeben: "
                   "${title}", mapping={"title": title}))  # fmt: skip
    text = _t(_("mail_review_released", default="Das Gutachten „${title}“ des "
                "Expertengremiums ist freigegeben und kann gelesen werden.",
                mapping={"title": title}))  # fmt: skip
    members = {member.getId() for member in api.user.get_users(groupname="ministry")}
    notify(sorted(members | reviews.reviewed_team(review)), review, subject, text)


#: Days before a review's validity ends when the team and the institute are
#: reminded.
EXPIRY_NOTICE_DAYS = 60


def remind_expiring_reviews(today=None):
    """Remind the reviewed team and the institute of released reviews whose
    validity ends within ``EXPIRY_NOTICE_DAYS`` (once per end date); return
    how many reviews were reminded of."""
    from datetime import date
    from datetime import timedelta

    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    reminded = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", review_state="released"
    ):
        review = brain._unrestrictedGetObject()
        ends = getattr(review, "valid_until", None)
        if not ends or getattr(review, "expiry_reminded", None) == ends:
            continue
        if not today <= ends <= today + timedelta(days=EXPIRY_NOTICE_DAYS):
            continue
        title = review.Title()
        subject = _t(_("mail_review_expiring_subject", default="Gutachten läuft "
                       "ab: ${title}", mapping={"title": title}))  # fmt: skip
        text = _t(_("mail_review_expiring", default="Das Gutachten „${title}“ "
                    "gilt bis ${date}. Wenn die Kommune eine neue Begutachtung "
                    "wünscht, kann sie sie jetzt beantragen.",
                    mapping={"title": title,
                             "date": ends.strftime("%d.%m.%Y")}))  # fmt: skip
        institute = [m.getId() for m in api.user.get_users(groupname="institute")]
        notify(
            sorted(reviews.reviewed_team(review) | set(institute)),
            review,
            subject,
            text,
        )
        review.expiry_reminded = ends
        reminded += 1
    return reminded


def comment_added(comment, event):
    """A comment waits for moderation: the institute hears of it."""
    from Acquisition import aq_parent

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
