"""Registration for workshop meetings: a form per meeting, capacity and
waiting list, the deadline, mails through a real SMTP server, cancelling by
link, the institute's list and CSV export, and nobody else reading them."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.http import send
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zumo.policy.interfaces import IRegistrationForm
from zumo.policy.meetings import registration

import csv
import io
import pytest
import transaction


BUTTON = "Anmelden"


def person(number, **extra):
    """The answers of registrant ``number``."""
    return {
        "name": f"Person {number}",
        "municipality": "Gemeinde Musterhausen",
        "email": f"person{number}@example.org",
        "consent": "selected",
        **extra,
    }


def make_meeting(portal, capacity=2, opens=-1, closes=7, announce=True, id="treffen"):
    """A workshop meeting in three weeks; registration from ``opens`` to
    ``closes`` days from now."""
    now = datetime.now()
    meeting = api.content.create(
        container=portal["werkstatttreffen"],
        type="WorkshopMeeting",
        id=id,
        title="Werkstatttreffen Alb",
        start=now + timedelta(days=21),
        end=now + timedelta(days=21, hours=4),
        location="Rathaus Hayingen",
        capacity=capacity,
        registration_start=now + timedelta(days=opens),
        registration_end=now + timedelta(days=closes),
    )
    if announce:
        api.content.transition(obj=meeting, transition="announce")
    return meeting


class TestForm:
    """Every meeting gets its form, created with it."""

    def test_new_meeting_has_its_form(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, announce=False)
        form = meeting[registration.FORM_ID]
        assert form.portal_type == "EasyForm"
        assert IRegistrationForm.providedBy(form)
        assert form.title == "Anmeldung"
        from collective.easyform.api import get_actions
        from collective.easyform.api import get_schema
        from zope.schema import getFieldNamesInOrder

        assert getFieldNamesInOrder(get_schema(form)) == [
            "name", "municipality", "email", "accessibility", "consent", "website"
        ]  # fmt: skip
        assert getFieldNamesInOrder(get_actions(form)) == ["schutz", "anmeldungen"]
        # Its storage exists, so the institute's first look is no write.
        assert registration.registrations_action(form).itemsSaved() == 0
        assert registration.counts(meeting) == {
            "confirmed": 0, "waiting": 0, "cancelled": 0, "free": 2
        }  # fmt: skip

    def test_form_follows_the_meeting(self, portal):
        from AccessControl.PermissionRole import rolesForPermissionOn

        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, announce=False)
        form = meeting[registration.FORM_ID]
        assert "Anonymous" not in rolesForPermissionOn("View", form)
        api.content.transition(obj=meeting, transition="announce")
        assert "Anonymous" in rolesForPermissionOn("View", form)

    def test_a_copy_keeps_the_form_not_the_registrations(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal)
        registration.register(meeting, person(1), quiet=True)
        copy = api.content.copy(source=meeting, target=portal["werkstatttreffen"],
                                id="kopie")  # fmt: skip
        assert registration.rows(copy["anmeldung"]) == []
        assert len(registration.rows(meeting["anmeldung"])) == 1

    def test_upgrade_1007_gives_old_meetings_a_form(self, portal):
        from zumo.policy.upgrades import v1007

        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal)
        api.content.delete(meeting[registration.FORM_ID])
        v1007.upgrade(portal.portal_setup)
        assert IRegistrationForm.providedBy(meeting[registration.FORM_ID])


class TestRules:
    """Capacity, waiting list, duplicates and the deadline (in process)."""

    def test_capacity_waiting_list_and_moving_up(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, capacity=2)
        states = [registration.register(meeting, person(n), quiet=True)["status"]
                  for n in range(4)]  # fmt: skip
        assert states == ["confirmed", "confirmed", "waiting", "waiting"]
        key, row = registration.find(
            meeting, registration.rows(meeting["anmeldung"])[0][1]["token"]
        )
        assert row["name"] == "Person 0"
        registration.cancel(meeting, key)
        by_name = {
            r["name"]: r["status"] for _k, r in registration.rows(meeting["anmeldung"])
        }
        assert by_name == {"Person 0": "cancelled", "Person 1": "confirmed",
                           "Person 2": "confirmed", "Person 3": "waiting"}  # fmt: skip
        # Cancelling twice changes nothing.
        assert registration.cancel(meeting, key) is None
        # A raised capacity moves the next one up.
        meeting.capacity = 3
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(meeting))
        assert registration.counts(meeting) == {
            "confirmed": 3, "waiting": 0, "cancelled": 1, "free": 0
        }  # fmt: skip

    def test_one_address_registers_once(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal)
        registration.register(meeting, person(1), quiet=True)
        registration.register(
            meeting, person(1, email="PERSON1@example.org "), quiet=True
        )
        assert len(registration.rows(meeting["anmeldung"])) == 1

    def test_without_capacity_everyone_gets_a_place(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, capacity=None)
        for number in range(5):
            registration.register(meeting, person(number), quiet=True)
        assert registration.counts(meeting)["confirmed"] == 5
        assert registration.counts(meeting)["free"] is None

    @pytest.mark.parametrize(
        "opens,closes,message",
        [(2, 7, "beginnt am"), (-7, -1, "ist geschlossen")],
    )
    def test_window_is_enforced(self, portal, opens, closes, message):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, opens=opens, closes=closes)
        from zope.i18n import translate

        refusal = registration.refusal_of(meeting)
        assert message in translate(refusal, target_language="de")


class TestDeletion:
    """The form promises to delete registrations after the meeting."""

    def test_daily_job_deletes_registrations_a_month_after(self, portal):
        from DateTime import DateTime

        setRoles(portal, TEST_USER_ID, ["Manager"])
        meeting = make_meeting(portal, capacity=1)
        for number in range(3):
            registration.register(meeting, person(number), quiet=True)
        # Not yet: the meeting lies ahead.
        assert registration.purge_past() == 0
        later = DateTime() + 21 + registration.KEEP_DAYS + 1
        meeting.reindexObject()
        assert registration.purge_past(now=later) == 3
        assert registration.rows(meeting["anmeldung"]) == []
        assert meeting.registration_counts == {
            "confirmed": 1, "waiting": 2, "cancelled": 0
        }  # fmt: skip
        assert registration.purge_past(now=later) == 0


class TestOverHttp:
    """The whole process in the browser's way (HTML forms), mails through a
    real SMTP server on 127.0.0.1."""

    @pytest.fixture
    def browser_session(self, functional_portal):
        """An anonymous visitor's session that asks for HTML pages."""
        from pytest_plone.fixtures.requests import RelativeSession

        session = RelativeSession(functional_portal.absolute_url())
        yield session
        session.close()

    @pytest.fixture
    def meeting(self, functional_portal):
        with api.env.adopt_roles(["Manager"]):
            meeting = make_meeting(functional_portal, capacity=1)
        transaction.commit()
        return meeting

    def test_register_wait_cancel_move_up(
        self, functional_portal, meeting, inbox, browser_session
    ):
        form_path = f"/werkstatttreffen/{meeting.getId()}/anmeldung"
        response = send(browser_session, form_path, person(1), BUTTON)
        assert response.status_code == 200, response.text[:3000]
        assert "Vielen Dank für Ihre Anmeldung" in response.text
        response = send(browser_session, form_path, person(2, accessibility="Rollstuhl"),
                        BUTTON)  # fmt: skip
        assert response.status_code == 200
        (confirmed,) = inbox.to("person1@example.org")
        assert subject(confirmed) == "Angemeldet: Werkstatttreffen Alb"
        assert "Sie sind angemeldet" in body(confirmed)
        (waiting,) = inbox.to("person2@example.org")
        assert subject(waiting) == "Warteliste: Werkstatttreffen Alb"
        assert "Warteliste" in body(waiting)
        # Each link in the mail works; the cancel link is personal.
        cancel_url = next(u for u in links(confirmed) if "@@abmelden" in u)
        for url in links(confirmed):
            assert browser_session.get(url).status_code == 200, url
        # The link shows a page; only the button cancels.
        page = browser_session.get(cancel_url)
        assert "Person 1" in page.text and "Abmelden" in page.text
        transaction.begin()
        assert registration.counts(meeting)["confirmed"] == 1
        token = cancel_url.split("token=")[1]
        inbox.clear()
        response = browser_session.post(
            f"/werkstatttreffen/{meeting.getId()}/@@abmelden",
            data={"token": token, "cancel": "1"},
        )
        assert response.status_code == 200
        assert "Sie sind abgemeldet" in response.text
        transaction.begin()
        assert registration.counts(meeting) == {
            "confirmed": 1, "waiting": 0, "cancelled": 1, "free": 0
        }  # fmt: skip
        assert [subject(m) for m in inbox.to("person1@example.org")] == [
            "Abgemeldet: Werkstatttreffen Alb"
        ]
        (moved,) = inbox.to("person2@example.org")
        assert "Platz frei geworden" in body(moved)

    def test_bad_cancel_link_is_a_german_message(self, meeting, browser_session):
        page = browser_session.get(
            f"/werkstatttreffen/{meeting.getId()}/@@abmelden",
            params={"token": "falsch"},
        )
        assert page.status_code == 200
        assert "Dieser Abmeldelink ist ungültig" in page.text

    def test_bad_input_stores_nothing(self, meeting, browser_session, inbox):
        form_path = f"/werkstatttreffen/{meeting.getId()}/anmeldung"
        response = send(browser_session, form_path,
                        person(1, email="keine-adresse", consent=""), BUTTON)  # fmt: skip
        assert response.status_code == 200
        assert "Vielen Dank" not in response.text
        transaction.begin()
        assert registration.rows(meeting["anmeldung"]) == []
        assert inbox.messages == []

    def test_honeypot_stores_nothing(self, meeting, browser_session, inbox):
        form_path = f"/werkstatttreffen/{meeting.getId()}/anmeldung"
        response = send(browser_session, form_path,
                        person(1, website="http://spam.example"), BUTTON)  # fmt: skip
        assert "Ihre Angaben konnten nicht gesendet werden" in response.text
        transaction.begin()
        assert registration.rows(meeting["anmeldung"]) == []
        assert inbox.messages == []

    def test_closed_registration_sends_people_to_the_meeting(
        self, functional_portal, browser_session
    ):
        with api.env.adopt_roles(["Manager"]):
            meeting = make_meeting(functional_portal, opens=-7, closes=-1, id="vorbei")
        transaction.commit()
        response = browser_session.get("/werkstatttreffen/vorbei/anmeldung",
                                    allow_redirects=False)  # fmt: skip
        assert response.status_code == 302
        assert response.headers["Location"] == meeting.absolute_url()


class TestInstituteOnly:
    """Registrations are personal data: only the institute reads them."""

    def test_list_and_csv_for_the_institute(self, served_scenario, persona_request):
        portal, objects = served_scenario
        meeting = objects["meeting_announced"]
        from zope.component.hooks import setSite

        setSite(portal)
        with api.env.adopt_roles(["Manager"]):
            registration.register(meeting, person(1, name="=HYPERLINK(1)"), quiet=True)
        transaction.commit()
        session = persona_request("institut")
        page = session.get(f"{meeting.absolute_url()}/@@anmeldungen")
        assert page.status_code == 200
        assert "person1@example.org" in page.text
        export = session.get(f"{meeting.absolute_url()}/@@anmeldungen.csv")
        assert export.status_code == 200
        assert export.headers["Content-Type"].startswith("text/csv")
        rows = list(
            csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";")
        )
        assert rows[0] == ["Ihr Name", "Kommune oder Organisation", "Ihre E-Mail-Adresse",
                           "Was brauchen Sie, um gut teilnehmen zu können?",
                           "Einwilligung", "Status", "Angemeldet am"]  # fmt: skip
        assert rows[1][0] == "'=HYPERLINK(1)"
        assert rows[1][5] == "Angemeldet"
        for persona in ("anonymous", "buerger", "kommune-a", "kommune-b", "expertin",
                        "expertin2", "ministerium"):  # fmt: skip
            other = persona_request(persona)
            for view in ("@@anmeldungen", "@@anmeldungen.csv",
                         "anmeldung/actions/anmeldungen/@@data",
                         "anmeldung/@@saveddata"):  # fmt: skip
                response = other.get(f"{meeting.absolute_url()}/{view}",
                                     allow_redirects=False)  # fmt: skip
                assert response.status_code in (302, 401, 403, 404), (persona, view)
                assert "person1@example.org" not in response.text
            rest = other.get(
                f"{portal.absolute_url()}/++api++/werkstatttreffen/{meeting.getId()}/anmeldung"
            )
            assert "person1@example.org" not in rest.text
