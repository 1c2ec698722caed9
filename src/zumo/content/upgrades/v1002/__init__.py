"""Upgrade step 1002: the indexes the practice-example finder filters by,
and the metadata the open-data exports read.

Adds ``zumo_koquma_modules``, ``zumo_start_year``, ``zumo_project_status``
and ``zumo_network_status`` (for the statistics) as ``catalog.xml`` defines them and fills them; ``zumo_size_class`` now also
holds the size class of the municipality a practice example, meeting or
review concerns, so it is rebuilt. The new metadata columns are added and
the practice examples' records refreshed.
"""

from plone import api
from zumo.content import logger

import types


#: The new indexes and their types, as in ``profiles/default/catalog.xml``.
NEW_INDEXES = {
    "zumo_network_status": "KeywordIndex",
    "zumo_koquma_modules": "KeywordIndex",
    "zumo_start_year": "FieldIndex",
    "zumo_project_status": "FieldIndex",
}


#: The new metadata columns.
NEW_COLUMNS = (
    "zumo_trends",
    "zumo_fields_of_action",
    "zumo_target_groups",
    "zumo_programmes",
    "zumo_project_status",
    "zumo_demo",
)


def upgrade(setup_tool):
    """Add the finder's indexes and fill them; rebuild ``zumo_size_class``;
    add the exports' metadata and refresh it for practice examples."""
    catalog = api.portal.get_tool("portal_catalog")
    for name in NEW_COLUMNS:
        if name not in catalog.schema():
            catalog.addColumn(name)
    for name, meta_type in NEW_INDEXES.items():
        if name not in catalog.indexes():
            extra = types.SimpleNamespace(indexed_attrs=name)
            catalog.addIndex(name, meta_type, extra)
    names = [*NEW_INDEXES, "zumo_size_class"]
    catalog.manage_reindexIndex(ids=names)
    for brain in catalog.unrestrictedSearchResults(portal_type="PracticeExample"):
        brain._unrestrictedGetObject().reindexObject(idxs=["getId"])
    logger.info("Upgrade 1002 of zumo.content: indexes %s rebuilt", ", ".join(names))
