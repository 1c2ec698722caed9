"""The project group's make-up by the categories of seed 001, line 11: „eine
Projektgruppe aus Gemeinderat, Verwaltung sowie wichtigen Multiplikatoren der
örtlichen Bürgerschaft und Wirtschaft“. The moderators and the institute
set each person's category on the roster; the team space counts them, with
names only for those who read the roster."""

from plone import api
from tests.fixtures.http import csrf_token
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zumo.content.vocabularies import details
from zumo.content.vocabularies import terms
from zumo.policy.spaces import roster

import pytest
import transaction


def test_the_categories_are_the_documents_words(seed_lines):
    line = seed_lines("001")[10]
    (quote,) = details("project_group_categories", "quotes")
    assert (quote["seed"], quote["line"]) == ("001", 11)
    assert quote["quote"] in line
    titles = [title for _token, title in terms("project_group_categories")]
    assert titles == ["Gemeinderat", "Verwaltung", "Bürgerschaft", "Wirtschaft"]
    for title in titles:
        assert title in quote["quote"]


def test_category_and_make_up(scenario):
    portal, objects = scenario
    setSite(portal)
    team = objects["municipality_published"]
    with api.env.adopt_roles(["Manager"]):
        roster.set_category(team, "kommune-a", "gemeinderat")
        rows = {row["category"]: row for row in roster.make_up(team)}
        assert rows["gemeinderat"]["count"] == 1
        assert rows["gemeinderat"]["people"] == ["Person ohne hinterlegten Namen"]
        assert rows["verwaltung"]["count"] == 0
        assert "" not in rows
        for wrong in ("chef", ["gemeinderat"]):
            with pytest.raises(roster.RosterError):
                roster.set_category(team, "kommune-a", wrong)
        with pytest.raises(roster.RosterError):
            roster.set_category(team, "kommune-b", "verwaltung")
        assert roster.roster(team)[0]["category"] == "gemeinderat"
        roster.remove_member(team, "kommune-a")
        roster.set_member(team, "kommune-a", "moderator")
        assert roster.roster(team)[0]["category"] == ""


def test_reading_writes_nothing(scenario):
    portal, objects = scenario
    setSite(portal)
    team = objects["municipality_published"]
    roster.make_up(team)
    roster.roster(team)
    assert roster.CATEGORIES_KEY not in IAnnotations(team)


def test_the_moderator_sets_it_and_the_team_space_counts(
    served_scenario, persona_request
):
    portal, objects = served_scenario
    team = objects["municipality_published"]
    session = persona_request("kommune-a")
    page = session.get(f"{team.absolute_url()}/@@roster").text
    assert "Projektgruppe" in page and 'value="category"' in page
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-preferences")
    session.post(
        f"{team.absolute_url()}/@@roster",
        data={"form.action": "category", "userid": "kommune-a",
              "category": "buergerschaft", "_authenticator": token},
    )  # fmt: skip
    for wrong in ("chef", ["verwaltung", "wirtschaft"]):
        bad = session.post(
            f"{team.absolute_url()}/@@roster",
            data={"form.action": "category", "userid": "kommune-a",
                  "category": wrong, "_authenticator": token},
        )  # fmt: skip
        assert bad.status_code == 200
        assert "Unbekannte Gruppe" in bad.text
    transaction.begin()
    assert roster.roster(team)[0]["category"] == "buergerschaft"
    space = session.get(f"{team.absolute_url()}/@@teamraum").text
    assert "Zusammensetzung der Projektgruppe" in space
    row = space.split('<th scope="row">Bürgerschaft</th>')[1].split("</tr>")[0]
    assert "<td>1</td>" in row and "Person ohne hinterlegten Namen" in row


@pytest.mark.parametrize("persona", ["anonymous", "kommune-b", "ministerium"])
def test_outsiders_learn_neither_names_nor_counts(
    served_scenario, persona_request, persona
):
    _portal, objects = served_scenario
    team = objects["municipality_published"]
    answer = persona_request(persona).get(
        f"{team.absolute_url()}/@@teamraum", allow_redirects=False
    )
    assert answer.status_code in (302, 401, 403, 404)
    assert "Zusammensetzung der Projektgruppe" not in answer.text
