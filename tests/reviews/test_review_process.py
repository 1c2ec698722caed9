"""The expert-review process end to end over HTTP, as the personas do it:
the municipality requests a review of its action plan, the institute
composes the panel and starts it, each expert declares, scores and submits
her own assessment, the institute compares them, records the verdict and
releases, the team and the ministry are told and read it, and with the
municipality's consent its profile shows the recognition. Mails arrive at a real SMTP server on 127.0.0.1."""

from datetime import date
from datetime import timedelta
from plone import api
from tests.fixtures.http import csrf_token
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject
from zope.component.hooks import setSite
from zumo.content.expert_assessment import CRITERIA

import html
import json
import pytest
import transaction


JSON = {"Accept": "application/json"}


def _post(session, url, view, follow=True, **data):
    """Send a form to ``view`` of ``url`` as ``session``'s user, with the
    CSRF token of the page a GET of it shows; return the page shown after
    (or, not ``follow``-ing, the redirect)."""
    data["_authenticator"] = csrf_token(session, f"{url}/{view}")
    return session.post(f"{url}/{view}", data=data, allow_redirects=follow)


def _scores(score, comment):
    """A REST body scoring every criterion with ``score``."""
    values = {f"score_{token}": score for token in CRITERIA}
    values["comment_legitimation"] = comment
    return values


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
        first = persona_request("expertin")
        second = persona_request("expertin2")

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

        # 2. The institute composes the panel: a member of the reviewed team
        # and an unknown name are refused in German, over REST as on the
        # page, and nothing changes; two experts are named.
        for name, message in (
            ("kommune-a", "Zugang zum Teamraum der begutachteten Kommune"),
            ("niemand-bekannt", "kein Benutzerkonto des Netzwerks"),
        ):
            patched = institute.patch(
                url, headers=JSON, json={"assigned_experts": [name]}
            )
            assert patched.status_code == 400, name
            assert message in patched.text
            page = _post(institute, url, "@@expertin-zuweisen", name=name)
            assert page.status_code == 200
            assert message in html.unescape(page.text)
        transaction.begin()
        review = portal.unrestrictedTraverse(
            url.removeprefix(portal.absolute_url() + "/")
        )
        assert review.assigned_experts == []
        for name in ("expertin", "expertin2@example.org"):
            page = _post(institute, url, "@@expertin-zuweisen", name=name)
            assert "gehört jetzt dem Gremium an" in page.text
        started = institute.post(f"{url}/@workflow/start_review", headers=JSON, json={})
        assert started.status_code == 200, started.text
        assert scenario_inbox.recipients() == [
            "expertin2@example.org",
            "expertin@example.org",
        ]
        assert "Einzelgutachten" in body(scenario_inbox.messages[0])
        scenario_inbox.clear()

        # 3. The first expert reads the assessed plan version without access
        # to the team space; the page leads her to the declaration, then to
        # her own assessment, which she scores and submits.
        page = first.get(url)
        assert "Begutachtetes Handlungskonzept" in page.text
        assert "Version 0" in page.text
        assert "Ihre Aufgabe im Gremium" in page.text
        assert f"{url}/@@conflict-of-interest" in page.text
        assert first.get(plan.absolute_url(), allow_redirects=False).status_code != 200
        declared = _post(
            first, url, "@@conflict-of-interest", follow=False,
            choice="none", statement="Keine Beziehung zur Kommune.",
        )  # fmt: skip
        assert declared.headers["Location"].endswith("/edit")
        mine = declared.headers["Location"].removesuffix("/edit")
        scored = first.patch(mine, headers=JSON, json=_scores("4", "Ratsbeschluss."))
        assert scored.status_code == 204, scored.text
        # The plan is updated meanwhile: the review keeps its version.
        updated = municipality.patch(
            plan.absolute_url(),
            headers=JSON,
            json={"measures": {"data": "<p>Fortgeschrieben.</p>",
                               "content-type": "text/html"}},
        )  # fmt: skip
        assert updated.status_code == 204, updated.text
        done = _post(first, mine, "@@einzelgutachten-einreichen")
        assert "Ihr Einzelgutachten ist eingereicht" in done.text
        (mail,) = scenario_inbox.to("institut@example.org")
        assert subject(mail) == (
            "Einzelgutachten eingereicht: Gutachten Handlungskonzept A"
        )
        assert "(1 von 2 im Gremium)" in body(mail)
        scenario_inbox.clear()
        late = first.patch(mine, headers=JSON, json={"comment_evaluation": "Nachtrag"})
        assert late.status_code in (401, 403)

        # 4. The second expert neither reads nor changes the first one's
        # assessment, in any channel; she declares, scores and submits.
        for response in (
            second.get(mine, allow_redirects=False),
            second.get(mine, headers=JSON, allow_redirects=False),
            second.patch(mine, headers=JSON, json={"comment_evaluation": "x"}),
        ):
            assert response.status_code in (302, 401, 403, 404)
        assert "Ratsbeschluss." not in second.get(url).text
        found = second.get(
            f"{api_root}/@search", headers=JSON,
            params={"portal_type": "ExpertAssessment"},
        ).json()  # fmt: skip
        assert f'"{mine}"' not in json.dumps(found)
        assert found["items_total"] == 2  # her own, and the one in review_in_review
        early = _post(
            second, url, "@@conflict-of-interest", follow=False, choice="none"
        )
        theirs = early.headers["Location"].removesuffix("/edit")
        assert theirs != mine
        incomplete = _post(second, theirs, "@@einzelgutachten-einreichen")
        assert "Bitte bewerten Sie jeden Umsetzungsfaktor" in incomplete.text
        second.patch(theirs, headers=JSON, json=_scores("3", "Gute Beteiligung."))
        _post(second, theirs, "@@einzelgutachten-einreichen")
        (mail,) = scenario_inbox.to("institut@example.org")
        assert "(2 von 2 im Gremium)" in body(mail)
        scenario_inbox.clear()

        # 5. The institute sees the declarations and both assessments side
        # by side, records the verdict and releases; the team and the
        # ministry hear of it.
        overview = institute.get(f"{url}/@@gremium").text
        for text in ("Keine Beziehung zur Kommune.", "Ratsbeschluss.",
                     "Gute Beteiligung.", "kein Interessenkonflikt"):  # fmt: skip
            assert text in overview
        valid = (date.today() + timedelta(days=700)).isoformat()
        recorded = _post(
            institute, url, "@@gremium", record="1", level="hoher_standard",
            valid_until=valid, summary="Ein überzeugendes Konzept.",
            recommendation="Weiter so.",
        )  # fmt: skip
        assert "Das Urteil des Gremiums ist festgehalten" in recorded.text
        released = institute.post(f"{url}/@workflow/release", headers=JSON, json={})
        assert released.status_code == 200, released.text
        recipients = scenario_inbox.recipients()
        assert "kommune-a@example.org" in recipients
        assert "ministerium@example.org" in recipients
        for outsider in ("kommune-b@example.org", "buerger@example.org"):
            assert outsider not in recipients
        (mail,) = scenario_inbox.to("ministerium@example.org")
        (link,) = [u for u in links(mail) if u.startswith(url)]

        # 6. They read the verdict and the plan version it assessed, not the
        # individual assessments (the institute did not release them).
        for persona in ("kommune-a", "ministerium"):
            page = persona_request(persona).get(link)
            assert page.status_code == 200, persona
            assert "Ein überzeugendes Konzept." in page.text
            assert "Hoher Standard" in page.text
            assert "Fortgeschrieben." not in page.text
            assert "Ratsbeschluss." not in page.text
            assert "Gute Beteiligung." not in page.text
            mine_page = persona_request(persona).get(mine, allow_redirects=False)
            assert mine_page.status_code in (302, 401, 403, 404), persona
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

        # 7. With the municipality's consent its profile shows the
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

    def test_conflict_and_removal(
        self, served_scenario, persona_request, scenario_inbox
    ):
        """An expert who declares a conflict leaves the panel and the
        institute hears why; an expert the institute takes off hears it;
        both lose access. A released review shows the individual
        assessments to its readers when the institute chose so."""
        portal, objects = served_scenario
        url = objects["review_in_review"].absolute_url()
        institute = persona_request("institut")
        expert = persona_request("expertin")
        undeclared = objects["review_undeclared"].absolute_url()
        # Without an explanation a conflict is refused and nothing changes.
        refused = _post(expert, undeclared, "@@conflict-of-interest", choice="conflict")
        assert "Bitte beschreiben Sie den Interessenkonflikt" in refused.text
        assert expert.get(undeclared).status_code == 200
        # Odd input (a repeated field) is refused in German, no server error.
        for view, field, message in (
            ("@@expertin-zuweisen", "name", "kein Benutzerkonto"),
            ("@@gremium", "valid_until", "Noch nicht alle Einzelgutachten"),
        ):
            odd = _post(institute, url, view, record="1", **{field: ["a", "b"]})
            assert odd.status_code == 200, view
            assert message in odd.text, view
        # The institute takes her off another review: she hears it.
        page = _post(institute, url, "@@expertin-entfernen", userid="expertin")
        assert "gehört dem Gremium nicht mehr an" in page.text
        (mail,) = scenario_inbox.to("expertin@example.org")
        assert subject(mail).startswith("Nicht mehr im Gremium: ")
        assert "keinen Zugang mehr" in body(mail)
        assert expert.get(url, allow_redirects=False).status_code != 200
        scenario_inbox.clear()

        page = expert.get(undeclared).text
        assert "Erklärung abgeben" in page
        withdrawn = _post(
            expert, undeclared, "@@conflict-of-interest",
            choice="conflict", statement="Ich berate die Kommune.",
        )  # fmt: skip
        assert "Sie gehören dem Gremium für dieses Gutachten nicht mehr an" in (
            withdrawn.text
        )
        assert expert.get(undeclared, allow_redirects=False).status_code != 200
        (mail,) = scenario_inbox.to("institut@example.org")
        assert subject(mail).startswith("Interessenkonflikt erklärt: ")
        assert "Ich berate die Kommune." in body(mail)
        overview = institute.get(f"{undeclared}/@@gremium").text
        assert "Ich berate die Kommune." in overview
        assert "zurückgetreten" in overview

        # The released review: the team reads the individual assessments
        # only once the institute releases them with it.
        released = objects["review_released"]
        team = persona_request("kommune-a")
        assert (
            "Die Einzelgutachten des Gremiums"
            not in team.get(released.absolute_url()).text
        )
        transaction.begin()
        released.show_assessments = True
        transaction.commit()
        page = team.get(released.absolute_url()).text
        assert "Die Einzelgutachten des Gremiums" in page
        assert "3 – weitgehend erfüllt" in page
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
