"""Plone's stock pages tell times on the site's clock (Europe/Berlin).

Plone's templates (the byline, folder listings, the history, comments,
search results, the versions list, portlets) format every date through
``@@plone``'s ``toLocalizedTime``, which writes a ``DateTime`` in the zone it
carries: the zone of the process that stored it (UTC on our servers). Setting
the process's ``TZ`` would not help: stored dates keep the zone they were
stored with. Overriding ``@@plone`` on our browser layer moves each value to
the site's zone first, through :func:`zumo.content.dates.local_time`, so a
page edited at 08:00 UTC in July says 10:00.
"""

from DateTime.interfaces import DateTimeError
from Products.CMFPlone.browser.ploneview import Plone
from zumo.content.dates import local_time


class SiteTimePlone(Plone):
    """``@@plone`` whose ``toLocalizedTime`` writes the site's clock time."""

    def toLocalizedTime(self, time, long_format=None, time_only=None):
        """``time`` (a ``DateTime``, ``datetime``, ``date``, seconds since
        1970 or the text of one) as German text in the site's zone; ``None``
        for a text that is no time (Plone's answer, e.g. for the ``"None"``
        of an object without publication date)."""
        try:
            return local_time(time, long_format, time_only)
        except DateTimeError:
            return None
