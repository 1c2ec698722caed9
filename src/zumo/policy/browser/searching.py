"""What a search page adds to its results: "Meinten Sie …?" and the matched
words marked in the results' texts.

Shared by the finder (``/praxisbeispiele``) and Plone's search page
(``@@search``, :mod:`zumo.policy.security.creators`); the suggestion and
the marks themselves are made in :mod:`zumo.content.search`.
"""

from plone import api
from plone.memoize.instance import memoize
from zumo.content.search import highlight
from zumo.content.search import suggest


class SearchAids:
    """The suggestion and the marks of a search page.

    A view using it gives ``search_text()`` (what the visitor typed),
    ``search_for(text)`` (the catalog results of its query with another
    text, with the visitor's permissions) and ``url_with(text)`` (the same
    search, filters kept, with another text).
    """

    @memoize
    def suggestion(self, found):
        """"Meinten Sie …?" for a search that found ``found`` (a number)
        results: ``{"text", "url"}`` of the corrected search, or None."""
        text = self.search_text()
        if found or not text:
            return None
        catalog = api.portal.get_tool("portal_catalog")
        better = suggest.suggestion(catalog, text, self.search_for)
        if better is None:
            return None
        return {"text": better, "url": self.url_with(better)}

    def marked(self, text):
        """``text`` as HTML with the words the search matched in ``<mark>``,
        everything else escaped."""
        return highlight.highlight(text, self.search_text())
