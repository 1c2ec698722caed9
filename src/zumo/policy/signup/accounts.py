"""Signing up as a member (not registering for a meeting, see
:mod:`zumo.policy.meetings.registration`): people who sign up are engaged
citizens; signing up tells nobody who is a member.

Whoever signs up (an anonymous request, through the sign-up form
``@@register`` — Plone's view name, which stays — or ``POST @users``) joins the group
``citizens``. People the institute adds are placed in their groups by the
institute.

A registrant gives a full name and an e-mail address, nothing else: the
e-mail address becomes the login name and the site makes the user id from
the full name (``anna-muster``, ``anna-muster-1``, … — Plone's own
generator), so nobody can try out login names.

Whether or not the address already belongs to a member, signing up does
the same: it sends one mail and writes nothing, so neither the answer nor
its time tells who is a member. A new address gets a link to confirm
(:func:`token_for`, signed, valid :data:`CONFIRM_DAYS` days); the account
is made only when its owner follows it (``@@registrierung-bestaetigen``,
:func:`confirm`), so nobody can open accounts in another person's name. A
member whose address is used again gets a mail naming their login name and
the link to set a new password instead. Each address gets at most
:data:`MAILS_PER_ADDRESS` such mails per quarter of an hour, so the form
cannot be used to flood a mailbox.
"""

from plone import api
from plone.app.users.utils import generate_user_id
from plone.keyring.interfaces import IKeyManager
from Products.CMFPlone.RegistrationTool import checkEmailAddress
from Products.CMFPlone.RegistrationTool import EmailAddressInvalid
from urllib.parse import urlencode
from zope.component import getUtility
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy import logger
from zumo.policy.mail import mail
from zumo.policy.security import logins
from zumo.policy.security.ratelimit import RateLimiter

import base64
import hashlib
import hmac
import json
import time
import unicodedata
import uuid


CITIZENS = "citizens"
#: Sign-up mails one address may get before it has to wait.
MAILS_PER_ADDRESS = 3
#: The longest full name taken.
MAX_NAME = 100
#: Days a confirmation link stays valid.
CONFIRM_DAYS = 3
#: The page a confirmation link opens (on the site root).
CONFIRM_VIEW = "registrierung-bestaetigen"
#: The page after signing up that says a mail is on its way.
SENT_VIEW = "registrierung-gesendet"

#: Sign-up mails per address (in memory, per process), counted and blocked
#: as failed logins are.
MAILS = RateLimiter(
    logins.WINDOW, logins.MAX_ENTRIES, block=logins.BLOCK, max_block=logins.MAX_BLOCK
)


class SignupError(ValueError):
    """Bad input for a sign-up; ``field`` names the field, the message
    is German."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def add_signed_up_to_citizens(event):
    """Put a user who signed up themselves into the ``citizens`` group."""
    if not api.user.is_anonymous():
        return
    userid = event.principal.getId()
    api.group.add_user(groupname=CITIZENS, username=userid)


def clean(email, fullname):
    """Return the e-mail address (lower case) and the full name a registrant
    gave, or raise :class:`SignupError` saying in German what is wrong."""
    if not isinstance(fullname, str) or not fullname.strip():
        raise SignupError(
            "fullname", _t(_("registration_name_missing",
                             default="Bitte geben Sie Ihren Namen an."))
        )  # fmt: skip
    fullname = " ".join(fullname.split())
    if len(fullname) > MAX_NAME or any(
        unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in fullname
    ):
        raise SignupError(
            "fullname",
            _t(_("registration_name_invalid",
                 default="Bitte geben Sie Ihren Namen mit höchstens 100 "
                 "Zeichen und ohne Steuerzeichen an.")),
        )  # fmt: skip
    return clean_address(email), fullname


def clean_address(email):
    """Return the e-mail address ``email`` (lower case), or raise
    :class:`SignupError` saying in German what is wrong."""
    try:
        checkEmailAddress(email.strip())
    except (AttributeError, EmailAddressInvalid):
        raise SignupError(
            "email",
            _t(_("registration_email_invalid",
                 default="Bitte geben Sie eine gültige E-Mail-Adresse an, "
                 "zum Beispiel name@gemeinde.de.")),
        ) from None  # fmt: skip
    return email.strip().lower()


def member_with(email):
    """The member whose login name or e-mail address is ``email``, or None."""
    pas = api.portal.get_tool("acl_users")
    for criteria in ({"login": email}, {"email": email}):
        for found in pas.searchUsers(exact_match=True, **criteria):
            member = api.user.get(userid=found["userid"])
            if member is not None and (
                member.getUserName().lower() == email
                or (member.getProperty("email") or "").lower() == email
            ):
                return member
    return None


def may_mail(address):
    """Whether ``address`` may be sent one more mail it asked for by typing
    it into a form (sign-up, a changed address): at most
    ``MAILS_PER_ADDRESS`` in the limit's window; the mail is counted."""
    if MAILS.blocked(address):
        return False
    MAILS.fail(address, MAILS_PER_ADDRESS)
    return True


def sign_up(request, email, fullname):
    """Mail a registrant with ``email`` and ``fullname`` (checked with
    :func:`clean`) the link to confirm, or, when the address belongs to a
    member already, mail that member their login name. Writes nothing; the
    caller answers alike in both cases."""
    email, fullname = clean(email, fullname)
    if not may_mail(email):
        logger.info("Registration for %s: no further mail for now", email)
        return
    portal = api.portal.get()
    member = member_with(email)
    if member is not None:
        _mail_existing(portal, member, email)
    else:
        _mail_confirmation(portal, email, fullname)


def _signature(payload):
    """The HMAC of ``payload`` with the site's system secret."""
    secret = getUtility(IKeyManager).secret()
    if isinstance(secret, str):
        secret = secret.encode()
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


def token_for(email, fullname, issued=None):
    """The signed token of a confirmation link for ``email`` and
    ``fullname`` (issued now, or at the Unix time ``issued``)."""
    data = json.dumps([email, fullname, int(issued or time.time())])
    payload = base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")
    return f"{payload}.{_signature(payload)}"


def read_token(token):
    """``(email, fullname)`` of a valid, unexpired token, or raise
    :class:`SignupError` with a German message."""
    invalid = SignupError(
        "token",
        _t(_("registration_link_invalid",
             default="Dieser Link ist ungültig oder abgelaufen. Bitte "
             "registrieren Sie sich noch einmal; Sie bekommen dann einen "
             "neuen Link.")),
    )  # fmt: skip
    if not isinstance(token, str) or token.count(".") != 1:
        raise invalid
    payload, signature = token.split(".")
    if not hmac.compare_digest(signature.encode(), _signature(payload).encode()):
        raise invalid
    try:
        padded = payload + "=" * (-len(payload) % 4)
        email, fullname, issued = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError):
        raise invalid from None
    if not 0 <= time.time() - issued <= CONFIRM_DAYS * 86400:
        raise invalid
    return email, fullname


def confirm(request, token):
    """Make the account a confirmation link asks for (a citizen) and return
    its user id; None when the address has an account by now (the link was
    followed before, or the institute added the person meanwhile)."""
    email, fullname = read_token(token)
    if member_with(email) is not None:
        return None
    portal = api.portal.get()
    userid = generate_user_id(portal, {"email": email, "fullname": fullname})
    if not userid or "@" in userid:
        # A name without letters Plone can use: an id that shows no address.
        userid = uuid.uuid4().hex
    registration = api.portal.get_tool("portal_registration")
    registration.addMember(
        userid,
        registration.generatePassword(),
        properties={"username": userid, "email": email, "fullname": fullname},
        REQUEST=request,
    )
    api.portal.get_tool("acl_users").updateLoginName(userid, email)
    return userid


#: The page where a new member sets their first password (on the site root).
PASSWORD_VIEW = "konto-einrichten"
#: The page a new member lands on after setting it.
WELCOME_VIEW = "willkommen"


def password_url(userid):
    """The address where the new member ``userid`` sets a password now (the
    welcome page of Plone's password reset, :data:`PASSWORD_VIEW`)."""
    reset = api.portal.get_tool("portal_password_reset").requestReset(userid)
    login = api.user.get(userid=userid).getUserName()
    query = urlencode({"key": reset["randomstring"], "userid": login})
    return f"{api.portal.get().absolute_url()}/@@{PASSWORD_VIEW}?{query}"


def _mail_confirmation(portal, email, fullname):
    """Send a new registrant the link that makes their account."""
    link = f"{portal.absolute_url()}/@@{CONFIRM_VIEW}?{urlencode({'token': token_for(email, fullname)})}"
    body = _t(
        _(
            "registration_mail_confirm",
            default="Guten Tag ${name},\n\n"
            "Sie möchten sich im ZUMO Netzwerk registrieren. Bitte bestätigen "
            "Sie das über diesen Link; danach legen Sie Ihr Passwort fest:\n"
            "${url}\n\n"
            "Ihr Benutzername ist Ihre E-Mail-Adresse: ${login}\n"
            "Der Link gilt ${days} Tage.\n\n"
            "Wenn Sie sich nicht registrieren wollten, können Sie diese "
            "Nachricht einfach löschen; es wird kein Benutzerkonto angelegt.",
            mapping={"name": fullname, "url": link, "login": email,
                     "days": CONFIRM_DAYS},
        )
    )  # fmt: skip
    subject = _t(
        _("registration_mail_confirm_subject",
          default="Bitte bestätigen Sie Ihre Registrierung im ZUMO Netzwerk")
    )  # fmt: skip
    mail(email, subject, body)


def _mail_existing(portal, member, email):
    """Tell a member that their address was used to sign up again."""
    body = _t(
        _(
            "registration_mail_existing",
            default="Guten Tag,\n\n"
            "jemand – vermutlich Sie – wollte sich mit dieser E-Mail-Adresse "
            "im ZUMO Netzwerk registrieren. Für diese Adresse gibt es bereits "
            "ein Benutzerkonto; Ihr Benutzername ist: ${login}\n\n"
            "Wenn Sie Ihr Passwort vergessen haben, legen Sie hier ein neues "
            "fest: ${url}\n\n"
            "Wenn Sie sich nicht registrieren wollten, können Sie diese "
            "Nachricht einfach löschen; an Ihrem Konto ändert sich nichts.",
            mapping={
                "login": member.getUserName(),
                "url": f"{portal.absolute_url()}/mail_password_form",
            },
        )
    )
    subject = _t(
        _("registration_mail_existing_subject",
          default="Ihr Benutzerkonto im ZUMO Netzwerk")
    )  # fmt: skip
    mail(email, subject, body)
