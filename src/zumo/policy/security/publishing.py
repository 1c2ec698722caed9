"""Nothing is published on or through content the user may not access.

Zope checks permissions on the object it finally publishes (a view, a
method, a REST service), not on the content objects traversed to reach it.
Views registered as public, methods such as ``getId`` and helper views
such as ``@@fc-contextInfo`` would otherwise answer on a private object and
tell an outsider its title or that it exists. After traversal, this module
requires "Access contents information" on every content object on the way,
which the ZUMO workflows grant exactly to those who may see the object, so
every registered view and service, present and future, is covered at once.

Responses about content that anonymous visitors may not see are marked
``Cache-Control: private``, so that no shared cache keeps them.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from AccessControl.PermissionRole import rolesForPermissionOn
from AccessControl.Permissions import access_contents_information
from AccessControl.Permissions import view
from plone.rest.traverse import RESTWrapper
from Products.CMFCore.interfaces import IContentish
from zope.component import adapter
from ZPublisher.interfaces import IPubAfterTraversal
from zumo.policy.interfaces import IZumoPolicyLayer


def _traversed_content(request):
    """The content objects on the way to the published object, outermost first.

    Under ``++api++`` plone.rest wraps each traversed object in a
    ``RESTWrapper``; the wrapped content is what is checked.
    """
    unwrapped = (
        obj.context if isinstance(obj, RESTWrapper) else obj
        for obj in reversed(request.get("PARENTS", ()))
    )
    return [obj for obj in unwrapped if IContentish.providedBy(obj)]


def _public(obj):
    """Whether anonymous visitors may view ``obj``."""
    return "Anonymous" in (rolesForPermissionOn(view, obj) or ())


@adapter(IPubAfterTraversal)
def guard_traversed_content(event):
    """Refuse the request unless the user may access all traversed content.

    Raises ``Unauthorized`` (Plone then asks anonymous visitors to log in and
    tells logged-in users that they lack the permission).
    """
    request = event.request
    if not IZumoPolicyLayer.providedBy(request):
        return
    content = _traversed_content(request)
    security = getSecurityManager()
    for obj in content:
        if not security.checkPermission(access_contents_information, obj):
            raise Unauthorized("Sie haben keinen Zugriff auf diesen Inhalt.")
    if not all(_public(obj) for obj in content):
        request.response.setHeader("Cache-Control", "private, no-store")
