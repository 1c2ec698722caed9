"""No shared cache keeps what is meant for one person.

The caching rules (``rules.py``) let a shared cache keep only what
anonymous visitors may see; this module makes that hold for every answer,
whichever rule or view produced it, and tells every cache on the way
(Varnish in the cluster mode, a proxy of the visitor's network):

* an answer to a logged-in user (a page, a file, a REST answer) is
  ``Cache-Control: private``: ``public`` and ``s-maxage`` are removed, the
  browser's own directives are kept;
* a page with personal data (``IPersonalPage``: registrations, "Mein
  Netzwerk", qualification records, rosters, saved form data, the personal
  information and preferences, a cancel or confirmation link's page) is
  ``private, no-store`` for everybody, also when it is reached without
  logging in (a link with a secret token).

It runs after plone.app.caching has set its headers (subscribers of the
same events run in the order of registration, and ``zumo.policy`` is
loaded after Plone).
"""

from AccessControl import getSecurityManager
from zope.globalrequest import getRequest
from zumo.policy.interfaces import IPersonalPage


#: What a page with personal data says to every cache.
NO_STORE = "private, no-store"
#: Directives that let a shared cache keep an answer.
SHARED = ("public", "s-maxage")


def private(value):
    """The ``Cache-Control`` value ``value`` (may be empty) for an answer
    that only its user may keep."""
    directives = [part.strip() for part in (value or "").split(",") if part.strip()]
    kept = [
        part
        for part in directives
        if part.split("=", 1)[0].strip().lower() not in SHARED
    ]
    if not {part.lower() for part in kept} & {"private", "no-store"}:
        kept.insert(0, "private")
    return ", ".join(kept)


def _personal(published):
    """Whether the published object (a view, or a method of one) shows
    personal data."""
    return IPersonalPage.providedBy(getattr(published, "__self__", published))


def _anonymous():
    user = getSecurityManager().getUser()
    return user is None or user.getUserName() == "Anonymous User"


def mark(request, response):
    """Set the ``Cache-Control`` of ``response`` to ``request`` as the
    module docstring says."""
    if _personal(request.get("PUBLISHED")):
        response.setHeader("Cache-Control", NO_STORE)
    elif not _anonymous():
        response.setHeader(
            "Cache-Control", private(response.getHeader("Cache-Control"))
        )


def mark_answer(event):
    """Subscriber of ``IPubBeforeCommit`` and ``IPubBeforeAbort``."""
    mark(event.request, event.request.response)


def mark_stream(event):
    """Subscriber of ``IPubBeforeStreaming`` (an answer written in parts)."""
    request = getRequest()
    if request is not None and event.response is not None:
        mark(request, event.response)
