"""Buttons that change something: a POST with a CSRF token, a German
message, and the page to open next."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zumo.content.i18n import translated
from zumo.policy.errors import UserError


class PostedAction(BrowserView):
    """A button's POST on the context.

    Subclasses set :attr:`done` (the message after success) and implement
    :meth:`act`. A GET only leads back to the context; a refusal
    (``UserError``) is shown in German and changes nothing.
    """

    #: The German message shown after the change.
    done = None

    def act(self):
        """Make the change; return the object to open next."""
        raise NotImplementedError

    def next_url(self, target):
        """The address to open after the change (``target``'s page)."""
        return target.absolute_url()

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.redirect(self.context.absolute_url())
            return ""
        CheckAuthenticator(self.request)
        try:
            target = self.act()
        except UserError as error:
            api.portal.show_message(
                error.translate(self.request), self.request, type="error"
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(translated(self.done, self.request), self.request)
        self.request.response.redirect(self.next_url(target))
        return ""
