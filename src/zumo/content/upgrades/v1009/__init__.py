"""Upgrade step 1009 of zumo.content (issue 30): search that understands German.

The ``upgradeDepends`` imports the catalog (the lexicon ``zumo_lexicon``,
the index ``zumo_demo``); this handler switches ``SearchableText`` to the
lexicon and, in one pass over the catalogued objects, fills it (now with
the texts of the network's types, ``zumo.content.indexers.searchable``),
the new ``zumo_demo`` and the facets a practice example copies from its
municipality and its modules, which earlier imports could leave stale.
"""

from plone import api
from zumo.content.search.catalog import use_german_lexicon


#: Filled again with the full text: the demo mark and the facets copied.
INDEXES = (
    "zumo_demo",
    "zumo_region",
    "zumo_district",
    "zumo_size_class",
    "zumo_koquma_modules",
)


def upgrade(setup_tool):
    """Put the full text on the German lexicon and fill the indexes again."""
    use_german_lexicon(api.portal.get_tool("portal_catalog"), also=INDEXES)
