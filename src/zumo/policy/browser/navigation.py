"""The section tabs, at a cost that does not grow with the site.

Plone asks the catalog for the sections on every page, twice: the tabs
(``portal_tabs_view``) and the global sections viewlet's tree. Each search
intersects the few sections with everything the visitor may see (at
100,000 practice examples, 85 of 280 ms of a page, issue 30). Here the
tabs' search is remembered per catalog state and visitor
(``zumo.content.recordsets.searched``), and the viewlet at a navigation
depth of 1 (ZUMO's, ``registry.xml``) leaves out its second search: it
finds the same sections, which Plone's loop then skips as the tabs hold
them.
"""

from Acquisition import aq_inner
from plone import api
from plone.app.layout.viewlets.common import GlobalSectionsViewlet
from plone.base.utils import pretty_title_or_id
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.browser.navigation import CatalogNavigationTabs
from Products.CMFPlone.browser.navigation import get_view_url
from zope.component import getMultiAdapter
from zumo.content import recordsets


class SectionTabs(CatalogNavigationTabs):
    """``portal_tabs_view``: Plone's tabs, from a remembered search."""

    def topLevelTabs(self, actions=None, category="portal_tabs"):
        """The portal tabs: the actions of ``category``, then the sections
        (Plone's ``CatalogNavigationTabs.topLevelTabs``, whose catalog
        search is remembered here)."""
        context = aq_inner(self.context)
        if actions is None:
            context_state = getMultiAdapter(
                (context, self.request), name="plone_context_state"
            )
            actions = context_state.actions(category)
        result = []
        for info in actions:
            data = info.copy()
            data["name"] = data["title"]
            self.customize_entry(data)
            result.append(data)
        if not api.portal.get_registry_record("plone.generate_tabs"):
            return result
        member = api.user.get_current().getId()
        catalog = getToolByName(context, "portal_catalog")
        context_path = "/".join(context.getPhysicalPath())
        for item in recordsets.searched(catalog, self._getNavQuery()):
            if item.exclude_from_nav and not context_path.startswith(item.getPath()):
                continue  # excluded, unless the visitor is inside it
            if item.getRemoteUrl and member != item.Creator:
                item_url = item.getRemoteUrl
            else:
                _cid, item_url = get_view_url(item)
            data = {
                "name": pretty_title_or_id(context, item),
                "id": item.getId,
                "url": item_url,
                "description": item.Description,
                "review_state": item.review_state,
            }
            self.customize_entry(data, item)
            result.append(data)
        return result


class _TabsOnly:
    """Navigation settings that generate no tabs of their own."""

    generate_tabs = False

    def __init__(self, settings):
        self._settings = settings

    def __getattr__(self, name):
        return getattr(self._settings, name)


class GlobalSections(GlobalSectionsViewlet):
    """Plone's global sections; at a navigation depth of 1 built from the
    tabs alone (see the module's text)."""

    @property
    def settings(self):
        """The navigation settings; without the viewlet's own search of
        the sections where the tabs already hold them (depth 1)."""
        settings = super().settings
        if settings.navigation_depth > 1 or not self.portal_tabs:
            return settings
        return _TabsOnly(settings)
