"""A meeting at 10:00 in Berlin is at 10:00 wherever the site names it: on
``/werkstatttreffen``, on the start page, in "Mein Netzwerk", in the mails
and in the tables, in summer (CEST) as in winter (CET), although the
server's clock runs in UTC."""

from collective.easyform.api import get_actions
from datetime import datetime
from plone import api
from tests.fixtures.builders import open_meeting
from tests.fixtures.http import send
from tests.fixtures.mail import body
from zope.component.hooks import setSite
from zumo.content.dates import local_time
from zumo.policy.browser.exports import record
from zumo.policy.forms.downloads import saved_data_file
from zumo.policy.meetings import registration

import csv
import io
import pytest
import pytz
import transaction


BERLIN = pytz.timezone("Europe/Berlin")
#: A summer and a winter meeting, each from 10:00 to 14:00 in Berlin.
MEETINGS = {
    "sommer": (BERLIN.localize(datetime(2027, 7, 15, 10)), "15.07.2027"),
    "winter": (BERLIN.localize(datetime(2027, 1, 20, 10)), "20.01.2027"),
}
#: What the server's clock would have written for them.
WRONG = ("08:00", "09:00")


def registrant(name):
    """A visitor's answers on the registration form."""
    return {
        "name": f"Person {name}",
        "municipality": "Gemeinde Musterhausen",
        "email": f"{name}@example.org",
        "consent": "selected",
    }


@pytest.fixture
def meetings(served_scenario):
    """The summer and the winter meeting, announced, registration open; the
    scenario's own meetings moved into the past so these two are the next
    ones everywhere."""
    portal, objects = served_scenario
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for name in ("meeting_planned", "meeting_announced", "meeting_documented"):
            old = objects[name]
            old.start = BERLIN.localize(datetime(2025, 5, 6, 10))
            old.end = BERLIN.localize(datetime(2025, 5, 6, 14))
            old.reindexObject()
        made = {
            oid: open_meeting(
                portal,
                oid,
                title=f"Treffen im {oid.capitalize()}",
                start=start,
                end=start.replace(hour=14),
                location="Rathaus Hayingen",
            )
            for oid, (start, _day) in MEETINGS.items()
        }
    transaction.commit()
    return made


def assert_ten_oclock(text, where):
    """``text`` names both meetings at 10:00 and never at a UTC hour."""
    for _start, day in MEETINGS.values():
        assert f"{day} 10:00" in text, where
    for hour in WRONG:
        assert hour not in text, where


def test_the_helper_writes_berlin_time(scenario):
    """Every kind of value the site keeps: aware and naive times, Zope's
    DateTime, easyform's UTC text, ISO text, a day."""
    portal, _objects = scenario
    setSite(portal)
    summer, winter = (start for start, _day in MEETINGS.values())
    assert local_time(summer, long_format=True) == "15.07.2027 10:00 Uhr"
    assert local_time(winter, long_format=True) == "20.01.2027 10:00 Uhr"
    assert local_time(summer.astimezone(pytz.utc), long_format=True) == (
        "15.07.2027 10:00 Uhr"
    )
    assert local_time(summer, time_only=True) == "10:00 Uhr"
    assert local_time("2027/07/15 08:00:00.5 UTC", long_format=True) == (
        "15.07.2027 10:00 Uhr"
    )
    assert local_time("2027-01-20T09:00:00+00:00", long_format=True) == (
        "20.01.2027 10:00 Uhr"
    )
    # What an editor typed without a zone is a time on the site's clock.
    assert local_time(datetime(2027, 1, 20, 10), long_format=True) == (
        "20.01.2027 10:00 Uhr"
    )
    # A late evening in UTC is already the next day in Berlin.
    assert local_time("2026/12/06 23:22:19.353774 UTC") == "07.12.2026"
    assert local_time(winter.date(), long_format=True) == "20.01.2027"
    assert local_time(None) == ""


def test_listings_and_the_meeting_page(meetings, persona_request):
    anonymous = persona_request("anonymous")
    listing = anonymous.get("/werkstatttreffen")
    assert listing.status_code == 200
    assert_ten_oclock(listing.text, "/werkstatttreffen")
    start = anonymous.get("/")
    assert "Kommende Werkstatttreffen" in start.text
    assert_ten_oclock(start.text, "start page")
    for meeting in meetings.values():
        page = anonymous.get(meeting.absolute_url())
        assert "10:00 – 14:00 Uhr" in page.text


def test_mein_netzwerk(meetings, persona_request):
    with api.env.adopt_roles(["Manager"]):
        for meeting in meetings.values():
            registration.register(
                meeting,
                {"name": "Bea", "email": "buerger@example.org", "consent": True},
                quiet=True,
                userid="buerger",
            )
    transaction.commit()
    page = persona_request("buerger").get("/@@mein-netzwerk")
    assert "Meine Anmeldungen" in page.text
    assert_ten_oclock(page.text, "Mein Netzwerk")


def test_every_registration_mail(meetings, persona_request, scenario_inbox):
    visitor = persona_request("anonymous")
    for oid, (_start, day) in MEETINGS.items():
        form = f"/werkstatttreffen/{oid}/anmeldung"
        response = send(visitor, form, registrant(oid), "Anmelden")
        assert response.status_code == 200
        (mail,) = scenario_inbox.to(f"{oid}@example.org")
        assert f"am {day} 10:00 Uhr (Rathaus Hayingen)" in body(mail)
        for hour in WRONG:
            assert hour not in body(mail)


def test_registrations_table_in_berlin_time(meetings, persona_request):
    """The time of each registration as the institute reads it: German, in
    Berlin (easyform keeps it as UTC text)."""
    sent = {"sommer": "2027/07/01 08:00:00.123 UTC",
            "winter": "2027/01/10 09:00:00.456 UTC"}  # fmt: skip
    with api.env.adopt_roles(["Manager"]):
        for oid, meeting in meetings.items():
            row = registration.register(meeting, registrant(oid), quiet=True)
            action = registration.registrations_action(meeting["anmeldung"])
            key = registration.rows(meeting["anmeldung"])[0][0]
            action.setDataRow(key, dict(row, dt=sent[oid]))
    transaction.commit()
    institute = persona_request("institut")
    expected = {"sommer": "01.07.2027 10:00 Uhr", "winter": "10.01.2027 10:00 Uhr"}
    for oid, meeting in meetings.items():
        export = institute.get(f"{meeting.absolute_url()}/@@anmeldungen.csv")
        rows = list(
            csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";")
        )
        assert rows[0][-1] == "Angemeldet am"
        assert rows[1][-1] == expected[oid]
        page = institute.get(f"{meeting.absolute_url()}/@@anmeldungen")
        assert expected[oid] in page.text
        assert "UTC" not in page.text


def test_forms_saved_data_in_berlin_time(scenario):
    """A form's saved data (CSV and spreadsheet): when it was sent, in Berlin."""
    portal, _objects = scenario
    setSite(portal)
    form = portal["mitmachen"]["rueckmeldung"]
    action = get_actions(form)["speichern"]
    action.addDataRow({"dt": "2027/07/01 08:00:00.123 UTC"})
    action.addDataRow({"dt": "2027/01/10 09:00:00.456 UTC"})
    action.DownloadFormat = "csv"
    text, _type, _extension = saved_data_file(action, ",")
    assert "01.07.2027 10:00 Uhr" in text
    assert "10.01.2027 10:00 Uhr" in text
    assert "UTC" not in text


def test_open_data_in_berlin_time(scenario):
    """The open data's times are ISO 8601 with Berlin's offset."""
    portal, objects = scenario
    setSite(portal)
    example = objects["example_published"]
    (brain,) = api.content.find(UID=example.UID())
    published = record(brain)["published"]
    assert published.endswith(("+01:00", "+02:00")), published
    # to the second, as the exports write it
    effective = example.effective().asdatetime().replace(microsecond=0)
    assert datetime.fromisoformat(published) == effective
