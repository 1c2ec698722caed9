"""Rosters: who belongs to a municipality's team space or a mentoring group.

A roster is a set of local roles on the space: ``TeamMember`` for members,
``TeamModerator`` for moderators. Documents inside follow the space
(``zumo_space_content_workflow``), so the roster decides who sees them.
"""

from plone import api
from zope.interface import Interface
from zumo.policy import _


class ISpace(Interface):
    """Marker of spaces with a roster (municipality, mentoring group)."""


#: Roster role keys, their local roles and German titles.
ROLES = {
    "member": ("TeamMember", _("roster_member", default="Mitglied")),
    "moderator": ("TeamModerator", _("roster_moderator", default="Moderation")),
}
LOCAL_ROLES = {local: key for key, (local, _title) in ROLES.items()}


class RosterError(ValueError):
    """A roster change that cannot be made; the message is German."""


def roster(space):
    """Return the members of ``space``: dicts with userid, fullname, role."""
    members = []
    for principal, local_roles in space.get_local_roles():
        keys = [LOCAL_ROLES[role] for role in local_roles if role in LOCAL_ROLES]
        if not keys:
            continue
        user = api.user.get(userid=principal)
        fullname = user.getProperty("fullname") if user is not None else ""
        members.append(
            {
                "userid": principal,
                "fullname": fullname or principal,
                "role": "moderator" if "moderator" in keys else "member",
            }
        )
    return sorted(members, key=lambda member: member["fullname"].lower())


def set_member(space, userid, role="member"):
    """Put ``userid`` on the roster of ``space`` with ``role``.

    Raises :class:`RosterError` for an unknown user or role.
    """
    if role not in ROLES:
        raise RosterError(f"Unbekannte Rolle „{role}“: erlaubt sind member, moderator.")
    if not userid or api.user.get(userid=userid) is None:
        raise RosterError(f"Es gibt keine Person mit der Kennung „{userid}“.")
    existing = [
        r for r in space.get_local_roles_for_userid(userid) if r not in LOCAL_ROLES
    ]
    space.manage_setLocalRoles(userid, existing + [ROLES[role][0]])
    space.reindexObjectSecurity()


def remove_member(space, userid):
    """Take ``userid`` off the roster of ``space``.

    Raises :class:`RosterError` if the person is not on it.
    """
    current = space.get_local_roles_for_userid(userid)
    if not any(role in LOCAL_ROLES for role in current):
        raise RosterError(f"„{userid}“ gehört nicht zu diesem Raum.")
    remaining = [role for role in current if role not in LOCAL_ROLES]
    if remaining:
        space.manage_setLocalRoles(userid, remaining)
    else:
        space.manage_delLocalRoles([userid])
    space.reindexObjectSecurity()
