"""Municipality master data: the shipped file and the import command."""

from plone import api
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.bulk.municipalities import MASTER_DATA
from zumo.policy.bulk.municipalities import parse_row

import csv
import pytest
import re


REGION_DIGITS = {"1": "stuttgart", "2": "karlsruhe", "3": "freiburg", "4": "tuebingen"}
GEMEINDE_KINDS = {"gemeinde", "stadt", "stadtkreis"}
# Names the demo looks municipalities up by (the profile zumo.policy:demo).
DEMO_NAMES = [
    "Tuningen",
    "Gomadingen",
    "Münsingen",
    "Hayingen",
    "Bad Dürrheim",
    "Blumberg",
    "Königsfeld im Schwarzwald",
    "Kornwestheim",
    "Welzheim",
    "Lorch",
    "Walldürn",
    "Külsheim",
    "Eberbach",
    "Tübingen",
    "Stuttgart",
    "Karlsruhe",
    "Ulm",
]


@pytest.fixture(scope="module")
def rows():
    """The rows of the shipped master data file."""
    with open(MASTER_DATA, encoding="utf-8") as source:
        return list(csv.DictReader(source))


def gemeinden(rows):
    """The rows that are Gemeinden (not parts of one)."""
    return [row for row in rows if row["kind"] in GEMEINDE_KINDS]


def test_master_data_file(rows):
    """The shipped file holds over 1,000 places in all four regions."""
    assert len(rows) >= 1000
    assert {row["region"] for row in rows} == set(REGION_DIGITS.values())
    assert all(47.4 < float(row["latitude"]) < 49.9 for row in rows)
    assert all(7.4 < float(row["longitude"]) < 10.6 for row in rows)
    assert {row["kind"] for row in rows} == GEMEINDE_KINDS | {"gemeindeteil"}
    assert all(row["source"] for row in rows)


def test_every_gemeinde_of_bw(rows):
    """Every Gemeinde of Baden-Württemberg (VG250: 1,101) is a row."""
    assert len(gemeinden(rows)) == 1101
    assert sum(row["kind"] == "stadtkreis" for row in rows) == 9


def test_every_row_has_a_district(rows):
    """Each row names its Landkreis or Stadtkreis: 44 Kreise in BW."""
    districts = {row["district"] for row in rows}
    assert "" not in districts
    assert len(districts) == 44
    assert all(
        re.fullmatch(r"(Landkreis|Stadtkreis) .+|\S+[kK]reis", district)
        for district in districts
    )
    stadtkreise = {row["district"] for row in rows if row["kind"] == "stadtkreis"}
    assert all(name.startswith("Stadtkreis ") for name in stadtkreise)


def test_ags_valid_unique_and_bw(rows):
    """Every Gemeinde has its own valid AGS (08...), a Gemeindeteil none."""
    keys = [row["ags"] for row in gemeinden(rows)]
    assert all(re.fullmatch(r"08\d{6}", ags) for ags in keys)
    assert len(set(keys)) == len(keys)
    assert all(row["ags"] == "" for row in rows if row["kind"] == "gemeindeteil")


def test_region_follows_the_ags(rows):
    """The AGS's third digit gives the Regierungsbezirk."""
    for row in gemeinden(rows):
        assert row["region"] == REGION_DIGITS[row["ags"][2]], row["name"]


def test_geonames_ids_unique(rows):
    """A GeoNames place is in at most one row."""
    ids = [row["geonameid"] for row in rows if row["geonameid"]]
    assert len(set(ids)) == len(ids)
    assert all(row["geonameid"] for row in rows if row["kind"] == "gemeindeteil")


def test_parts_name_their_gemeinde(rows):
    """A Gemeindeteil names a Gemeinde row of the same Kreis in ``part_of``."""
    known = {(row["name"], row["district"]) for row in gemeinden(rows)}
    parts = [row for row in rows if row["kind"] == "gemeindeteil"]
    assert parts
    for row in parts:
        assert (row["part_of"], row["district"]) in known, row["name"]
    assert all(row["part_of"] == "" for row in gemeinden(rows))


@pytest.mark.parametrize(
    ("name", "ags", "kind", "district", "region"),
    [
        ("Tübingen", "08416041", "stadt", "Landkreis Tübingen", "tuebingen"),
        ("Gomadingen", "08415027", "gemeinde", "Landkreis Reutlingen", "tuebingen"),
        ("Tuningen", "08326061", "gemeinde", "Schwarzwald-Baar-Kreis", "freiburg"),
        ("Stuttgart", "08111000", "stadtkreis", "Stadtkreis Stuttgart", "stuttgart"),
        ("Ulm", "08421000", "stadtkreis", "Stadtkreis Ulm", "tuebingen"),
        (
            "Freiburg im Breisgau",
            "08311000",
            "stadtkreis",
            "Stadtkreis Freiburg im Breisgau",
            "freiburg",
        ),
        ("Kornwestheim", "08118046", "stadt", "Landkreis Ludwigsburg", "stuttgart"),
    ],
)
def test_known_gemeinden(rows, name, ags, kind, district, region):
    """Facts taken from the VG250 data of the BKG."""
    (row,) = [row for row in rows if row["name"] == name]
    assert (row["ags"], row["kind"], row["district"], row["region"]) == (
        ags,
        kind,
        district,
        region,
    )


def test_known_gemeindeteil(rows):
    """Kochendorf is a GeoNames place in Bad Friedrichshall."""
    (row,) = [row for row in rows if row["name"] == "Kochendorf"]
    assert row["kind"] == "gemeindeteil"
    assert row["part_of"] == "Bad Friedrichshall"
    assert row["district"] == "Landkreis Heilbronn"
    assert row["geonameid"] == "2886916"


def test_gemeinde_keeps_its_geonames_place(rows):
    """A Gemeinde with a GeoNames place keeps its id (sites match by it)."""
    (row,) = [row for row in rows if row["name"] == "Tübingen"]
    assert row["geonameid"] == "2820860"
    assert row["population"] == "92322"
    assert "GeoNames" in row["source"] and "VG250" in row["source"]


def test_demo_names_are_gemeinden(rows):
    """The names the demo looks up are Gemeinde rows, listed first."""
    for name in DEMO_NAMES:
        named = [row for row in rows if row["name"] == name]
        assert named, name
        assert named[0]["kind"] in GEMEINDE_KINDS, name


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


def test_old_columns_import(portal, csv_file):
    """A file with only the older columns imports; the Land is BW."""
    with api.env.adopt_roles(["Manager"]):
        import_municipalities(portal["kommunen"], csv_file, progress=False)
    obj = portal["kommunen"]["gutdorf"]
    assert (obj.geonames_id, obj.population, obj.region) == (1, 1200, "tuebingen")
    assert (obj.latitude, obj.longitude) == (48.5, 9.0)
    assert obj.state == "08"


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


HEADER = "ags,name,kind,district,region,population,latitude,longitude,geonameid,part_of,source\n"  # noqa: E501
SOURCE = "Testdaten (Stand unbekannt)"


@pytest.fixture
def new_csv(tmp_path):
    """A file with the newer columns: three good rows, then bad ones."""
    path = tmp_path / "kommunen_neu.csv"
    path.write_text(
        HEADER
        + f"08416041,Tübingen,stadt,Landkreis Tübingen,tuebingen,92322,48.52,9.05,2820860,,{SOURCE}\n"  # noqa: E501
        + f"08125005,Bad Friedrichshall,stadt,Landkreis Heilbronn,stuttgart,,49.24,9.22,,,{SOURCE}\n"  # noqa: E501
        + f",Kochendorf,gemeindeteil,Landkreis Heilbronn,stuttgart,8841,49.22,9.20,2886916,Bad Friedrichshall,{SOURCE}\n"  # noqa: E501
        + "0841502,Kurzdorf,gemeinde,Landkreis Reutlingen,tuebingen,,48.4,9.4,11,,\n"
        + "17415027,Auslanddorf,gemeinde,Landkreis Reutlingen,tuebingen,,48.4,9.4,12,,\n"  # noqa: E501
        + "08415027,Gomadingen,gemeinde,,tuebingen,2196,48.4,9.39,2919147,,\n"
        + ",Teilort,gemeindeteil,Landkreis Reutlingen,tuebingen,,48.4,9.4,13,,\n"
        + "08415028,Falschbezirk,gemeinde,Landkreis Reutlingen,stuttgart,,48.4,9.4,,,\n"  # noqa: E501
        + "08415029,Weiler,weiler,Landkreis Reutlingen,tuebingen,,48.4,9.4,,,\n"
        + "08416041,Doppelt,stadt,Landkreis Tübingen,tuebingen,,48.5,9.0,14,,\n"
        + ",Ohneschlüssel,gemeinde,Landkreis Tübingen,tuebingen,,48.5,9.0,,,\n",
        encoding="utf-8",
    )
    return path


def test_new_columns_are_imported(portal, new_csv):
    """AGS, Kreis, kind, part_of, Land and source are set on the objects."""
    with api.env.adopt_roles(["Manager"]):
        report = import_municipalities(portal["kommunen"], new_csv, progress=False)
    assert report.created == 3
    kommunen = portal["kommunen"]
    tuebingen = kommunen["tuebingen"]
    assert tuebingen.ags == "08416041"
    assert tuebingen.district == "Landkreis Tübingen"
    assert tuebingen.kind == "stadt"
    assert tuebingen.state == "08"
    assert tuebingen.region == "tuebingen"
    assert tuebingen.part_of is None
    assert tuebingen.master_data_source == SOURCE
    assert (tuebingen.geonames_id, tuebingen.population) == (2820860, 92322)
    assert (tuebingen.latitude, tuebingen.longitude) == (48.52, 9.05)
    friedrichshall = kommunen["bad-friedrichshall"]
    assert friedrichshall.ags == "08125005"
    assert getattr(friedrichshall, "geonames_id", None) is None
    assert friedrichshall.population is None
    kochendorf = kommunen["kochendorf"]
    assert kochendorf.kind == "gemeindeteil"
    assert kochendorf.part_of == "Bad Friedrichshall"
    assert kochendorf.ags is None
    assert kochendorf.district == "Landkreis Heilbronn"


def test_bad_new_rows_are_reported(portal, new_csv):
    """Bad AGS, missing Kreis and the like are reported; the rest imports."""
    with api.env.adopt_roles(["Manager"]):
        report = import_municipalities(portal["kommunen"], new_csv, progress=False)
    assert report.errors == [
        (
            5,
            "AGS „0841502“ ist ungültig: 8 Ziffern, beginnend mit dem Schlüssel "
            "eines Landes (01 bis 16)",
        ),
        (
            6,
            "AGS „17415027“ ist ungültig: 8 Ziffern, beginnend mit dem Schlüssel "
            "eines Landes (01 bis 16)",
        ),
        (7, "Landkreis bzw. Stadtkreis fehlt"),
        (8, "Gemeindeteil ohne Gemeinde (Spalte part_of)"),
        (9, "Regierungsbezirk „stuttgart“ passt nicht zur AGS 08415028"),
        (10, "Unbekannte Art „weiler“"),
        (11, "AGS 08416041 steht schon in Zeile 2"),
        (12, "Weder GeoNames-ID noch AGS angegeben"),
    ]
    assert sorted(portal["kommunen"].objectIds()) == [
        "bad-friedrichshall",
        "kochendorf",
        "tuebingen",
    ]


def test_old_site_is_updated_by_geonames_id(portal, csv_file, tmp_path):
    """Places imported from the older file get AGS and Kreis, not duplicates."""
    path = tmp_path / "neu.csv"
    path.write_text(
        HEADER
        + f"08415099,Gutdorf am See,gemeinde,Landkreis Reutlingen,tuebingen,1250,48.5,9.0,1,,{SOURCE}\n",  # noqa: E501
        encoding="utf-8",
    )
    with api.env.adopt_roles(["Manager"]):
        import_municipalities(portal["kommunen"], csv_file, progress=False)
        report = import_municipalities(portal["kommunen"], path, progress=False)
        again = import_municipalities(portal["kommunen"], path, progress=False)
    assert (report.created, report.updated, report.errors) == (0, 1, [])
    assert (again.created, again.updated) == (0, 1)
    obj = portal["kommunen"]["gutdorf"]
    assert obj.Title() == "Gutdorf am See"
    assert (obj.ags, obj.district, obj.kind) == (
        "08415099",
        "Landkreis Reutlingen",
        "gemeinde",
    )
    assert obj.geonames_id == 1


def test_matched_by_ags(portal, tmp_path):
    """A municipality with an AGS but no GeoNames id is updated by its AGS."""
    path = tmp_path / "neu.csv"
    path.write_text(
        HEADER
        + f"08415027,Gomadingen,gemeinde,Landkreis Reutlingen,tuebingen,2196,48.4,9.39,2919147,,{SOURCE}\n",  # noqa: E501
        encoding="utf-8",
    )
    with api.env.adopt_roles(["Manager"]):
        kommunen = portal["kommunen"]
        api.content.create(
            container=kommunen,
            type="Municipality",
            id="gomadingen",
            title="Gomadingen",
            ags="08415027",
        )
        report = import_municipalities(kommunen, path, progress=False)
        again = import_municipalities(kommunen, path, progress=False)
    assert (report.created, report.updated) == (0, 1)
    assert (again.created, again.updated) == (0, 1)
    assert kommunen["gomadingen"].geonames_id == 2919147
    assert kommunen["gomadingen"].population == 2196


def test_ags_of_another_municipality_is_refused(portal, csv_file, tmp_path):
    """A row whose GeoNames id and AGS name two municipalities is refused."""
    path = tmp_path / "neu.csv"
    path.write_text(
        HEADER
        + "08415027,Gomadingen,gemeinde,Landkreis Reutlingen,tuebingen,,48.4,9.39,1,,\n",  # noqa: E501
        encoding="utf-8",
    )
    with api.env.adopt_roles(["Manager"]):
        kommunen = portal["kommunen"]
        import_municipalities(kommunen, csv_file, progress=False)
        api.content.create(
            container=kommunen, type="Municipality", title="Gomadingen", ags="08415027"
        )
        report = import_municipalities(kommunen, path, progress=False)
    assert report.errors == [(2, "AGS 08415027 gehört schon zur Kommune „Gomadingen“")]
    assert getattr(kommunen["gutdorf"], "ags", None) is None


def test_shipped_rows_pass_the_importer(rows):
    """Every row of the shipped file passes the importer's validation."""
    for row in rows:
        values = parse_row(row)
        assert values["state"] == "08"
        assert values["district"] and values["master_data_source"]
