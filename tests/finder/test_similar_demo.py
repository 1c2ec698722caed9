"""Reasons for “similar” on the demo network: what is alike in content
first, the size only as an addition.

Before the reasons named content, 821 of the 1,207 municipality pages
showed at least one suggestion whose only reason was “gleiche
Größenklasse” (2,013 of 5,539 suggestions).
"""

from plone import api
from plone.app.testing import logout
from zumo.content.similar import CONTENT
from zumo.content.similar import suggestions

import pytest


pytestmark = pytest.mark.slow

#: The message ids of reasons that name shared content.
CONTENT_REASONS = {str(message) for *_rest, one, several in CONTENT
                   for message in (one, several)}  # fmt: skip
#: Every how many municipalities without examples of their own one is asked.
SAMPLE = 10


def contexts():
    """The published examples, the municipalities with published examples of
    their own and every ``SAMPLE``-th of the others, by id."""
    catalog = api.portal.get_tool("portal_catalog")
    examples = catalog(portal_type="PracticeExample", review_state="published")
    with_examples = {
        api.content.get(UID=brain.zumo_municipality_uid).getId()
        for brain in examples
        if getattr(brain, "zumo_municipality_uid", None)
    }
    municipalities = sorted(
        (brain.getObject() for brain in catalog(portal_type="Municipality")),
        key=lambda obj: obj.getId(),
    )
    others = [m for m in municipalities if m.getId() not in with_examples]
    return (
        [brain.getObject() for brain in examples]
        + [m for m in municipalities if m.getId() in with_examples]
        + others[::SAMPLE]
    )


def is_content(reason):
    return str(reason) in CONTENT_REASONS


@pytest.fixture
def all_suggestions(demo_site):
    """``[(context, suggestions)]`` as an anonymous visitor sees them."""
    logout()
    return [(context, suggestions(context)) for context in contexts()]


def test_no_suggestion_for_size_alone(all_suggestions):
    """No suggestion's only reason is the size class."""
    size_only = [
        (context.getId(), item["title"])
        for context, found in all_suggestions
        for item in found
        if [str(reason) for reason in item["reasons"]] == ["reason_size_class"]
    ]
    assert size_only == []
    assert sum(len(found) for _context, found in all_suggestions) > 100


def test_content_first(all_suggestions):
    """Suggestions that share content rank above those that do not, and
    each names the shared content before place and size."""
    wrong = []
    for context, found in all_suggestions:
        shares = [any(map(is_content, item["reasons"])) for item in found]
        if shares != sorted(shares, reverse=True):
            wrong.append((context.getId(), "ranking", shares))
        for item in found:
            kinds = [is_content(reason) for reason in item["reasons"]]
            if kinds != sorted(kinds, reverse=True):
                wrong.append((context.getId(), item["title"], item["reasons"]))
    assert wrong == []


def test_every_example_gets_examples_alike_in_content(all_suggestions):
    """Each published demo example is shown others that share content."""
    examples = [
        (context, found)
        for context, found in all_suggestions
        if context.portal_type == "PracticeExample"
    ]
    assert examples
    for context, found in examples:
        assert found and all(any(map(is_content, item["reasons"])) for item in found), (
            context.getId()
        )
