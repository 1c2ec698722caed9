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
name exists (:func:`zumo.policy.signup.passwords.send_reset_mail`);
Plone's own said "could not be found".

Every way of presenting a password counts against the same login name and
client, whatever the spelling of the address (virtual-host forms, trailing
slashes, ``++api++``, ``@@``): the login form's fields on any path, the
REST ``@login`` service, HTTP basic authentication on any page (public ones
included, where Zope itself checks no credentials: PAS is asked then), and
a password change that asks for the current password (``@@change-password``,
REST ``@users/<name>/reset-password`` with ``old_password``). What the
request is decides (:func:`presented`: its form fields, the published
object, its ``Authorization`` header), never its path; whether it
succeeded, the user it ends as or PAS (:func:`outcome`).

The client is ``request.getClientAddr()``: the connecting address, or
behind the cluster's proxies, which Zope trusts (``trusted-proxy`` in
``instance/zope-cluster.conf.in``), the address they forward
(``X-Forwarded-For``, set by the outermost proxy from its peer, so a
client cannot choose it). The counts live in the
memory of each process (a GET never writes to the database); in the
cluster mode each process counts for itself, so an attacker gets at most
twice the tries.
"""

from AccessControl import getSecurityManager
from plone import api
from plone.app.users.browser.passwordpanel import PasswordPanel
from plone.rest.interfaces import IAPIRequest
from plone.restapi.services.auth.login import Login as LoginService
from plone.restapi.services.users.add import UsersPost
from Products.CMFPlone.browser.login.mail_password import MailPasswordView
from zExceptions import HTTPTooManyRequests
from zope.component.hooks import getSite
from ZPublisher.interfaces import IPubBeforeCommit
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.security.passwords import upgrade_hash
from zumo.policy.security.ratelimit import RateLimiter
from zumo.policy.security.refusals import refusal_page
from zumo.policy.signup.passwords import send_reset_mail

import json
import math


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
    """The client's address: the connecting one, or behind the trusted
    proxies (Zope's ``trusted-proxy``) the one they forward."""
    return request.getClientAddr() or "unknown"


def _basic_credentials(request):
    """``(login name, password)`` of HTTP basic authentication, or ``None``."""
    if not (request._auth and request._auth.lower().startswith("basic ")):
        return None
    try:
        name, password = request._authUserPW()
    except Exception:  # a malformed header: Zope treats it as no login
        return None
    return (name, password) if name else None


def _json_body(request):
    """The request's JSON body as a dict (``{}`` if it is none)."""
    try:
        data = json.loads(request.get("BODY") or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _current_login(request):
    """The login name of the user the request is authenticated as, or ``None``."""
    user = getSecurityManager().getUser()
    if user is None or user.getUserName() == "Anonymous User":
        return None
    return user.getUserName()


def presented(request):
    """``(login name, password, kind)`` of the password this request
    presents, or ``None``.

    Decided by what the request is, whatever the spelling of its address:
    the login form's fields (Plone's cookie plugin checks them on any
    path), the published REST ``@login`` service, a password change that
    asks for the current password (the form ``@@change-password``, REST
    ``@users/<name>/reset-password`` with ``old_password``), HTTP basic
    authentication. ``kind`` is ``"change"`` for a password change (the
    user is already logged in, so only checking the password tells the
    outcome), ``"basic"`` for HTTP basic authentication, else ``"login"``.
    """
    published = request.get("PUBLISHED")
    posted = request.get("REQUEST_METHOD") == "POST"
    if posted and isinstance(published, LoginService):
        data = _json_body(request)
        name, password = data.get("login"), data.get("password")
        if isinstance(name, str) and isinstance(password, str):
            return name, password, "login"
        return None
    form = request.form
    name, password = form.get("__ac_name"), form.get("__ac_password")
    if isinstance(name, str) and isinstance(password, str):
        return name, password, "login"
    if (
        posted
        and isinstance(published, UsersPost)
        and (published.params[1:] == ["reset-password"])
    ):
        password = _json_body(request).get("old_password")
        current = _current_login(request)
        if isinstance(password, str) and password and current:
            return current, password, "change"
    if posted and isinstance(published, PasswordPanel):
        password = form.get("form.widgets.current_password")
        current = _current_login(request)
        if isinstance(password, str) and password and current:
            return current, password, "change"
    credentials = _basic_credentials(request)
    if credentials is not None:
        return (*credentials, "basic")
    return None


def attempted_login(request):
    """The login name (lower case) this request presents a password for, or
    ``None``."""
    found = presented(request)
    return found[0].strip().lower() if found is not None else None


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
    credentials = _basic_credentials(request)
    if credentials is None:
        return
    name = credentials[0].strip().lower()
    if _wait(request, name):
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
    found = presented(request)
    if found is not None and found[2] == "change":
        # Checked before the change: afterwards the old password is gone.
        request.environ["zumo.login.outcome"] = (
            authenticated(request, found[0], found[1]) is not None
        )


def user_folders(request):
    """The user folders that may know a login: the site's, then Zope's."""
    folders = []
    site = getSite()
    if site is not None:
        folders.append(site.acl_users)
    parents = request.get("PARENTS") or []
    if parents:
        folders.append(parents[-1].acl_users)
    return folders


def authenticated(request, name, password):
    """The user whose login ``name`` and ``password`` are, or ``None``: PAS
    decides, as it does for every login."""
    for folder in user_folders(request):
        user = folder.authenticate(name, password, request)
        if user is not None:
            return user
    return None


def outcome(request, name, password, kind):
    """Whether presenting ``password`` for the login ``name`` succeeded.

    Basic authentication succeeded if the request ends as that user (Zope
    checked the password). Everything else is asked of PAS: Zope checks
    credentials only where the published object asks for them, so a wrong
    basic password on a public page, or on an address that is not found,
    leaves the user anonymous without refusing anything; a REST ``@login``
    answers with a token, not as the user; and a request that carries the
    login cookie ends as its user whatever password its login form fields
    hold, so a session must not make guessing that user's password free.
    """
    if kind == "basic" and _current_login(request) == name:
        return True
    return authenticated(request, name, password) is not None


def count_attempt(event):
    """Count the outcome of a presented password (subscriber of
    ``IPubBeforeCommit`` and ``IPubBeforeAbort``); a successful login by
    POST stores a password kept in an older hash as bcrypt."""
    request = event.request
    if request.environ.get("zumo.login.refused"):
        return
    found = presented(request)
    if found is None:
        return
    name, password, kind = found
    pair, address = _keys(request, name.strip().lower())
    if outcome(request, name, password, kind):
        THROTTLE.succeed(pair)
        if (
            kind == "login"
            and request.get("REQUEST_METHOD") == "POST"
            and IPubBeforeCommit.providedBy(event)
        ):
            upgrade_hash(name, password)
    else:
        THROTTLE.fail(pair, PAIR_LIMIT)
        THROTTLE.fail(address, ADDRESS_LIMIT)


class ZumoMailPasswordView(MailPasswordView):
    """The form's ``mail_password``: the same confirmation page whether or
    not the login name exists. Only the form's POST asks for a mail: a GET
    writes nothing (a reset request is stored), and plone.protect would
    answer a member's writing GET with a redirect that only an existing
    login name causes."""

    def __call__(self):
        """Send the mail if possible (POST); show the confirmation page."""
        if self.request.method == "POST":
            send_reset_mail(self.request.form.get("userid", ""))
        return api.content.get_view(
            "mail_password_response", self.context, self.request
        )()
