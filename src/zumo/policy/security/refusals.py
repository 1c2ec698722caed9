"""Refusals in German: the page in the site's layout that a refused
request shows, and the answers to unreadable input. A REST body that is not
JSON and a search term the text index cannot parse answer 400 with a German
message (plone.restapi let both through as server errors), and so does a
search criterion whose value its index cannot take (a date that is none);
a malformed batch parameter too. A date no date parser reads (also as a
search criterion, refused before the catalog sees it), a search term
the text index cannot parse and a request value that is not UTF-8 answer
400 in the Classic UI as well, with the German message on the refusal page
(they ended in server errors in Plone's search, listings and forms).
"""

from DateTime.interfaces import DateTimeError
from plone import api
from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from zExceptions import BadRequest
from ZODB.POSException import ConflictError
from zope.publisher.interfaces.browser import IBrowserView
from zumo.content.i18n import translated
from zumo.content.search.query import NO_WORD
from zumo.policy import _
from zumo.policy import logger

import html
import json


#: German messages for input that plone.restapi let through as server
#: errors, by the exception's class name.
BAD_INPUT = {
    "DeserializationError": _(
        "error_rest_not_json",
        default="Der Inhalt der Anfrage ist kein gültiges JSON-Objekt.",
    ),
    "ParseError": NO_WORD,
    # A date criterion of a search (BadDate) and a date Zope's ``:date``
    # converter could not read.
    "DateTimeError": _(
        "error_date_value",
        default="Diese Datumsangabe ist ungültig. Bitte geben Sie Daten als "
        "JJJJ-MM-TT an.",
    ),
    "UnreadableInput": _(
        "error_not_utf8",
        default="Die Anfrage enthält Zeichen, die nicht gelesen werden können "
        "(kein gültiges UTF-8).",
    ),
    "QueryParsingError": _(
        "error_search_value",
        default="Nach diesem Wert kann nicht gesucht werden. Bitte geben Sie "
        "Daten als JJJJ-MM-TT an und Ja/Nein-Angaben als true oder false.",
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
        title = translated(_("title_bad_request", default="Ungültige Anfrage"))
        back = translated(
            _("link_without_batch", default="Zur Seite ohne diese Angabe")
        )
        return refusal_page(self, title, message, (target, back))


class UnreadableInput(BadRequest):
    """A request value that is not UTF-8 (400)."""


class BadDate(BadRequest, DateTimeError):
    """A date criterion of a search that is no date (400)."""


class BadInputView:
    """The answer to input that cannot be read: 400 and the German message
    of ``BAD_INPUT`` for the error or the nearest of its base classes, as
    JSON for the REST API and as the refusal page for browsers, with a link
    to the same address without the query (exception view)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def render(self):
        """The JSON answer or the HTML page."""
        message = next(
            BAD_INPUT[cls.__name__]
            for cls in type(self.context).__mro__
            if cls.__name__ in BAD_INPUT
        )
        if IAPIRequest.providedBy(self.request):
            return _bad_request_json(self.request, translated(message))
        response = self.request.response
        response.setStatus(400, lock=1)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = translated(_("title_bad_request", default="Ungültige Anfrage"))
        back = translated(
            _("link_without_batch", default="Zur Seite ohne diese Angabe")
        )
        target = self.request.get("ACTUAL_URL", "")
        return refusal_page(self, title, translated(message), (target, back))
