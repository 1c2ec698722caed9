"""Notifications by mail through a real SMTP server on 127.0.0.1: the right
people, German text, working links, each member's choice (immediately,
daily digest, off) and never a mail about what the recipient may not see."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.fixtures.http import attributes
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zope.component.hooks import setSite
from zumo.policy import mail as notifications
from zumo.policy.reviews import mails

import pytest
import re
import transaction


#: REST calls on an object's own address need this header.
JSON = {"Accept": "application/json"}


def _choose(userid, choice):
    api.user.get(userid=userid).setMemberProperties({notifications.PREFERENCE: choice})


class TestNotifications:
    """The personas of the security scenario, served over HTTP."""

    @pytest.fixture(autouse=True)
    def _site(self, served_scenario):
        portal, _objects = served_scenario
        setSite(portal)
        yield
        with api.env.adopt_roles(["Manager"]):
            for userid in ("institut", "kommune-a", "buerger", "ministerium"):
                _choose(userid, "")
        transaction.commit()

    def test_choice_is_a_member_field(self, served_scenario, persona_request):
        """Members choose in their personal information, in German."""
        page = persona_request("kommune-a").get("/@@personal-information")
        assert page.status_code == 200
        assert "Benachrichtigungen per E-Mail" in page.text
        assert "Einmal täglich als Zusammenfassung" in page.text

    def test_choice_shows_the_default_and_no_empty_option(
        self, served_scenario, persona_request
    ):
        """A member who never chose sees "Sofort, einzeln" chosen (what
        they get), and there is no "Kein Wert" to choose."""
        page = persona_request("kommune-a").get("/@@personal-information").text
        (select,) = re.findall(
            r'<select[^>]*name="form.widgets.zumo_notifications:list".*?</select>',
            page,
            re.S,
        )
        options = re.findall(r"<option\b[^>]*>", select)
        assert [attributes(option)[2] for option in options] == [
            notifications.IMMEDIATE,
            notifications.DIGEST,
            notifications.OFF,
        ]
        chosen = [attributes(option)[2] for option in options if "selected" in option]
        assert chosen == [notifications.IMMEDIATE]
        assert "Kein Wert" not in select
        assert "--NOVALUE--" not in select

    def test_space_members_hear_of_new_documents(
        self, served_scenario, persona_request, scenario_inbox
    ):
        """A new document in a mentoring group reaches its roster, not the
        author, not other municipalities and not the public."""
        portal, objects = served_scenario
        group = objects["group"]
        response = persona_request("institut").post(
            f"{portal.absolute_url()}/++api++/mentoring/{group.getId()}",
            json={"@type": "Document", "title": "Protokoll Klausur"},
        )
        assert response.status_code == 201, response.text
        assert scenario_inbox.recipients() == ["kommune-a@example.org"]
        (message,) = scenario_inbox.messages
        assert subject(message) == f"Neu in {group.Title()}: Protokoll Klausur"
        assert "Protokoll Klausur" in body(message)
        assert "Persönliche Informationen" in body(message)
        (link,) = [u for u in links(message) if "protokoll-klausur" in u]
        assert persona_request("kommune-a").get(link).status_code == 200
        assert (
            persona_request("kommune-b").get(link, allow_redirects=False).status_code
            != 200
        )

    def test_author_hears_of_publication_and_institute_of_submission(
        self, served_scenario, persona_request, scenario_inbox
    ):
        portal, _objects = served_scenario
        citizen = persona_request("buerger")
        created = citizen.post(
            f"{portal.absolute_url()}/++api++/praxisbeispiele",
            json={"@type": "PracticeExample", "title": "Mitfahrbank am Dorfplatz"},
        )
        assert created.status_code == 201, created.text
        url = created.json()["@id"]
        submitted = citizen.post(f"{url}/@workflow/submit", headers=JSON, json={})
        assert submitted.status_code == 200, submitted.text
        to_institute = scenario_inbox.to("institut@example.org")
        assert [subject(m) for m in to_institute] == [
            "Zur Prüfung: Mitfahrbank am Dorfplatz"
        ]
        assert scenario_inbox.to("ministerium@example.org") == []
        assert scenario_inbox.to("kommune-b@example.org") == []
        # The link in the mail opens the draft for the institute.
        institute = persona_request("institut")
        (link,) = [u for u in links(to_institute[0]) if "mitfahrbank" in u]
        assert institute.get(link).status_code == 200, link
        scenario_inbox.clear()
        rejected = institute.post(
            f"{url}/@workflow/reject",
            headers=JSON,
            json={"comment": "Bitte Ergebnisse ergänzen."},
        )
        assert rejected.status_code == 200, rejected.text
        (mail,) = scenario_inbox.to("buerger@example.org")
        assert subject(mail) == "Zurückgewiesen: Mitfahrbank am Dorfplatz"
        assert "Bitte Ergebnisse ergänzen." in body(mail)
        assert scenario_inbox.recipients() == ["buerger@example.org"]

    def test_off_and_digest(self, served_scenario, persona_request, scenario_inbox):
        """Off sends nothing; the digest gathers and goes out once, with
        only what the member may still see."""
        portal, _objects = served_scenario
        with api.env.adopt_roles(["Manager"]):
            _choose("institut", notifications.DIGEST)
        transaction.commit()
        citizen = persona_request("buerger")
        for title in ("Bürgerbus", "Dorfladen"):
            created = citizen.post(
                f"{portal.absolute_url()}/++api++/praxisbeispiele",
                json={"@type": "PracticeExample", "title": title},
            )
            citizen.post(
                f"{created.json()['@id']}/@workflow/submit", headers=JSON, json={}
            )
        assert scenario_inbox.to("institut@example.org") == []
        transaction.begin()
        assert len(notifications.pending("institut")) == 2
        # The digest goes out through the running site (as cron does).
        admin = persona_request("anonymous")
        admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        refused = admin.post(f"{portal.absolute_url()}/@@daily-jobs")
        assert refused.status_code == 400
        sent = admin.post(
            f"{portal.absolute_url()}/@@daily-jobs",
            headers={"X-ZUMO-Command": "daily"},
        )
        assert sent.status_code == 200, sent.text
        assert "Zusammenfassungen verschickt: 1" in sent.text.splitlines()
        (digest,) = scenario_inbox.to("institut@example.org")
        assert subject(digest) == "ZUMO Netzwerk: 2 Neuigkeiten für Sie"
        assert "Bürgerbus" in body(digest) and "Dorfladen" in body(digest)
        transaction.begin()
        assert notifications.pending("institut") == []
        # Off: nothing at all.
        with api.env.adopt_roles(["Manager"]):
            _choose("institut", notifications.OFF)
        transaction.commit()
        scenario_inbox.clear()
        created = citizen.post(
            f"{portal.absolute_url()}/++api++/praxisbeispiele",
            json={"@type": "PracticeExample", "title": "Repair-Café"},
        )
        citizen.post(f"{created.json()['@id']}/@workflow/submit", headers=JSON, json={})
        assert scenario_inbox.to("institut@example.org") == []


def test_nobody_hears_of_what_they_may_not_see(portal):
    """``notify`` leaves out members who may not view the item."""
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.user.create(username="aussen", email="aussen@example.org", password="x" * 12)
    draft = api.content.create(
        container=portal["praxisbeispiele"], type="PracticeExample", title="Entwurf"
    )
    told = notifications.notify(["aussen"], draft, "Betreff", "Text")
    assert told == []
    api.content.transition(obj=draft, transition="publish")
    assert notifications.notify(["aussen"], draft, "Betreff", "Text") == ["aussen"]


class TestReviewNotifications:
    """Experts hear of assignments; the reviewed team and the ministry of
    a released review; the team and the institute before it expires."""

    @pytest.fixture(autouse=True)
    def _site(self, served_scenario):
        setSite(served_scenario[0])

    def test_assignment_release_and_expiry(
        self, served_scenario, persona_request, scenario_inbox
    ):
        from datetime import date
        from datetime import timedelta
        from zumo.content.relations import relation_to

        portal, objects = served_scenario
        institute = persona_request("institut")
        with api.env.adopt_user(username="institut"):
            review = api.content.create(
                container=portal["gutachten"], type="ExpertReview", id="neu",
                title="Gutachten Handlungskonzept",
                municipality=relation_to(objects["municipality_published"]),
            )  # fmt: skip
        transaction.commit()
        response = institute.patch(
            f"{review.absolute_url()}", headers=JSON,
            json={"assigned_experts": ["expertin2"]},
        )  # fmt: skip
        assert response.status_code == 204, response.text
        # Requested reviews are the institute's; the expert hears at the start.
        assert scenario_inbox.recipients() == []
        started = institute.post(
            f"{review.absolute_url()}/@workflow/start_review", headers=JSON, json={}
        )
        assert started.status_code == 200, started.text
        assert scenario_inbox.recipients() == ["expertin2@example.org"]
        (mail,) = scenario_inbox.messages
        assert subject(mail) == "Gutachten für Sie: Gutachten Handlungskonzept"
        scenario_inbox.clear()
        submitted = objects["review_submitted"]
        transaction.begin()
        submitted.valid_until = date.today() + timedelta(days=30)
        transaction.commit()
        released = institute.post(
            f"{submitted.absolute_url()}/@workflow/release", headers=JSON, json={}
        )
        assert released.status_code == 200, released.text
        recipients = scenario_inbox.recipients()
        assert "kommune-a@example.org" in recipients
        assert "ministerium@example.org" in recipients
        for outsider in ("kommune-b@example.org", "buerger@example.org",
                         "expertin@example.org"):  # fmt: skip
            assert outsider not in recipients
        scenario_inbox.clear()
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            assert mails.remind_expiring_reviews() >= 1
        transaction.commit()
        assert "kommune-a@example.org" in scenario_inbox.recipients()
        assert "institut@example.org" in scenario_inbox.recipients()
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            # Once per end date.
            assert mails.remind_expiring_reviews() == 0
