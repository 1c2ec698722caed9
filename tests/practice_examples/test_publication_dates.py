""" "Veröffentlicht" is the effective date: set when content becomes public,
and given to existing public content from its workflow history."""

from DateTime import DateTime
from plone import api
from tests.fixtures.builders import add
from zumo.policy.publication.dates import set_missing_effective_dates


def effective_in_catalog(obj):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=obj.UID())
    return brain.effective


def test_publishing_by_code_sets_the_effective_date(manager):
    """plone.api's transition (the demo, the bulk import, the review pages)
    sets no effective date of its own; publishing gives one."""
    before = DateTime()
    example = add(manager, "praxisbeispiele", "PracticeExample", "neu",
                  title="Neu", to_state="published")  # fmt: skip
    assert example.EffectiveDate() != "None"
    assert before - 1 / 1440 <= example.effective() <= DateTime()
    assert effective_in_catalog(example).year() > 1970


def test_a_chosen_date_and_drafts_are_left_alone(manager):
    """An editor's chosen publication date stays; a draft or a submitted
    example gets none."""
    chosen = DateTime("2025-03-01T09:00:00+01:00")
    example = add(manager, "praxisbeispiele", "PracticeExample", "gewaehlt",
                  title="Gewählt")  # fmt: skip
    example.setEffectiveDate(chosen)
    api.content.transition(obj=example, transition="submit")
    api.content.transition(obj=example, transition="publish")
    assert example.effective() == chosen
    draft = add(manager, "praxisbeispiele", "PracticeExample", "entwurf",
                title="Entwurf")  # fmt: skip
    api.content.transition(obj=draft, transition="submit")
    assert draft.EffectiveDate() == "None"


def test_existing_content_gets_its_first_publication_time(manager):
    """The upgrade's function: public content without effective date gets
    the time of its first publication from the workflow history, drafts
    stay without, the modification date stays; a second run changes
    nothing."""
    example = add(manager, "praxisbeispiele", "PracticeExample", "alt",
                  title="Alt", to_state="published")  # fmt: skip
    draft = add(manager, "praxisbeispiele", "PracticeExample", "entwurf",
                title="Entwurf")  # fmt: skip
    published_at = DateTime("2024-05-06T07:08:09+02:00")
    history = example.workflow_history["zumo_practice_example_workflow"]
    example.workflow_history["zumo_practice_example_workflow"] = tuple(
        {**entry, "time": published_at} if entry["review_state"] == "published"
        else entry
        for entry in history
    )  # fmt: skip
    example.effective_date = None  # as before the subscriber existed
    example.reindexObject(idxs=["effective", "effectiveRange"])
    modified = example.modified()
    assert effective_in_catalog(example).year() <= 1970

    assert set_missing_effective_dates(manager) == 1
    assert example.effective() == published_at
    assert effective_in_catalog(example) == published_at
    assert draft.EffectiveDate() == "None"
    assert example.modified() == modified
    assert set_missing_effective_dates(manager) == 0
