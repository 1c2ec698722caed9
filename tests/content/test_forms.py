"""The Classic add forms refuse bad input with German messages."""

from plone import api

import re
import transaction


def _add_form(session, portal_url, section, portal_type):
    """Open the add form; return its CSRF token."""
    response = session.get(f"{portal_url}/{section}/++add++{portal_type}")
    assert response.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', response.text)
    return token.group(1)


def _session(request_factory):
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    return session


def test_bad_ags_is_refused(functional_portal, request_factory):
    """A wrong AGS shows the German message and creates nothing."""
    url = functional_portal.absolute_url()
    session = _session(request_factory)
    token = _add_form(session, url, "kommunen", "Municipality")
    response = session.post(
        f"{url}/kommunen/++add++Municipality",
        data={
            "_authenticator": token,
            "form.widgets.IBasic.title": "Falschhausen",
            "form.widgets.ags": "1234",
            "form.widgets.population": "-5",
            "form.buttons.save": "Speichern",
        },
    )
    assert response.status_code == 200
    assert "beginnt in Baden-Württemberg mit 08" in response.text
    assert "Wert ist zu klein" in response.text
    transaction.begin()
    assert functional_portal["kommunen"].objectIds() == []


def test_end_before_start_is_refused(functional_portal, request_factory):
    """A project that ends before it starts is refused."""
    url = functional_portal.absolute_url()
    session = _session(request_factory)
    token = _add_form(session, url, "praxisbeispiele", "PracticeExample")
    response = session.post(
        f"{url}/praxisbeispiele/++add++PracticeExample",
        data={
            "_authenticator": token,
            "form.widgets.IBasic.title": "Zeitreise",
            "form.widgets.start": "2025-05-01",
            "form.widgets.end": "2024-01-01",
            "form.buttons.save": "Speichern",
        },
    )
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.text
    transaction.begin()
    assert functional_portal["praxisbeispiele"].objectIds() == []


def test_good_input_is_saved(functional_portal, request_factory):
    """Valid input creates the municipality."""
    url = functional_portal.absolute_url()
    session = _session(request_factory)
    token = _add_form(session, url, "kommunen", "Municipality")
    response = session.post(
        f"{url}/kommunen/++add++Municipality",
        data={
            "_authenticator": token,
            "form.widgets.IBasic.title": "Richtighausen",
            "form.widgets.ags": "08415029",
            "form.widgets.population": "2196",
            "form.buttons.save": "Speichern",
        },
    )
    assert response.status_code == 200
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        obj = functional_portal["kommunen"]["richtighausen"]
    assert obj.ags == "08415029"
    assert obj.population == 2196


def test_add_form_is_german(functional_portal, request_factory):
    """Labels and help texts of the add form are German."""
    url = functional_portal.absolute_url()
    session = _session(request_factory)
    page = session.get(f"{url}/praxisbeispiele/++add++PracticeExample").text
    for label in ("Ausgangslage", "Übertragbarkeit", "Ansprechperson",
                  "ZUMO-Themenfelder", "Zeitraum und Kommune"):  # fmt: skip
        assert label in page
