"""Keywords (Dublin Core Subject) that the user may know of.

Plone's ``plone.app.vocabularies.Keywords`` lists every value of the
``Subject`` index to anybody who may edit something, also the keywords of
drafts and confidential content they may not see. This vocabulary lists
only keywords of content the current user may view (the catalog's
``allowedRolesAndUsers``), optionally below the navigation root as Plone's
setting ``plone.subjects_of_navigation_root`` asks.
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import intersection
from plone.app.vocabularies.catalog import KeywordsVocabulary
from plone.app.vocabularies.terms import safe_simplevocabulary_from_values
from plone.base.utils import safe_text
from Products.CMFCore.utils import getToolByName
from zope.component.hooks import getSite
from zumo.content import recordsets


class VisibleKeywordsVocabulary(KeywordsVocabulary):
    """The keywords of content the current user may view."""

    def all_keywords(self, kwfilter):
        """All keywords the user may know of, filtered by ``kwfilter``."""
        return self._visible_keywords(getSite(), kwfilter)

    def keywords_of_section(self, section, kwfilter):
        """The keywords of content below ``section`` the user may know of."""
        return self._visible_keywords(section, kwfilter, section=section)

    def _visible_keywords(self, context, kwfilter, section=None):
        catalog = getToolByName(context, "portal_catalog")
        visible = recordsets.readable(catalog, getSecurityManager().getUser())
        if section is not None:
            below = recordsets.below(catalog, self.path_index, section)
            visible = intersection(visible, below)
        kwfilter = safe_text(kwfilter or "")
        keywords = []
        for tag in catalog.uniqueValuesFor(self.keyword_index):
            if kwfilter and kwfilter not in safe_text(tag):
                continue
            tagged = recordsets.holding(catalog, self.keyword_index, tag)
            if intersection(visible, tagged):
                keywords.append(tag)
        return safe_simplevocabulary_from_values(keywords)


VisibleKeywordsVocabularyFactory = VisibleKeywordsVocabulary()
