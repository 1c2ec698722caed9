"""A WSGI filter in front of Zope: limits, and answers without a banner.

* A request body over ``MAX_REQUEST_BYTES`` or a query string over
  ``MAX_QUERY_STRING`` characters is refused before Zope reads or parses it,
  with a German message (JSON for REST clients).
* Zope adds ``X-Powered-By: Zope (www.zope.dev), Python (www.python.org)``
  to every answer in ``HTTPResponse.listHeaders``, below anything an add-on
  can change; the filter drops it and any ``Server`` header.

``instance/zope.ini.in`` puts the filter in the pipeline
(``egg:zumo#guard``), and so do the test layers (``zumo.policy.testing``).
Waitress's own ``Server`` header is switched off there too (``ident``).
"""

from zope.i18nmessageid import MessageFactory
from zumo.content.i18n import translated

import json


_ = MessageFactory("zumo")

#: The largest request body (uploads included), in bytes.
MAX_REQUEST_BYTES = 50 * 2**20
#: The longest query string, in characters.
MAX_QUERY_STRING = 8192
#: Headers that tell an attacker which software and version answers.
BANNERS = {"x-powered-by", "server"}


def _refusal(environ, start_response, status, message):
    """Answer ``status`` with the German ``message`` (JSON if asked for)."""
    text = translated(message)
    if "application/json" in environ.get("HTTP_ACCEPT", "") or "/++api++" in (
        environ.get("PATH_INFO", "")
    ):
        body = json.dumps(
            {"type": status.split(" ", 1)[1], "message": text}, ensure_ascii=False
        )
        content_type = "application/json; charset=utf-8"
    else:
        body = (
            '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
            f"<title>{status}</title></head><body><main><h1>{status}</h1>"
            f"<p>{text}</p></main></body></html>"
        )
        content_type = "text/html; charset=utf-8"
    data = body.encode("utf-8")
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(data))),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [data]


def refusal(environ):
    """``(status, message)`` if the request is over the limits, else ``None``."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        return "413 Request Entity Too Large", _(
            "error_request_too_large",
            default="Die Anfrage ist zu groß: Dateien dürfen höchstens "
            "${limit} MB groß sein.",
            mapping={"limit": MAX_REQUEST_BYTES // 2**20},
        )
    if len(environ.get("QUERY_STRING") or "") > MAX_QUERY_STRING:
        return "414 Request-URI Too Long", _(
            "error_query_too_long",
            default="Die Adresse ist zu lang (höchstens ${limit} Zeichen "
            "nach dem Fragezeichen).",
            mapping={"limit": MAX_QUERY_STRING},
        )
    return None


def guard(app, global_config=None, **settings):
    """Paste filter factory: ``app`` behind the limits, without ``BANNERS``."""

    def filtered(environ, start_response):
        refused = refusal(environ)
        if refused is not None:
            return _refusal(environ, start_response, *refused)

        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() not in BANNERS]
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return filtered
