"""Workshop meetings and qualification modules as people use them, in
Debian's Chromium at a desktop and a phone width: an anonymous visitor finds
a meeting, registers and gets the mail; a member registers and reads on the
meeting page and in "Mein Netzwerk" that she is registered; the institute
downloads the registrations; a module page says when, where and how long.
Every time is the meeting's time in Berlin (10:00), although the server's
clock runs in UTC."""

from DateTime import DateTime
from datetime import datetime
from playwright.sync_api import expect
from plone import api
from tests.fixtures.mail import body
from zoneinfo import ZoneInfo
from zumo.policy.meetings import registration

import csv
import io
import pytest


pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")
#: The demo meeting two months ahead whose registration is open.
MEETING = "Werkstatttreffen Tübingen: Mobil zwischen den Teilorten"
MODULE = "ZUMO 1: Auftakt – Rolle und Auftrag der Moderierenden"


def demo_object(portal_type, title):
    """The demo object of ``portal_type`` with ``title``."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(portal_type=portal_type, Title=title)
    return brain._unrestrictedGetObject()


def meeting_time(meeting):
    """The meeting's start as Berlin's clock says it (``dd.mm.yyyy 10:00``),
    worked out here without the site's helper."""
    start = meeting.start.astimezone(BERLIN)
    assert start.hour == 10
    return f"{start:%d.%m.%Y} 10:00"


def find_meeting(page, portal_url):
    """From the section ``/werkstatttreffen`` to the meeting's page; return
    its line in the listing."""
    page.goto(f"{portal_url}/werkstatttreffen")
    line = page.locator("li", has=page.get_by_role("link", name=MEETING))
    text = line.inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name=MEETING).click()
    return text


def register(page, name, email):
    """Fill in and send the registration form from the meeting page."""
    page.get_by_role("link", name="Jetzt anmelden").click()
    page.get_by_label("Ihr Name").fill(name)
    page.get_by_label("Kommune oder Organisation").fill("Gemeinde Gomadingen")
    page.get_by_label("Ihre E-Mail-Adresse").fill(email)
    page.get_by_label("Einwilligung", exact=False).first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


def test_visitor_finds_a_meeting_and_registers(journey, demo_inbox):
    portal = api.portal.get()
    meeting = demo_object("WorkshopMeeting", MEETING)
    when = meeting_time(meeting)

    page = journey.page(None)
    line = find_meeting(page, portal.absolute_url())
    assert f"{when} Uhr" in line
    journey.shot(page, "meeting")
    assert "10:00 – 16:00 Uhr" in page.locator(".zumo-facts-box").inner_text()
    assert journey.fits(page)

    register(page, "Clara Gast", "clara@example.org")
    expect(page.get_by_text("Vielen Dank für Ihre Anmeldung")).to_be_visible()
    journey.shot(page, "registered")
    assert journey.fits(page)

    demo_inbox.wait_for(1)
    (mail,) = demo_inbox.to("clara@example.org")
    assert f"am {when} Uhr (Sternberghalle Gomadingen)" in body(mail)


def open_my_network(page, fullname):
    """Open "Mein Netzwerk" from the personal menu: under one's name, at a
    phone's width under the person icon of Plone's toolbar (which names
    nobody there)."""
    link = page.get_by_role("link", name="Mein Netzwerk")
    if not link.count():
        menu = page.get_by_role("link", name=fullname)
        if menu.count():
            menu.first.click()
        else:
            page.locator("#personaltools-menulink").click()
    with page.expect_navigation():
        link.first.click()


def test_member_registers_and_reads_that_she_is(journey, demo_inbox):
    portal = api.portal.get()
    meeting = demo_object("WorkshopMeeting", MEETING)
    when = meeting_time(meeting)

    page = journey.page("buerger")
    find_meeting(page, portal.absolute_url())
    assert "Sie sind angemeldet." not in page.content()
    register(page, "Bea Bürger", "buerger@example.org")
    expect(page.get_by_text("Vielen Dank für Ihre Anmeldung")).to_be_visible()

    # Back to the meeting by the breadcrumbs.
    with page.expect_navigation():
        page.locator("#portal-breadcrumbs").get_by_role("link", name=MEETING).click()
    status = page.locator(".zumo-my-registration")
    assert "Sie sind angemeldet." in status.inner_text()
    expect(status.get_by_role("link", name="Anmeldung zurückziehen")).to_be_visible()
    assert page.get_by_role("link", name="Jetzt anmelden").count() == 0
    journey.shot(page, "registered")
    assert journey.fits(page)

    open_my_network(page, "Bea Bürger (Demo)")
    mine = page.locator("li", has=page.get_by_role("link", name=MEETING)).first
    assert f"{when} Uhr" in mine.inner_text()
    journey.shot(page, "mein-netzwerk")
    assert journey.fits(page)

    demo_inbox.wait_for(1)
    (mail,) = demo_inbox.to("buerger@example.org")
    assert f"am {when} Uhr" in body(mail)


def test_institute_downloads_registrations_in_berlin_time(journey):
    meeting = demo_object(
        "WorkshopMeeting",
        "Werkstatttreffen Karlsruhe: Treffpunkte für alle Generationen",
    )
    page = journey.page("institut")
    page.goto(meeting.absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Anmeldungen ansehen").click()
    journey.shot(page, "registrations")
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV-Datei herunterladen").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, records = rows[0], rows[1:]
    column = header.index("Angemeldet am")
    stored = [row["dt"] for _key, row in registration.rows(meeting["anmeldung"])]

    assert len(records) == len(stored) == 3
    for record, sent in zip(records, stored, strict=True):
        berlin = datetime.fromtimestamp(DateTime(sent).timeTime(), BERLIN)
        assert record[column] == f"{berlin:%d.%m.%Y %H:%M} Uhr", (record, sent)
        assert "UTC" not in record[column]


def test_module_page_says_when_where_and_how_long(journey):
    portal = api.portal.get()
    module = demo_object("QualificationModule", MODULE)
    first = min(module.sessions).astimezone(BERLIN)

    page = journey.page(None)
    page.goto(f"{portal.absolute_url()}/qualifizierung")
    with page.expect_navigation():
        page.get_by_role("link", name=MODULE).first.click()
    facts = page.locator(".zumo-facts-box").inner_text()
    assert "Nächste Termine" in facts
    assert f"{first:%d.%m.%Y} 09:30 Uhr" in facts
    assert "Stuttgart" in facts
    assert "1 Tag" in facts
    assert "Präsenz" in facts
    journey.shot(page, "module")
    assert journey.fits(page)
