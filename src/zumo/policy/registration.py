"""Self-registered people are engaged citizens.

Whoever registers themselves (an anonymous request creating a user, through
the registration form or ``@users``) joins the group ``citizens``. People
the institute adds are placed in their groups by the institute.
"""

from plone import api


CITIZENS = "citizens"


def add_self_registered_to_citizens(event):
    """Put a user who registered themselves into the ``citizens`` group."""
    if not api.user.is_anonymous():
        return
    userid = event.principal.getId()
    api.group.add_user(groupname=CITIZENS, username=userid)
