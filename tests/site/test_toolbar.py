"""The editing toolbar only for those who may edit something on the page;
the personal menu (Mein Netzwerk, Einstellungen, Abmelden) in the header
for everybody else who is logged in."""

import pytest


@pytest.mark.parametrize(
    "persona, name",
    [
        ("kommune-b", "example_published"),
        ("ministerium", "example_published"),
        ("buerger", "meeting_announced"),
        ("buerger", "module_published"),
        ("buerger", "site"),
    ],
)
def test_no_toolbar_for_those_who_cannot_edit(
    served_scenario, persona_request, persona, name
):
    """No toolbar; the header's personal menu leads to Mein Netzwerk, the
    settings and the logout."""
    _portal, objects = served_scenario
    page = persona_request(persona).get(objects[name].absolute_url())
    assert page.status_code == 200
    assert 'id="edit-bar"' not in page.text
    assert "plone-toolbar-left" not in page.text
    assert 'id="portal-membertools"' in page.text
    for link in ("@@mein-netzwerk", "@@personal-preferences", "/logout"):
        assert link in page.text, link


@pytest.mark.parametrize(
    "persona, name",
    [
        ("buerger", "example_private"),
        ("kommune-a", "municipality_published"),
        ("institut", "example_published"),
    ],
)
def test_toolbar_for_those_who_edit(served_scenario, persona_request, persona, name):
    """Who may edit the item keeps the toolbar (with the personal menu in it)."""
    _portal, objects = served_scenario
    page = persona_request(persona).get(objects[name].absolute_url())
    assert page.status_code == 200
    assert 'id="edit-bar"' in page.text
    assert 'id="portal-membertools"' not in page.text


def test_anonymous_visitors_get_login_and_sign_up(served_scenario, persona_request):
    """Anonymous visitors keep "Anmelden" and "Registrieren", no menu."""
    portal, _objects = served_scenario
    page = persona_request("anonymous").get(portal.absolute_url())
    assert 'id="edit-bar"' not in page.text
    assert 'id="portal-membertools"' not in page.text
    assert "@@register" in page.text


def test_author_of_a_proposal_in_review_keeps_its_state(
    served_scenario, persona_request
):
    """The author of a proposal in review may withdraw it: the toolbar stays,
    with its state."""
    _portal, objects = served_scenario
    page = persona_request("buerger").get(objects["example_pending"].absolute_url())
    assert 'id="edit-bar"' in page.text
