"""Upgrade step 1010 of zumo.content (issue 30): compound nouns split by
compound-split's German dictionary, and quoted phrases.

A compound's first part is no longer split again where it is a known word
("Handlungskonzept" gives handlungs and konzept, no longer hand, lungs and
konzept), and a text's compound parts are indexed after its words, so that
a quoted phrase finds its words side by side (``zumo.content.search.
analysis``). The full text of every catalogued object is indexed again:
"Lunge" and "Hand" no longer find an action plan, and "Dorfladen eröffnet"
in quotes finds its text.
"""

from plone import api
from zumo.content.search.catalog import index_again


def upgrade(setup_tool):
    """Index the full text (``SearchableText``) of every object again."""
    index_again(api.portal.get_tool("portal_catalog"))
