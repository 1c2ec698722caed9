"""Who reads and changes the monitoring: the team and the institute only,
over HTTP against the served scenario; the comparison shows the panel's
scores only from a released review that released them."""

from plone import api
from tests.fixtures.http import token_in
from zumo.policy.browser.monitoring import MonitoringView
from zumo.policy.testing.scenario import SECRET

import pytest
import transaction


PAGE = "kommunen/municipality_published/@@kommunalmonitoring"


@pytest.mark.parametrize(
    "persona", ["anonymous", "buerger", "kommune-b", "expertin", "ministerium"]
)
def test_outsiders_do_not_read_the_monitoring(persona_request, persona):
    """Another municipality, a citizen, an expert, the ministry and the
    anonymous visitor get no monitoring page and no indicator."""
    session = persona_request(persona)
    for path in (PAGE, "kommunen/municipality_published/indicator"):
        response = session.get(path, allow_redirects=False)
        assert response.status_code in (302, 401, 403, 404), (
            path,
            response.status_code,
        )
        assert SECRET not in response.text


def test_the_team_reads_it_and_finds_it_from_its_team_space(persona_request):
    """kommune-a reads the page and its link on the team space page."""
    session = persona_request("kommune-a")
    space = session.get("kommunen/municipality_published/@@teamraum")
    assert "@@kommunalmonitoring" in space.text
    page = session.get(PAGE)
    assert page.status_code == 200
    assert "Datenbasierte Steuerung durch Kommunalmonitoring" in page.text
    assert SECRET in page.text  # the team's indicator is listed


@pytest.mark.parametrize("persona", ["kommune-b", "buerger", "anonymous"])
def test_outsiders_cannot_record_a_value(served_scenario, persona_request, persona):
    """A POST of a value by someone outside the team changes nothing."""
    portal, objects = served_scenario
    indicator = objects["indicator"]
    team = persona_request("kommune-a")
    token = token_in(team.get("kommunen/municipality_published/indicator").text)
    response = persona_request(persona).post(
        "kommunen/municipality_published/indicator/@@wert-erfassen",
        data={
            "date": "2025-01-01",
            "value": "5",
            "source": "x",
            "_authenticator": token,
        },
        allow_redirects=False,
    )
    assert response.status_code in (302, 401, 403, 404)
    transaction.begin()
    assert indicator.series == ()


def test_the_team_records_a_value_and_bad_input_is_refused(
    served_scenario, persona_request
):
    """kommune-a records a value; a word as value is refused in German."""
    portal, objects = served_scenario
    team = persona_request("kommune-a")
    page = team.get("kommunen/municipality_published/indicator")
    assert "Wert erfassen" in page.text
    url = "kommunen/municipality_published/indicator/@@wert-erfassen"
    token = token_in(page.text)
    refused = team.post(url, data={"date": "2025-01-01", "value": "viele",
                                   "source": "Zählung", "_authenticator": token})  # fmt: skip
    assert "Bitte geben Sie den Wert als Zahl an" in refused.text
    transaction.begin()
    assert objects["indicator"].series == ()
    team.post(url, data={"date": "2025-01-01", "value": "42",
                         "source": "Zählung", "_authenticator": token})  # fmt: skip
    transaction.begin()
    assert [row["source"] for row in objects["indicator"].series] == ["Zählung"]
    assert "42" in team.get(PAGE).text


def _comparison(portal, objects):
    request = portal.REQUEST
    return MonitoringView(objects["municipality_published"], request).comparison()


def test_comparison_shows_only_released_panel_scores(scenario):
    """The panel's scores stand beside the team's only from a released
    review whose assessments the institute released with it; a submitted
    review never shows, whatever its setting."""
    portal, objects = scenario
    with api.env.adopt_user(username="kommune-a"):
        table = _comparison(portal, objects)
    assert [column["kind"] for column in table["columns"]] == ["self"]
    assert [item["title"] for item in table["withheld"]] == [
        objects["review_released"].Title()
    ]
    objects["review_released"].show_assessments = True
    objects["review_submitted"].show_assessments = True
    with api.env.adopt_user(username="kommune-a"):
        table = _comparison(portal, objects)
    assert [column["kind"] for column in table["columns"]] == ["self", "panel"]
    assert table["columns"][1]["label"] == objects["review_released"].Title()
    assert table["rows"][0]["cells"] == ["3", "3,0 (3)"]
    assert table["withheld"] == []


def test_comparison_shows_no_panel_to_whom_may_not_read_the_review(scenario):
    """The catalog asks with the reader's permissions: kommune-b, who may
    read neither the review nor the team's self-assessments, gets no
    column."""
    portal, objects = scenario
    objects["review_released"].show_assessments = True
    with api.env.adopt_user(username="kommune-b"):
        table = _comparison(portal, objects)
    assert table["columns"] == []
