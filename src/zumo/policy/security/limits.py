"""The limits of what a request may ask.

* **Batches**: batch sizes (``b_size``, also in a REST query's JSON body)
  are capped at ``MAX_BATCH``; ``++api++`` twice in a path is not found
  (plone.rest redirected it). Oversized bodies and query strings are
  refused before Zope reads them (``zumo.policy.security.wsgi``).
* **``++api++`` is a REST request from the start**: plone.rest marks it
  only when traversal reaches ``++api++``, too late for Zope, which by then
  has taken a PATCH, PUT or DELETE for a WebDAV request (a PATCH without an
  ``Accept`` header failed with a server error).
* **REST writes take JSON only**: a POST, PUT or PATCH to the REST API must
  say ``Content-Type: application/json``. Browsers send other types
  cross-site without asking first ("simple requests"), with the visitor's
  cookie; such a request now writes nothing.
* **Values are text**: a query or form value that is not UTF-8 (Zope
  keeps such bytes as surrogates, which failed later as server errors in
  Plone's search and templates) is refused with 400.
* **Dates are dates**: a value for a date index of the catalog
  (``effective=gestern``, ``start=2024-13-45``) that is no date is refused
  with 400 before the catalog sees it; Plone's search pages and
  plone.restapi's ``@search`` failed on it with server errors.
* **Conflicts are retried cleanly**: a request that met a concurrent
  change is run again by Zope (``max-conflict-retries``, 6 in
  ``instance/zope.conf.in``, after a random pause that doubles with each
  try); the failed attempt leaves the site first, so ending it cannot fail.

Every refusal has a German message (:mod:`zumo.policy.security.refusals`).
"""

from DateTime import DateTime
from DateTime.interfaces import DateTimeError
from plone.rest.events import mark_as_api_request
from plone.rest.interfaces import IAPIRequest
from plone.rest.service import Service
from plone.rest.traverse import MarkAsRESTTraverser
from Products.CMFCore.utils import getToolByName
from zExceptions import HTTPUnsupportedMediaType
from zExceptions import NotFound
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from ZPublisher.HTTPRequest import record
from zumo.content.browser.batching import number
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.security.refusals import BadBatch
from zumo.policy.security.refusals import BadDate
from zumo.policy.security.refusals import UnreadableInput

import json
import re


#: The most items one page of a listing or a REST answer holds.
MAX_BATCH = 100
#: Methods that write through the REST API and so must send JSON.
WRITE_METHODS = {"POST", "PUT", "PATCH"}
#: Body types a REST write may have: JSON, and the chunks of a resumable
#: upload (plone.restapi's TUS, which browsers never send cross-site
#: without asking first).
REST_BODY_TYPES = {"application/json", "application/offset+octet-stream"}


def _capped(value):
    """``value`` as a batch size within ``MAX_BATCH`` (``None``: leave it)."""
    size = number(value)
    if size is None:
        return None
    return MAX_BATCH if size > MAX_BATCH or size < 1 else None


def _refuse_bad_batch(request):
    """A ``b_start`` or ``b_size`` that is not one whole number is refused
    (plone.restapi failed on a repeated ``b_start`` with a server error)."""
    for name in ("b_start", "b_size"):
        if name not in request.form:
            continue
        value = number(request.form[name])
        if value is None or value < 0:
            raise BadBatch(
                translated(
                    _(
                        "error_batch_parameter",
                        default="Ungültige Angabe für ${name}: bitte eine "
                        "ganze Zahl ab 0.",
                        mapping={"name": name},
                    ),
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


#: The surrogates Zope decodes bytes that are not UTF-8 to (PEP 383).
SURROGATES = re.compile("[\udc80-\udcff]")


def _texts(value):
    """The strings in a form value (lists, tuples and records unpacked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, record):
        for item in value.values():
            yield from _texts(item)


def refuse_unreadable_input(request):
    """Refuse a request whose form names or values are not UTF-8."""
    for name, value in request.form.items():
        for text in (name, *_texts(value)):
            if SURROGATES.search(text):
                raise UnreadableInput(name)


#: The kinds of catalog index that hold dates.
DATE_INDEXES = {"DateIndex", "DateRangeIndex", "DateRecurringIndex"}


def _date_criteria(request):
    """``{index name: [values]}`` of the form's criteria for an index, with
    the value given plainly (``effective=…``), as a REST query's dotted name
    (``effective.query=…``) or as a record (``effective.query:record=…``)."""
    criteria = {}
    for key, value in request.form.items():
        name, _dot, option = key.partition(".")
        if option not in ("", "query"):
            continue
        if isinstance(value, record):
            value = value.get("query")
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        criteria.setdefault(name, []).extend(values)
    return criteria


def refuse_bad_dates(request):
    """Refuse a criterion for a date index whose value is not a date."""
    criteria = _date_criteria(request)
    catalog = getToolByName(getSite(), "portal_catalog", None) if criteria else None
    if catalog is None:
        return
    dates = {
        index.getId()
        for index in catalog.getIndexObjects()
        if index.meta_type in DATE_INDEXES
    }
    for name in dates & set(criteria):
        for value in criteria[name]:
            if not isinstance(value, str):
                continue
            try:
                DateTime(value)
            except DateTimeError as error:
                raise BadDate(name) from error


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
        translated(
            _(
                "error_rest_json_only",
                default="Schreibende Anfragen an die REST-API brauchen einen "
                "JSON-Inhalt (Content-Type: application/json).",
            ),
        )
    )


def guard_request(event):
    """Limits and the REST rules after traversal, before anything is called
    (subscriber of ``IPubAfterTraversal``)."""
    refuse_unreadable_input(event.request)
    refuse_bad_dates(event.request)
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
                translated(
                    _(
                        "error_api_repeated",
                        default="Diese Adresse gibt es nicht: ++api++ darf nur "
                        "einmal vorkommen.",
                    ),
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
