"""The expert-review process end to end over HTTP, as the personas do it:
the municipality requests a review of its action plan, the institute
assigns experts and starts it, the expert declares, scores, writes and
submits, the institute releases, the team and the ministry are told and
read it, and with the municipality's consent its profile shows the
recognition. Mails arrive at a real SMTP server on 127.0.0.1."""

from datetime import date
from datetime import timedelta
from plone import api
from tests.fixtures.http import csrf_token
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zope.component.hooks import setSite

import pytest
import transaction


JSON = {"Accept": "application/json"}


class TestReviewProcess:
    @pytest.fixture(autouse=True)
    def _site(self, served_scenario):
        setSite(served_scenario[0])

    def test_from_request_to_recognition(
        self, served_scenario, persona_request, scenario_inbox
    ):
        portal, objects = served_scenario
        team = objects["municipality_published"]
        plan = objects["action_plan"]
        api_root = f"{portal.absolute_url()}/++api++"
        municipality = persona_request("kommune-a")
        institute = persona_request("institut")
        expert = persona_request("expertin2")

        # Another municipality may not request a review of team A.
        refused = persona_request("kommune-b").post(
            f"{api_root}/gutachten",
            json={"@type": "ExpertReview", "title": "Fremd",
                  "municipality": team.UID()},
        )  # fmt: skip
        assert refused.status_code == 400
        assert "zu deren Team Sie gehören" in refused.json()["message"]

        # 1. The municipality requests a review of its action plan.
        requested = municipality.post(
            f"{api_root}/gutachten",
            json={"@type": "ExpertReview", "title": "Gutachten Handlungskonzept A",
                  "review_subject": "Handlungskonzept 2035",
                  "municipality": team.UID(), "action_plan": plan.UID()},
        )  # fmt: skip
        assert requested.status_code == 201, requested.text
        url = requested.json()["@id"].replace("/++api++", "")
        assert scenario_inbox.recipients() == ["institut@example.org"]
        assert subject(scenario_inbox.messages[0]) == (
            "Gutachten angefragt: Gutachten Handlungskonzept A"
        )
        scenario_inbox.clear()

        # 2. The institute assigns an expert and starts the review; the
        # plan's current version is pinned.
        assigned = institute.patch(
            url, headers=JSON, json={"assigned_experts": ["expertin2"]}
        )
        assert assigned.status_code == 204, assigned.text
        started = institute.post(f"{url}/@workflow/start_review", headers=JSON, json={})
        assert started.status_code == 200, started.text
        assert scenario_inbox.recipients() == ["expertin2@example.org"]
        scenario_inbox.clear()
        # The other expert does not see it.
        other = persona_request("expertin").get(url, allow_redirects=False)
        assert other.status_code != 200

        # 3. The expert reads the assessed plan version without access to
        # the team space, cannot submit before declaring, then declares,
        # scores, writes and submits.
        page = expert.get(url)
        assert page.status_code == 200
        assert "Begutachtetes Handlungskonzept" in page.text
        assert "Version 0" in page.text
        assert expert.get(plan.absolute_url(), allow_redirects=False).status_code != 200
        early = expert.post(f"{url}/@workflow/submit", headers=JSON, json={})
        assert early.status_code != 200
        token = csrf_token(expert, f"{url}/@@conflict-of-interest")
        declared = expert.post(
            f"{url}/@@conflict-of-interest",
            data={"confirm": "1", "statement": "Keine Beziehung zur Kommune.",
                  "_authenticator": token},
        )  # fmt: skip
        assert declared.status_code == 200
        scored = expert.patch(
            url,
            headers=JSON,
            json={
                "score_legitimation": "4", "comment_legitimation": "Ratsbeschluss.",
                "score_beteiligung": "3", "level": "hoher_standard",
                "summary": {"data": "<p>Ein überzeugendes Konzept.</p>",
                            "content-type": "text/html"},
                "valid_until": (date.today() + timedelta(days=700)).isoformat(),
            },
        )  # fmt: skip
        assert scored.status_code == 204, scored.text
        # The plan is updated meanwhile: the review keeps its version.
        updated = municipality.patch(
            plan.absolute_url(),
            headers=JSON,
            json={"measures": {"data": "<p>Fortgeschrieben.</p>",
                               "content-type": "text/html"}},
        )  # fmt: skip
        assert updated.status_code == 204, updated.text
        submitted = expert.post(f"{url}/@workflow/submit", headers=JSON, json={})
        assert submitted.status_code == 200, submitted.text
        # Submitted: the expert no longer edits it.
        late = expert.patch(url, headers=JSON, json={"comment_evaluation": "Nachtrag"})
        assert late.status_code in (401, 403)

        # 4. The institute releases it; the team and the ministry hear of it.
        released = institute.post(f"{url}/@workflow/release", headers=JSON, json={})
        assert released.status_code == 200, released.text
        recipients = scenario_inbox.recipients()
        assert "kommune-a@example.org" in recipients
        assert "ministerium@example.org" in recipients
        for outsider in ("kommune-b@example.org", "buerger@example.org",
                         "expertin@example.org"):  # fmt: skip
            assert outsider not in recipients
        (mail,) = scenario_inbox.to("ministerium@example.org")
        (link,) = [u for u in links(mail) if u.startswith(url)]

        # 5. They read it: the rubric and the plan version it assessed.
        for persona in ("kommune-a", "ministerium"):
            page = persona_request(persona).get(link)
            assert page.status_code == 200, persona
            assert "Ein überzeugendes Konzept." in page.text
            assert "Hoher Standard" in page.text
            assert "Fortgeschrieben." not in page.text
        # REST names the live plan only to those who may open it.
        ministry_json = persona_request("ministerium").get(url, headers=JSON).json()
        assert ministry_json["action_plan"] is None
        assert (
            plan.UID() not in persona_request("ministerium").get(url, headers=JSON).text
        )
        team_json = municipality.get(url, headers=JSON).json()
        assert team_json["action_plan"]["@id"].endswith("/action_plan")
        for outsider in ("kommune-b", "buerger", "anonymous"):
            response = persona_request(outsider).get(link, allow_redirects=False)
            assert response.status_code != 200, outsider

        # 6. With the municipality's consent its profile shows the
        # recognition to everybody; the content stays confidential.
        public = persona_request("anonymous")
        assert (
            "Anerkennung durch das Expertengremium"
            not in public.get(team.absolute_url()).text
        )
        consented = municipality.patch(
            team.absolute_url(), headers=JSON, json={"show_review_recognition": True}
        )
        assert consented.status_code == 204, consented.text
        profile = public.get(team.absolute_url()).text
        assert "Anerkennung durch das Expertengremium" in profile
        assert "Handlungskonzept 2035" in profile
        assert "Hoher Standard" in profile
        assert "Ein überzeugendes Konzept." not in profile
        transaction.begin()

    def test_workshop_summary_becomes_an_example(
        self, served_scenario, persona_request
    ):
        """The team proposes a practice example from a documented
        Zukunftswerkstatt: a draft it completes, the institute reviews."""
        _portal, objects = served_scenario
        workshop = objects["future_workshop"]
        member = persona_request("kommune-a")
        token = csrf_token(member, workshop.absolute_url())
        response = member.post(
            f"{workshop.absolute_url()}/@@als-praxisbeispiel-vorschlagen",
            data={"_authenticator": token},
        )
        assert response.status_code == 200
        assert "/praxisbeispiele/" in response.url and response.url.endswith("/edit")
        assert "Der Entwurf des Praxisbeispiels ist angelegt" in response.text
        # Once only; others may not do it.
        again = member.post(
            f"{workshop.absolute_url()}/@@als-praxisbeispiel-vorschlagen",
            data={"_authenticator": token},
        )
        assert "bereits ein Praxisbeispiel" in again.text
        outsider = persona_request("kommune-b").post(
            f"{workshop.absolute_url()}/@@als-praxisbeispiel-vorschlagen",
            data={"_authenticator": token},
            allow_redirects=False,
        )
        assert outsider.status_code in (302, 401, 403)

    def test_only_the_team_requests_a_review_of_its_plan(
        self, served_scenario, persona_request
    ):
        """The button on the plan creates a requested review for the team;
        nobody else can use it, and a refused request creates nothing."""
        portal, objects = served_scenario
        plan = objects["action_plan"]
        before = set(portal["gutachten"].objectIds())
        for outsider in ("kommune-b", "expertin", "ministerium"):
            session = persona_request(outsider)
            response = session.post(
                f"{plan.absolute_url()}/@@begutachtung-anfordern",
                data={"_authenticator": "x"},
                allow_redirects=False,
            )
            assert response.status_code in (302, 401, 403), outsider
        transaction.begin()
        assert set(portal["gutachten"].objectIds()) == before
        member = persona_request("kommune-a")
        token = csrf_token(member, plan.absolute_url())
        assert "Begutachtung anfordern" in member.get(plan.absolute_url()).text
        response = member.post(
            f"{plan.absolute_url()}/@@begutachtung-anfordern",
            data={"_authenticator": token},
        )
        assert response.status_code == 200
        assert "Die Begutachtung ist angefragt" in response.text
        transaction.begin()
        (new,) = set(portal["gutachten"].objectIds()) - before
        review = portal["gutachten"][new]
        assert review.action_plan.to_object == plan
        assert api.content.get_state(review) == "requested"


class TestTeamRecords:
    def test_team_keeps_its_action_plan_and_workshops(
        self, served_scenario, persona_request
    ):
        """The team documents a Zukunftswerkstatt and files an action plan
        that builds on it; every change is a version; other municipalities
        can neither add nor read them."""
        portal, objects = served_scenario
        team_url = objects["municipality_published"].absolute_url()
        api_team = team_url.replace(
            portal.absolute_url(), portal.absolute_url() + "/++api++"
        )
        member = persona_request("kommune-a")
        workshop = member.post(
            api_team,
            json={"@type": "FutureWorkshop", "title": "Fokusgruppe Senioren",
                  "date": "2025-05-08", "workshop_format": "fokusgruppe",
                  "participants": 12},
        )  # fmt: skip
        assert workshop.status_code == 201, workshop.text
        plan = member.post(
            api_team,
            json={"@type": "ActionPlan", "title": "Demografiestrategie 2040",
                  "plan_kind": "demografiestrategie",
                  "future_workshops": [workshop.json()["UID"]],
                  "goals": {"data": "<p>Älter werden im Ort.</p>",
                            "content-type": "text/html"}},
        )  # fmt: skip
        assert plan.status_code == 201, plan.text
        url = plan.json()["@id"]
        assert member.patch(
            url,
            headers=JSON, json={"measures": {"data": "<p>Tagespflege.</p>",
                                    "content-type": "text/html"}},
        ).status_code == 204  # fmt: skip
        history = member.get(f"{url}/@history", headers=JSON).json()
        versions = [entry for entry in history if entry.get("type") == "versioning"]
        assert len(versions) == 2
        page = member.get(url).text
        assert "Fokusgruppe Senioren" in page and "Tagespflege." in page
        # A wrong format is refused in German, and nothing is created.
        bad = member.post(
            api_team,
            json={"@type": "FutureWorkshop", "title": "Falsch",
                  "date": "2025-05-08", "workshop_format": "party"},
        )  # fmt: skip
        assert bad.status_code == 400
        for outsider in ("kommune-b", "buerger", "ministerium", "expertin"):
            session = persona_request(outsider)
            added = session.post(
                api_team, json={"@type": "ActionPlan", "title": "Fremd"}
            )
            assert added.status_code in (401, 403), outsider
            response = session.get(url, headers=JSON)
            assert response.status_code in (401, 403, 404), outsider
