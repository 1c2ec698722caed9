"""The footer's duties on every page: the skip link and the accessibility
statement in place of Plone's stock text."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


#: The site's accessibility statement (``data/pages.json``).
STATEMENT = "barrierefreiheit"


class SkipLinkViewlet(ViewletBase):
    """ "Zum Inhalt springen": the theme makes it the first element of the
    page (``theme/rules.xml``), so it is the first stop of the Tab key, in
    front of the toolbar and the header; ``a11y.js`` moves the focus to
    the content when it is followed."""

    index = ViewPageTemplateFile("templates/skip_link.pt")


class AccessibilityInfo(BrowserView):
    """Plone's stock accessibility page (WCAG 2.0, no statement) leads to
    the site's own accessibility statement."""

    def __call__(self):
        """Redirect to the statement (a GET that writes nothing)."""
        root = api.portal.get_navigation_root(self.context)
        return self.request.response.redirect(f"{root.absolute_url()}/{STATEMENT}")
