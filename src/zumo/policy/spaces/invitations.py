"""Invitations to a roster: how a moderator adds a person without learning
who has an account.

A moderator types an e-mail address and a role (:func:`invite`). Whether
or not an account has that address, the same happens: the invitation is
kept on the space, one and the same mail goes to the address, and the
moderator reads "Wir haben eine Einladung an … geschickt". The mail tells
a member to open the link while logged in, and somebody without an
account to sign up with that address first (``@@register``); the link
(``@@einladung-annehmen`` on the site root) stays valid :data:`DAYS` days.
Only the account whose (confirmed) e-mail address is the invited one can
accept (:func:`accept`); only then does the person join the roster, and
only then does the moderator see a name. Until then the moderator sees
the address as typed, and may withdraw the invitation.

The link holds the space's UID and a random secret; the space keeps only
a hash of the secret, so the moderator's page, which names invitations by
that hash, gives nobody a way to accept. Invitations are counted per
inviter (:data:`SENT`): at most :data:`PER_HOUR` an hour.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.uuid.utils import uuidToObject
from urllib.parse import urlencode
from zope.annotation.interfaces import IAnnotations
from zumo.content.i18n import translated as _t
from zumo.content.interfaces import ISpace
from zumo.policy import _
from zumo.policy.mail import mail
from zumo.policy.security.ratelimit import RateLimiter
from zumo.policy.signup import accounts
from zumo.policy.spaces import roster

import hashlib
import secrets


#: Where a space keeps its open invitations (an annotation).
KEY = "zumo.policy.spaces.invitations"
#: Days an invitation stays valid.
DAYS = 14
#: Invitations one person may send within an hour.
PER_HOUR = 20
#: The page an invitation link opens (on the site root).
ACCEPT_VIEW = "einladung-annehmen"
#: The most inviters remembered by :data:`SENT`.
MAX_INVITERS = 10_000

#: Invitations sent per inviter (in memory, per process).
SENT = RateLimiter(3600, MAX_INVITERS)


def _invitations(space, create=False):
    annotations = IAnnotations(space)
    if KEY not in annotations and create:
        annotations[KEY] = OOBTree()
    return annotations.get(KEY)


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _now():
    return datetime.now()


def invite(space, email, role, inviter):
    """Invite the address ``email`` to the roster of ``space`` with ``role``
    on behalf of the user id ``inviter``; the mail goes out once the
    transaction commits. Return the address as typed.

    Does the same whether or not an account has the address: an earlier
    invitation of the address is replaced. Raises
    :class:`~zumo.policy.spaces.roster.RosterError` (German) for a bad
    address or role, or when ``inviter`` has sent :data:`PER_HOUR`
    invitations within the hour; then nothing is written.
    """
    roster.check_role(role)
    try:
        address = accounts.clean_address(email)
    except accounts.SignupError as error:
        raise roster.RosterError(str(error)) from None
    if not SENT.allow(inviter, PER_HOUR):
        raise roster.RosterError(
            _(
                "error_roster_invitations_limit",
                default="Sie haben in der letzten Stunde schon ${limit} "
                "Einladungen verschickt. Bitte versuchen Sie es später noch einmal.",
                mapping={"limit": PER_HOUR},
            )
        )
    typed = email.strip()
    invitations = _invitations(space, create=True)
    now = _now()
    for key, entry in list(invitations.items()):
        if entry["email"] == address or entry["expires"] < now:
            del invitations[key]
    secret = secrets.token_urlsafe(24)
    invitations[_hash(secret)] = {
        "email": address,
        "typed": typed,
        "role": role,
        "inviter": inviter,
        "expires": now + timedelta(days=DAYS),
    }
    _mail(space, address, role, f"{space.UID()}.{secret}")
    return typed


def _mail(space, address, role, token):
    portal_url = api.portal.get().absolute_url()
    body = _t(
        _(
            "mail_roster_invitation",
            default="Guten Tag,\n\n"
            "Sie sind eingeladen, im ZUMO Netzwerk in „${space}“ mitzuarbeiten "
            "(Rolle: ${role}).\n\n"
            "So nehmen Sie die Einladung an: Melden Sie sich mit dem "
            "Benutzerkonto an, das zu dieser E-Mail-Adresse gehört, und öffnen "
            "Sie diesen Link:\n${url}\n\n"
            "Sie haben noch kein Benutzerkonto? Dann registrieren Sie sich "
            "zuerst mit dieser E-Mail-Adresse: ${signup}\n"
            "Danach öffnen Sie den Link oben.\n\n"
            "Der Link gilt ${days} Tage. Wenn Sie die Einladung nicht annehmen "
            "möchten, können Sie diese Nachricht einfach löschen.",
            mapping={
                "space": space.Title(),
                "role": _t(roster.ROLES[role][1]),
                "url": f"{portal_url}/@@{ACCEPT_VIEW}?{urlencode({'token': token})}",
                "signup": f"{portal_url}/@@register",
                "days": DAYS,
            },
        )
    )
    subject = _t(
        _(
            "mail_roster_invitation_subject",
            default="Einladung in „${space}“ im ZUMO Netzwerk",
            mapping={"space": space.Title()},
        )
    )
    mail(address, subject, body)


def pending(space):
    """The open invitations of ``space``, by address: dicts with ``id``
    (to withdraw it), ``email`` (as typed), ``role`` and ``expires``."""
    invitations = _invitations(space)
    if not invitations:
        return []
    now = _now()
    return sorted(
        (
            {"id": key, "email": entry["typed"], "role": entry["role"],
             "expires": entry["expires"]}
            for key, entry in invitations.items()
            if entry["expires"] >= now
        ),
        key=lambda invitation: invitation["email"].lower(),
    )  # fmt: skip


def withdraw(space, invitation_id):
    """Withdraw the open invitation ``invitation_id`` of ``space``; return
    the address it went to, as typed. Raises
    :class:`~zumo.policy.spaces.roster.RosterError` if there is none."""
    invitations = _invitations(space)
    if (
        not isinstance(invitation_id, str)
        or not invitations
        or (invitation_id not in invitations)
    ):
        raise roster.RosterError(
            _("error_roster_no_invitation",
              default="Diese Einladung gibt es nicht (mehr).")
        )  # fmt: skip
    return invitations.pop(invitation_id)["typed"]


def invitation(token):
    """``(space, id, entry)`` of the open invitation of the link ``token``,
    or raise :class:`~zumo.policy.spaces.roster.RosterError` (German)."""
    invalid = roster.RosterError(
        _(
            "error_roster_invitation_invalid",
            default="Dieser Einladungslink ist ungültig, abgelaufen oder "
            "zurückgezogen. Bitten Sie die Moderation des Raums um eine neue "
            "Einladung.",
        )
    )
    if not isinstance(token, str) or token.count(".") != 1:
        raise invalid
    uid, secret = token.split(".")
    space = uuidToObject(uid, unrestricted=True) if uid else None
    if space is None or not ISpace.providedBy(space):
        raise invalid
    invitations = _invitations(space) or {}
    key = _hash(secret)
    entry = invitations.get(key)
    if entry is None or entry["expires"] < _now():
        raise invalid
    return space, key, entry


def check(token, user):
    """``(space, id, entry)`` of the invitation ``token`` if ``user`` (a
    member) may accept it: their e-mail address is the invited one and they
    may be on a roster. Otherwise raise
    :class:`~zumo.policy.spaces.roster.RosterError` (German)."""
    space, key, entry = invitation(token)
    address = (user.getProperty("email") or "").strip().lower()
    if address != entry["email"]:
        raise roster.RosterError(
            _(
                "error_roster_invitation_not_yours",
                default="Diese Einladung gilt für eine andere E-Mail-Adresse "
                "als die Ihres Benutzerkontos. Melden Sie sich mit dem Konto "
                "an, das zu der eingeladenen Adresse gehört.",
            )
        )
    if not roster.eligible(user.getId()):
        raise roster.RosterError(
            _(
                "error_roster_invitation_not_eligible",
                default="Ihr Benutzerkonto kann nicht in den Raum aufgenommen "
                "werden: nur Beschäftigte der Kommunen und registrierte "
                "Bürgerinnen und Bürger.",
            )
        )
    return space, key, entry


def accept(token, user):
    """Put ``user`` on the roster the invitation ``token`` is for, with its
    role, and close the invitation; return the space. Raises
    :class:`~zumo.policy.spaces.roster.RosterError` as :func:`check`."""
    space, key, entry = check(token, user)
    _invitations(space).pop(key)
    roster.set_member(space, user.getId(), entry["role"])
    return space
