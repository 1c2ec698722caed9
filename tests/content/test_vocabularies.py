"""The controlled vocabularies: contract names, ASCII tokens, German titles."""

from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
from zumo.content import vocabularies

import pytest
import re


CONTRACT = {
    "zumo.vocabularies.topics": 5,
    "zumo.vocabularies.trends": 6,
    "zumo.vocabularies.target_groups": None,
    "zumo.vocabularies.programmes": None,
    "zumo.vocabularies.regions": 4,
    "zumo.vocabularies.size_classes": None,
    "zumo.vocabularies.koquma_modules": 8,
}


@pytest.mark.parametrize("name,size", CONTRACT.items())
def test_contract_vocabulary(portal, name, size):
    """Each contract vocabulary is registered, with its expected size."""
    vocabulary = getUtility(IVocabularyFactory, name)(portal)
    assert len(vocabulary) > 0
    if size:
        assert len(vocabulary) == size


@pytest.mark.parametrize("name", vocabularies.names())
def test_tokens_are_stable_ascii(portal, name):
    """Tokens are ASCII identifiers; values equal tokens; titles are set."""
    vocabulary = getUtility(IVocabularyFactory, f"zumo.vocabularies.{name}")(portal)
    for term in vocabulary:
        assert re.fullmatch(r"[a-z0-9_]+", term.token), term.token
        assert term.value == term.token
        assert term.title and term.title != term.token


def test_titles_are_german(portal):
    """The five ZUMO fields carry their German names."""
    titles = dict(vocabularies.terms("topics"))
    assert titles["klimawandel"] == (
        "Lokale Antworten auf den Klimawandel und ein enkelgerechtes Leben"
    )
    assert dict(vocabularies.terms("regions"))["tuebingen"] == (
        "Regierungsbezirk Tübingen"
    )


@pytest.mark.parametrize(
    "population,expected",
    [
        (None, None),
        (1, "unter_2000"),
        (1999, "unter_2000"),
        (2000, "2000_5000"),
        (9999, "5000_10000"),
        (15000, "10000_20000"),
        (630000, "ab_20000"),
    ],
)
def test_size_class(population, expected):
    """The size class follows the population thresholds."""
    assert vocabularies.size_class(population) == expected
