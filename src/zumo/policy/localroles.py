"""Local roles of one person on one object: the rosters and the reviews.

Through plone.api; a principal that no longer exists (a deleted expert) is
cleaned up directly, since plone.api only knows existing users. The caller
reindexes the object's security once it is done.
"""

from plone import api


def grant(obj, userid, role, replacing=()):
    """Give ``userid`` the local ``role`` on ``obj``, instead of ``replacing``.

    Other local roles stay. Returns whether anything changed.
    """
    current = set(obj.get_local_roles_for_userid(userid))
    changed = revoke(obj, userid, (current & set(replacing)) - {role})
    if role not in current:
        api.user.grant_roles(username=userid, obj=obj, roles=[role])
        changed = True
    return changed


def revoke(obj, userid, roles):
    """Take the local ``roles`` of ``userid`` on ``obj`` away; others stay.

    Returns whether anything changed.
    """
    current = list(obj.get_local_roles_for_userid(userid))
    taken = [role for role in current if role in set(roles)]
    if not taken:
        return False
    if api.user.get(userid=userid) is not None:
        api.user.revoke_roles(username=userid, obj=obj, roles=taken)
        return True
    remaining = [role for role in current if role not in taken]
    if remaining:
        obj.manage_setLocalRoles(userid, remaining)
    else:
        obj.manage_delLocalRoles([userid])
    return True
