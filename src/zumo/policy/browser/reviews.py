"""The conflict-of-interest declaration of an assigned expert."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zumo.policy import _
from zumo.policy import reviews
from zumo.policy.errors import UserError


class ConflictOfInterestView(BrowserView):
    """Form: the expert confirms having no conflict of interest."""

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("confirm"):
            CheckAuthenticator(self.request)
            try:
                reviews.declare_no_conflict(
                    self.context, self.userid, self.request.form.get("statement", "")
                )
            except UserError as error:
                api.portal.show_message(
                    error.translate(self.request), self.request, type="error"
                )
                return self.index()
            api.portal.show_message(
                translate(
                    _(
                        "msg_conflict_declared",
                        default="Ihre Erklärung ist gespeichert. Sie können das "
                        "Gutachten einreichen.",
                    ),
                    context=self.request,
                ),
                self.request,
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
