"""A member's own account: the personal information form, whose change of
e-mail address waits for the new mailbox, and the page of the link that
confirms it (:mod:`zumo.policy.signup.addresses`)."""

from plone.app.users.browser.userdatapanel import UserDataPanel
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
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
