"""Bulk import and export (zumo.policy.bulk.practice_examples): bad rows reported and good
rows kept, re-runs idempotent, export and import round trip equal, batches
committed so a failure loses nothing already imported."""

from plone import api
from zumo.policy.bulk import commands
from zumo.policy.bulk import practice_examples as bulk
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.bulk.municipalities import MASTER_DATA
from zumo.policy.bulk.report import dump
from zumo.policy.bulk.report import FileError
from zumo.policy.bulk.report import read_rows

import csv
import json
import pytest
import transaction


HEADER = [column for column, _kind in bulk.PRACTICE_EXAMPLE_COLUMNS]


def _row(**values):
    row = dict.fromkeys(HEADER, "")
    row.update(values)
    return row


def _write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as target:
        writer = csv.DictWriter(target, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def site(portal, tmp_path):
    """The test site with three municipalities of the master data."""
    master = tmp_path / "master.csv"
    with open(MASTER_DATA, encoding="utf-8") as source:
        lines = source.readlines()[:4]
    master.write_text("".join(lines), encoding="utf-8")
    with api.env.adopt_roles(["Manager"]):
        import_municipalities(portal["kommunen"], master, progress=False)
        yield portal


GOOD = [
    _row(
        id="dorfladen-aach",
        title="Dorfladen Aach",
        description="Demo-Inhalt: ein genossenschaftlicher Dorfladen.",
        municipality="08335001",
        start="2021-03-01",
        project_status="laufend",
        topics="daseinsvorsorge",
        trends="demografie; digitalisierung",
        initial_situation="<p>Der letzte Laden schloss 2019.</p>",
        contact_name="Erika Muster",
        contact_email="erika@example.org",
        contact_consent="true",
        demo="true",
        review_state="published",
    ),
    _row(id="buergerbus", title="Bürgerbus", demo="true"),
]
BAD = [
    (_row(id="Kein Kurzname!", title="x"), "Spalte „id“: „Kein Kurzname!“ ist kein Kurzname"),
    (_row(id="ohne-titel", title=""), "Spalte „title“: Titel fehlt"),
    (_row(id="thema", title="x", topics="gibtesnicht"), "Spalte „topics“: unbekannter Wert „gibtesnicht“"),
    (_row(id="datum", title="x", start="01.03.2021"), "Spalte „start“: „01.03.2021“ ist kein Datum der Form JJJJ-MM-TT"),
    (_row(id="zeitraum", title="x", start="2022-01-01", end="2021-01-01"), "Das Ende liegt vor dem Beginn"),
    (_row(id="kommune", title="x", municipality="99999999"), "Spalte „municipality“: keine Kommune mit AGS oder Kurzname „99999999“"),
    (_row(id="mail", title="x", contact_email="erika at example"), "Spalte „contact_email“: „erika at example“ ist keine E-Mail-Adresse"),
    (_row(id="status", title="x", review_state="veroeffentlicht"), "Spalte „review_state“: unbekannter Status „veroeffentlicht“"),
    (_row(id="buergerbus", title="Doppelt"), "Kurzname „buergerbus“ steht schon in Zeile 3"),
    (_row(id="ja-nein", title="x", demo="vielleicht"), "Spalte „demo“: „vielleicht“ ist weder true noch false"),
    # Refused as the REST API refuses them (its deserializers check the values).
    (_row(id="jahr", title="x", end="1800-01-01"), "Spalte „end“: Bitte ein Datum zwischen 1900 und 2199 angeben."),
    (_row(id="steuerzeichen", title="x", goals="<p>a\x01b</p>"), "Spalte „goals“: Der Text enthält Steuerzeichen"),
    (_row(id="zeilenumbruch", title="Zwei\nZeilen"), "Spalte „title“: ungültiger Wert"),
]  # fmt: skip


def test_bad_rows_are_reported_good_rows_kept(site, tmp_path):
    path = _write_csv(tmp_path / "beispiele.csv", GOOD + [row for row, _ in BAD])
    report = commands.run_import(site, "practice-examples", path, progress=False)
    assert report.created == 2
    assert [number for number, _message in report.errors] == list(
        range(4, 4 + len(BAD))
    )
    for (number, message), (_bad, expected) in zip(report.errors, BAD, strict=True):
        assert message.startswith(expected), (number, message)
    container = site["praxisbeispiele"]
    assert {"dorfladen-aach", "buergerbus"} <= set(container.objectIds())
    for row, _message in BAD:
        if row["id"] != "buergerbus":
            assert row["id"] not in container.objectIds()
    assert container["buergerbus"].Title() == "Bürgerbus"
    example = container["dorfladen-aach"]
    assert api.content.get_state(example) == "published"
    assert example.municipality.to_object.ags == "08335001"
    # The relation catalog knows it (the municipality's page lists it).
    back = api.relation.get(target=example.municipality.to_object)
    assert [relation.from_object for relation in back] == [example]
    assert example.trends == ["demografie", "digitalisierung"]
    assert example.initial_situation.raw == "<p>Der letzte Laden schloss 2019.</p>"
    assert example.contact_consent is True
    assert "2 angelegt" in report.summary()
    assert f"{len(BAD)} Zeilen abgewiesen" in report.summary()
    # Found by the finder like any other example.
    assert api.content.find(
        portal_type="PracticeExample", zumo_topics="daseinsvorsorge"
    )


def test_a_rerun_changes_nothing_and_an_edit_updates(site, tmp_path):
    path = _write_csv(tmp_path / "beispiele.csv", GOOD)
    commands.run_import(site, "practice-examples", path, progress=False)
    again = commands.run_import(site, "practice-examples", path, progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(site["praxisbeispiele"].objectIds()) == 2
    changed = [dict(GOOD[0], title="Dorfladen Aach eG"), GOOD[1]]
    report = commands.run_import(
        site,
        "practice-examples",
        _write_csv(tmp_path / "neu.csv", changed),
        progress=False,
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    example = site["praxisbeispiele"]["dorfladen-aach"]
    assert example.Title() == "Dorfladen Aach eG"
    assert api.content.find(UID=example.UID())[0].Title == "Dorfladen Aach eG"


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_round_trip(site, tmp_path, suffix):
    """Export, import into an emptied section, export again: the same file."""
    commands.run_import(
        site, "practice-examples", _write_csv(tmp_path / "in.csv", GOOD), progress=False
    )
    first = tmp_path / f"first.{suffix}"
    assert commands.run_export(site, "practice-examples", first, progress=False) == 2
    container = site["praxisbeispiele"]
    api.content.delete(objects=list(container.objectValues()))
    report = commands.run_import(site, "practice-examples", first, progress=False)
    assert (report.created, report.errors) == (2, [])
    second = tmp_path / f"second.{suffix}"
    commands.run_export(site, "practice-examples", second, progress=False)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    if suffix == "json":
        records = json.loads(first.read_text(encoding="utf-8"))
        assert records[1]["trends"] == ["demografie", "digitalisierung"]
        assert records[1]["contact_consent"] is True


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_municipalities_round_trip(site, tmp_path, suffix):
    """The master data come out in the master file's columns and go back in
    unchanged."""
    first = tmp_path / f"kommunen.{suffix}"
    assert commands.run_export(site, "municipalities", first, progress=False) == 3
    report = commands.run_import(site, "municipalities", first, progress=False)
    assert (report.created, report.updated, report.errors) == (0, 3, [])
    second = tmp_path / f"wieder.{suffix}"
    commands.run_export(site, "municipalities", second, progress=False)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    if suffix == "csv":
        # the same cells (every cell quoted, as in every CSV file of the site)
        with open(MASTER_DATA, encoding="utf-8", newline="") as source:
            master = list(csv.reader(source))[:4]
        with open(first, encoding="utf-8", newline="") as source:
            assert list(csv.reader(source)) == master


def test_an_unreadable_file_is_refused_whole(site, tmp_path):
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"id": "x"', encoding="utf-8")
    with pytest.raises(FileError) as refused:
        commands.run_import(site, "practice-examples", broken, progress=False)
    assert "kann nicht gelesen werden" in str(refused.value)
    not_a_list = tmp_path / "objekt.json"
    not_a_list.write_text('{"id": "x"}', encoding="utf-8")
    with pytest.raises(FileError) as refused:
        commands.run_import(site, "practice-examples", not_a_list, progress=False)
    assert str(refused.value) == "Die JSON-Datei muss eine Liste von Objekten enthalten"


def test_batches_keep_what_was_imported_before_a_failure(
    functional_portal, tmp_path, monkeypatch
):
    """A crash in the middle loses only the rows since the last commit."""
    portal = functional_portal
    rows = [_row(id=f"beispiel-{n}", title=f"Beispiel {n}") for n in range(7)]
    path = _write_csv(tmp_path / "viele.csv", rows)
    real = bulk._import_row
    calls = []

    def crash_on_the_sixth(container, values, report):
        calls.append(values["id"])
        if len(calls) == 6:
            raise SystemExit("Stromausfall")
        return real(container, values, report)

    monkeypatch.setattr(bulk, "_import_row", crash_on_the_sixth)
    with api.env.adopt_roles(["Manager"]), pytest.raises(SystemExit):
        commands.run_import(portal, "practice-examples", path, progress=False, batch=2)
    transaction.abort()
    kept = sorted(portal["praxisbeispiele"].objectIds())
    # Committed after every second row: the fifth row is lost, four are kept.
    assert kept == [f"beispiel-{n}" for n in range(4)]


def test_a_row_failing_while_written_leaves_nothing_behind(site, tmp_path, monkeypatch):
    """An unexpected failure half-way through writing a row: that row is
    reported and gone, the rows before and after it are kept."""
    rows = [_row(id=f"zeile-{n}", title=f"Zeile {n}") for n in range(5)]
    path = _write_csv(tmp_path / "zeilen.csv", rows)
    real = bulk._import_row

    def half_written(container, values, report):
        if values["id"] == "zeile-2":
            api.content.create(container=container, type="PracticeExample",
                               id="zeile-2", title="halb")  # fmt: skip
            raise RuntimeError("Platte voll")
        return real(container, values, report)

    monkeypatch.setattr(bulk, "_import_row", half_written)
    report = commands.run_import(site, "practice-examples", path, progress=False)
    assert report.errors == [(4, "Unerwarteter Fehler: RuntimeError('Platte voll')")]
    assert report.created == 4
    assert sorted(site["praxisbeispiele"].objectIds()) == [
        "zeile-0", "zeile-1", "zeile-3", "zeile-4",
    ]  # fmt: skip
    assert len(api.content.find(portal_type="PracticeExample", id="zeile-2")) == 0


def test_the_csv_export_keeps_what_the_import_reads(tmp_path):
    """The bulk file is guarded like every CSV file (a spreadsheet program
    shows "+49 ..." as text), and the import reads the "+" back."""
    path = tmp_path / "beispiele.csv"
    dump(
        [{"id": "x", "contact_phone": "+49 7386 123"}],
        path,
        bulk.PRACTICE_EXAMPLE_COLUMNS,
    )
    with open(path, encoding="utf-8", newline="") as source:
        raw = next(csv.DictReader(source))
    assert raw["contact_phone"] == "'+49 7386 123"
    ((_line, row),) = read_rows(path)
    assert row["contact_phone"] == "+49 7386 123"
    assert row["title"] == ""
