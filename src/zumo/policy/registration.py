"""Self-registered people are engaged citizens; registering tells nobody who
is a member.

Whoever registers themselves (an anonymous request creating a user, through
the registration form ``@@register`` or ``POST @users``) joins the group
``citizens``. People the institute adds are placed in their groups by the
institute.

A registrant gives a full name and an e-mail address, nothing else: the
e-mail address becomes the login name and the site makes the user id from
the full name (``anna-muster``, ``anna-muster-1``, … — Plone's own
generator), so nobody can try out login names. Whether or not the address
already belongs to a member, the answer is the same ("we have sent you a
mail"); a member whose address is used again gets a mail naming their login
name and the link to set a new password instead of a second account. Each
address gets at most :data:`MAILS_PER_ADDRESS` such mails per quarter of an
hour, so the form cannot be used to flood a mailbox.
"""

from plone import api
from plone.app.users.utils import generate_user_id
from Products.CMFPlone.RegistrationTool import checkEmailAddress
from Products.CMFPlone.RegistrationTool import EmailAddressInvalid
from ZODB.POSException import ConflictError
from zumo.policy import _
from zumo.policy import german as _t
from zumo.policy import logger
from zumo.policy.logins import Throttle
from zumo.policy.notifications import mail

import unicodedata
import uuid


CITIZENS = "citizens"
#: Registration mails one address may get before it has to wait.
MAILS_PER_ADDRESS = 3
#: The longest full name taken.
MAX_NAME = 100

#: Registration mails per address (in memory, per process).
MAILS = Throttle()


class RegistrationError(ValueError):
    """Bad input for a registration; ``field`` names the field, the message
    is German."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def add_self_registered_to_citizens(event):
    """Put a user who registered themselves into the ``citizens`` group."""
    if not api.user.is_anonymous():
        return
    userid = event.principal.getId()
    api.group.add_user(groupname=CITIZENS, username=userid)


def clean(email, fullname):
    """Return the e-mail address (lower case) and the full name a registrant
    gave, or raise :class:`RegistrationError` saying in German what is wrong."""
    if not isinstance(fullname, str) or not fullname.strip():
        raise RegistrationError(
            "fullname", _t(_("registration_name_missing",
                             default="Bitte geben Sie Ihren Namen an."))
        )  # fmt: skip
    fullname = " ".join(fullname.split())
    if len(fullname) > MAX_NAME or any(
        unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in fullname
    ):
        raise RegistrationError(
            "fullname",
            _t(_("registration_name_invalid",
                 default="Bitte geben Sie Ihren Namen mit höchstens 100 "
                 "Zeichen und ohne Steuerzeichen an.")),
        )  # fmt: skip
    try:
        checkEmailAddress(email.strip())
    except (AttributeError, EmailAddressInvalid):
        raise RegistrationError(
            "email",
            _t(_("registration_email_invalid",
                 default="Bitte geben Sie eine gültige E-Mail-Adresse an, "
                 "zum Beispiel name@gemeinde.de.")),
        ) from None  # fmt: skip
    return email.strip().lower(), fullname


def _member_with(email):
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


def register(request, email, fullname):
    """Register a citizen with ``email`` and ``fullname`` (checked with
    :func:`clean`), or, when the address belongs to a member already, mail
    that member their login name. The caller answers alike in both cases."""
    email, fullname = clean(email, fullname)
    if MAILS.blocked(email):
        logger.info("Registration for %s: no further mail for now", email)
        return
    MAILS.fail(email, MAILS_PER_ADDRESS)
    portal = api.portal.get()
    member = _member_with(email)
    if member is not None:
        _mail_existing(portal, member, email)
        return
    data = {"email": email, "fullname": fullname}
    userid = generate_user_id(portal, data)
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
    try:
        registration.registeredNotify(userid)
    except ConflictError:
        raise
    except Exception:
        # As with every mail of the network: a mail server that is down
        # loses the mail (logged), never the change; "Passwort vergessen"
        # sends the link again.
        logger.exception("Registration mail to %s could not be sent", email)


def _mail_existing(portal, member, email):
    """Tell a member that their address was used to register again."""
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
