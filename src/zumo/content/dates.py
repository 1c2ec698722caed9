"""Times as the network's people read them: in the site's time zone.

Every date and time a page, a mail or a table shows goes through
:func:`local_time` (both packages; ``zumo.policy`` imports it from here).
Plone's own ``ulocalized_time`` (and ``api.portal.get_localized_time``)
formats a time in the server process's zone: a meeting at 10:00 in Berlin
became "09:00 Uhr" (in summer "08:00 Uhr") on a server that runs in UTC.
Here each value is first moved to the site's zone (the registry's
``plone.portal_timezone``, Europe/Berlin) and then formatted by
plone.app.event's ``ulocalized_time``, which keeps the zone it is given.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from plone import api
from plone.app.event.base import ulocalized_time
from plone.event.utils import pydt
from zope.globalrequest import getRequest

import pytz


def site_zone():
    """The site's time zone (a ``pytz`` zone; Europe/Berlin)."""
    return pytz.timezone(api.portal.get_registry_record("plone.portal_timezone"))


def _value(value):
    """``value`` as a ``date``, ``datetime`` or ``DateTime``: a number is
    seconds since 1970 (a version's time in CMFEditions), a text is a day
    (``2027-01-20``, as the qualification records keep it) or a time (ISO
    8601, or easyform's ``2026/12/06 23:22:19.353774 UTC``)."""
    if isinstance(value, int | float):
        return DateTime(value)
    if not isinstance(value, str):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return DateTime(value)


def site_time(value):
    """``value`` as an aware ``datetime`` in the site's zone, or ``None``.

    ``value`` is a ``datetime``, a Zope ``DateTime``, a ``date`` (midnight
    of that day) or the text of one of them. A naive ``datetime`` (the
    registration window of a meeting) is what its editor typed, a time on
    the site's clock: it keeps its hours.
    """
    if value is None or value == "":
        return None
    zone = site_zone()
    return pydt(_value(value), missing_zone=zone, exact=True).astimezone(zone)


def local_time(value, long_format=False, time_only=False):
    """``value`` as German text in the site's zone (``""`` for no value).

    Plone's formats of the ``plonelocales`` domain: ``15.07.2027``, with
    ``long_format`` ``15.07.2027 10:00 Uhr``, with ``time_only`` ``10:00 Uhr``.
    A ``date`` has no time: it is always written as a day.
    """
    if value is None or value == "":
        return ""
    value = _value(value)
    if type(value) is date:
        long_format = time_only = False
    return ulocalized_time(
        site_time(value),
        long_format,
        time_only,
        context=api.portal.get(),
        request=getRequest(),
    )


def site_today():
    """Today's date on the site's clock (Europe/Berlin), not the server's."""
    return datetime.now(site_zone()).date()
