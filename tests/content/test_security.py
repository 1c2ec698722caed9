"""Outsiders can read what is public and nothing else, and change nothing."""

from plone import api
from tests.fixtures.builders import add

import pytest
import transaction


@pytest.fixture
def network(functional_portal):
    """A published example and a (private) expert review, committed."""
    portal = functional_portal
    add(portal, "praxisbeispiele", "PracticeExample", "offen",
        title="Offenes Beispiel", to_state="published")  # fmt: skip
    add(portal, "gutachten", "ExpertReview", "vertraulich",
        title="Vertrauliches Gutachten",
        review_subject="Geheimwort-Handlungskonzept")  # fmt: skip
    add(portal, "praxisbeispiele", "PracticeExample", "entwurf",
        title="Entwurf Geheimwort")  # fmt: skip
    transaction.commit()
    return functional_portal


def _anonymous(request_factory):
    session = request_factory(api=False)
    session.headers["Accept"] = "text/html"
    return session


def test_published_example_is_public(network, request_factory):
    """Anyone can read a published practice example."""
    response = _anonymous(request_factory).get("/praxisbeispiele/offen")
    assert response.status_code == 200
    assert "Offenes Beispiel" in response.text


@pytest.mark.parametrize("path", ["/gutachten/vertraulich", "/praxisbeispiele/entwurf"])
def test_private_content_is_not_shown(network, request_factory, path):
    """A review or a draft does not reach anonymous visitors."""
    response = _anonymous(request_factory).get(path, allow_redirects=False)
    assert response.status_code in (302, 401, 403, 404)
    assert "Geheimwort" not in response.text


@pytest.mark.parametrize(
    "path", ["/praxisbeispiele/offen/edit", "/praxisbeispiele/++add++PracticeExample"]
)
def test_anonymous_cannot_edit_or_add(network, request_factory, path):
    """Edit and add forms ask for a login instead of opening."""
    response = _anonymous(request_factory).get(path, allow_redirects=False)
    assert response.status_code in (302, 401, 403)


def test_private_example_not_listed_on_municipality(network, request_factory):
    """Listings on public pages leave out what the viewer may not see."""
    from zumo.content.relations import relation_to

    with api.env.adopt_roles(["Manager"]):
        municipality = api.content.create(
            container=network["kommunen"], type="Municipality", id="ort", title="Ort"
        )
        api.content.transition(obj=municipality, to_state="published")
        network["praxisbeispiele"]["entwurf"].municipality = relation_to(municipality)
        network["praxisbeispiele"]["entwurf"].reindexObject()
    transaction.commit()
    response = _anonymous(request_factory).get("/kommunen/ort")
    assert response.status_code == 200
    assert "Geheimwort" not in response.text
