"""The conflict-of-interest declaration of an assigned expert."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zumo.policy import reviews


class ConflictOfInterestView(BrowserView):
    """Form: the expert confirms having no conflict of interest."""

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("confirm"):
            CheckAuthenticator(self.request)
            reviews.declare_no_conflict(
                self.context, self.userid, self.request.form.get("statement", "")
            )
            IStatusMessage(self.request).add(
                "Ihre Erklärung ist gespeichert. Sie können das Gutachten einreichen.",
                "info",
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    @property
    def userid(self):
        """The id of the current user."""
        return api.user.get_current().getId()

    def declaration(self):
        """The current user's declaration, or ``None``."""
        return reviews.declarations(self.context).get(self.userid)
