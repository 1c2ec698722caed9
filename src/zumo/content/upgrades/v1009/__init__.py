"""Upgrade step 1009 of zumo.content (issue 30): search that understands German.

The ``upgradeDepends`` imports the catalog (the lexicon ``zumo_lexicon``);
this handler switches ``SearchableText`` to it and refills only that index.
"""

from plone import api
from zumo.content.search.catalog import use_german_lexicon


def upgrade(setup_tool):
    """Put the full text on the German lexicon; return whether it switched."""
    return use_german_lexicon(api.portal.get_tool("portal_catalog"))
