"""Comparing two versions of an action plan shows what changed in every
field: the rich texts (strategies, goals, measures) with the added
paragraph marked, text lines and choices. (The Zukunftswerkstätten it
builds on are relations, which CMFEditions does not keep in versions.)
The plan links to the comparison with the version before."""

from plone.app.testing import login
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


ADDED = "Ein Bürgerbus verbindet ab 2027 die Ortsteile."


@pytest.fixture
def revised_plan(served_scenario):
    """The scenario's plan, saved once more with every field changed by
    ``kommune-a``; committed."""
    portal, objects = served_scenario
    plan = objects["action_plan"]
    login(portal, "kommune-a")
    for name in ("strategies", "goals", "measures"):
        setattr(plan, name, RichTextValue("<p>Erster Absatz.</p>", "text/html"))
    notify(ObjectModifiedEvent(plan))
    for name in ("strategies", "goals", "measures"):
        setattr(
            plan,
            name,
            RichTextValue(f"<p>Erster Absatz.</p><p>{ADDED} ({name})</p>", "text/html"),
        )
    plan.horizon = "bis 2040"
    plan.plan_kind = "demografiestrategie"
    notify(ObjectModifiedEvent(plan))
    logout()
    transaction.commit()
    return plan


def test_the_comparison_shows_every_changed_field(revised_plan, persona_request):
    assert revised_plan.version_id >= 2
    session = persona_request("kommune-a")
    page = session.get(revised_plan.absolute_url()).text
    link = "Mit der vorigen Fassung vergleichen"
    assert link in page
    compare = page.split(link)[0].rsplit('href="', 1)[1].split('"')[0]
    answer = session.get(compare.replace("&amp;", "&"))
    assert answer.status_code == 200
    text = answer.text
    assert "Es gibt keine Unterschiede" not in text
    for name in ("strategies", "goals", "measures"):
        assert f'<span class="insert">{ADDED} ({name})' in text, name
    for label in (
        "Strategien",
        "Ziele",
        "Maßnahmen",
        "Zeithorizont",
        "Art des Konzepts",
    ):
        assert f"<legend>{label}</legend>" in text, label
