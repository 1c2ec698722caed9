"""Creators (user ids) only for those who edit or review.

Dublin Core's ``creators`` name the user ids of whoever made an item. The
public and members who neither edit nor review the item read none of them:
not in REST, not in ``@search`` listings, not by searching by creator, not
in the byline or the feeds.
"""

from zumo.policy.testing.scenario import api_url

import pytest
import re


JSON = {"Accept": "application/json"}
OTHERS = ["anonymous", "kommune-b", "expertin"]


@pytest.mark.parametrize("persona", OTHERS)
def test_rest_leaves_out_creators(served_scenario, persona, persona_request):
    """GET of a published attachment (Dublin Core) names no creator or
    contributor."""
    portal, objects = served_scenario
    data = (
        persona_request(persona)
        .get(api_url(portal, objects["attachment_published"]), headers=JSON)
        .json()
    )
    assert "creators" not in data
    assert "contributors" not in data
    assert "buerger" not in str(data)


@pytest.mark.parametrize("persona", ["buerger", "institut"])
def test_rest_names_creators_to_author_and_institute(
    served_scenario, persona, persona_request
):
    """The author and the institute read the creators."""
    portal, objects = served_scenario
    data = (
        persona_request(persona)
        .get(api_url(portal, objects["attachment_published"]), headers=JSON)
        .json()
    )
    assert data["creators"] == ["buerger"]


@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize(
    "params",
    [
        {"metadata_fields": ["Creator", "listCreators"]},
        {"metadata_fields": "_all"},
        {"fullobjects": "1"},
    ],
)
def test_search_names_no_creators(served_scenario, persona, params, persona_request):
    """``@search`` with creator columns, all columns or full objects names
    no creator."""
    portal, objects = served_scenario
    response = persona_request(persona).get(
        f"{portal.absolute_url()}/++api++/@search",
        params={"portal_type": ["PracticeExample", "File"], **params},
        headers=JSON,
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    assert "buerger" not in response.text


@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize("where", ["", "/praxisbeispiele"])
def test_search_by_creator_tells_nothing(
    served_scenario, persona, where, persona_request
):
    """Searching by a creator answers as if no creator had been named."""
    portal, objects = served_scenario
    url = f"{portal.absolute_url()}/++api++{where}/@search"
    session = persona_request(persona)

    def found(**query):
        answer = session.get(url, params={"portal_type": "PracticeExample", **query},
                             headers=JSON)  # fmt: skip
        return answer.json()["items_total"]

    assert found(Creator="buerger") == found(Creator="niemand") == found()
    assert found(listCreators="buerger") == found(listCreators="niemand")


@pytest.mark.parametrize("persona", OTHERS)
def test_classic_search_by_creator_tells_nothing(
    served_scenario, persona, persona_request
):
    """Plone's search page and its live search answer a creator criterion
    as if none had been named (the Classic twin of ``@search``)."""
    portal, _objects = served_scenario
    session = persona_request(persona)

    def found(view, **query):
        answer = session.get(
            f"{portal.absolute_url()}/{view}",
            params={"portal_type": "PracticeExample", **query},
        )
        assert answer.status_code == 200
        if view == "@@ajax-search":
            return answer.json()["total"]
        return re.search(r'id="search-results-number"[^>]*>\s*(\d+)', answer.text)[1]

    for view in ("@@search", "@@ajax-search"):
        assert found(view, Creator="buerger") == found(view, Creator="niemand")
        assert found(view, listCreators="buerger") == found(view, listCreators="x")


@pytest.mark.parametrize("persona", ["kommune-b", "expertin"])
def test_byline_names_no_creator(served_scenario, persona, persona_request):
    """The Classic page of a published example has no byline with the
    author's user id for members who neither edit nor review it."""
    portal, objects = served_scenario
    page = persona_request(persona).get(objects["example_published"].absolute_url())
    assert page.status_code == 200
    assert "/author/buerger" not in page.text


def test_feed_names_no_creator(served_scenario, persona_request):
    """The feeds of the practice examples name no creator."""
    portal, objects = served_scenario
    for feed in ("RSS", "atom.xml", "rss.xml", "itunes.xml"):
        answer = persona_request("anonymous").get(
            f"{portal.absolute_url()}/praxisbeispiele/{feed}"
        )
        assert "buerger" not in answer.text, feed
