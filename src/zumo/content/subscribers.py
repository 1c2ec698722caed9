"""Keep what entries copy from other objects up to date in the catalog.

Practice examples, meetings and reviews are indexed with values of the
municipality they concern (Regierungsbezirk, Landkreis, size class, name,
location: ``indexers``), practice examples with the KoQuMa tokens of the
qualification modules they relate to, so the finder, the map and the
exports read them without waking those objects. When a municipality or a
module changes a field such a value comes from (edit form, REST ``PATCH``,
master-data import), the entries that point to it are reindexed: only the
indexes that field feeds, and found through the catalog or the relation
catalog, never by walking the site.
"""

from plone import api
from zumo.content import recordsets


#: The fields of a municipality its entries copy, with the indexes each
#: feeds. Name and location feed only metadata, which every reindex
#: refreshes.
FROM_MUNICIPALITY = {
    "region": ("zumo_region",),
    "district": ("zumo_district",),
    "population": ("zumo_size_class",),
    "title": (),
    "latitude": (),
    "longitude": (),
}

#: The index reindexed when only metadata needs refreshing: its value (the
#: municipality's UID) stays, so the reindex costs no more than the metadata.
METADATA_ONLY = ("zumo_municipality_uid",)

#: The fields of a qualification module its practice examples copy.
FROM_MODULE = {"koquma_module": ("zumo_koquma_modules",)}


def _changed(event, feeds):
    """The fields of ``feeds`` that ``event`` says changed, or all of them
    when it does not say (a script's plain ``ObjectModifiedEvent``)."""
    if not event.descriptions:
        return set(feeds)
    # The edit form and plone.restapi prefix a behavior's fields with its name.
    names = {
        name.rsplit(".", 1)[-1]
        for description in event.descriptions
        for name in getattr(description, "attributes", ())
    }
    return names & set(feeds)


def _indexes(changed, feeds):
    return sorted({index for name in changed for index in feeds[name]})


def reindex_concerned(municipality, event):
    """Reindex the entries that concern ``municipality`` where a field they
    copy from it changed."""
    changed = _changed(event, FROM_MUNICIPALITY)
    if not changed:
        return
    indexes = _indexes(changed, FROM_MUNICIPALITY) or list(METADATA_ONLY)
    catalog = api.portal.get_tool("portal_catalog")
    own = recordsets.record_id(catalog, municipality)
    for brain in catalog.unrestrictedSearchResults(
        zumo_municipality_uid=municipality.UID()
    ):
        if brain.getRID() == own:
            continue
        brain._unrestrictedGetObject().reindexObject(idxs=indexes)


def reindex_relating_examples(module, event):
    """Reindex the practice examples that relate to the qualification
    ``module`` when its KoQuMa token changed."""
    changed = _changed(event, FROM_MODULE)
    if not changed:
        return
    indexes = _indexes(changed, FROM_MODULE)
    for relation in api.relation.get(
        target=module, relationship="related_modules", unrestricted=True
    ):
        relation.from_object.reindexObject(idxs=indexes)
