"""``POST @users`` without telling who has an account.

* ``@users/<name>/reset-password``: plone.restapi answers 404 for an unknown
  login name and 204 after sending the mail; here both answer 204.
* Registering oneself (anonymous ``POST @users``): the body gives
  ``fullname`` and ``email`` only; the answer is 202 with the same German
  message whether or not the address belongs to a member
  (:mod:`zumo.policy.signup.accounts`).

Everything else of ``POST @users`` (the institute adding members) is
plone.restapi's.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.security.logins import send_reset_mail
from zumo.policy.signup import accounts


#: What a registrant may send.
REGISTRATION_FIELDS = {"fullname", "email", "sendPasswordReset"}


class UsersPost(BaseUsersPost):
    """plone.restapi's ``POST @users`` with a sign-up and a reset
    request that answer alike for everybody."""

    def reply(self):
        """Register an anonymous caller; leave the rest to plone.restapi."""
        if self.params or not api.user.is_anonymous() or not self.can_add_member:
            return super().reply()
        data = json_body(self.request)
        if not isinstance(data, dict) or set(data) - REGISTRATION_FIELDS:
            return self._refuse(
                "fields",
                _t(_("registration_rest_fields",
                     default="Zur Registrierung senden Sie nur Ihren Namen "
                     "(fullname) und Ihre E-Mail-Adresse (email). Den "
                     "Benutzernamen vergibt die Seite, das Passwort legen Sie "
                     "über den Link in der E-Mail fest.")),
            )  # fmt: skip
        try:
            accounts.sign_up(self.request, data.get("email"), data.get("fullname"))
        except accounts.SignupError as error:
            return self._refuse(error.field, str(error))
        self.request.response.setStatus(202)
        return {
            "message": _t(_("registration_rest_sent",
                            default="Wir haben Ihnen eine E-Mail geschickt. Sie "
                            "nennt Ihren Benutzernamen und enthält einen Link, "
                            "mit dem Sie Ihr Passwort festlegen."))
        }  # fmt: skip

    def _refuse(self, field, message):
        self.request.response.setStatus(400)
        return {
            "error": {
                "type": "BadRequest",
                "message": message,
                "errors": [{"field": field, "message": message}],
            }
        }

    def update_password(self, data):
        """Send the reset mail if there is such a member; answer 204 either way."""
        if list(data) == [] and self.params:
            send_reset_mail(self.context, self.params[0], self.request)
            self.request.response.setStatus(204)
            return
        return super().update_password(data)
