"""Sharing cannot escalate, and it lists people only to those who may.

Plone's Sharing page and plone.restapi's ``@sharing`` both ask the
``@@sharing`` view which roles may be managed; this view offers only the
roles the current user holds on the object (Managers hold all). Its search
for users and groups answers only those with "List portal members" (the
institute and administrators): user ids and names are personal data.
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

    def _principal_search_results(self, *args, **kwargs):
        """Search users or groups, for those who may list them only."""
        if not api.user.has_permission("List portal members", obj=self.context):
            return []
        return super()._principal_search_results(*args, **kwargs)
