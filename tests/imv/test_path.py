"""The path of the integrated management procedure (seed 001), walked step
by step: Mandat, Projektgruppe, externe Prozessbegleitung,
Zukunftswerkstatt, integriertes Handlungskonzept, externe Begutachtung,
Rückmeldung und Anerkennung, Fortschreibung — each checked against the
document's words, and each review step saying only what the viewer may
know."""

from DateTime import DateTime
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.component.hooks import setSite
from zope.interface import alsoProvides
from zumo.content import procedures
from zumo.content.interfaces import IZumoContentLayer
from zumo.content.relations import relation_to
from zumo.policy.interfaces import IZumoPolicyLayer
from zumo.policy.reviews.experts import pin_action_plan
from zumo.policy.spaces import roster

import datetime
import pytest


#: The steps in the document's order, with the words of seed 001 each
#: stands on (line, quote) — the test reads them in the seed.
STEPS = [
    ("imv_mandat", 11, "Ausgehend von einem klar definierten Mandat"),
    ("imv_projektgruppe", 11, "Projektgruppe aus Gemeinderat, Verwaltung sowie "
     "wichtigen Multiplikatoren der örtlichen Bürgerschaft und Wirtschaft"),
    ("imv_prozessbegleitung", 11, "erhält jede Kommune eine professionelle "
     "externe Prozessbegleitung"),
    ("imv_zukunftswerkstatt", 11, "das bewährte Beteiligungsverfahren der "
     "Zukunftswerkstätten"),
    ("imv_handlungskonzept", 11, "ein integriertes Handlungskonzept entwickelt"),
    ("imv_begutachtung", 19, "von einem unabhängigen Expertengremium extern "
     "begutachten zu lassen"),
    ("imv_anerkennung", 19, "die nötige Rückmeldung und Anerkennung"),
    ("imv_fortschreibung", 19, "gemäß den sich wandelnden Anforderungen "
     "fortzuschreiben"),
]  # fmt: skip


def _states(team):
    path = procedures.path_state(team, "imv")
    return {step["id"]: step for step in path["steps"]}


def test_the_path_follows_the_document(seed_lines):
    """The steps stand in the document's order; each quotes the line the
    test names, and only the step whose name is the network's is own."""
    path = procedures.procedure("imv")
    assert path["source"]["seed"] == "001"
    assert path["programme"] == "imv"
    assert [step["id"] for step in path["steps"]] == [s[0] for s in STEPS]
    lines = seed_lines("001")
    for (step_id, line, words), step in zip(STEPS, path["steps"], strict=True):
        assert words in lines[line - 1], step_id
        assert any(
            quote["line"] == line and words in " ".join(quote["quote"].split())
            for quote in step["quotes"]
        ), step_id
    assert [s["id"] for s in path["steps"] if s["own"]] == ["imv_begutachtung"]
    records = {step["id"]: step["record"] for step in path["steps"]}
    assert records["imv_zukunftswerkstatt"]["workshop_format"] == "zukunftswerkstatt"
    assert records["imv_handlungskonzept"]["plan_kind"] == "handlungskonzept"
    assert records["imv_mandat"] == {"portal_type": "ProcedureStep", "decision": True}


def test_project_group_and_facilitator_steps(scenario):
    """The project group is in work once a category is recorded, done when
    the document's four are; the facilitation is done once named."""
    portal, objects = scenario
    setSite(portal)
    team = objects["municipality_published"]
    login(portal, "institut")
    steps = _states(team)
    assert steps["imv_projektgruppe"]["status"] == "offen"
    assert steps["imv_prozessbegleitung"]["status"] == "abgeschlossen"
    assert (
        _states(portal["kommunen"]["municipality_b"])["imv_prozessbegleitung"]["status"]
        == "offen"
    )
    with api.env.adopt_roles(["Manager"]):
        for userid in ("gemeinderaetin", "wirtin"):
            api.user.create(email=f"{userid}@example.org", username=userid,
                            password="x-Secret-12345")  # fmt: skip
            api.group.add_user(groupname="municipalities", username=userid)
        roster.set_member(team, "kommune-b", "member")
        roster.set_member(team, "gemeinderaetin", "member")
        roster.set_member(team, "wirtin", "member")
    roster.set_category(team, "kommune-a", "verwaltung")
    assert _states(team)["imv_projektgruppe"]["status"] == "in_arbeit"
    roster.set_category(team, "kommune-b", "buergerschaft")
    roster.set_category(team, "gemeinderaetin", "gemeinderat")
    roster.set_category(team, "wirtin", "wirtschaft")
    assert _states(team)["imv_projektgruppe"]["status"] == "abgeschlossen"
    logout()


@pytest.mark.parametrize(
    "persona,known",
    [("kommune-a", True), ("institut", True), ("ministerium", True),
     ("begleitung", False)],
)  # fmt: skip
def test_the_review_steps_say_what_the_viewer_may_know(scenario, persona, known):
    """The released review makes both review steps done, with its level
    marked as the network's own — for the team, the institute and the
    ministry, who read it; the facilitator reads no reviews and learns
    nothing of them."""
    portal, objects = scenario
    setSite(portal)
    login(portal, persona)
    steps = _states(objects["municipality_published"])
    review, recognition = steps["imv_begutachtung"], steps["imv_anerkennung"]
    if not known:
        assert (review["status"], review["records"]) == ("offen", [])
        assert (recognition["status"], recognition["note"]) == ("offen", None)
        logout()
        return
    released = objects["review_released"]
    assert review["status"] == recognition["status"] == "abgeschlossen"
    assert review["records"] == recognition["records"] == [released]
    assert recognition["date"] == datetime.date.today()
    assert recognition["note"] == (
        "Gesamtniveau: Standard (eigene Festlegung des Netzwerks)"
    )
    logout()


def test_the_team_knows_its_own_review_is_under_way(scenario):
    """Before the release, the team that asked reads that its review is in
    work (not the review itself); the facilitator learns nothing."""
    portal, objects = scenario
    setSite(portal)
    team = objects["municipality_published"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=objects["review_released"], transition="return")
    login(portal, "kommune-a")
    step = _states(team)["imv_begutachtung"]
    assert step["status"] == "in_arbeit"
    assert objects["review_in_review"] in step["records"]
    assert not api.user.has_permission("View", obj=objects["review_in_review"])
    assert _states(team)["imv_anerkennung"]["status"] == "offen"
    login(portal, "begleitung")
    assert _states(team)["imv_begutachtung"]["status"] == "offen"
    logout()


def test_the_continuation_follows_the_release(scenario):
    """The Fortschreibung is done once the reviewed plan has a newer
    version, saved after the release."""
    portal, objects = scenario
    setSite(portal)
    team = objects["municipality_published"]
    review = objects["review_released"]
    with api.env.adopt_roles(["Manager"]):
        plan = api.content.create(container=team, type="ActionPlan",
                                  title="Handlungskonzept 2035",
                                  plan_kind="handlungskonzept")  # fmt: skip
        review.action_plan = relation_to(plan)
        pin_action_plan(review)
    login(portal, "kommune-a")
    assert _states(team)["imv_fortschreibung"]["status"] == "offen"
    with api.env.adopt_roles(["Manager"]):
        plan.setModificationDate(DateTime() + 1)
        api.portal.get_tool("portal_repository").save(
            obj=plan, comment="Fortschreibung"
        )
    step = _states(team)["imv_fortschreibung"]
    assert step["status"] == "abgeschlossen"
    assert step["records"] == [plan]
    login(portal, "begleitung")
    assert _states(team)["imv_fortschreibung"]["status"] == "offen"
    logout()


def test_the_mandate_form_asks_who_decided(served_scenario, persona_request):
    """Documenting the mandate asks who decided and when; another step's
    form does not."""
    _portal, objects = served_scenario
    team = objects["municipality_published"]
    session = persona_request("kommune-a")
    mandate = session.get(f"{team.absolute_url()}/++add++ProcedureStep",
                          params={"form.widgets.procedure": "imv",
                                  "form.widgets.step": "imv_mandat"})  # fmt: skip
    assert mandate.status_code == 200, mandate.text[-3000:]
    assert "Beschlossen von" in mandate.text and "Beschlossen am" in mandate.text
    other = session.get(f"{team.absolute_url()}/++add++ProcedureStep",
                        params={"form.widgets.procedure": "zumo",
                                "form.widgets.step": "situationsanalyse"})  # fmt: skip
    assert other.status_code == 200
    assert "Beschlossen von" not in other.text


def test_the_mandate_page_names_who_decided(scenario):
    """The mandate's page says who decided and when, with the document's
    words."""
    portal, objects = scenario
    setSite(portal)
    alsoProvides(portal.REQUEST, IZumoContentLayer, IZumoPolicyLayer)
    team = objects["municipality_published"]
    with api.env.adopt_roles(["Manager"]):
        step = api.content.create(container=team, type="ProcedureStep",
                                  title="Mandat", procedure="imv",
                                  step="imv_mandat", status="abgeschlossen",
                                  decided_by="Gemeinderat",
                                  date=datetime.date(2013, 3, 18))  # fmt: skip
    login(portal, "kommune-a")
    page = step.restrictedTraverse("procedure-step-view")()
    assert "Beschlossen von" in page and "Gemeinderat" in page
    assert "Beschlossen am" in page and "2013" in page
    assert "Ausgehend von einem klar definierten Mandat" in page
    assert _states(team)["imv_mandat"]["status"] == "abgeschlossen"
    logout()
