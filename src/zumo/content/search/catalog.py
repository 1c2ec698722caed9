"""The catalog's full-text index ``SearchableText`` on the German lexicon.

ZCatalog has no public API to change the lexicon of an existing index: the
index object is taken from the catalog's internal ``_catalog`` (as
:mod:`zumo.content.recordsets` reads index sets), its ``lexicon_id`` set
and the index refilled through the catalog's public ``reindexIndex``.
"""

from Products.ZCatalog.ProgressHandler import ZLogHandler
from zumo.content import logger
from zumo.content.search.analysis import LEXICON_ID
from zumo.content.search.query import TEXT as INDEX


# How many objects between two lines of progress in the log.
PROGRESS_STEPS = 1000


def use_german_lexicon(catalog, also=()):
    """Switch ``SearchableText`` to ``zumo_lexicon`` and fill it again,
    with the indexes ``also`` in the same pass over the catalogued objects,
    showing progress in the log; return whether it switched.

    GenericSetup creates the index with Plone's lexicon and never changes
    the lexicon of an index that exists, so the profile's ``catalog.xml``
    alone cannot do it. Only this index and ``also`` are refilled.
    """
    index = catalog._catalog.getIndex(INDEX)
    switched = index.lexicon_id != LEXICON_ID
    if switched:
        index.lexicon_id = LEXICON_ID
        index.clear()
    names = ((INDEX,) if switched else ()) + tuple(also)
    if names:
        index_again(catalog, names)
    if switched:
        logger.info("%s now uses the German lexicon %s", INDEX, LEXICON_ID)
    return switched


def index_again(catalog, names=(INDEX,)):
    """Fill the indexes ``names`` (``SearchableText``, after the German
    analysis changed) again from every catalogued object, in one pass,
    showing progress in the log."""
    catalog.reindexIndex(names, None, pghandler=ZLogHandler(PROGRESS_STEPS))
    logger.info("%s indexed again", ", ".join(names))
