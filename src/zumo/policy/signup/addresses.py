"""A member's own change of e-mail address counts only once the new mailbox
has confirmed it.

What belongs to an address follows the member's e-mail address: the
meeting registrations "Mein Netzwerk" lists with their cancel links, the
password reset mails, the notifications. So a member who changes their
own address (``PATCH @users/<self>``, ``@@personal-information``) does not
get it at once: :func:`request_change` keeps the new address aside with the
hash of a random one-time token (valid :data:`CONFIRM_HOURS` hours), mails
the link to the new address and tells the old one that a change was asked
for. The old address stays until the link is followed and its button
pressed (``@@email-bestaetigen``, :func:`confirm`); a GET writes nothing.

Whoever may manage users (Manager, Site Administrator) sets another
member's address directly: the institute vouches for the addresses of the
accounts it makes and keeps, as it does for the accounts themselves. The
addresses of signed-up members were confirmed by the sign-up mail
(:mod:`zumo.policy.signup.accounts`). So every address on an account is
either confirmed by its mailbox or entered by the institute.
"""

from AccessControl import getSecurityManager
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from plone.restapi.permissions import PloneManageUsers
from urllib.parse import urlencode
from zope.annotation.interfaces import IAnnotations
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy import logger
from zumo.policy.mail import mail
from zumo.policy.signup import accounts

import hashlib
import secrets
import time


#: Hours a confirmation link stays valid.
CONFIRM_HOURS = 48
#: The page a confirmation link opens (on the site root).
CONFIRM_VIEW = "email-bestaetigen"
#: Where the changes wait for their confirmation (an annotation of the
#: site): token hash -> {userid, email, issued}.
PENDING = "zumo.policy.signup.addresses.pending"


def _pending(create=False):
    annotations = IAnnotations(api.portal.get())
    if PENDING not in annotations and create:
        annotations[PENDING] = OOBTree()
    return annotations.get(PENDING)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _expired(entry, now):
    return not 0 <= now - entry["issued"] <= CONFIRM_HOURS * 3600


def sets_directly(member):
    """Whether the current user sets ``member``'s address without a
    confirmation: only those who may manage users, for somebody else."""
    current = api.user.get_current()
    return member.getId() != current.getId() and bool(
        getSecurityManager().checkPermission(PloneManageUsers, api.portal.get())
    )


def differs(member, address):
    """Whether ``address`` is not ``member``'s address already."""
    current = (member.getProperty("email") or "").strip().lower()
    return (address or "").strip().lower() != current


def request_change(member, address):
    """Start changing ``member``'s own e-mail address to ``address``: keep it
    aside, mail the confirmation link to it and a notice to the old address.
    Raise :class:`~zumo.policy.signup.accounts.SignupError` (German) for an
    address that is not one. The answer is the same whether or not the
    address belongs to another account."""
    address = accounts.clean_address(address)
    pending = _pending(create=True)
    now = time.time()
    userid = member.getId()
    for key, entry in list(pending.items()):
        if entry["userid"] == userid or _expired(entry, now):
            del pending[key]
    if not accounts.may_mail(address):
        logger.info("Address change of %s: no further mail for now", userid)
        return
    token = secrets.token_urlsafe(32)
    pending[_hash(token)] = PersistentMapping(userid=userid, email=address, issued=now)
    _mail_confirmation(member, address, token)
    old = member.getProperty("email")
    if old:
        _mail_old_address(member, old, address)


def read(token):
    """``(member, address)`` of a valid, unexpired link, or raise
    :class:`~zumo.policy.signup.accounts.SignupError` with a German message."""
    invalid = accounts.SignupError(
        "token",
        _t(_("email_change_link_invalid",
             default="Dieser Link ist ungültig oder abgelaufen. Bitte ändern "
             "Sie Ihre E-Mail-Adresse noch einmal unter „Persönliche "
             "Informationen“; Sie bekommen dann einen neuen Link.")),
    )  # fmt: skip
    pending = _pending()
    if not isinstance(token, str) or not token or pending is None:
        raise invalid
    entry = pending.get(_hash(token))
    if entry is None or _expired(entry, time.time()):
        raise invalid
    member = api.user.get(userid=entry["userid"])
    if member is None:
        raise invalid
    return member, entry["email"]


def confirm(token):
    """Give the member of the link its new address (and the login name, if
    it was the old address), forget the link; return the member. Raise
    :class:`~zumo.policy.signup.accounts.SignupError` for a bad link or an
    address that is another account's login name."""
    member, address = read(token)
    login = member.getUserName()
    old = (member.getProperty("email") or "").lower()
    owner = accounts.member_with(address)
    if login.lower() == old and owner is not None and owner.getId() != member.getId():
        raise accounts.SignupError(
            "email",
            _t(_("email_change_taken",
                 default="Mit dieser E-Mail-Adresse meldet sich schon ein "
                 "anderes Benutzerkonto an. Bitte wählen Sie eine andere "
                 "Adresse.")),
        )  # fmt: skip
    del _pending()[_hash(token)]
    member.setMemberProperties({"email": address})
    if login.lower() == old:
        api.portal.get_tool("acl_users").updateLoginName(member.getId(), address)
    logger.info("Address change of %s confirmed", member.getId())
    return member


def _mail_confirmation(member, address, token):
    portal = api.portal.get()
    link = f"{portal.absolute_url()}/@@{CONFIRM_VIEW}?{urlencode({'token': token})}"
    body = _t(
        _(
            "email_change_mail_confirm",
            default="Guten Tag,\n\n"
            "für ein Benutzerkonto im ZUMO Netzwerk soll künftig diese "
            "E-Mail-Adresse gelten. Bitte bestätigen Sie das über diesen "
            "Link:\n${url}\n\n"
            "Der Link gilt ${hours} Stunden. Bis Sie bestätigen, bleibt die "
            "bisherige Adresse gültig.\n\n"
            "Wenn Sie das nicht veranlasst haben, löschen Sie diese Nachricht "
            "einfach; es ändert sich nichts.",
            mapping={"url": link, "hours": CONFIRM_HOURS},
        )
    )
    subject = _t(
        _("email_change_mail_confirm_subject",
          default="Bitte bestätigen Sie Ihre neue E-Mail-Adresse im ZUMO Netzwerk")
    )  # fmt: skip
    mail(address, subject, body)


def _mail_old_address(member, old, address):
    portal = api.portal.get()
    body = _t(
        _(
            "email_change_mail_old",
            default="Guten Tag,\n\n"
            "für Ihr Benutzerkonto im ZUMO Netzwerk wurde beantragt, die "
            "E-Mail-Adresse auf ${address} zu ändern. Die Änderung gilt erst, "
            "wenn sie über den Link bestätigt wird, den wir an die neue "
            "Adresse geschickt haben; bis dahin bleibt diese Adresse gültig.\n\n"
            "Wenn Sie das nicht waren, legen Sie bitte ein neues Passwort "
            "fest: ${url}",
            mapping={"address": address,
                     "url": f"{portal.absolute_url()}/mail_password_form"},
        )
    )  # fmt: skip
    subject = _t(
        _("email_change_mail_old_subject",
          default="Änderung Ihrer E-Mail-Adresse im ZUMO Netzwerk beantragt")
    )  # fmt: skip
    mail(old, subject, body)


def sent_message():
    """The German answer after a change was asked for."""
    return _t(
        _("email_change_sent",
          default="Wir haben eine E-Mail an die neue Adresse geschickt. Ihre "
          "E-Mail-Adresse ändert sich, sobald Sie den Link darin bestätigen; "
          "bis dahin bleibt die bisherige gültig.")
    )  # fmt: skip
