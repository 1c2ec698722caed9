"""Plone's state form (``content_status_history``), in German."""

from plone.app.content.browser.content_status_history import ContentStatusHistoryView
from plone.base.utils import safe_text
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18nmessageid import MessageFactory
from zumo.content.i18n import translated


_ = MessageFactory("zumo")


class StatusHistoryView(ContentStatusHistoryView):
    """Plone's state form; its template names the item to select and the
    item's type in German where upstream writes English into attributes
    ("Select …", the type's id)."""

    template = ViewPageTemplateFile("templates/content_status_history.pt")

    def select_label(self, title):
        """The label of the checkbox that selects the item ``title``."""
        return translated(
            _("${title} auswählen", mapping={"title": safe_text(title)}), self.request
        )

    def type_title(self, portal_type):
        """The translated title of ``portal_type``."""
        fti = self.context.portal_types.getTypeInfo(portal_type)
        if fti is None:
            return portal_type
        return translated(fti.Title(), self.request)
