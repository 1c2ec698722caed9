"""``@users`` without telling who has an account, and without a way round
the confirmation mails.

* ``POST @users``: only those who may manage users (Manager, Site
  Administrator) add accounts, plone.restapi's way. An anonymous caller
  signs up: the body gives ``fullname`` and ``email`` only; the answer is
  202 with the same German message whether or not the address belongs to a
  member (:mod:`zumo.policy.signup.accounts`). Every other caller is
  refused (403, German) before the body is read, so nobody learns which
  login names exist.
* ``POST @users/<name>/reset-password``: plone.restapi answers 404 for an
  unknown login name; here an unknown name takes the way of a known one
  (an empty body: 204, a wrong token or password: 403).
* ``PATCH @users/<self>``: a new address of one's own is mailed a
  confirmation link and counts only once confirmed (202, German message;
  :mod:`zumo.policy.signup.addresses`); the other fields are set at once.
* Any other path below ``@users`` answers 404 with a German message, a
  body that is not a JSON object 400: no server errors.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from plone.restapi.services.users.delete import UsersDelete as BaseUsersDelete
from plone.restapi.services.users.get import UsersGet as BaseUsersGet
from plone.restapi.services.users.update import UsersPatch as BaseUsersPatch
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.signup import accounts
from zumo.policy.signup import addresses
from zumo.policy.signup.passwords import send_reset_mail

import json


#: Keys of a ``PATCH @users`` body that would set a password.
PASSWORD_KEYS = {"password", "old_password", "new_password"}


#: What a registrant may send.
REGISTRATION_FIELDS = {"fullname", "email", "sendPasswordReset"}


def _error(request, status, error_type, message, field=None):
    """Answer ``status`` with the German ``message`` as plone.restapi's
    JSON error."""
    request.response.setStatus(status)
    error = {"type": error_type, "message": message}
    if field is not None:
        error["errors"] = [{"field": field, "message": message}]
    return {"error": error}


def _not_found(request):
    return _error(
        request,
        404,
        "NotFound",
        _t(_("error_users_path",
             default="Diese Adresse gibt es nicht. Ein Benutzerkonto erreichen "
             "Sie unter @users/<kennung>.")),
    )  # fmt: skip


class _Nobody:
    """Stands in for the member of an unknown login name, so that a
    password reset for it takes the way of a known name's and fails there
    alike (a wrong token, a wrong user, a wrong password)."""

    def __init__(self, login):
        self.login = login

    def getUser(self):
        """The stand-in itself: it has the login name and nothing else."""
        return self

    def getUserName(self):
        """The login name that was asked for."""
        return self.login


class UsersPost(BaseUsersPost):
    """plone.restapi's ``POST @users`` for those who manage users; a sign-up
    for anonymous callers; refused for everybody else."""

    def reply(self):
        """Dispatch by path and caller (see module docstring)."""
        if self.params:
            if len(self.params) == 2 and self.params[1] == "reset-password":
                return super().reply()
            return _not_found(self.request)
        if self.can_manage_users:
            return super().reply()
        if not api.user.is_anonymous() or not self.can_add_member:
            return _error(
                self.request,
                403,
                "Forbidden",
                _t(_("error_users_add_refused",
                     default="Benutzerkonten legt nur die Verwaltung des "
                     "Netzwerks an. Wer sich selbst registrieren möchte, "
                     "nutzt abgemeldet die Registrierung; dabei kommt eine "
                     "E-Mail zur Bestätigung.")),
            )  # fmt: skip
        data = json_body(self.request)
        if set(data) - REGISTRATION_FIELDS:
            return _error(
                self.request,
                400,
                "BadRequest",
                _t(_("registration_rest_fields",
                     default="Zur Registrierung senden Sie nur Ihren Namen "
                     "(fullname) und Ihre E-Mail-Adresse (email). Den "
                     "Benutzernamen vergibt die Seite, das Passwort legen Sie "
                     "über den Link in der E-Mail fest.")),
                field="fields",
            )  # fmt: skip
        try:
            accounts.sign_up(self.request, data.get("email"), data.get("fullname"))
        except accounts.SignupError as error:
            return _error(self.request, 400, "BadRequest", str(error), error.field)
        self.request.response.setStatus(202)
        return {
            "message": _t(_("registration_rest_sent",
                            default="Wir haben Ihnen eine E-Mail geschickt. Sie "
                            "nennt Ihren Benutzernamen und enthält einen Link, "
                            "mit dem Sie Ihr Passwort festlegen."))
        }  # fmt: skip

    def _get_user_by_login_name(self, user_id):
        """The member with the login name ``user_id``, or a stand-in."""
        return super()._get_user_by_login_name(user_id) or _Nobody(user_id)

    def update_password(self, data):
        """Send the reset mail if there is such a member; answer 204 either way."""
        if list(data) == []:
            send_reset_mail(self.params[0])
            self.request.response.setStatus(204)
            return
        return super().update_password(data)


class UsersPatch(BaseUsersPatch):
    """plone.restapi's ``PATCH @users/<id>``; one's own new address waits
    for its confirmation, and one's own password is changed only where the
    current one is asked for."""

    def reply(self):
        """Keep a new address of one's own aside and mail its link; leave
        the rest to plone.restapi."""
        if len(self.params) != 1:
            return _not_found(self.request)
        data = json_body(self.request)
        if (
            isinstance(data, dict)
            and not self.can_manage_users
            and PASSWORD_KEYS & set(data)
        ):
            # plone.restapi would set one's own password without asking for
            # the current one: a stolen session must not take the account.
            return _error(
                self.request,
                400,
                "BadRequest",
                _t(
                    _(
                        "error_users_patch_password",
                        default="Ihr Passwort ändern Sie unter „Passwort "
                        "ändern“ oder mit POST @users/<kennung>/reset-password "
                        "und Ihrem bisherigen Passwort (old_password).",
                    )
                ),
                "password",
            )
        member = api.user.get(userid=self.params[0])
        if member is None:
            if self.can_manage_users:
                return _not_found(self.request)
            return super().reply()  # refused alike for every other user
        if (
            "email" not in data
            or member.getId() != api.user.get_current().getId()
            or addresses.sets_directly(member)
            or not addresses.differs(member, data["email"])
        ):
            return super().reply()
        address = data.pop("email")
        try:
            addresses.request_change(member, address)
        except accounts.SignupError as error:
            return _error(self.request, 400, "BadRequest", str(error), "email")
        if data:
            self.request.other["BODY"] = json.dumps(data).encode()
            answer = super().reply()
            if self.request.response.getStatus() >= 400:
                return answer
        self.request.response.setStatus(202)
        return {"message": addresses.sent_message()}


class UsersGet(BaseUsersGet):
    """plone.restapi's ``GET @users``, with a German 404 for paths it does
    not know."""

    def reply(self):
        """404 for more than one path element; plone.restapi's answer else."""
        if len(self.params) > 1:
            return _not_found(self.request)
        return super().reply()


class UsersDelete(BaseUsersDelete):
    """plone.restapi's ``DELETE @users/<id>``, with a German 404 for paths
    it does not know."""

    def reply(self):
        """404 unless the path names one user id; plone.restapi's answer else."""
        if len(self.params) != 1:
            return _not_found(self.request)
        return super().reply()
