"""The edges around the permissions: what every request and response gets.

* **Security headers** on every answer of the site (pages, files, REST,
  errors): a Content-Security-Policy that the Classic UI works under,
  ``X-Content-Type-Options``, ``Referrer-Policy``, framing only by the site
  itself, a ``Permissions-Policy``. A header the answer set itself (a file
  download's own policy) is kept. ``zumo.policy.security.wsgi`` drops
  ``X-Powered-By``.
  HTTPS deployments add ``Strict-Transport-Security`` at the proxy that holds
  the certificate (docs/reliability.md).
* **Limits**: batch sizes (``b_size``, also in a REST query's JSON body)
  are capped at ``MAX_BATCH``; ``++api++`` twice in a path is not found
  (plone.rest redirected it). Oversized bodies and query strings are
  refused before Zope reads them (``zumo.policy.security.wsgi``).
* **``++api++`` is a REST request from the start**: plone.rest marks it
  only when traversal reaches ``++api++``, too late for Zope, which by then
  has taken a PATCH, PUT or DELETE for a WebDAV request (a PATCH without an
  ``Accept`` header failed with a server error).
* **Unreadable input is a bad request**: a REST body that is not JSON and a
  search term the text index cannot parse answer 400 with a German message
  (plone.restapi let both through as server errors).
* **REST writes take JSON only**: a POST, PUT or PATCH to the REST API must
  say ``Content-Type: application/json``. Browsers send other types
  cross-site without asking first ("simple requests"), with the visitor's
  cookie; such a request now writes nothing.
* **Conflicts are retried cleanly**: a request that met a concurrent
  change is run again by Zope (``max-conflict-retries``, 6 in
  ``instance/zope.conf.in``, after a random pause that doubles with each
  try); the failed attempt leaves the site first, so ending it cannot fail.

Every refusal has a German message; REST clients get it as JSON.
"""

from plone import api
from plone.registry.interfaces import IRegistry
from plone.rest.events import mark_as_api_request
from plone.rest.interfaces import IAPIRequest
from plone.rest.service import Service
from plone.rest.traverse import MarkAsRESTTraverser
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from zExceptions import BadRequest
from zExceptions import HTTPUnsupportedMediaType
from zExceptions import NotFound
from ZODB.POSException import ConflictError
from zope.component import queryUtility
from zope.component.hooks import setSite
from zope.i18n import translate
from zope.publisher.interfaces.browser import IBrowserView
from zumo.policy import _
from zumo.policy import logger

import html
import json


#: The most items one page of a listing or a REST answer holds.
MAX_BATCH = 100
#: Methods that write through the REST API and so must send JSON.
WRITE_METHODS = {"POST", "PUT", "PATCH"}
#: Body types a REST write may have: JSON, and the chunks of a resumable
#: upload (plone.restapi's TUS, which browsers never send cross-site
#: without asking first).
REST_BODY_TYPES = {"application/json", "application/offset+octet-stream"}

#: Headers every answer gets unless it set its own.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: The Content-Security-Policy: scripts only from the site's own files (no
#: inline script, no event handler attributes, no ``javascript:`` URLs),
#: nothing embedded from elsewhere, no plugins, forms only to the site.
#: Plone's folder contents compile their templates at run time (mockup's
#: structure pattern uses underscore's ``_.template``), so the site's own
#: scripts may evaluate strings (``'unsafe-eval'``); injected markup still
#: cannot run. Styles may be inline (the visual editor and Plone's widgets
#: set style attributes); images may come from the map's tile server.
CSP = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def _german(message, request=None):
    return translate(message, context=request, target_language="de")


def content_security_policy(tiles=""):
    """The CSP header value; ``tiles`` (the map's tile address) may serve
    images."""
    policy = dict(CSP)
    parts = urlsplit(tiles)
    if parts.scheme in ("http", "https") and parts.netloc:
        policy["img-src"] += f" {parts.scheme}://{parts.netloc}"
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def add_security_headers(event):
    """Give the answer the security headers it has not set itself
    (subscriber of ``IPubBeforeCommit`` and ``IPubBeforeAbort``)."""
    response = event.request.response
    for name, value in HEADERS.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
    if not response.getHeader("Content-Security-Policy"):
        # Outside the site (Zope's root, its own pages) there is no registry.
        registry = queryUtility(IRegistry)
        tiles = registry.get("zumo.map.tile_url", "") if registry is not None else ""
        response.setHeader(
            "Content-Security-Policy", content_security_policy(tiles or "")
        )


def _capped(value):
    """``value`` as a batch size within ``MAX_BATCH`` (``None``: leave it)."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return None
    return MAX_BATCH if size > MAX_BATCH or size < 1 else None


def _refuse_bad_batch(request):
    """A ``b_start`` or ``b_size`` that is not one whole number is refused
    (plone.restapi failed on a repeated ``b_start`` with a server error)."""
    for name in ("b_start", "b_size"):
        if name not in request.form:
            continue
        value = request.form[name]
        try:
            valid = not isinstance(value, list | tuple | dict) and int(value) >= 0
        except (TypeError, ValueError):
            valid = False
        if not valid:
            raise BadBatch(
                _german(
                    _(
                        "error_batch_parameter",
                        default="Ungültige Angabe für ${name}: bitte eine "
                        "ganze Zahl ab 0.",
                        mapping={"name": name},
                    ),
                    request,
                )
            )


def cap_batches(request):
    """Refuse a malformed batch and cap ``b_size`` in the query or form and
    in a REST query's JSON body."""
    _refuse_bad_batch(request)
    if "b_size" in request.form:
        capped = _capped(request.form["b_size"])
        if capped is not None:
            request.form["b_size"] = capped
            request.other["b_size"] = capped
    if not _rest_service(request):
        return
    body = request.get("BODY")
    if not body or b"b_size" not in body:
        return
    try:
        data = json.loads(body)
    except ValueError:
        return  # the service reports the bad JSON itself
    if isinstance(data, dict) and _capped(data.get("b_size")) is not None:
        data["b_size"] = MAX_BATCH
        request.other["BODY"] = json.dumps(data).encode("utf-8")


class UnsupportedMediaType(HTTPUnsupportedMediaType):
    """415 (Zope finds the status by the class name)."""


def _rest_service(request):
    """Whether the request calls a REST service (plone.rest marks requests
    that accept JSON as API requests even on the way to a Classic view)."""
    return IAPIRequest.providedBy(request) and isinstance(
        request.get("PUBLISHED"), Service
    )


def require_json_writes(request):
    """Refuse a REST write whose body is not JSON."""
    if not _rest_service(request):
        return
    if request.get("REQUEST_METHOD") not in WRITE_METHODS:
        return
    media_type = (request.getHeader("Content-Type") or "").split(";")[0]
    if media_type.strip().lower() in REST_BODY_TYPES:
        return
    raise UnsupportedMediaType(
        _german(
            _(
                "error_rest_json_only",
                default="Schreibende Anfragen an die REST-API brauchen einen "
                "JSON-Inhalt (Content-Type: application/json).",
            ),
            request,
        )
    )


def guard_request(event):
    """Limits and the REST rules after traversal, before anything is called
    (subscriber of ``IPubAfterTraversal``)."""
    require_json_writes(event.request)
    cap_batches(event.request)


def mark_api_path(event):
    """Mark a request whose path holds ``++api++`` as a REST request before
    traversal, as plone.rest does for an ``Accept: application/json``
    header (subscriber of ``IPubStart``)."""
    request = event.request
    if IAPIRequest.providedBy(request):
        return
    if "/++api++" in (request.get("PATH_INFO") or ""):
        mark_as_api_request(request, "application/json")


#: German messages for input that plone.restapi let through as server
#: errors, by the exception's class name.
BAD_INPUT = {
    "DeserializationError": _(
        "error_rest_not_json",
        default="Der Inhalt der Anfrage ist kein gültiges JSON-Objekt.",
    ),
    "ParseError": _(
        "error_search_term",
        default="Nach diesem Suchbegriff kann nicht gesucht werden. Bitte "
        "geben Sie ein Wort mit Buchstaben oder Ziffern ein.",
    ),
}


class _Refusal(BrowserView):
    """The site's page around a refusal (``templates/refusal.pt``)."""

    index = ViewPageTemplateFile("../browser/templates/refusal.pt")


def refusal_page(view, title, message, link=None):
    """The page for a request refused by the exception view ``view``:
    ``title``, ``message`` and, if given, a ``(url, text)`` link onwards
    (all German), in the site's layout; a bare page should the layout
    itself fail."""
    request = view.request
    context = getattr(view, "__parent__", None)
    while IBrowserView.providedBy(context):  # a form, say: its object
        context = context.context
    if not hasattr(context, "aq_chain"):
        context = api.portal.get()
    request.set("disable_border", True)
    request.set("disable_plone.leftcolumn", True)
    request.set("disable_plone.rightcolumn", True)
    try:
        return _Refusal(context, request).index(title=title, message=message, link=link)
    except ConflictError:
        raise
    except Exception:
        logger.exception("Refusal page in the site's layout failed")
    onwards = ""
    if link:
        onwards = f'<p><a href="{html.escape(link[0])}">{html.escape(link[1])}</a></p>'
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p>{onwards}"
        "</main></body></html>"
    )


def _bad_request_json(request, message):
    """Answer 400 with ``message`` as the REST API's JSON error."""
    response = request.response
    response.setStatus(400, lock=1)
    response.setHeader("Content-Type", "application/json")
    return json.dumps({"type": "BadRequest", "message": message}, ensure_ascii=False)


class BadBatch(BadRequest):
    """A ``b_start`` or ``b_size`` that is not one whole number (400)."""


class BadBatchView:
    """The answer to a malformed batch parameter: 400 and the German
    message, as JSON for the REST API and as a page with a link to the
    same address without the parameter for browsers."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def render(self):
        """The JSON answer or the HTML page."""
        message = str(self.context)
        if IAPIRequest.providedBy(self.request):
            return _bad_request_json(self.request, message)
        response = self.request.response
        response.setStatus(400, lock=1)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        query = urlencode(
            [
                (name, value)
                for name, value in parse_qsl(self.request.get("QUERY_STRING", ""))
                if name not in ("b_start", "b_size")
            ]
        )
        target = self.request.get("ACTUAL_URL", "") + (f"?{query}" if query else "")
        title = _german(_("title_bad_request", default="Ungültige Anfrage"),
                        self.request)  # fmt: skip
        back = _german(
            _("link_without_batch", default="Zur Seite ohne diese Angabe"),
            self.request,
        )
        return refusal_page(self, title, message, (target, back))


class BadInputView:
    """A REST answer to input that cannot be read: 400 and the German
    message, as JSON (exception view for the errors in ``BAD_INPUT``)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def render(self):
        """The JSON answer."""
        message = BAD_INPUT[type(self.context).__name__]
        return _bad_request_json(self.request, _german(message, self.request))


class SingleAPITraverser(MarkAsRESTTraverser):
    """The ``++api++`` namespace, once per path.

    plone.rest redirects ``/++api++/++api++/…`` to a single ``++api++``; a
    path that repeats it is made by nobody but a crawler or an attacker, and
    each repetition costs a traversal, so it is not found.
    """

    def traverse(self, name, subpath):
        """Mark the request as a REST request, unless ``++api++`` repeats."""
        if self.request.get("ACTUAL_URL", "").count("/++api++") > 1:
            raise NotFound(
                _german(
                    _(
                        "error_api_repeated",
                        default="Diese Adresse gibt es nicht: ++api++ darf nur "
                        "einmal vorkommen.",
                    ),
                    self.request,
                )
            )
        return super().traverse(name, subpath)


def forget_site_before_retry(event):
    """Leave the site before Zope runs a conflicting request again
    (subscriber of ``IPubFailure``).

    Zope closes the failed attempt's database connection and only then ends
    the request, whose subscribers are looked up in the site's component
    registry; a registry object the conflict turned into a ghost cannot be
    loaded any more from the closed connection, and the user got a 500
    instead of the retry. Without a site the lookup stays in the global
    registry; the retried request enters the site again while traversing.
    """
    if event.retry:
        setSite(None)
