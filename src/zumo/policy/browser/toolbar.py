"""Plone's toolbar, with two repairs for WCAG 4.1.2 (name, role, value).

* Plone 6.2 gives the pin and unpin controls, anchors without ``href`` or
  role, an ``aria-label``, which ARIA prohibits on such an element
  (axe-core rule ``aria-prohibited-attr``). They keep their German name as
  a ``title`` (a tooltip for the mouse controls they are).
* The history entry shows an icon and a date that JavaScript writes in
  later; until then the link has no name (``link-name``). It gets a title.

Only those who may edit something on the page get the toolbar
(:class:`ZumoContextState`); the others find their personal menu in the
header (:class:`PersonalMenu`). Everything else is Plone's own toolbar.
"""

from Acquisition import aq_inner
from plone import api
from plone.app.layout.globals.context import ContextState
from plone.app.layout.viewlets.common import PersonalBarViewlet
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter
from zumo.content.i18n import translated
from zumo.policy import _

import re


#: ``aria-label`` on the toolbar's pin and unpin anchors.
PIN_LABEL = re.compile(r'(<a class="toolbar-(?:collapse|expand)"\s+)aria-label=')
#: The link of the history entry.
HISTORY_LINK = re.compile(r'(id="contentview-history"[^>]*>\s*<a )')
#: Who holds one of these on an item may edit something on its page.
EDITING = (
    "Modify portal content",
    "Add portal content",
    "Review portal content",
    "Manage portal",
)


class ZumoToolbar(ToolbarViewletManager):
    """Plone's toolbar with named controls."""

    def render(self):
        """Render Plone's toolbar and repair its controls."""
        html = PIN_LABEL.sub(r"\1title=", super().render())
        history = translated(
            _("label_toolbar_history", default="Historie"), self.request
        )
        return HISTORY_LINK.sub(rf'\1title="{history}" ', html)


class ZumoContextState(ContextState):
    """Plone's ``plone_context_state``: the toolbar only for those who may
    edit something on the page.

    Plone shows its toolbar to every member ("Show Toolbar"): to citizens
    and the ministry a dark bar with an empty sidebar on every page. Here
    it shows where the member may change the item, add to it, review it,
    take it to another state or run the site; everywhere else the page has
    no toolbar, and the personal menu (Mein Netzwerk, Einstellungen,
    Abmelden) sits in the header (:class:`PersonalMenu`).
    """

    @memoize
    def is_toolbar_visible(self):
        """Whether the toolbar shows: Plone's permission, and one to edit or
        a workflow transition (the author's "Zurückziehen" of a proposal in
        review, with its state)."""
        context = aq_inner(self.context)
        if not super().is_toolbar_visible():
            return False
        return any(
            api.user.has_permission(permission, obj=context) for permission in EDITING
        ) or bool(api.portal.get_tool("portal_workflow").getTransitionsFor(context))


class PersonalMenu(PersonalBarViewlet):
    """The personal menu in the header for members who have no toolbar on
    the page: their name opens Mein Netzwerk, the settings and the logout
    (without JavaScript the name leads to Plone's list of these links)."""

    index = ViewPageTemplateFile("templates/personal_menu.pt")

    def available(self):
        """Whether the menu shows: a member without a toolbar here."""
        context_state = getMultiAdapter(
            (self.context, self.request), name="plone_context_state"
        )
        return bool(
            self.user_actions
            and not self.anonymous
            and not context_state.is_toolbar_visible()
        )
