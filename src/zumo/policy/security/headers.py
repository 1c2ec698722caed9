"""Security headers on every answer of the site (pages, files, REST,
errors): a Content-Security-Policy that the Classic UI works under,
``X-Content-Type-Options``, ``Referrer-Policy``, framing only by the site
itself, a ``Permissions-Policy``. A header the answer set itself (a file
download's own policy) is kept. ``zumo.policy.security.wsgi`` drops
``X-Powered-By``. HTTPS deployments add ``Strict-Transport-Security`` at
the proxy that holds the certificate (docs/reliability.md).
"""

from plone.registry.interfaces import IRegistry
from urllib.parse import urlsplit
from zope.component import queryUtility


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
