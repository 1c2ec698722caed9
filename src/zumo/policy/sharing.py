"""Sharing cannot escalate: nobody delegates a role they do not hold.

Plone's Sharing page and plone.restapi's ``@sharing`` both ask the
``@@sharing`` view which roles may be managed; this view offers only the
roles the current user holds on the object (Managers hold all).
"""

from plone import api
from plone.app.workflow.browser.sharing import SharingView as BaseSharingView


class SharingView(BaseSharingView):
    """The Sharing page, limited to the roles the user holds here."""

    def roles(self):
        """Return the delegable roles (``id``, ``title``) the user holds."""
        roles = super().roles()
        held = set(api.user.get_roles(obj=self.context))
        if "Manager" in held:
            return roles
        return [role for role in roles if role["id"] in held]
