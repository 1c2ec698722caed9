"""REST services ``@roster`` on team spaces and mentoring groups.

* ``GET  /@roster``            the members with their roles
* ``POST /@roster``            ``{"userid": ..., "role": "member"|"moderator"}``
                               adds a person or changes their role
* ``DELETE /@roster/<userid>`` takes a person off the roster

Bad input answers 400 with a German message and changes nothing.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.spaces import roster


def _serialize(space):
    return {
        "@id": f"{space.absolute_url()}/@roster",
        "items": [
            {"userid": m["userid"], "fullname": m["fullname"], "role": m["role"]}
            for m in roster.roster(space)
        ],
    }


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
    """Add a person or change their role."""

    def reply(self):
        """Apply the change; 400 with a German message on bad input."""
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        try:
            roster.set_member(
                self.context, data.get("userid"), data.get("role", "member")
            )
        except roster.RosterError as error:
            return _bad_request(self.request, error.message)
        return _serialize(self.context)


@implementer(IPublishTraverse)
class RosterDelete(Service):
    """Take a person off the roster: ``DELETE /@roster/<userid>``."""

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
        if len(self.params) != 1:
            return _bad_request(
                self.request,
                _(
                    "error_roster_path",
                    default="Bitte genau eine Kennung angeben: @roster/<kennung>.",
                ),
            )
        try:
            roster.remove_member(self.context, self.params[0])
        except roster.RosterError as error:
            return _bad_request(self.request, error.message)
        return self.reply_no_content()
