"""Keep what entries copy from their municipality up to date in the catalog.

Practice examples, meetings and reviews are indexed with values of the
municipality they concern (Regierungsbezirk, Landkreis, size class, name,
location: ``indexers``), so the finder, the map and the exports read them
without waking the municipality. When a municipality changes, those entries
are reindexed.
"""

from plone import api
from zumo.content import recordsets


#: The indexes an entry takes from its municipality; its metadata (name,
#: location) is refreshed with every reindex.
FROM_MUNICIPALITY = ("zumo_region", "zumo_district", "zumo_size_class")


def reindex_concerned(municipality, event):
    """Reindex the entries that concern ``municipality`` (and their metadata)."""
    catalog = api.portal.get_tool("portal_catalog")
    own = recordsets.record_id(catalog, municipality)
    for brain in catalog.unrestrictedSearchResults(
        zumo_municipality_uid=municipality.UID()
    ):
        if brain.getRID() == own:
            continue
        brain._unrestrictedGetObject().reindexObject(idxs=list(FROM_MUNICIPALITY))
