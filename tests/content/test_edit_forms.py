"""Edit forms show only what the person fills in: the type's own fields in a
few German-named tabs; Plone's technical tabs ("Kategorisierung",
"Einstellungen", "Eigentum") only for those who run the site, the
publication dates also for the institute."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import re


#: Tabs of Plone's behaviors that are the site's, not the content's.
TECHNICAL_TABS = ("Kategorisierung", "Einstellungen", "Eigentum", "Freigabezeitraum")
#: Widgets of Plone's technical behaviors.
TECHNICAL_WIDGETS = (
    "ICategorization.",
    "IOwnership.",
    "IShortName.",
    "IExcludeFromNavigation.",
    "IRelatedItems.",
    "IVersionable.",
)


def _form(session, url):
    """``(tabs, widget names)`` of the form at ``url``."""
    page = session.get(url)
    assert page.status_code == 200, url
    tabs = [
        re.sub(r"<[^>]+>", "", tab).strip()
        for tab in re.findall(r"<legend[^>]*>(.*?)</legend>", page.text, re.S)
    ]
    return tabs, set(re.findall(r'name="form\.widgets\.([^"]+)"', page.text))


@pytest.mark.parametrize(
    "persona, name",
    [
        ("buerger", "example_private"),
        ("kommune-a", "municipality_published"),
        ("expertin", "assessment_draft"),
    ],
)
def test_edit_form_has_only_the_types_own_fields(
    served_scenario, persona_request, persona, name
):
    """Citizens, municipal staff and experts (on their own assessment) meet
    no technical tab or field."""
    _portal, objects = served_scenario
    tabs, widgets = _form(
        persona_request(persona), f"{objects[name].absolute_url()}/edit"
    )
    # An assessment's title is the panel's ("Einzelgutachten von …").
    assert "IBasic.title" in widgets or name == "assessment_draft"
    assert widgets
    for tab in TECHNICAL_TABS:
        assert tab not in tabs, (persona, name, tabs)
    for widget in widgets:
        assert not widget.startswith(TECHNICAL_WIDGETS), (persona, name, widget)
    assert len(tabs) <= 6, tabs


@pytest.mark.parametrize(
    "name", ["example_published", "meeting_planned", "module_private"]
)
def test_institute_keeps_publication_dates_only(served_scenario, persona_request, name):
    """The institute keeps the publication dates (of the types that have
    them), not Plone's settings."""
    _portal, objects = served_scenario
    tabs, widgets = _form(
        persona_request("institut"), f"{objects[name].absolute_url()}/edit"
    )
    if name == "example_published":
        assert "IPublication.effective" in widgets
    for tab in ("Kategorisierung", "Eigentum"):
        assert tab not in tabs, (name, tabs)
    assert not any(widget.startswith(TECHNICAL_WIDGETS) for widget in widgets)


def test_institute_adds_a_meeting_without_technical_tabs(
    served_scenario, persona_request
):
    """The add form of a meeting, as the institute: no technical tab."""
    portal, _objects = served_scenario
    tabs, widgets = _form(
        persona_request("institut"),
        f"{portal.absolute_url()}/werkstatttreffen/++add++WorkshopMeeting",
    )
    assert "IBasic.title" in widgets
    for tab in ("Kategorisierung", "Eigentum"):
        assert tab not in tabs, tabs
    assert not any(widget.startswith(TECHNICAL_WIDGETS) for widget in widgets)


def test_site_administrators_keep_the_whole_form(served_scenario, persona_request):
    """Those who run the site (the Zope admin) keep Plone's technical tabs."""
    _portal, objects = served_scenario
    session = persona_request("anonymous")
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    tabs, widgets = _form(session, f"{objects['meeting_planned'].absolute_url()}/edit")
    assert "Kategorisierung" in tabs
    assert "IShortName.id" in widgets
