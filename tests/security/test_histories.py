"""Who reads a history: the workflow history and the versions of an item.

Those who may review the item (the institute) read who did what and the
comments; the author reads the comments meant for them (the reason of a
rejection) but no one else's user id; everybody else reads dates and states
at most. Tried on a published practice example that was rejected once,
through REST ``@workflow`` and ``@history`` and the Classic history views.
"""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zumo.policy.testing.scenario import api_url

import pytest
import transaction


JSON = {"Accept": "application/json"}
REASON = "Bitte die Quelle ergänzen (Grund-7d1f)"


@pytest.fixture
def rejected_draft(served_scenario):
    """The published example, retracted and rejected with ``REASON``: a
    draft of its author again; committed and served."""
    portal, objects = served_scenario
    example = objects["example_published"]
    login(portal, "institut")
    api.content.transition(obj=example, transition="retract")
    api.content.transition(obj=example, transition="submit")
    api.content.transition(obj=example, transition="reject", comment=REASON)
    logout()
    transaction.commit()
    return portal, example


@pytest.fixture
def rejected_once(rejected_draft):
    """The rejected draft, submitted again and published; committed."""
    portal, example = rejected_draft
    login(portal, "buerger")
    api.content.transition(obj=example, transition="submit")
    login(portal, "institut")
    api.content.transition(obj=example, transition="publish")
    logout()
    transaction.commit()
    return portal, example


def _workflow_history(portal, example, session):
    response = session.get(f"{api_url(portal, example)}/@workflow", headers=JSON)
    assert response.status_code == 200, response.text[:300]
    return response.json()["history"]


@pytest.mark.parametrize("persona", ["anonymous", "kommune-b", "expertin"])
def test_workflow_history_shows_others_dates_and_states(
    rejected_once, persona, persona_request
):
    """Visitors and members read when what state was reached, nothing of who
    or why."""
    portal, example = rejected_once
    history = _workflow_history(portal, example, persona_request(persona))
    assert [entry["review_state"] for entry in history][-3:] == [
        "private", "pending", "published"
    ]  # fmt: skip
    assert all(entry["time"] for entry in history)
    assert {entry.get("actor") for entry in history} == {None}
    assert {entry.get("comments") for entry in history} <= {None, ""}


def test_workflow_history_tells_the_author_the_reason(rejected_once, persona_request):
    """The author reads the rejection reason and their own steps, not who of
    the institute acted."""
    portal, example = rejected_once
    history = _workflow_history(portal, example, persona_request("buerger"))
    assert REASON in {entry.get("comments") for entry in history}
    assert {entry.get("actor") for entry in history} == {"buerger", None}


def test_workflow_history_in_full_for_the_institute(rejected_once, persona_request):
    """Who may review reads actors and comments."""
    portal, example = rejected_once
    history = _workflow_history(portal, example, persona_request("institut"))
    assert REASON in {entry.get("comments") for entry in history}
    assert {"buerger", "institut"} <= {entry.get("actor") for entry in history}


def test_workflow_expansion_reads_the_same(rejected_once, persona_request):
    """``?expand=workflow`` on the item gives the same history as ``@workflow``."""
    portal, example = rejected_once
    response = persona_request("anonymous").get(
        api_url(portal, example), params={"expand": "workflow"}, headers=JSON
    )
    history = response.json()["@components"]["workflow"]["history"]
    assert history
    assert {entry.get("actor") for entry in history} == {None}
    assert REASON not in response.text


def _history(portal, example, session):
    response = session.get(f"{api_url(portal, example)}/@history", headers=JSON)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def test_rest_history_of_the_author(rejected_once, persona_request):
    """``@history`` gives the author the reason, and no actor but themself."""
    portal, example = rejected_once
    history = _history(portal, example, persona_request("buerger"))
    assert REASON in {entry.get("comments") for entry in history}
    actors = {(entry.get("actor") or {}).get("id") for entry in history}
    assert actors == {"buerger", None}
    full = _history(portal, example, persona_request("institut"))
    assert "institut" in {(entry.get("actor") or {}).get("id") for entry in full}


def _assert_author_reads(page):
    assert page.status_code == 200
    assert "insufficient-privileges" not in page.url
    assert REASON in page.text
    assert "/author/institut" not in page.text
    assert ">institut<" not in page.text


def test_classic_history_of_the_author(rejected_once, persona_request):
    """The Classic history (the popup of the byline) shows the author the
    reason, not the institute's user id; the institute reads who acted."""
    portal, example = rejected_once
    url = f"{example.absolute_url()}/@@contenthistorypopup"
    _assert_author_reads(persona_request("buerger").get(url))
    assert "/author/buerger" in persona_request("institut").get(url).text


def test_classic_history_page_of_the_draft(rejected_draft, persona_request):
    """``@@historyview`` (for those who may edit) of the rejected draft."""
    portal, example = rejected_draft
    url = f"{example.absolute_url()}/@@historyview"
    _assert_author_reads(persona_request("buerger").get(url))


def test_version_list_names_no_one_else(served_scenario, persona_request):
    """CMFEditions' version list of the action plan names the institute's
    version to the team without the institute's user id; the institute
    reads it."""
    portal, objects = served_scenario
    plan = objects["action_plan"]
    login(portal, "institut")
    api.portal.get_tool("portal_repository").save(plan, comment="Fassung Institut")
    logout()
    transaction.commit()
    url = f"{plan.absolute_url()}/versions_history_form"
    team = persona_request("kommune-a").get(url)
    assert team.status_code == 200
    assert "Fassung Institut" in team.text  # the plan's author reads comments
    assert "<span>institut</span>" not in team.text
    assert "<span>institut</span>" in persona_request("institut").get(url).text
