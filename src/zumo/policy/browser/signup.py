"""The sign-up form: a full name and an e-mail address, and the same
answer whether or not the address belongs to a member; the page of the
confirmation link that makes the account (:mod:`zumo.policy.signup.accounts`);
the welcome: the new member sets a password on a page worded for a new
account (Plone's password reset underneath) and lands, logged in, on a
page that says what they can do now."""

from copy import copy
from plone import api
from plone.app.users.browser.register import RegistrationForm as BaseForm
from plone.app.users.utils import notifyWidgetActionExecutionError
from plone.protect import CheckAuthenticator
from Products.CMFPlone.browser.login.password_reset import PasswordResetView
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import button
from zExceptions import Unauthorized
from zumo.policy import _
from zumo.policy.signup import accounts


class SignupForm(BaseForm):
    """Plone's registration form, for signing up without a user name to
    choose: the e-mail address is the login name, the user id comes from
    the full name."""

    def update(self):
        """Forget a ``came_from`` that leads out of the site: the form would
        carry it along in a hidden field."""
        came_from = self.request.form.get("came_from")
        if came_from and not api.portal.get_tool("portal_url").isURLInPortal(came_from):
            del self.request.form["came_from"]
        super().update()

    def updateFields(self):
        """Plone's fields without ``username``; the full name is required."""
        super().updateFields()
        if not self.showForm:
            return
        self.fields = self.fields.omit("username")
        for name, required, description in (
            ("fullname", True, _(
                "registration_help_name",
                default="So erscheinen Sie bei Ihren Beiträgen und Kommentaren.",
            )),
            ("email", True, _(
                "registration_help_email",
                default="Mit dieser Adresse melden Sie sich an. Wir schicken "
                "Ihnen einen Link, mit dem Sie Ihr Passwort festlegen.",
            )),
        ):  # fmt: skip
            if name in self.fields:
                field = copy(self.fields[name].field)
                field.required = required
                field.description = description
                self.fields[name].field = field

    @button.buttonAndHandler(_("registration_button", default="Registrieren"),
                             name="register")  # fmt: skip
    def action_join(self, action):
        """Register (or mail the member who has the address); show the same
        page either way."""
        CheckAuthenticator(self.request)
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            accounts.sign_up(self.request, data.get("email"), data.get("fullname"))
        except accounts.SignupError as error:
            notifyWidgetActionExecutionError(action, error.field, str(error))
            self.status = self.formErrorsMessage
            return
        self._finishedRegister = True
        # On to the page that says a mail is on its way (a GET, so reloading
        # it sends nothing).
        portal_url = api.portal.get().absolute_url()
        self.request.response.redirect(f"{portal_url}/@@{accounts.SENT_VIEW}")

    def render(self):
        """The form, or nothing after the redirect."""
        if self._finishedRegister:
            return ""
        return super().render()


class ConfirmView(BrowserView):
    """The page of the link from the sign-up mail: it names the
    account to be made and makes it on the button (a GET writes nothing),
    then leads on to setting the password."""

    error = None
    exists = False

    def __call__(self):
        """Show the page; on POST make the account and redirect."""
        self.token = self.request.form.get("token", "")
        try:
            self.email, self.fullname = accounts.read_token(self.token)
        except accounts.SignupError as error:
            self.error = str(error)
            return self.index()
        if self.request.method == "POST" and self.request.form.get("confirm"):
            CheckAuthenticator(self.request)
            userid = accounts.confirm(self.request, self.token)
            if userid is not None:
                self.request.response.redirect(accounts.password_url(userid))
                return ""
            self.exists = True
        return self.index()


class WelcomePasswordView(PasswordResetView):
    """``@@konto-einrichten?key=…&userid=…``: a new member sets their first
    password. Plone's password reset (the same key, the same checks),
    worded for a new account; afterwards the member is logged in and lands
    on the welcome page, not on "Passwort zurücksetzen"."""

    form = ViewPageTemplateFile("templates/signup_password.pt")

    def finish(self):
        """Log the new member in (Plone does so only if the site asks)."""
        return self._auto_login(
            self.request.form.get("userid"), self.request.form.get("password")
        )

    def redirect_after_login(self, came_from=None, is_initial_login=False):
        """On to the welcome page, with a message about the new account
        (instead of Plone's about a reset password)."""
        messages = IStatusMessage(self.request)
        messages.show()
        messages.add(
            _("welcome_password_set",
              default="Ihr Passwort ist festgelegt, Sie sind angemeldet."),
            "info",
        )  # fmt: skip
        portal_url = api.portal.get().absolute_url()
        self.request.response.redirect(f"{portal_url}/@@{accounts.WELCOME_VIEW}")


class WelcomeView(BrowserView):
    """``@@willkommen``: what a new member can do now, with the links to Mein
    Netzwerk, their profile and notifications, and the practice examples."""

    def __call__(self):
        """Ask anonymous visitors to log in, else render."""
        if api.user.is_anonymous():
            raise Unauthorized("Bitte melden Sie sich an.")
        return self.index()

    def fullname(self):
        """The member's name for the greeting (the one given when signing up)."""
        member = api.user.get_current()
        return member.getProperty("fullname") or member.getUserName()
