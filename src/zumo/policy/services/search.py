"""``@search`` on the site root: plone.restapi's, without the no-op path.

plone.restapi restricts every search to the path of its context. At the
site root that restriction holds for every object in the catalog anyway,
yet the path index answers it with a set of all catalogued ids, which the
catalog then intersects with the other results: about a tenth of a search
with three facets at 10,000 practice examples (profiled with py-spy under
``make bench``). Here the site root's own path is left out; the results are
the same.
"""

from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.search.get import SearchGet


class SiteSearchHandler(SearchHandler):
    """plone.restapi's search handler that leaves out the site's own path."""

    def _constrain_query_by_path(self, query):
        super()._constrain_query_by_path(query)
        path = query["path"]
        root = "/".join(self.context.getPhysicalPath())
        if set(path) == {"query"} and path["query"] in (root, [root]):
            del query["path"]


class SiteSearchGet(SearchGet):
    """``GET /@search`` on the site root."""

    def reply(self):
        """Return the search results as plone.restapi does."""
        query = unflatten_dotted_dict(self.request.form.copy())
        return SiteSearchHandler(self.context, self.request).search(query)
