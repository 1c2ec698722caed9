"""What a search page adds to its results: "Meinten Sie …?", the matched
words marked in the results' texts, and the notice for typed text without
a word.

Shared by the finder (``/praxisbeispiele``) and Plone's search page
(``@@search``, :mod:`zumo.policy.security.creators`); the suggestion and
the marks themselves are made in :mod:`zumo.content.search`.
"""

from plone import api
from plone.memoize.instance import memoize
from zumo.content.i18n import translated
from zumo.content.search import highlight
from zumo.content.search import suggest
from zumo.content.search.query import NO_WORD
from zumo.content.search.query import TEXT
from zumo.content.search.query import without_word


class SearchAids:
    """The suggestion, the marks and the notice of a search page.

    A view using it gives ``search_text()`` (what the visitor typed),
    ``search_for(text)`` (the catalog results of its query with another
    text, with the visitor's permissions) and ``url_with(text)`` (the same
    search, filters kept, with another text).
    """

    @memoize
    def suggestion(self, found):
        """ "Meinten Sie …?" for a search that found ``found`` (a number)
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

    @memoize
    def typed_text(self):
        """What the visitor typed into the search field, stripped and at
        most 200 characters (``""`` if nothing), shown in the field again
        also where it holds no word."""
        value = self.request.form.get(TEXT, "")
        return value.strip()[:200] if isinstance(value, str) else ""

    @memoize
    def refusal(self):
        """The German notice for typed text that holds no word ("???"),
        which no search of the site searches by (:data:`NO_WORD`, as REST
        ``@search`` answers it), or None."""
        if not without_word(self.typed_text()):
            return None
        return translated(NO_WORD, self.request)
