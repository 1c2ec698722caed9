"""Plone's "send this page" form (``sendto_form``) is no mail relay.

It mails free text under the site's sender address to any address the
sender types. The permission ``Allow sendto`` is therefore given to
managers and site administrators only (``rolemap.xml``; Plone gives it to
every member), which hides the action from everybody else, and what they
send is limited: ``SENDTO_LIMIT`` mails per user within ``SENDTO_WINDOW``
seconds (:class:`~zumo.policy.security.ratelimit.RateLimiter`, in the
memory of each process).
"""

from AccessControl import getSecurityManager
from Products.CMFPlone.browser.sendto import SendToForm
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import button
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.security.ratelimit import RateLimiter


SENDTO_LIMIT = 10
SENDTO_WINDOW = 60 * 60
#: The most senders remembered.
MAX_SENDERS = 1_000

#: Mails sent per user.
limiter = RateLimiter(SENDTO_WINDOW, MAX_SENDERS)


class ZumoSendToForm(SendToForm):
    """``sendto_form`` with a limit on the mails each user sends."""

    @button.buttonAndHandler(_("label_send", default="Senden"), name="send")
    def handle_send(self, action):
        """Send the mail unless the user sent too many lately."""
        sender = getSecurityManager().getUser().getId()
        if not limiter.allow(sender, SENDTO_LIMIT):
            IStatusMessage(self.request).addStatusMessage(
                translated(
                    _(
                        "error_sendto_limit",
                        default="Sie haben in kurzer Zeit zu viele Seiten per "
                        "E-Mail versendet. Bitte versuchen Sie es später noch "
                        "einmal.",
                    ),
                    self.request,
                ),
                type="error",
            )
            return
        SendToForm.handle_send(self, action)
