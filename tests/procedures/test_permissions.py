"""Who reads a municipality's path: its team, the institute, the ministry.

Nobody else: not another municipality's team, not a citizen, not an
anonymous visitor, in HTML (``@@verfahren``) as in REST (``@verfahren``).
"""

from zumo.policy.testing.scenario import SECRET

import pytest


PAGE = "kommunen/municipality_published/@@verfahren"
SERVICE = "kommunen/municipality_published/@verfahren"


@pytest.mark.parametrize("persona", ["kommune-a", "institut", "ministerium"])
def test_team_institute_and_ministry_read_the_path(persona_request, persona):
    """The page and the service answer those who may read the path."""
    page = persona_request(persona).get(PAGE)
    assert page.status_code == 200
    assert "Unser Weg im Programm" in page.text
    answer = persona_request(persona).get(
        SERVICE, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200
    assert "paths" in answer.json()


@pytest.mark.parametrize("persona", ["kommune-b", "buerger", "anonymous"])
def test_nobody_else_reads_it(persona_request, persona):
    """Another team, a citizen and anonymous visitors are refused, and
    learn nothing of the team's records."""
    page = persona_request(persona).get(PAGE, allow_redirects=False)
    assert page.status_code in (302, 401, 403)
    assert "Unser Weg im Programm" not in page.text
    assert SECRET not in page.text
    answer = persona_request(persona).get(
        SERVICE, headers={"Accept": "application/json"}
    )
    assert answer.status_code in (401, 403)
    assert SECRET not in answer.text
