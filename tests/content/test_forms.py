"""The Classic add forms refuse bad input with German messages."""

from plone import api
from tests.fixtures.http import token_in

import transaction


def _submit(portal, request_factory, section, portal_type, fields):
    """Open the add form as a manager and save it with ``fields``."""
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    form_url = f"{portal.absolute_url()}/{section}/++add++{portal_type}"
    form = session.get(form_url)
    assert form.status_code == 200
    data = {"_authenticator": token_in(form.text), "form.buttons.save": "Speichern"}
    data.update({f"form.widgets.{name}": value for name, value in fields.items()})
    return session.post(form_url, data=data)


def test_bad_ags_is_refused(functional_portal, request_factory):
    """A wrong AGS shows the German message and creates nothing."""
    response = _submit(
        functional_portal,
        request_factory,
        "kommunen",
        "Municipality",
        {
            "IBasic.title": "Falschhausen",
            "ags": "1234",
            "population": "-5",
        },
    )
    assert response.status_code == 200
    assert "Schlüssel eines Landes von 01 bis 16" in response.text
    assert "Wert ist zu klein" in response.text
    transaction.begin()
    assert list(functional_portal["kommunen"].objectIds()) == []


def test_end_before_start_is_refused(functional_portal, request_factory):
    """A project that ends before it starts is refused."""
    response = _submit(
        functional_portal,
        request_factory,
        "praxisbeispiele",
        "PracticeExample",
        {
            "IBasic.title": "Zeitreise",
            "start": "2025-05-01",
            "end": "2024-01-01",
        },
    )
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.text
    transaction.begin()
    assert list(functional_portal["praxisbeispiele"].objectIds()) == []


def test_good_input_is_saved(functional_portal, request_factory):
    """Valid input creates the municipality."""
    response = _submit(
        functional_portal,
        request_factory,
        "kommunen",
        "Municipality",
        {
            "IBasic.title": "Richtighausen",
            "ags": "08415029",
            "population": "2196",
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
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    url = functional_portal.absolute_url()
    page = session.get(f"{url}/praxisbeispiele/++add++PracticeExample").text
    for label in ("Ausgangslage", "Übertragbarkeit", "Ansprechperson",
                  "ZUMO-Themenfelder", "Zeitraum und Kommune"):  # fmt: skip
        assert label in page
