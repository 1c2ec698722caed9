"""``@search`` on the site root: plone.restapi's, without the no-op path.

plone.restapi restricts every search to the path of its context. At the
site root that restriction holds for every object in the catalog anyway,
yet the path index answers it with a set of all catalogued ids, which the
catalog then intersects with the other results: about a tenth of a search
with three facets at 10,000 practice examples (profiled with py-spy under
``make bench``). Here the site root's own path is left out; the results are
the same.

Nobody searches by creator (``Creator``, ``listCreators``) who may not read
creators (:mod:`zumo.policy.security.creators`): those criteria are left
out for them, at the site root and in every folder, so a search cannot tell
who made what.

The words of ``SearchableText`` become the site's text query
(:func:`zumo.content.search.query.text_query`), as in the finder and in
``@@search``: "Jugend" also finds "Jugendgemeinderat" and "Jugendliche".

A search that finds nothing answers with ``"suggestion"`` besides
plone.restapi's keys: the corrected search text ("Meinten Sie …?",
:mod:`zumo.content.search.suggest`), tried with the same query and the
user's permissions, so it never names what only hidden content holds.
"""

from plone import api
from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.search.get import SearchGet
from Products.ZCTextIndex.ParseTree import ParseError
from zumo.content.search import suggest
from zumo.content.search.query import TEXT
from zumo.content.search.query import text_query
from zumo.content.search.query import without_word
from zumo.policy.security.creators import CREATOR_INDEXES
from zumo.policy.security.creators import may_read_creators


class SiteSearchHandler(SearchHandler):
    """plone.restapi's search handler that leaves out the site's own path
    and the creator criteria of those who may not read creators."""

    def search(self, query=None):
        """Search as plone.restapi does, without forbidden creator criteria."""
        query = dict(query or {})
        if not may_read_creators():
            for index in CREATOR_INDEXES:
                query.pop(index, None)
        return super().search(query)

    def _parse_query(self, query):
        # The catalog query as searched, kept to try suggestions with it.
        self.catalog_query = super()._parse_query(query)
        return self.catalog_query

    def search_for(self, text):
        """What the last search finds with ``text`` instead."""
        query = text_query(text)
        if query is None:
            return ()
        return self.catalog.searchResults(**{**self.catalog_query, TEXT: query})

    def quote_chars(self, query):
        """The typed words of ``SearchableText`` as the site's text query;
        empty (no results, as plone.restapi answers) when nothing was typed.
        Text without a letter or digit is refused as the text index refuses
        what it cannot parse: a 400 that asks for a word
        (:mod:`zumo.policy.security.refusals`)."""
        if without_word(query):
            raise ParseError(f"no word in {query!r}")
        return text_query(query) or ""

    def _constrain_query_by_path(self, query):
        super()._constrain_query_by_path(query)
        path = query["path"]
        root = "/".join(self.context.getPhysicalPath())
        if set(path) == {"query"} and path["query"] in (root, [root]):
            del query["path"]


class SiteSearchGet(SearchGet):
    """``GET @search`` on the site root and on folders."""

    def reply(self):
        """Return the search results as plone.restapi does."""
        query = unflatten_dotted_dict(self.request.form.copy())
        handler = SiteSearchHandler(self.context, self.request)
        results = handler.search(query)
        text = query.get(TEXT)
        text = text if isinstance(text, str) else ""
        if isinstance(results, dict) and not results.get("items_total"):
            catalog = api.portal.get_tool("portal_catalog")
            better = suggest.suggestion(catalog, text, handler.search_for)
            if better is not None:
                results["suggestion"] = better
        return results
