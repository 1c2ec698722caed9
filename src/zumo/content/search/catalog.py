"""The catalog's full-text index ``SearchableText`` on the German lexicon."""

from Products.ZCatalog.ProgressHandler import ZLogHandler
from zumo.content import logger
from zumo.content.search.analysis import LEXICON_ID


INDEX = "SearchableText"
# How many objects between two lines of progress in the log.
PROGRESS_STEPS = 1000


def use_german_lexicon(catalog):
    """Switch ``SearchableText`` to ``zumo_lexicon`` and fill it again,
    showing progress in the log; return whether it switched.

    GenericSetup creates the index with Plone's lexicon and never changes
    the lexicon of an index that exists, so the profile's ``catalog.xml``
    alone cannot do it. Only this index is refilled.
    """
    index = catalog._catalog.getIndex(INDEX)
    if index.lexicon_id == LEXICON_ID:
        return False
    index.lexicon_id = LEXICON_ID
    index.clear()
    catalog.reindexIndex(INDEX, None, pghandler=ZLogHandler(PROGRESS_STEPS))
    logger.info("%s now uses the German lexicon %s", INDEX, LEXICON_ID)
    return True
