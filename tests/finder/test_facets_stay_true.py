"""Facets that stay true: practice examples copy their municipality's
Regierungsbezirk, Landkreis and size class and their modules' KoQuMa tokens
into the catalog, so when those change, through the edit form, the REST
API or the master-data import, the finder's counts and results follow."""

from plone import api
from plone.app.testing import logout
from tests.finder.conftest import finder as finder_view
from tests.fixtures.http import edit
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content.municipality import IMunicipality
from zumo.content.practice_example import PracticeExample
from zumo.policy.bulk.municipalities import import_municipalities

import pytest
import transaction


def finder(portal, **form):
    """``(ids, {index: {value: count}})`` the finder shows a visitor for ``form``."""
    transaction.begin()  # see what the server committed
    logout()
    view = finder_view(portal, **form)
    ids = sorted(brain.getId for brain in view.results())
    counts = {
        facet["index"]: {o["value"]: o["count"] for o in facet["options"]}
        for facet in view.facets()
    }
    return ids, counts


#: A change of Hayingen (two published examples; Tuttlingen has two more)
#: per field: ``(edit-form input, REST field, value, index, token, count
#: of the token, examples the token filters)``.
MUNICIPALITY_CHANGES = {
    "region": ("form.widgets.region:list", "region", "freiburg",
               "zumo_region", "freiburg", 4,
               ["buergerbus", "dorfladen", "klimaplan", "treffpunkt"]),
    "district": ("form.widgets.district", "district", "Landkreis Biberach",
                 "zumo_district", "Landkreis Biberach", 2,
                 ["buergerbus", "dorfladen"]),
    "population": ("form.widgets.population", "population", 12000,
                   "zumo_size_class", "10000_20000", 2,
                   ["buergerbus", "dorfladen"]),
}  # fmt: skip


def _follows(portal, change):
    _input, _field, _value, index, token, count, found = change
    ids, counts = finder(portal)
    assert counts[index][token] == count, counts[index]
    assert sum(counts[index].values()) == 4, counts[index]
    assert finder(portal, **{index: token})[0] == found


def _manager_html(request_factory):
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    return session


@pytest.mark.parametrize("field", MUNICIPALITY_CHANGES)
def test_municipality_edited_in_the_form(served, request_factory, field):
    """A municipality's Regierungsbezirk, Landkreis and population, saved
    in its edit form, move its examples in the finder."""
    change = MUNICIPALITY_CHANGES[field]
    url = f"{served.absolute_url()}/kommunen/hayingen/edit"
    response = edit(_manager_html(request_factory), url, {change[0]: str(change[2])})
    assert response.status_code == 302, response.text[:2000]
    _follows(served, change)


@pytest.mark.parametrize("field", MUNICIPALITY_CHANGES)
def test_municipality_patched_over_rest(served, manager_request, field):
    """The same changes through REST ``PATCH``."""
    change = MUNICIPALITY_CHANGES[field]
    response = manager_request.patch("/kommunen/hayingen", json={change[1]: change[2]})
    assert response.status_code == 204, response.text
    _follows(served, change)


def test_municipality_changed_by_the_master_data_import(served, tmp_path):
    """A master-data import that corrects a municipality's AGS,
    Regierungsbezirk, Landkreis and population moves its examples too."""
    served["kommunen"]["hayingen"].geonames_id = 2905130
    transaction.commit()
    path = tmp_path / "kommunen.csv"
    path.write_text(
        "ags,name,kind,district,region,population,latitude,longitude,geonameid,"
        "part_of,source\n"
        "08315001,Hayingen,stadt,Landkreis Biberach,freiburg,12000,48.27,9.48,"
        "2905130,,Testdaten\n",
        encoding="utf-8",
    )
    with api.env.adopt_roles(["Manager"]):
        report = import_municipalities(served["kommunen"], path, progress=False)
    assert (report.updated, report.errors) == (1, [])
    transaction.commit()
    for change in MUNICIPALITY_CHANGES.values():
        _follows(served, change)


def test_module_token_edited_in_the_form(served, request_factory):
    """A module's KoQuMa token, saved in its edit form, moves the example
    that relates to it from one KoQuMa facet value to the other."""
    url = f"{served.absolute_url()}/qualifizierung/koquma-3/edit"
    response = edit(
        _manager_html(request_factory),
        url,
        {"form.widgets.koquma_module:list": "m1_bedarfslagen"},
    )
    assert response.status_code == 302, response.text[:2000]
    _module_follows(served)


def test_module_token_patched_over_rest(served, manager_request):
    """The same change through REST ``PATCH``."""
    response = manager_request.patch(
        "/qualifizierung/koquma-3", json={"koquma_module": "m1_bedarfslagen"}
    )
    assert response.status_code == 204, response.text
    _module_follows(served)


def _module_follows(portal):
    _ids, counts = finder(portal)
    assert counts["zumo_koquma_modules"] == {"m1_bedarfslagen": 1}
    assert finder(portal, zumo_koquma_modules="m1_bedarfslagen")[0] == ["dorfladen"]
    assert finder(portal, zumo_koquma_modules="m3_beteiligungsstrukturen")[0] == []


@pytest.fixture
def reindexed(monkeypatch):
    """The ``idxs`` of each practice example's reindex, by id."""
    found = {}
    original = PracticeExample.reindexObject

    def record(self, idxs=[], **kwargs):  # noqa: B006 - CMF's signature
        found[self.getId()] = sorted(idxs)
        return original(self, idxs=idxs, **kwargs)

    monkeypatch.setattr(PracticeExample, "reindexObject", record)
    return found


@pytest.mark.parametrize(
    "fields, indexes",
    [
        (["district"], ["zumo_district"]),
        (["population", "region"], ["zumo_region", "zumo_size_class"]),
        (["IGeolocation.latitude"], ["zumo_municipality_uid"]),
        (["text", "IBasic.description"], None),
    ],
)
def test_only_the_indexes_a_change_feeds(network, reindexed, fields, indexes):
    """A change reindexes only what it feeds: its own index, the metadata
    (name, location) through the unchanged UID index, nothing for a field
    the examples do not copy (the profile text)."""
    hayingen = network["kommunen"]["hayingen"]
    notify(ObjectModifiedEvent(hayingen, Attributes(IMunicipality, *fields)))
    expected = (
        {}
        if indexes is None
        else dict.fromkeys(["buergerbus", "dorfladen", "geheim"], indexes)
    )
    assert reindexed == expected


def test_municipality_deleted(served, manager_request):
    """A deleted municipality's examples no longer count under its
    Regierungsbezirk, Landkreis or size class, nor under its name."""
    before = finder(served)[1]
    assert finder(served, zumo_region="tuebingen")[0] == ["buergerbus", "dorfladen"]
    response = manager_request.delete("/kommunen/hayingen")
    assert response.status_code == 204, response.text
    ids, counts = finder(served)
    assert ids == ["buergerbus", "dorfladen", "klimaplan", "treffpunkt"]
    for index in ("zumo_region", "zumo_district", "zumo_size_class"):
        assert sum(counts.get(index, {}).values()) == 2, (index, counts.get(index))
        assert sum(before[index].values()) == 4
    assert finder(served, zumo_region="tuebingen")[0] == []


def test_module_deleted(served, manager_request):
    """A deleted module's KoQuMa token no longer counts for the example
    that related to it."""
    assert finder(served)[1]["zumo_koquma_modules"] == {"m3_beteiligungsstrukturen": 1}
    response = manager_request.delete("/qualifizierung/koquma-3")
    assert response.status_code == 204, response.text
    assert "zumo_koquma_modules" not in finder(served)[1]
    assert finder(served, zumo_koquma_modules="m3_beteiligungsstrukturen")[0] == []
