"""The demo's ZUMO pilots walk their path with dates that agree with seed 000.

"Projektdauer: seit 01.2024 bis heute" (line 77); "2024 soll, unter
Beteiligung und mit der Expertise von zwei ausgewählten Kommunen, ein
Umsetzungskonzept entwickelt werden" (line 105); "Zum Abschluss der
Pilotphase ist im ersten Quartal 2025 ein Auswertungsworkshop mit kommunal
Verantwortlichen vorgesehen." (line 31). The pilot phase lies behind the
demo's today, so each pilot has walked the whole path.
"""

from plone import api
from zumo.content import procedures

import datetime
import pytest


PILOTS = ["Tuningen", "Gomadingen"]


def municipality(title):
    """The demo's municipality called ``title``."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title=title
    )
    return brain._unrestrictedGetObject()


@pytest.mark.parametrize("title", PILOTS)
def test_the_pilots_walked_the_whole_path(demo_site, title):
    """Every step is done, in the order of the path, within the pilot phase."""
    path = procedures.path_state(municipality(title), "zumo")
    steps = {step["id"]: step for step in path["steps"]}
    assert {step["status"] for step in path["steps"]} == {"abgeschlossen"}
    days = [step["date"] for step in path["steps"]]
    assert days == sorted(days), days
    assert days[0] >= datetime.date(2024, 1, 1)
    for name in (
        "bewerbung",
        "situationsanalyse",
        "auswahl",
        "start_workshop",
        "fokusgruppen",
    ):
        assert steps[name]["date"].year == 2024, name
    evaluation = steps["auswertungsworkshop"]["date"]
    assert datetime.date(2025, 1, 1) <= evaluation <= datetime.date(2025, 3, 31)


@pytest.mark.parametrize("title", PILOTS)
def test_the_pilots_records_are_marked_demo(demo_site, title):
    """Every record of the path is marked as invented, and the partners'
    names say so too."""
    place = municipality(title)
    for step in procedures.path_state(place, "zumo")["steps"]:
        for record in step["records"]:
            assert record.demo, record.Title()
    assert "(Demo)" in place.mayor
    assert "(Demo)" in place.council_contact


def test_only_two_pilots(demo_site):
    """Seed 000 speaks of "der beiden Pilotkommunen" (line 29)."""
    catalog = api.portal.get_tool("portal_catalog")
    pilots = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(portal_type="Municipality")
    ]
    assert sorted(
        obj.Title() for obj in pilots if "zumo_pilot" in (obj.network_status or ())
    ) == sorted(PILOTS)
