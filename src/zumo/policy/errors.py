"""Errors whose message the user reads: a translatable message id.

Code raises them with ``_()`` messages; a view or service shows
``error.translate(request)``; ``str(error)`` is the German text (for logs,
the command line and tests).
"""

from zumo.content.i18n import translated


class UserError(ValueError):
    """A refused input; ``message`` is a ``zope.i18nmessageid.Message``."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def translate(self, request=None):
        """The message in the request's language (German by default)."""
        return translated(self.message, request)

    def __str__(self):
        return self.translate()
