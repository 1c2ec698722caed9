"""Programme pages: the sources' words, the network from the catalog."""

from pathlib import Path
from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import add
from zExceptions import NotFound
from zumo.content import vocabularies

import pytest
import re


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
        assert programme["source"]["seed"] in {"000", "001", "002", "004"}, token
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


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"
#: Where a whole sentence may start or end in a seed: after a sentence's end,
#: a colon or a line break; the last word of a sentence and its marks.
SENTENCE_END = ".!?“”"


def _seed(programme):
    """The text of the programme's source document."""
    number = programme["source"]["seed"]
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def _find(text, words):
    """The match of ``words`` in ``text``, any white space between them."""
    return re.search(r"\s+".join(re.escape(word) for word in words.split()), text)


def _values(programme):
    """The facts of a programme as shown, each part of a value on its own."""
    for _label, values in programme["rows"]:
        for value in values:
            yield from [value] if isinstance(value, str) else value


@pytest.mark.parametrize("token", ["zumo", "imv", "zwk", "dwk", "koquma"])
def test_quotes_are_whole_sentences_of_the_seed(token):
    """A quote stands word for word in its document and is a whole
    sentence or several: it starts where a sentence starts and ends where
    one ends (no "Initiiert von: Daher …", no "das Mentoringprogramm sein,
    welches …")."""
    programme = vocabularies.details("programmes", "facts")[token]
    seed = _seed(programme)
    assert programme["quotes"]
    for quote in programme["quotes"] + [
        value for value in _values(programme) if len(value.split()) > 12
    ]:
        found = _find(seed, quote)
        assert found, (token, quote)
        before = seed[: found.start()].rstrip(" \t\u00a0")
        assert not before or before[-1] in SENTENCE_END + ":\n", (token, quote)
        assert quote.rstrip("“”")[-1] in ".!?", (token, quote)


def test_facts_are_the_seeds_words():
    """Every fact on a programme page stands word for word in its seed."""
    facts = vocabularies.details("programmes", "facts")
    for token, programme in facts.items():
        seed = _seed(programme)
        for value in [*programme["quotes"], *_values(programme)]:
            assert _find(seed, value), (token, value)


@pytest.mark.parametrize("token", ["zumo", "imv", "zwk", "dwk", "koquma"])
def test_source_is_named_by_the_document_s_own_title(network, token):
    """The page names its source by the document's title as the document
    writes it (its first lines), its publisher where it names one, and
    "ohne Datum" where it gives no date; no internal label."""
    programme = vocabularies.details("programmes", "facts")[token]
    source = programme["source"]
    seed = _seed(programme)
    # KoQuMa's title stands on two lines of the call, joined here by ". ".
    assert _find(seed, source["title"].replace(". ", " ")), source["title"]
    html = page(network, token)()
    assert f"„{source['title']}“" in html
    assert "ohne Datum" in html
    assert "seed" not in html.lower()
    assert "<blockquote" in html
