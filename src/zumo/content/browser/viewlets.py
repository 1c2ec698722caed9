"""The place on the content pages where the site policy adds its parts.

``zumo.content`` knows what its types are, not who may do what with them:
the request for a review, the registration for a meeting, the confidential
facts of a review and similar parts come from ``zumo.policy``, which
registers them as viewlets of :class:`IPolicyParts` for the type they
belong to. A content template renders the manager with
``provider:zumo.policy-parts`` where that part belongs.
"""

from zope.viewlet.interfaces import IViewletManager


class IPolicyParts(IViewletManager):
    """The parts of a content page that the site policy provides.

    Rendered by zope.viewlet's plain manager: an error inside a part stops
    the page with that error (Plone's ordered manager would log it, print a
    note in its place and go on).
    """
