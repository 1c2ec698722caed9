"""A municipality's team space is a page of its own (``@@teamraum``), marked
private and in German; the public profile shows only the public profile."""

from zumo.policy.testing.scenario import SECRET

import pytest


def test_the_team_opens_its_space_from_the_profile(served_scenario, persona_request):
    _portal, objects = served_scenario
    municipality = objects["municipality_published"]
    session = persona_request("kommune-a")
    profile = session.get(municipality.absolute_url()).text
    assert f'href="{municipality.absolute_url()}/@@teamraum"' in profile
    assert f"team_document {SECRET}" not in profile
    assert "Handlungskonzept und Zukunftswerkstätten" not in profile

    page = session.get(f"{municipality.absolute_url()}/@@teamraum")
    assert page.status_code == 200
    # The scenario's team has an external process facilitator (seed 001).
    assert "Nur Ihr Team, Ihre Prozessbegleitung und das Institut sehen" in page.text
    assert "Wer zum Team gehört" in page.text
    assert "(Moderation)" in page.text
    assert f"team_document {SECRET}" in page.text
    assert f"action_plan {SECRET}" in page.text
    assert "(Teamintern)" in page.text
    assert "(internal)" not in page.text
    assert page.headers["Cache-Control"].startswith("private")


def test_the_institute_opens_it_too(served_scenario, persona_request):
    _portal, objects = served_scenario
    municipality = objects["municipality_published"]
    page = persona_request("institut").get(f"{municipality.absolute_url()}/@@teamraum")
    assert page.status_code == 200
    assert f"team_document {SECRET}" in page.text


@pytest.mark.parametrize(
    "persona", ["anonymous", "buerger", "kommune-b", "expertin", "ministerium"]
)
def test_others_see_only_the_public_profile(served_scenario, persona_request, persona):
    _portal, objects = served_scenario
    municipality = objects["municipality_published"]
    session = persona_request(persona)
    profile = session.get(municipality.absolute_url())
    assert profile.status_code == 200
    assert "@@teamraum" not in profile.text
    assert "Teamraum" not in profile.text
    space = session.get(
        f"{municipality.absolute_url()}/@@teamraum", allow_redirects=False
    )
    assert space.status_code in (302, 401, 403)
    assert f"team_document {SECRET}" not in space.text


def test_the_group_page_says_who_sees_it(served_scenario, persona_request):
    _portal, objects = served_scenario
    group = objects["group"]
    page = persona_request("kommune-a").get(group.absolute_url()).text
    assert (
        "Nur die Mitglieder der Gruppe, das Institut und das Ministerium sehen "
        "diese Seite." in " ".join(page.split())
    )
    assert f'href="{group.absolute_url()}/@@roster"' in page
    assert "(internal)" not in page
    assert "eigene Festlegung des Netzwerks" in page
