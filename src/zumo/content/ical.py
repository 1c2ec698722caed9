"""iCalendar export of workshop meetings, without personal data.

plone.app.event writes a meeting's contact person (name, phone, email) and
its attendees into every ``.ics`` file and feed. Calendar feeds are copied
and cached far beyond the site, so for a workshop meeting only the meeting's
own web address stands in ``CONTACT``; no person is named. The location's
coordinates go into ``GEO``. Everything else (``DTSTART``/``DTEND`` with
the ``Europe/Berlin`` time zone, ``UID``, ``URL``, ...) is Plone's.
"""

from plone.app.event.ical.exporter import ICalendarEventComponent
from zumo.content.relations import location


class MeetingComponent(ICalendarEventComponent):
    """The ``VEVENT`` of a workshop meeting: no contact person, no attendees."""

    @property
    def contact(self):
        """Only the meeting's page, never a person."""
        return {"value": self.context.absolute_url()}

    @property
    def attendee(self):
        """Attendees are personal data: none."""
        return None

    @property
    def geo(self):
        """The coordinates of the meeting (or of its host municipality)."""
        point = location(self.context)
        if point is None:
            return None
        return {"value": point}
