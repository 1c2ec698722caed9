"""Partners from other Länder: Landkreise and municipalities outside
Baden-Württemberg take part in mentoring groups and meetings, through the
forms and through the REST API."""

from plone import api
from tests.fixtures.builders import add
from tests.fixtures.http import token_in

import transaction


DITHMARSCHEN = {
    "title": "Kreis Dithmarschen",
    "kind": "landkreis",
    "state": "01",
    "ags": "01051",
    "district": "Kreis Dithmarschen",
}


def _form(session, url, fields, button="form.buttons.save"):
    """Open the form at ``url`` and submit ``fields`` with its CSRF token."""
    page = session.get(url)
    assert page.status_code == 200, url
    data = {"_authenticator": token_in(page.text), button: "Speichern"}
    data.update(fields)
    return session.post(url, data=data)


def _html_session(request_factory):
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    return session


def test_koquma_vocabulary_over_rest(manager_request):
    """`@vocabularies` gives the eight modules with the call's titles."""
    response = manager_request.get("/@vocabularies/zumo.vocabularies.koquma_modules")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert (
        titles[0] == "Modul 1: Lokalspezifische Bedarfslagen und Strukturen ermitteln"
    )
    assert titles[4] == "Modul 5: Welfare-Mix vor Ort gestalten"
    assert len(titles) == 8


def test_mentoring_group_with_a_landkreis_through_the_forms(
    functional_portal, request_factory
):
    """Add a Landkreis from Schleswig-Holstein, then make it a mentee."""
    session = _html_session(request_factory)
    base = functional_portal.absolute_url()
    response = _form(
        session,
        f"{base}/kommunen/++add++Municipality",
        {
            "form.widgets.IBasic.title": DITHMARSCHEN["title"],
            "form.widgets.kind:list": "landkreis",
            "form.widgets.state:list": "01",
            "form.widgets.ags": "01051",
            "form.widgets.district": "Kreis Dithmarschen",
        },
    )
    assert response.status_code == 200
    assert "Fehler" not in response.text, response.text[:2000]
    transaction.begin()
    kreis = functional_portal["kommunen"]["kreis-dithmarschen"]
    assert (kreis.kind, kreis.state, kreis.ags) == ("landkreis", "01", "01051")

    response = _form(
        session,
        f"{base}/mentoring/++add++MentoringGroup",
        {
            "form.widgets.IBasic.title": "Gruppe Nord und Süd",
            "form.widgets.mentees": kreis.UID(),
        },
    )
    assert response.status_code == 200
    transaction.begin()
    group = functional_portal["mentoring"]["gruppe-nord-und-sued"]
    assert [rel.to_object for rel in group.mentees] == [kreis]
    # The group page names the Landkreis.
    page = session.get(group.absolute_url())
    assert "Kreis Dithmarschen" in page.text


def test_mentoring_group_with_a_landkreis_through_rest(manager_request):
    """The same through plone.restapi: create, relate, read back."""
    response = manager_request.post(
        "/kommunen", json={"@type": "Municipality", **DITHMARSCHEN}
    )
    assert response.status_code == 201, response.text
    kreis = response.json()
    assert kreis["state"] == {"token": "01", "title": "Schleswig-Holstein"}
    assert kreis["kind"]["title"] == "Landkreis"
    response = manager_request.post(
        "/mentoring",
        json={
            "@type": "MentoringGroup",
            "title": "Gruppe Nord und Süd",
            "mentees": [kreis["UID"]],
        },
    )
    assert response.status_code == 201, response.text
    group = manager_request.get(response.json()["@id"]).json()
    assert [item["title"] for item in group["mentees"]] == ["Kreis Dithmarschen"]


def test_meeting_hosted_outside_baden_wuerttemberg(functional_portal, manager_request):
    """A meeting can be hosted by a municipality of another Land."""
    host = add(functional_portal, "kommunen", "Municipality", "kreis-dueren",
               title="Kreis Düren", kind="landkreis", state="05", ags="05358")  # fmt: skip
    uid = host.UID()
    transaction.commit()
    response = manager_request.post(
        "/werkstatttreffen",
        json={
            "@type": "WorkshopMeeting",
            "title": "Werkstatttreffen im Rheinland",
            "start": "2027-03-12T09:00:00+00:00",
            "end": "2027-03-12T15:00:00+00:00",
            "host_municipality": uid,
        },
    )
    assert response.status_code == 201, response.text
    meeting = manager_request.get(response.json()["@id"]).json()
    assert meeting["host_municipality"]["title"] == "Kreis Düren"


def test_only_the_institute_sets_or_clears_the_demo_mark(
    functional_portal, request_factory
):
    """A citizen editing their own proposal cannot remove the demo mark;
    anonymous cannot read a private demo item's mark."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username="bea", email="bea@example.org", password="geheim-2026")
        api.group.add_user(groupname="citizens", username="bea")
    transaction.commit()
    citizen = request_factory(basic_auth=("bea", "geheim-2026"))
    response = citizen.post(
        "/praxisbeispiele",
        json={"@type": "PracticeExample", "title": "Vorschlag", "demo": True},
    )
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    transaction.begin()
    example = functional_portal["praxisbeispiele"]["vorschlag"]
    assert not example.demo
    with api.env.adopt_roles(["Manager"]):
        example.demo = True
    transaction.commit()
    assert citizen.patch(url, json={"demo": False}).status_code in (204, 400, 401)
    transaction.begin()
    assert example.demo is True
    anonymous = request_factory()
    assert anonymous.get(url).status_code in (401, 404)
