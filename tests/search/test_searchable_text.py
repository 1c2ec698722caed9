"""The full-text index reads the sections of a practice example and the
texts of the network's other types, never the fields kept to some."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from tests.fixtures.builders import add
from zumo.content.indexers.searchable import searchable_fields
from zumo.content.indexers.searchable import searchable_text
from zumo.content.relations import relation_to
from zumo.content.search.query import text_query

import pytest


@pytest.fixture
def example(portal):
    """A practice example with a section, a contact and a municipality."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    place = add(portal, "kommunen", "Municipality", "hayingen", title="Hayingen",
                population=2224, mayor="Bürgermeisterin Verborgen")  # fmt: skip
    return add(
        portal, "praxisbeispiele", "PracticeExample", "laden", title="Dorfladen",
        description="Ein Laden im Ort.",
        approach=RichTextValue("<p>Die <b>Genossenschaft</b> sammelte Anteile.</p>",
                               "text/html", "text/x-html-safe"),
        contact_name="Erika Kontaktperson", contact_email="erika@example.org",
        municipality=relation_to(place),
    )  # fmt: skip


def found(text):
    """Paths of what the catalog finds for ``text``."""
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.getId for brain in catalog.unrestrictedSearchResults(SearchableText=text)
    }


def test_the_sections_are_searchable(example):
    assert "Genossenschaft sammelte Anteile" in searchable_text(example)
    assert "<b>" not in searchable_text(example)
    assert "laden" in found("Anteile")


def test_fields_with_a_read_permission_are_not(example):
    assert "contact_name" not in searchable_fields(example)
    assert "contact_email" not in searchable_fields(example)
    assert not found("Kontaktperson")
    assert not found("Verborgen")
    assert "mayor" not in searchable_fields(api.content.get("/kommunen/hayingen"))


def test_title_comes_first(example):
    assert searchable_text(example).startswith("Dorfladen Ein Laden im Ort.")


@pytest.mark.parametrize(
    "phrase",
    [
        '"Dorfladen Ein Laden"',  # after a compound (title, then summary)
        '"Die Genossenschaft sammelte"',
        '"Genossenschaft sammelte Anteile"',
    ],
)
def test_a_quoted_phrase_finds_its_words_side_by_side(example, phrase):
    """A compound's parts are indexed after the words, so a phrase that
    holds or follows a compound ("Dorfladen") is found; the same words in
    another order are no phrase of the text."""
    assert "laden" in found(text_query(phrase))
    reversed_phrase = '"' + " ".join(reversed(phrase.strip('"').split())) + '"'
    assert "laden" not in found(text_query(reversed_phrase))
