"""The German analysis of the catalog's lexicon (zumo.content.search.analysis)
and the text query every search builds (zumo.content.search.query)."""

from zumo.content.search.analysis import tokens
from zumo.content.search.analysis import words
from zumo.content.search.query import text_query

import pytest
import time


@pytest.mark.parametrize(
    "word, parts",
    [
        ("Jugendgemeinderat", {"jugend", "gemeinderat"}),
        ("Klimaschutzpaten", {"klima", "schutz", "klimaschutz", "pat"}),
        ("Bürgerbeteiligung", {"burg", "beteil", "beteiligung"}),
    ],
)
def test_compounds_give_their_parts(word, parts):
    """A compound is indexed as itself and as its parts and runs of parts."""
    terms = set(tokens(word))
    assert word.casefold().replace("ü", "u") in terms
    assert parts <= terms


@pytest.mark.parametrize(
    "word, parts, not_parts",
    [
        ("Handlungskonzept", {"handlung", "konzept"}, {"hand", "lungs", "lung"}),
        ("Bildungslandschaft", {"bildung", "landschaft"}, {"bild", "ungs"}),
        ("Planungswerkstatt", {"planung", "werkstatt"}, {"plan", "ungs"}),
        ("Regierungsbezirk", {"regier", "bezirk"}, {"regie", "rungs"}),
        ("Regierung", {"regierung"}, {"regi", "rung"}),
        ("Handlung", {"handlung"}, {"hand", "lung"}),
        ("Werkstatttreffen", {"werkstatt", "treff"}, {"statt"}),
        ("Ehrenamtskoordination", {"ehrenamt", "koordination"}, set()),
    ],
)
def test_a_known_first_part_is_not_split_again(word, parts, not_parts):
    """The first part of a compound stays whole where compound-split's
    dictionary knows it ("Handlungs" is "Handlung" with its joining s), and
    a known word is split only into known words, so "Hand", "Lunge" or
    "statt" do not find an action plan or a workshop."""
    terms = set(tokens(word))
    assert parts <= terms
    assert not (not_parts & terms)


@pytest.mark.parametrize(
    "one, other",
    [
        ("Dorfläden", "Dorfladen"),
        ("Dorfläden", "Dorflaeden"),
        ("Straße", "Strasse"),
        ("Bürger", "Buerger"),
        ("Gemeinderäte", "Gemeinderat"),
        ("Jugendlichen", "Jugendliche"),
        ("Beteiligungen", "Beteiligung"),
        ("Schöne", "schoen"),
    ],
)
def test_umlauts_sharp_s_plurals_and_inflections_meet(one, other):
    """Folded umlauts, ß, ae/oe/ue, plurals and inflections share a term."""
    assert set(tokens(one)) & set(tokens(other))


def test_short_and_lower_case_words_are_not_split():
    """Only nouns (capitalised) long enough for two parts are split."""
    assert tokens("Jugend") == ["jugend"]
    assert tokens("klimaschutzpaten") == ["klimaschutzpaten", "klimaschutzpat"]


def test_hyphenated_words_give_their_parts():
    """A hyphenated word is found as one word and as its parts."""
    terms = tokens("Jugend-Gemeinderat")
    assert {"jugendgemeinderat", "jugend", "gemeinderat"} <= set(terms)


def test_words_are_the_written_words():
    """``words`` cuts a text as the splitter does, keeping the spelling."""
    assert words("Jugend-Gemeinderat, Straße! 2024") == [
        "Jugend", "Gemeinderat", "Straße", "2024",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "typed, query",
    [
        ("", None),
        ("  ", None),
        ("???", None),
        ("_", None),
        ("Jugend", "(Jugend OR Jugend*)"),
        ("Bürger Beteiligu", "Bürger AND (Beteiligu OR Beteiligu*)"),
        ("jugend and klima", 'jugend AND "and" AND (klima OR klima*)'),
        ('"Jugend Arbeit" Klima', '"Jugend Arbeit" AND (Klima OR Klima*)'),
        ("(Klima*", "(Klima OR Klima*)"),
        ("a", "a"),
    ],
)
def test_text_query(typed, query):
    """Typed words: all must occur, the last also as a prefix, operators
    and query syntax taken as text."""
    assert text_query(typed) == query


def test_every_word_a_beginning():
    """The directory's name search takes every word as a beginning."""
    assert text_query("Ba Ur", every_prefix=True) == "(Ba OR Ba*) AND (Ur OR Ur*)"
    assert text_query("Bad a", every_prefix=True) == "(Bad OR Bad*) AND a"


#: A typical practice example's text (the demo's "Jugendgemeinderat").
TYPICAL = (
    "Jugendgemeinderat mit eigenem Budget. Jugendliche entscheiden über ein "
    "eigenes Budget für Projekte im Ort. Die Wahlbeteiligung bei der "
    "Jugendgemeinderatswahl lag bei 60 Prozent; Jugendarbeit, Jugendraum und "
    "Bürgerbeteiligung gehören dazu. Frühe Beteiligung der Schulen, klare "
    "Zuständigkeiten im Rathaus und ein Budget, über das die Jugendlichen "
    "selbst entscheiden, machten den Erfolg aus. "
) * 6


def test_indexing_stays_quick():
    """A practice example's text is analysed in well under 50 ms once the
    splitter is loaded (it is loaded once per process)."""
    tokens("Ladevorgang")
    tokens(TYPICAL)
    started = time.perf_counter()
    tokens(TYPICAL + " Neuwort Zusatzwort Gemeindehaushaltsplan")
    assert time.perf_counter() - started < 0.05
