"""plone.restapi round trip for every ZUMO type, and German 400s for bad input."""

from datetime import date
from tests.fixtures.builders import add

import pytest
import transaction


@pytest.fixture
def municipality_uid(functional_portal):
    """A municipality created through the API for relation fields."""
    obj = add(functional_portal, "kommunen", "Municipality", "hayingen",
              title="Hayingen", region="tuebingen", population=2224)  # fmt: skip
    transaction.commit()
    return obj.UID()


PAYLOADS = {
    "PracticeExample": (
        "praxisbeispiele",
        {
            "title": "Bürgerbus",
            "goals": {"data": "<p>Mobil bleiben</p>", "content-type": "text/html"},
            "topics": ["daseinsvorsorge", "klimawandel"],
            "trends": ["demografie"],
            "project_status": "laufend",
            "start": "2024-03-01",
            "contact_email": "bus@example.org",
            "contact_consent": True,
        },
    ),
    "Municipality": (
        "kommunen",
        {"title": "Testhausen", "ags": "08415099", "region": "stuttgart",
         "population": 4300, "programmes": ["zumo"], "latitude": 48.7,
         "longitude": 9.1},
    ),
    "MentoringGroup": (
        "mentoring",
        {"title": "Gruppe Alb", "facilitators": ["Dr. Muster"],
         "topics": ["demokratie"]},
    ),
    "WorkshopMeeting": (
        "werkstatttreffen",
        {"title": "Treffen", "start": "2027-03-12T09:00:00+00:00",
         "end": "2027-03-12T15:00:00+00:00", "region": "karlsruhe",
         "capacity": 40},
    ),
    "ExpertReview": (
        "gutachten",
        {"title": "Gutachten", "review_subject": "Handlungskonzept",
         "level": "standard", "valid_until": "2029-12-31"},
    ),
    "QualificationModule": (
        "qualifizierung",
        {"title": "Modul 1", "curriculum": "koquma",
         "koquma_module": "m1_bedarfslagen", "module_format": "hybrid",
         "duration": "2 Tage"},
    ),
}  # fmt: skip

RELATIONS = {
    "PracticeExample": "municipality",
    "MentoringGroup": "mentees",
    "WorkshopMeeting": "host_municipality",
    "ExpertReview": "municipality",
}


def _token(value):
    """Reduce a serialized vocabulary value to its token(s)."""
    if isinstance(value, list):
        return [_token(item) for item in value]
    if isinstance(value, dict) and "token" in value:
        return value["token"]
    if isinstance(value, dict) and "data" in value:
        return value["data"]
    return value


@pytest.mark.parametrize("portal_type", PAYLOADS)
def test_round_trip(manager_request, municipality_uid, portal_type):
    """POST creates, GET returns the same values, PATCH changes them."""
    section, payload = PAYLOADS[portal_type]
    payload = dict(payload, **{"@type": portal_type})
    relation = RELATIONS.get(portal_type)
    if relation:
        payload[relation] = (
            [municipality_uid] if relation == "mentees" else municipality_uid
        )
    response = manager_request.post(f"/{section}", json=payload)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]

    data = manager_request.get(url).json()
    assert data["@type"] == portal_type
    for name, value in payload.items():
        if name in ("@type", relation, "start", "end"):
            continue
        assert _token(data[name]) == _token(value), name
    if relation:
        target = data[relation][0] if relation == "mentees" else data[relation]
        assert target["title"] == "Hayingen"
        assert target["@type"] == "Municipality"

    response = manager_request.patch(url, json={"title": "Geändert"})
    assert response.status_code == 204
    assert manager_request.get(url).json()["title"] == "Geändert"


def test_vocabulary_values_have_token_and_title(manager_request):
    """Vocabulary fields serialize with readable German titles."""
    response = manager_request.post(
        "/praxisbeispiele",
        json={"@type": "PracticeExample", "title": "X", "topics": ["klimawandel"]},
    )
    data = manager_request.get(response.json()["@id"]).json()
    assert data["topics"] == [
        {
            "token": "klimawandel",
            "title": "Lokale Antworten auf den Klimawandel und ein enkelgerechtes Leben",
        }
    ]


def test_types_endpoint_lists_german_titles(manager_request):
    """`@types` offers the six types with German titles."""
    titles = {item["title"] for item in manager_request.get("/@types").json()}
    assert {
        "Praxisbeispiel",
        "Kommune",
        "Mentoring-Gruppe",
        "Werkstatttreffen",
        "Gutachten (Expertengremium)",
        "Qualifizierungsmodul",
    } <= titles


BAD_INPUT = [
    ("kommunen", {"@type": "Municipality", "title": "A", "ags": "1234"},
     "ags", "Gemeindeschlüssel"),
    ("kommunen", {"@type": "Municipality", "title": "A", "ags": "17000000"},
     "ags", "Schlüssel eines Landes von 01 bis 16"),
    ("kommunen", {"@type": "Municipality", "title": "A", "ags": "09162000"},
     None, "nicht zum gewählten Land"),
    ("kommunen", {"@type": "Municipality", "title": "A", "ags": "08416"},
     None, "passt nur zur Art Landkreis"),
    ("kommunen", {"@type": "Municipality", "title": "A", "state": "09",
                  "region": "stuttgart"}, None, "liegen in Baden-Württemberg"),
    ("kommunen", {"@type": "Municipality", "title": "A", "population": 0},
     "population", "zu klein"),
    ("kommunen", {"@type": "Municipality", "title": "A", "region": "bayern"},
     "region", "nicht erfüllt"),
    ("kommunen", {"@type": "Municipality", "title": "A",
                  "contact_email": "keine-adresse"}, "contact_email", "ungültig"),
    ("kommunen", {"@type": "Municipality", "title": "A", "latitude": 123.0},
     "latitude", "Breitengrad"),
    ("praxisbeispiele", {"@type": "PracticeExample", "title": "A",
                         "topics": ["gibtsnicht"]}, "topics", "nicht erfüllt"),
    ("praxisbeispiele", {"@type": "PracticeExample", "title": "A",
                         "start": "2025-05-01", "end": "2024-01-01"},
     None, "Das Ende darf nicht vor dem Beginn liegen."),
    ("praxisbeispiele", {"@type": "PracticeExample", "title": "A",
                         "contact_phone": "ruf mich an"}, "contact_phone",
     "Telefonnummer"),
    ("werkstatttreffen", {"@type": "WorkshopMeeting", "title": "A",
                          "registration_start": "2027-02-01T10:00:00",
                          "registration_end": "2027-01-01T10:00:00"},
     None, "Anmeldeschluss"),
]  # fmt: skip


@pytest.mark.parametrize("section,payload,field,message", BAD_INPUT)
def test_bad_input_is_refused_in_german(
    manager_request, functional_portal, section, payload, field, message
):
    """Bad input answers 400 with a German message and creates nothing."""
    before = len(functional_portal[section].objectIds())
    response = manager_request.post(f"/{section}", json=payload)
    assert response.status_code == 400
    body = response.json()
    assert message in body["message"]
    if field:
        assert f"'field': '{field}'" in body["message"]
    transaction.begin()
    assert len(functional_portal[section].objectIds()) == before


def test_search_filters_by_contract_index(manager_request, municipality_uid):
    """`@search` filters practice examples by topic token."""
    for title, topics in (("Laden", ["daseinsvorsorge"]), ("Garten", ["klimawandel"])):
        manager_request.post(
            "/praxisbeispiele",
            json={"@type": "PracticeExample", "title": title, "topics": topics,
                  "municipality": municipality_uid},
        )  # fmt: skip
    response = manager_request.get(
        "/@search",
        params={"portal_type": "PracticeExample", "zumo_topics": "klimawandel"},
    )
    assert [item["title"] for item in response.json()["items"]] == ["Garten"]
    response = manager_request.get(
        "/@search",
        params={"portal_type": "PracticeExample", "zumo_region": "tuebingen"},
    )
    assert response.json()["items_total"] == 2


def test_anonymous_cannot_create(anon_request, functional_portal):
    """An outsider cannot add content through the API."""
    response = anon_request.post(
        "/praxisbeispiele", json={"@type": "PracticeExample", "title": "Spam"}
    )
    assert response.status_code == 401
    transaction.begin()
    assert list(functional_portal["praxisbeispiele"].objectIds()) == []


def test_search_summaries_come_from_the_catalog(portal, monkeypatch):
    """``@search`` lists items from catalog metadata alone: every field the
    summary asks for is a column, so no listed object is woken."""
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.restapi.search.handler import SearchHandler
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    setRoles(portal, TEST_USER_ID, ["Manager"])
    for number in range(3):
        add(portal, "praxisbeispiele", "PracticeExample", f"pe-{number}",
            title=f"Beispiel {number}", topics=["daseinsvorsorge"])  # fmt: skip

    def woken(brain):
        raise AssertionError(f"{brain.getPath()} was woken")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", woken)
    found = SearchHandler(portal, portal.REQUEST).search(
        {"portal_type": "PracticeExample", "zumo_topics": "daseinsvorsorge"}
    )
    assert found["items_total"] == 3
    assert {item["title"] for item in found["items"]} == {
        "Beispiel 0", "Beispiel 1", "Beispiel 2"
    }  # fmt: skip


def test_content_1003_adds_the_summary_columns(portal):
    """Older sites get the columns the REST summaries ask for."""
    from plone import api
    from zumo.content.upgrades import v1003

    catalog = api.portal.get_tool("portal_catalog")
    for name in v1003.NEW_COLUMNS:
        catalog.delColumn(name)
    v1003.upgrade(portal.portal_setup)
    assert set(v1003.NEW_COLUMNS) <= set(catalog.schema())


@pytest.mark.parametrize("metadata_fields", [None, "_all"])
def test_search_summaries_equal_plone_restapis(portal, metadata_fields):
    """The cheaper summary of a catalog brain writes exactly what
    plone.restapi's own serializer writes, type titles translated."""
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.restapi.interfaces import ISerializeToJsonSummary
    from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
    from zope.component import getMultiAdapter
    from zumo.content.serializers import CatalogSummarySerializer

    setRoles(portal, TEST_USER_ID, ["Manager"])
    add(portal, "praxisbeispiele", "PracticeExample", "pe", title="Bürgerbus",
        topics=["daseinsvorsorge"], start=date(2024, 3, 1))  # fmt: skip
    add(portal, "kommunen", "Municipality", "hayingen", title="Hayingen",
        region="tuebingen", population=2224)  # fmt: skip
    request = portal.REQUEST
    if metadata_fields:
        request.form["metadata_fields"] = metadata_fields
    brains = api.content.find(portal_type=["PracticeExample", "Municipality"])
    assert len(brains) == 2
    for brain in brains:
        serializer = getMultiAdapter((brain, request), ISerializeToJsonSummary)
        assert isinstance(serializer, CatalogSummarySerializer)
        expected = DefaultJSONSummarySerializer(brain, request)()
        assert serializer() == expected
        assert expected["type_title"] in ("Praxisbeispiel", "Kommune")


CONVERTED_VALUES = [
    "DateTime('2026/12/02 14:05:07.654321 Europe/Berlin')",
    "DateTime('2026/07/01 00:00:00 GMT+2')",
    "DateTime('1969/12/31 23:59:59.5 UTC')",
    "DateTime('1000/01/01')",
    "DateTime('2499/12/31')",
    "DateTime(datetime(2026, 3, 29, 2, 30))",
    "datetime(2026, 12, 2, 14, 5, 7, 123456, tzinfo=timezone.utc)",
    "datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo('Europe/Berlin'))",
    "datetime(2026, 12, 2, 14, 5, 7, 123456)",
    "date(2024, 3, 1)",
    "Missing.Value",
    "None",
    "'Text'",
    "['a', 'b']",
]


@pytest.mark.parametrize("source", CONVERTED_VALUES)
def test_summary_values_convert_as_plone_restapi(source):
    """The summary's direct conversions give what plone.restapi's
    converters give, for dates, times, time zones and missing values."""
    from DateTime import DateTime
    from datetime import datetime
    from datetime import timezone
    from plone.restapi.serializer.converters import json_compatible
    from zoneinfo import ZoneInfo
    from zumo.content.serializers import converted

    import Missing

    namespace = {
        "DateTime": DateTime, "datetime": datetime, "timezone": timezone,
        "ZoneInfo": ZoneInfo, "date": date, "Missing": Missing,
    }  # fmt: skip
    value = eval(source, namespace)  # noqa: S307 - test values written above
    assert converted(value) == json_compatible(value)


def test_site_search_finds_what_plone_restapis_finds(portal):
    """``@search`` on the site root leaves out the site's own path and finds
    exactly what plone.restapi's handler finds; a path asked for still
    narrows the search."""
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.restapi.search.handler import SearchHandler
    from zumo.policy.services.search import SiteSearchHandler

    setRoles(portal, TEST_USER_ID, ["Manager"])
    add(portal, "praxisbeispiele", "PracticeExample", "pe", title="Dorfladen",
        topics=["daseinsvorsorge"])  # fmt: skip
    add(portal, "kommunen", "Municipality", "hayingen", title="Hayingen",
        region="tuebingen")  # fmt: skip
    site = "/".join(portal.getPhysicalPath())
    for query in (
        {},
        {"zumo_topics": "daseinsvorsorge"},
        {"portal_type": "Municipality"},
        {"path": site},
        {"path": f"{site}/praxisbeispiele"},
        {"path": {"query": site, "depth": 1}},
    ):
        ours = SiteSearchHandler(portal, portal.REQUEST).search(dict(query))
        theirs = SearchHandler(portal, portal.REQUEST).search(dict(query))
        assert ours == theirs
        assert ours["items_total"] > 0
    narrowed = SiteSearchHandler(portal, portal.REQUEST).search(
        {"path": f"{site}/praxisbeispiele"}
    )
    assert {item["title"] for item in narrowed["items"]} >= {"Dorfladen"}
    assert "Hayingen" not in {item["title"] for item in narrowed["items"]}


def test_site_search_is_the_search_service(portal, anon_request):
    """The site root answers ``@search`` with the network's service, which
    shows the public nothing unpublished."""
    from zope.component import getMultiAdapter
    from zumo.policy.services.search import SiteSearchGet

    service = getMultiAdapter(
        (portal, portal.REQUEST), name="GET_application_json_@search"
    )
    assert isinstance(service, SiteSearchGet)
    response = anon_request.get("/@search", params={"portal_type": "ExpertReview"})
    assert response.status_code == 200
    assert response.json()["items_total"] == 0
