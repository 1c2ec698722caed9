"""HTTP helpers for the functional tests."""

import re


#: The CSRF token plone.protect puts into every form.
TOKEN = re.compile(r'name="_authenticator"[^>]*value="([^"]+)"')


def token_in(html):
    """Return the CSRF token of the first form in ``html``."""
    return TOKEN.search(html).group(1)


def csrf_token(session, url):
    """Open the page at ``url`` with ``session`` and return its CSRF token."""
    page = session.get(url)
    assert page.status_code == 200, page.text[:500]
    return token_in(page.text)
