"""REST services ``@roster`` on team spaces and mentoring groups.

* ``GET  /@roster``            the members with their roles, and the open
                               invitations (by the address as typed); for
                               members who do not manage the roster only
                               names and roles
* ``POST /@roster``            ``{"email": ..., "role": "member"|"moderator"}``
                               invites an address (202, the same answer
                               whether or not an account has it);
                               ``{"userid": ..., "role": ...}`` changes the
                               role of a person on the roster, or, for those
                               who manage every roster, adds a member directly
* ``DELETE /@roster/<userid>`` takes a person off the roster
* ``DELETE /@roster/invitations/<id>`` withdraws an invitation

Bad input answers 400 with a German message and changes nothing.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.spaces import invitations
from zumo.policy.spaces import roster


def _serialize(space):
    if not roster.may_manage(space):
        return {
            "@id": f"{space.absolute_url()}/@roster",
            "items": roster.people(space),
        }
    return {
        "@id": f"{space.absolute_url()}/@roster",
        "items": [
            {"userid": m["userid"], "fullname": m["fullname"], "role": m["role"]}
            for m in roster.roster(space)
        ],
        "invitations": [
            {"id": i["id"], "email": i["email"], "role": i["role"],
             "expires": i["expires"].isoformat(timespec="seconds")}
            for i in invitations.pending(space)
        ],
    }  # fmt: skip


def _bad_request(request, message):
    """Answer 400 with ``message`` in the request's language."""
    request.response.setStatus(400)
    return {"error": {"type": "BadRequest", "message": translated(message, request)}}


class RosterGet(Service):
    """List the roster."""

    def reply(self):
        """Return the roster of the space."""
        return _serialize(self.context)


class RosterPost(Service):
    """Invite a person, change their role or (the institute) add them."""

    def reply(self):
        """Apply the change; 400 with a German message on bad input."""
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            data = {}
        role = data.get("role", "member")
        try:
            if "email" in data:
                email = invitations.invite(
                    self.context, data["email"], role, api.user.get_current().getId()
                )
                self.request.response.setStatus(202)
                return {"message": translated(
                    _("msg_roster_invited_rest",
                      default="Wir haben eine Einladung an „${email}“ geschickt.",
                      mapping={"email": email}),
                    self.request,
                )}  # fmt: skip
            if roster.may_add_directly():
                roster.set_member(self.context, data.get("userid"), role)
            else:
                roster.change_role(self.context, data.get("userid"), role)
        except roster.RosterError as error:
            return _bad_request(self.request, error.message)
        return _serialize(self.context)


@implementer(IPublishTraverse)
class RosterDelete(Service):
    """Take a person off the roster (``DELETE /@roster/<userid>``) or
    withdraw an invitation (``DELETE /@roster/invitations/<id>``)."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        """Collect the user id from the path."""
        self.params.append(name)
        return self

    def reply(self):
        """Remove the person; 400 with a German message if not possible."""
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            if len(self.params) == 1:
                roster.remove_member(self.context, self.params[0])
            elif len(self.params) == 2 and self.params[0] == "invitations":
                invitations.withdraw(self.context, self.params[1])
            else:
                return _bad_request(
                    self.request,
                    _(
                        "error_roster_path",
                        default="Bitte genau eine Kennung angeben: "
                        "@roster/<kennung> oder @roster/invitations/<id>.",
                    ),
                )
        except roster.RosterError as error:
            return _bad_request(self.request, error.message)
        return self.reply_no_content()
