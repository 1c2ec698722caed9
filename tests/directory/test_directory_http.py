"""The directory over HTTP, as a visitor: odd input never breaks it, and
nothing private shows through it."""

from tests.directory.conftest import build_directory

import pytest
import transaction


@pytest.fixture
def served_directory(functional_portal):
    """The directory committed and served."""
    portal = build_directory(functional_portal)
    transaction.commit()
    return portal


QUERIES = [
    "",
    "?SearchableText=Tutt",
    "?SearchableText=*",
    "?SearchableText=(",
    "?SearchableText=NOT",
    "?SearchableText=%22",
    "?SearchableText=a&SearchableText=b",
    "?zumo_district=Landkreis+Erfunden",
    "?zumo_kind:record=x",
    "?b_start=1000000000000",
    "?b_size=1000000000",
    "?kommune=gibt-es-nicht",
    "?kommune=geheimstadt",
]


@pytest.mark.parametrize("view", ["", "/karte", "/karte.geojson"])
@pytest.mark.parametrize("query", QUERIES)
def test_odd_input_never_breaks_it(served_directory, request_factory, view, query):
    """Every answer is a page (or points) without anything private."""
    response = request_factory(api=False).get(f"/kommunen{view}{query}")
    assert response.status_code == 200, response.text[:500]
    assert "Tuttgeheim" not in response.text
    assert "Teamprotokoll" not in response.text
    assert "protokoll" not in response.text


def test_a_page_number_that_is_none_is_refused_in_german(
    served_directory, request_factory
):
    response = request_factory(api=False).get("/kommunen?b_start=x")
    assert response.status_code == 400
    assert "ganze Zahl" in response.text
