"""Municipality master data: the shipped file and the import command."""

from plone import api
from zumo.policy.imports import import_municipalities
from zumo.policy.imports import MASTER_DATA

import csv
import pytest


def test_master_data_file():
    """The shipped file holds over 1,000 places in all four regions."""
    with open(MASTER_DATA, encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    assert len(rows) >= 1000
    assert {row["region"] for row in rows} == {
        "stuttgart",
        "karlsruhe",
        "freiburg",
        "tuebingen",
    }
    assert all(47.4 < float(row["latitude"]) < 49.9 for row in rows)
    assert all(7.4 < float(row["longitude"]) < 10.6 for row in rows)


@pytest.fixture
def csv_file(tmp_path):
    """A file with two good and four bad rows."""
    path = tmp_path / "kommunen.csv"
    path.write_text(
        "geonameid,name,population,latitude,longitude,region\n"
        "1,Gutdorf,1200,48.5,9.0,tuebingen\n"
        "2,,800,48.5,9.0,tuebingen\n"
        "3,Minusdorf,-4,48.5,9.0,tuebingen\n"
        "4,Wortdorf,viele,48.5,9.0,tuebingen\n"
        "5,Bayerndorf,900,48.5,9.0,oberbayern\n"
        "6,Unbekanntdorf,,48.6,9.1,stuttgart\n",
        encoding="utf-8",
    )
    return path


def test_bad_rows_are_reported_and_skipped(portal, csv_file):
    """Each bad row is reported with line and German reason; the rest imports."""
    with api.env.adopt_roles(["Manager"]):
        report = import_municipalities(portal["kommunen"], csv_file, progress=False)
    assert report.created == 2
    assert report.errors == [
        (3, "Name fehlt"),
        (4, "Einwohnerzahl muss positiv sein"),
        (5, "Einwohnerzahl „viele“ ist keine Zahl"),
        (6, "Unbekannter Regierungsbezirk „oberbayern“"),
    ]
    assert sorted(portal["kommunen"].objectIds()) == ["gutdorf", "unbekanntdorf"]
    assert portal["kommunen"]["unbekanntdorf"].population is None
    assert "4 Zeilen abgewiesen" in report.summary()


def test_import_twice_updates(portal, csv_file):
    """A second import updates the same objects instead of duplicating them."""
    with api.env.adopt_roles(["Manager"]):
        import_municipalities(portal["kommunen"], csv_file, progress=False)
        csv_file.write_text(
            csv_file.read_text().replace("Gutdorf,1200", "Gutdorf,1300"),
            encoding="utf-8",
        )
        report = import_municipalities(portal["kommunen"], csv_file, progress=False)
    assert (report.created, report.updated) == (0, 2)
    assert portal["kommunen"]["gutdorf"].population == 1300
    brain = api.content.find(portal_type="Municipality", getId="gutdorf")[0]
    assert brain.zumo_size_class == "unter_2000"


def test_imported_profiles_are_public(portal, csv_file):
    """Imported municipality profiles are published."""
    with api.env.adopt_roles(["Manager"]):
        import_municipalities(portal["kommunen"], csv_file, progress=False)
    assert api.content.get_state(portal["kommunen"]["gutdorf"]) == "published"
