"""Failed logins slow down; a password reset does not tell who is a member.

After ``PAIR_LIMIT`` failed logins for one login name from one address, or
``ADDRESS_LIMIT`` from one address for any names, within ``WINDOW`` seconds,
every further login attempt of that pair or address is refused for a while:
``BLOCK`` seconds, doubled with each failure while blocked, at most
``MAX_BLOCK``. The refusal (429, a German message) comes whatever the
password, so guessing on learns nothing; a successful login clears the
pair's count. Counting by pair and address, not by login name alone, keeps
a stranger from locking someone else out.

A request for a password reset mail (the form ``mail_password`` and REST
``@users/<name>/reset-password``) answers alike whether or not the login
name exists (``send_reset_mail``); Plone's own said "could not be found".

Every way of logging in counts: the login form (``__ac_name``), HTTP basic
authentication and the REST ``@login`` service. The counts live in the
memory of each process (a GET never writes to the database); in the
cluster mode each process counts for itself, so an attacker gets at most
twice the tries.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from plone import api
from plone.rest.interfaces import IAPIRequest
from Products.CMFPlone.browser.login.mail_password import MailPasswordView
from zExceptions import HTTPTooManyRequests
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.security.ratelimit import RateLimiter
from zumo.policy.security.refusals import refusal_page

import json
import logging
import math


logger = logging.getLogger(__name__)


PAIR_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = 15 * 60
BLOCK = 60
MAX_BLOCK = 15 * 60
#: The most pairs and addresses remembered (the oldest are forgotten).
MAX_ENTRIES = 50_000


class TooManyRequests(HTTPTooManyRequests):
    """429 (Zope finds the status by the class name)."""

    def __init__(self, seconds):
        self.seconds = seconds
        minutes = max(1, math.ceil(seconds / 60))
        super().__init__(
            translated(
                _(
                    "error_too_many_logins",
                    default="Zu viele fehlgeschlagene Anmeldeversuche. Bitte "
                    "warten Sie ${minutes} Minute(n) und versuchen Sie es dann "
                    "erneut.",
                    mapping={"minutes": minutes},
                ),
            )
        )


class TooManyRequestsView:
    """The page of a refused login: 429, ``Retry-After`` and the German
    message, on a page of its own (the login form would only invite the
    next try)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def render(self):
        """The HTML page."""
        response = self.request.response
        response.setStatus(429)
        response.setHeader("Retry-After", str(math.ceil(self.context.seconds)))
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            return json.dumps(
                {"type": "TooManyRequests", "message": str(self.context)},
                ensure_ascii=False,
            )
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = translated(
            _("title_too_many_logins", default="Anmeldung vorübergehend gesperrt"),
        )
        return refusal_page(self, title, str(self.context))


#: Failed logins per pair and per address.
THROTTLE = RateLimiter(WINDOW, MAX_ENTRIES, block=BLOCK, max_block=MAX_BLOCK)


def _address(request):
    return request.getClientAddr() or "unknown"


def _basic_login(request):
    """The login name of HTTP basic authentication, or ``None``."""
    if not (request._auth and request._auth.lower().startswith("basic ")):
        return None
    try:
        name, _password = request._authUserPW()
    except Exception:  # a malformed header: Zope treats it as no login
        return None
    return (name or "").strip().lower() or None


def attempted_login(request):
    """The login name this request tries to log in with, or ``None``."""
    form = request.form
    name = form.get("__ac_name")
    if isinstance(name, str) and "__ac_password" in form:
        return name.strip().lower()
    name = _basic_login(request)
    if name is not None:
        return name
    if request.get("REQUEST_METHOD") == "POST" and request.get(
        "PATH_INFO", ""
    ).endswith("/@login"):
        try:
            data = json.loads(request.get("BODY") or b"{}")
        except ValueError:
            return None
        name = data.get("login") if isinstance(data, dict) else None
        return name.strip().lower() if isinstance(name, str) else None
    return None


def _keys(request, name):
    address = _address(request)
    return ("pair", address, name), ("address", address)


def _wait(request, name):
    return max(THROTTLE.blocked(key) for key in _keys(request, name))


def ignore_blocked_basic_auth(event):
    """Drop HTTP basic credentials of a blocked pair or address before they
    are checked (subscriber of ``IPubStart``): the request goes on as an
    anonymous one, so a right password and a wrong one answer alike."""
    request = event.request
    name = _basic_login(request)
    if name is not None and _wait(request, name):
        request._auth = None
        request.environ["zumo.login.refused"] = name


def refuse_while_blocked(event):
    """Refuse a login attempt while its pair or address is blocked
    (subscriber of ``IPubAfterTraversal``), whatever its password."""
    request = event.request
    name = request.environ.get("zumo.login.refused") or attempted_login(request)
    if name is None:
        return
    wait = _wait(request, name)
    if wait:
        request.environ["zumo.login.refused"] = name
        raise TooManyRequests(wait)


def outcome(request, name, exc_info=None):
    """Whether the attempt to log in as ``name`` succeeded (``True``), failed
    (``False``) or was never decided (``None``).

    Zope checks credentials only where the published object asks for them:
    a public file or page served to a client that sends basic
    authentication leaves the user anonymous without refusing anything.
    So basic authentication fails only when the request was refused for
    want of a login (``Unauthorized``); the login form fails when the user
    is still anonymous after it, as Plone's form itself decides; REST
    ``@login`` by its answer.
    """
    if request.get("PATH_INFO", "").endswith("/@login"):
        status = request.response.getStatus()
        return True if status == 200 else False if status == 401 else None
    user = getSecurityManager().getUser()
    login = ((user.getUserName() if user is not None else "") or "").lower()
    if login == name:
        return True
    if "__ac_password" in request.form:
        return False
    if exc_info is not None and issubclass(exc_info[0], Unauthorized):
        return False
    return None


def count_attempt(event):
    """Count the outcome of a login attempt (subscriber of
    ``IPubBeforeCommit`` and ``IPubBeforeAbort``)."""
    request = event.request
    if request.environ.get("zumo.login.refused"):
        return
    name = attempted_login(request)
    if name is None:
        return
    pair, address = _keys(request, name)
    succeeded = outcome(request, name, getattr(event, "exc_info", None))
    if succeeded:
        THROTTLE.succeed(pair)
    elif succeeded is False:
        THROTTLE.fail(pair, PAIR_LIMIT)
        THROTTLE.fail(address, ADDRESS_LIMIT)


def send_reset_mail(context, login, request):
    """Mail ``login``'s member a password reset link if there is one that may
    reset its password; say nothing about it either way (logged only)."""
    registration = api.portal.get_tool("portal_registration")
    try:
        registration.mailPassword(login, request)
    except (ValueError, Unauthorized) as error:
        logger.info("No password reset mail for %r: %s", login, error)
        return False
    return True


class ZumoMailPasswordView(MailPasswordView):
    """The form's ``mail_password``: the same confirmation page whether or
    not the login name exists. Only the form's POST asks for a mail: a GET
    writes nothing (a reset request is stored), and plone.protect would
    answer a member's writing GET with a redirect that only an existing
    login name causes."""

    def __call__(self):
        """Send the mail if possible (POST); show the confirmation page."""
        if self.request.method == "POST":
            send_reset_mail(
                self.context, self.request.form.get("userid", ""), self.request
            )
        return api.content.get_view(
            "mail_password_response", self.context, self.request
        )()
