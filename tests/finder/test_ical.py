"""iCal of workshop meetings: valid RFC 5545, Europe/Berlin, no personal data,
nothing that is not announced."""

from datetime import datetime
from datetime import timedelta
from tests.fixtures.builders import add

import icalendar
import pytest
import pytz
import transaction


@pytest.fixture
def meetings(functional_portal):
    """An announced meeting with a contact person and a draft, committed."""
    berlin = pytz.timezone("Europe/Berlin")
    start = berlin.localize(datetime(2027, 3, 12, 9, 30))
    add(functional_portal, "werkstatttreffen", "WorkshopMeeting", "treffen-sued",
        title="Werkstatttreffen Süd", start=start, end=start + timedelta(hours=6),
        location="Rathaus Hayingen", latitude=48.27, longitude=9.48,
        contact_name="Paula Kontakt", contact_email="paula@example.org",
        contact_phone="07071 123456", to_state="announced")  # fmt: skip
    add(functional_portal, "werkstatttreffen", "WorkshopMeeting", "entwurf",
        title="Geplantes Treffen", start=start, end=start + timedelta(hours=2))  # fmt: skip
    transaction.commit()
    return functional_portal


def calendar(request_factory, path):
    response = request_factory(api=False).get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content), response.text


@pytest.mark.parametrize("path", ["/werkstatttreffen/ics_view",
                                  "/werkstatttreffen/treffen-sued/ics_view"])  # fmt: skip
def test_valid_calendar_without_personal_data(meetings, request_factory, path):
    """Parses, starts at 09:30 in Berlin, names no person."""
    cal, text = calendar(request_factory, path)
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Werkstatttreffen Süd"]
    start = events[0].decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Berlin"
    assert (start.hour, start.minute) == (9, 30)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert events[0].decoded("GEO") is not None
    for personal in ("Paula", "paula@example.org", "123456"):
        assert personal not in text
    assert "Geplantes Treffen" not in text


def listing(page):
    """The meetings listing of a page (not the events portlet beside it)."""
    return page.split('class="zumo-meetings"', 1)[1].split('id="portal-column-two"')[0]


def test_meetings_by_region(meetings, request_factory):
    """/werkstatttreffen lists upcoming meetings by region, past ones below;
    the public sees no draft; a region filter narrows."""
    berlin = pytz.timezone("Europe/Berlin")
    past = berlin.localize(datetime(2024, 10, 1, 9, 30))
    add(meetings, "werkstatttreffen", "WorkshopMeeting", "treffen-2024",
        title="Werkstatttreffen 2024", start=past, end=past + timedelta(hours=4),
        region="freiburg", to_state="announced")  # fmt: skip
    meetings["werkstatttreffen"]["treffen-sued"].region = "tuebingen"
    meetings["werkstatttreffen"]["treffen-sued"].reindexObject()
    transaction.commit()
    session = request_factory(api=False)
    session.headers["Accept"] = "text/html"
    page = listing(session.get("/werkstatttreffen").text)
    assert "Kommende Treffen" in page
    upcoming, _, rest = page.partition("Vergangene Treffen")
    assert (
        "Werkstatttreffen Süd" in upcoming and "Regierungsbezirk Tübingen" in upcoming
    )
    assert "Werkstatttreffen 2024" in rest
    assert "Geplantes Treffen" not in page
    assert "12.03.2027" in upcoming
    narrowed = listing(
        session.get("/werkstatttreffen", params={"region": "freiburg"}).text
    )
    assert "Werkstatttreffen Süd" not in narrowed
    assert "Werkstatttreffen 2024" in narrowed
    assert session.get("/werkstatttreffen", params={"region": "x"}).ok
    # A page number that is none is refused in German (zumo.policy.security.limits).
    assert session.get("/werkstatttreffen", params={"b_start": "y"}).status_code == 400
