"""The forms at ``/mitmachen`` as people see them (see ``zumo.policy.forms.mitmachen``)."""

from collective.easyform.browser.view import EasyFormFormEmbedded
from collective.easyform.browser.view import EasyFormView
from plone import api
from zExceptions import Unauthorized


def _ask_to_log_in():
    """Anonymous visitors go to the login form first (and come back)."""
    if api.user.is_anonymous():
        raise Unauthorized("Bitte melden Sie sich an.")


class LoginRequiredFormView(EasyFormView):
    """easyform's page, for logged-in people only."""

    def __call__(self):
        """Ask anonymous visitors to log in, else show the form."""
        _ask_to_log_in()
        return super().__call__()


class LoginRequiredEmbeddedForm(EasyFormFormEmbedded):
    """easyform's embedded form, for logged-in people only."""

    def __call__(self):
        """Ask anonymous visitors to log in, else render the form."""
        _ask_to_log_in()
        return super().__call__()
