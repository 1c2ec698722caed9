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

Who hears of what is said by the module that owns it (its ``mails``
module: practice examples, reviews, spaces, comments); this module only
sends.
"""

from BTrees.OOBTree import OOBTree
from contextlib import contextmanager
from email.utils import formataddr
from persistent.list import PersistentList
from plone import api
from plone.base.utils import safe_text
from zope.annotation.interfaces import IAnnotations
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy import logger

import threading
import time
import transaction


#: The member property that holds the choice.
PREFERENCE = "zumo_notifications"
IMMEDIATE = "immediate"
DIGEST = "digest"
OFF = "off"
#: Where the digest entries wait (an annotation of the site). The key still
#: names the module this one was split from: it is stored in existing
#: sites, so it stays.
QUEUE = "zumo.policy.notifications.digest"


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
