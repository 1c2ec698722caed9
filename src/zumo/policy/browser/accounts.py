"""Accounts in the browser: the personal information form, whose change of
one's own e-mail address waits for the new mailbox, the page of the link
that confirms it (:mod:`zumo.policy.signup.addresses`), and the author
pages, which only those who manage users see."""

from pathlib import Path
from plone import api
from plone.app.users.browser.userdatapanel import UserDataPanel
from plone.protect import CheckAuthenticator
from plone.restapi.permissions import PloneManageUsers
from Products.CMFPlone.browser import author as plone_author
from Products.CMFPlone.browser.author import AuthorView as BaseAuthorView
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zumo.policy.signup import accounts
from zumo.policy.signup import addresses


class PersonalInformation(UserDataPanel):
    """Plone's ``@@personal-information``: a member's new address of their
    own is mailed a confirmation link instead of being set."""

    def applyChanges(self, data):
        """Apply everything but a new address of one's own; ask the new
        mailbox to confirm that and say so."""
        # The member the form edits, as Plone's adapter of the form chose it.
        member = self.schema(self.context).context
        address = data.get("email")
        if (
            address
            and not addresses.sets_directly(member)
            and addresses.differs(member, address)
        ):
            data = {name: value for name, value in data.items() if name != "email"}
            addresses.request_change(member, address)
            self.noChangesMessage = self.successMessage = addresses.sent_message()
        return super().applyChanges(data)


class ConfirmAddressView(BrowserView):
    """The page of the link in the confirmation mail: it names the new
    address and sets it on the button (a GET writes nothing)."""

    error = None
    done = False

    def __call__(self):
        """Show the page; on POST set the address."""
        self.token = self.request.form.get("token", "")
        try:
            self.member, self.email = addresses.read(self.token)
        except accounts.SignupError as error:
            self.error = str(error)
            return self.index()
        if self.request.method == "POST" and self.request.form.get("confirm"):
            CheckAuthenticator(self.request)
            try:
                addresses.confirm(self.token)
            except accounts.SignupError as error:
                self.error = str(error)
            else:
                self.done = True
        return self.index()


class AuthorView(BaseAuthorView):
    """Plone's ``/author/<id>`` (the person's name, their content and a form
    to mail them) only for those who may manage users; everybody else gets
    the same "not found" page for every id, so the page tells nobody who
    has an account and mails nobody."""

    index = ViewPageTemplateFile(
        str(Path(plone_author.__file__).parent / "templates" / "author.pt")
    )

    def __call__(self):
        """404 unless the visitor may manage users."""
        if not api.user.has_permission(PloneManageUsers, obj=api.portal.get()):
            raise NotFound(self.username or "author")
        return super().__call__()
