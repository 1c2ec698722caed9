"""Plone's toolbar, with two repairs for WCAG 4.1.2 (name, role, value).

* Plone 6.2 gives the pin and unpin controls, anchors without ``href`` or
  role, an ``aria-label``, which ARIA prohibits on such an element
  (axe-core rule ``aria-prohibited-attr``). They keep their German name as
  a ``title`` (a tooltip for the mouse controls they are).
* The history entry shows an icon and a date that JavaScript writes in
  later; until then the link has no name (``link-name``). It gets a title.

Everything else is Plone's own toolbar.
"""

from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from zumo.content.i18n import translated
from zumo.policy import _

import re


#: ``aria-label`` on the toolbar's pin and unpin anchors.
PIN_LABEL = re.compile(r'(<a class="toolbar-(?:collapse|expand)"\s+)aria-label=')
#: The link of the history entry.
HISTORY_LINK = re.compile(r'(id="contentview-history"[^>]*>\s*<a )')


class ZumoToolbar(ToolbarViewletManager):
    """Plone's toolbar with named controls."""

    def render(self):
        """Render Plone's toolbar and repair its controls."""
        html = PIN_LABEL.sub(r"\1title=", super().render())
        history = translated(
            _("label_toolbar_history", default="Historie"), self.request
        )
        return HISTORY_LINK.sub(rf'\1title="{history}" ', html)
