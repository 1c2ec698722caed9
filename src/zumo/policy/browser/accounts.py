"""Accounts in the browser: the personal information form, whose change of
one's own e-mail address waits for the new mailbox, the page of the link
that confirms it (:mod:`zumo.policy.signup.addresses`), and the author
pages, which only those who manage users see.

Plone's personal information and preferences forms take another member's
``userid``; for those who may not manage users they answered 404 for a
missing account and showed an existing one's name (and a server error on
the preferences). Here every other ``userid`` is the same 404 for them.

The three tabs of the account panel (information, preferences, password)
are all headed by the member's name; each says its tab's name in the
browser title (``page_title``, read by :mod:`zumo.policy.browser.titles`).
"""

from pathlib import Path
from plone import api
from plone.app.users.browser.passwordpanel import PasswordPanel
from plone.app.users.browser.personalpreferences import PersonalPreferencesPanel
from plone.app.users.browser.userdatapanel import UserDataPanel
from plone.protect import CheckAuthenticator
from plone.restapi.permissions import PloneManageUsers
from Products.CMFPlone.browser import author as plone_author
from Products.CMFPlone.browser.author import AuthorView as BaseAuthorView
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.signup import accounts
from zumo.policy.signup import addresses


def manages_users():
    """Whether the current user may manage users (Plone's permission)."""
    return bool(api.user.has_permission(PloneManageUsers, obj=api.portal.get()))


class AccountTab:
    """A tab of the account panel: its browser title names the tab."""

    #: The tab's name.
    tab = None

    def page_title(self):
        """ "<tab>: <member's name>" (the heading is the name alone)."""
        return f"{translated(self.tab, self.request)}: {self.label}"


class ChangePassword(AccountTab, PasswordPanel):
    """Plone's ``@@change-password``."""

    tab = _("tab_change_password", default="Passwort ändern")


class OwnAccountOnly:
    """A form of Plone's account panel that names another member only for
    those who manage users: for everybody else any other ``userid``
    answers the same 404, whether or not the account exists."""

    def __call__(self):
        """404 for another member's ``userid`` unless one manages users."""
        userid = self.request.form.get("userid")
        if userid and userid != api.user.get_current().getId() and not manages_users():
            raise NotFound("userid")
        return super().__call__()


class PersonalInformation(AccountTab, OwnAccountOnly, UserDataPanel):
    """Plone's ``@@personal-information``: a member's new address of their
    own is mailed a confirmation link instead of being set; another
    member's only for those who manage users."""

    tab = _("tab_personal_information", default="Persönliche Informationen")

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


class PersonalPreferences(AccountTab, OwnAccountOnly, PersonalPreferencesPanel):
    """Plone's ``@@personal-preferences``; another member's only for those
    who manage users."""

    tab = _("tab_personal_preferences", default="Persönliche Einstellungen")


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
        if not manages_users():
            raise NotFound(self.username or "author")
        return super().__call__()
