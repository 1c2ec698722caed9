"""Programme pages: the sources' words, the network from the catalog."""

from pathlib import Path
from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import add
from zExceptions import NotFound
from zumo.content import vocabularies

import pytest


def page(portal, token=None):
    view = api.content.get_view("programm", portal, portal.REQUEST)
    if token:
        view = view.publishTraverse(portal.REQUEST, token)
    return view


def test_each_programme_of_the_sources_has_a_page(network):
    """ZUMO, IMV, ZWK, DWK and KoQuMa, each quoting its source document."""
    facts = vocabularies.details("programmes", "facts")
    assert list(facts) == ["zumo", "imv", "zwk", "dwk", "koquma"]
    for token, programme in facts.items():
        assert programme["source"].startswith("seed 00"), token
    html = page(network)()
    for _token, title in vocabularies.terms("programmes")[:3]:
        assert title in html


def test_zumo_page_quotes_the_seed_and_lists_the_network(network):
    """Sponsor and duration word for word; municipalities and examples from
    the catalog, published ones only for the public."""
    add(network, "praxisbeispiele", "PracticeExample", "zumo-beispiel",
        title="ZUMO-Team Hayingen", programmes=["zumo"], to_state="published")  # fmt: skip
    add(network, "praxisbeispiele", "PracticeExample", "zumo-entwurf",
        title="ZUMO-Entwurf", programmes=["zumo"])  # fmt: skip
    network["kommunen"]["hayingen"].programmes = ["zumo"]
    network["kommunen"]["hayingen"].reindexObject()
    logout()
    html = page(network, "zumo")()
    assert (
        "Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg" in html
    )
    assert "seit 01.2024 bis heute" in html
    assert "ZUMO-Team Hayingen" in html and "ZUMO-Entwurf" not in html
    assert ">Hayingen</a>" in html


def test_municipality_list_is_bounded(network, monkeypatch):
    """Beyond the first municipalities the page links to the map's paged list."""
    from zumo.policy.browser import programmes

    monkeypatch.setattr(programmes, "MUNICIPALITIES_SHOWN", 1)
    for oid in ("hayingen", "tuttlingen"):
        network["kommunen"][oid].programmes = ["zwk"]
        network["kommunen"][oid].reindexObject()
    view = page(network, "zwk")
    assert [b.Title for b in view.municipalities()] == ["Hayingen"]
    assert view.municipalities_total() == 2
    html = view()
    assert "Alle 2 Kommunen des Programms in der Liste zur Karte" in html
    assert "/praxisbeispiele/karte?zumo_programmes=zwk#zumo-map-lists" in html


def test_unknown_programme_is_not_found(network):
    """Anything else below /programm is a 404."""
    with pytest.raises(NotFound):
        page(network, "erfunden")


#: The only words on the programme pages that are not the sources' own.
OWN_NOTES = {"Die Quelle nennt keine Laufzeit."}
SEEDS = Path(__file__).parents[2] / "docs" / "seeds"


def _words(text):
    return " ".join(text.split())


def test_facts_are_the_seeds_words():
    """Every fact on a programme page stands word for word in its seed."""
    facts = vocabularies.details("programmes", "facts")
    for token, programme in facts.items():
        number = programme["source"].split()[1]
        seed = _words(next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8"))
        quoted = [programme["summary"]] + [
            v for _label, vs in programme["rows"] for v in vs
        ]
        for value in quoted:
            if value not in OWN_NOTES:
                assert _words(value) in seed, (token, value)
