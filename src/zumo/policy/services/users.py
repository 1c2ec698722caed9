"""``POST @users/<name>/reset-password`` without telling who has an account.

plone.restapi answers 404 for an unknown login name and 204 after sending
the mail; here both answer 204, so the service cannot be used to find out
who is a member. Everything else of ``POST @users`` is plone.restapi's.
"""

from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from zumo.policy.logins import send_reset_mail


class UsersPost(BaseUsersPost):
    """plone.restapi's ``POST @users`` with a reset request that answers
    alike for every login name."""

    def update_password(self, data):
        """Send the reset mail if there is such a member; answer 204 either way."""
        if list(data) == [] and self.params:
            send_reset_mail(self.context, self.params[0], self.request)
            self.request.response.setStatus(204)
            return
        return super().update_password(data)
