"""/statistik: public figures of published content, internal ones for the
ministry and the institute only."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from tests.fixtures.builders import add
from zope.annotation.interfaces import IAnnotations
from zumo.content import facets

import pytest
import transaction


def statistics(portal):
    IAnnotations(portal.REQUEST).clear()  # roles are cached per request
    return api.content.get_view("statistik", portal, portal.REQUEST)


def rows(view, title):
    figure = next(f for f in view.figures() if f["title"] == title)
    return {row["title"]: row["count"] for row in figure["rows"]}


def test_public_figures_count_published_content_only(network):
    """The draft counts nowhere, not even for the site manager."""
    view = statistics(network)
    topic = facets.by_index()["zumo_topics"].title_of
    assert rows(view, "Praxisbeispiele nach ZUMO-Themenfeld") == {
        topic("daseinsvorsorge"): "2",
        topic("quartiersentwicklung"): "1",
        topic("klimawandel"): "1",
    }
    assert rows(view, "Praxisbeispiele nach Jahr des Projektbeginns") == {
        "2024": "2",
        "2023": "1",
        "2022": "1",
    }
    assert rows(view, "Praxisbeispiele nach Regierungsbezirk") == {
        "Regierungsbezirk Tübingen": "2",
        "Regierungsbezirk Freiburg": "2",
    }
    assert view.totals() == {"examples": "4", "municipalities": "2"}


def test_internal_figures_for_ministry_and_institute(network):
    """Pending submissions and reviews per state: not for the public."""
    add(network, "praxisbeispiele", "PracticeExample", "eingereicht",
        title="Eingereicht", to_state="pending")  # fmt: skip
    add(network, "gutachten", "ExpertReview", "g1", title="G1")
    for userid, group in (("ministerin", "ministry"), ("buergerin", "citizens")):
        api.user.create(email=f"{userid}@example.org", username=userid,
                        password="geheim-12345")  # fmt: skip
        api.group.add_user(groupname=group, username=userid)
    login(network, "ministerin")
    internal = statistics(network).internal()
    assert internal["pending"] == "1"
    assert internal["citizens"] == "1"
    assert internal["reviews_total"] == "1"
    assert "Interne Zahlen" in statistics(network)()
    for persona in ("buergerin", None):
        login(network, persona) if persona else logout()
        view = statistics(network)
        assert view.internal() is None
        assert "Interne Zahlen" not in view()
        assert rows(view, "Praxisbeispiele nach Programm") == {}


@pytest.mark.parametrize("user", [None, "buerger"])
def test_over_http_the_public_sees_no_internal_figures(functional_portal,
                                                       request_factory, user):  # fmt: skip
    """Served: /statistik answers everyone, the internal part only inside."""
    if user:
        api.user.create(email="b@example.org", username=user, password="geheim-12345")
        api.group.add_user(groupname="citizens", username=user)
    transaction.commit()
    session = request_factory(
        api=False, basic_auth=(user, "geheim-12345") if user else None
    )
    response = session.get("/statistik")
    assert response.status_code == 200
    assert "Das Netzwerk in Zahlen" in response.text
    assert "Interne Zahlen" not in response.text
