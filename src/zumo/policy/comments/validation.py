"""A comment is at most ``MAX_LENGTH`` characters long.

Plone accepts a comment of any length (a 5 MB one was stored). The limit
is a validator of the comment form's text field, so it holds for the
form under an item, for editing a comment and for REST ``@comments``
(plone.restapi fills in the same forms), with a German message; nothing is
stored. A REST request gets it as a 400 of its own: plone.restapi would
show the form's errors as Python objects.
"""

from plone.app.discussion.interfaces import IComment
from plone.rest.interfaces import IAPIRequest
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from zExceptions import BadRequest
from zope.interface import Invalid
from zumo.content.i18n import translated
from zumo.policy import _


#: The most characters of a comment (some four pages of text).
MAX_LENGTH = 10_000


class CommentTooLong(Invalid):
    """A comment over ``MAX_LENGTH`` characters."""

    def __str__(self):
        return self.args[0]

    def doc(self):
        """The message the form shows."""
        return self.args[0]


class CommentLengthValidator(SimpleFieldValidator):
    """Refuse a comment text over ``MAX_LENGTH`` characters."""

    def validate(self, value, force=False):
        """Plone's checks, then the length."""
        super().validate(value, force)
        if not value or len(value) <= MAX_LENGTH:
            return
        message = translated(
            _(
                "error_comment_too_long",
                default="Ihr Kommentar ist zu lang: höchstens "
                "${limit} Zeichen, Ihrer hat ${length}. Bitte kürzen "
                "Sie ihn.",
                mapping={
                    "limit": f"{MAX_LENGTH:,}".replace(",", "."),
                    "length": f"{len(value):,}".replace(",", "."),
                },
            ),
        )
        if IAPIRequest.providedBy(self.request):
            raise BadRequest(message)
        raise CommentTooLong(message)


WidgetValidatorDiscriminators(CommentLengthValidator, field=IComment["text"])
