"""Every table the site emits is written by ``zumo.policy.tabular``, whose
cells never run as formulas in a spreadsheet program (OWASP: CSV
injection), and whose bulk files read back to the values written."""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import IEasyFormActionContext
from collective.easyform.interfaces import IEasyFormLayer
from io import BytesIO
from openpyxl import load_workbook
from pathlib import Path
from plone import api
from zope.component import getSiteManager
from zope.interface import Interface
from zumo.policy import tabular
from zumo.policy.bulk.report import dump
from zumo.policy.bulk.report import read_rows
from zumo.policy.forms.downloads import saved_data_file
from zumo.policy.forms.downloads import SavedDataDownload

import csv
import io
import pytest
import re
import transaction


SRC = Path(__file__).parents[2] / "src" / "zumo"
#: Values a spreadsheet program would run, or that could hide a cell.
DANGEROUS = [
    '=HYPERLINK("http://evil.example";"klick")',
    "+49 7386 123",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "'=schon zitiert",
    "''+zweimal",
    "harmlos;=1+1",
    'Anführung " und, Komma',
    "'nur ein Apostroph",
    "",
]
#: The modules that emit tables, and what they emit. A new one fails
#: :func:`test_every_table_the_site_emits_is_written_by_tabular` until it
#: is listed here (and writes through ``tabular``).
EMITTERS = {
    "policy/browser/exports.py": "export.csv (open data)",
    "policy/browser/meeting_registrations.py": "@@anmeldungen.csv",
    "policy/browser/statistics.py": "@@statistik.csv (each table of /statistik)",
    "policy/forms/downloads.py": "a form's saved data (CSV, TSV, XLSX)",
    "policy/bulk/report.py": "the bulk export (make export)",
}
#: Code that makes a table itself: a CSV writer or a workbook.
WRITES = re.compile(
    r"csv\.(writer|DictWriter)\(|^(from|import) (openpyxl|xlsxwriter)|Workbook\(", re.M
)
#: Code that sends a table: its content type.
SERVES = re.compile(
    r"text/csv|tab-separated-values|comma-separated-values|spreadsheetml"
)
#: Code that writes through the one writer.
USES = re.compile(r"from zumo\.policy\.tabular import (csv_text|xlsx_bytes)")
#: A view or service that answers with a table file.
TABLE_VIEW = re.compile(
    r'<(?:browser:page|plone:service)[^>]*?name="[^"]*\.(?:csv|tsv|xlsx)"'
    r'[^>]*?class="([^"]+)"|'
    r'<(?:browser:page|plone:service)[^>]*?class="([^"]+)"'
    r'[^>]*?name="[^"]*\.(?:csv|tsv|xlsx)"',
    re.S,
)


def cells(text, delimiter=","):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_no_cell_starts_like_a_formula():
    """OWASP: a leading ``'``, every cell quoted, separators inside cells."""
    text = tabular.csv_text(["=Titel"], [[value] for value in DANGEROUS])
    rows = cells(text)
    assert rows[0] == ["'=Titel"]
    for (cell,) in rows[1:]:
        assert not cell.startswith(tabular.FORMULA_START), cell
    assert rows[1] == ["'" + DANGEROUS[0]]
    # Every cell quoted: a German spreadsheet program that splits at ";"
    # finds no cell starting with "=" either.
    for row in cells(text, ";"):
        for cell in row:
            assert not cell.startswith(tabular.FORMULA_START), row
    numbers = cells(tabular.csv_text([], [[-1.5, None, True]]))
    assert numbers == [["-1.5", "", "True"]]


@pytest.mark.parametrize("value", DANGEROUS)
def test_the_reader_undoes_exactly_what_the_writer_added(value):
    """``plain`` is the inverse of ``inert`` for every text."""
    assert tabular.plain(tabular.inert(value)) == value
    text = tabular.csv_text(["wert"], [[value]])
    (record,) = tabular.csv_rows(io.StringIO(text, newline=""))
    assert record == {"wert": value}


def test_the_bulk_export_reads_back_as_written(tmp_path):
    """Round trip of the bulk file: the guard goes out and comes back off."""
    columns = [("id", "text"), ("title", "text"), ("contact_phone", "text")]
    records = [
        {"id": f"x{number}", "title": value, "contact_phone": "+49 7386 123"}
        for number, value in enumerate(DANGEROUS)
    ]
    path = tmp_path / "beispiele.csv"
    dump(records, path, columns)
    raw = path.read_text(encoding="utf-8")
    assert '"\'+49 7386 123"' in raw  # a spreadsheet program sees text
    assert [row for _line, row in read_rows(path)] == records


def test_spreadsheets_hold_text_not_formulas():
    """An XLSX cell that starts with ``=`` is a text cell, kept as it is."""
    data = tabular.xlsx_bytes(["Titel"], [[value] for value in DANGEROUS[:4]])
    sheet = load_workbook(BytesIO(data)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == DANGEROUS[:4]
    assert all(cell.data_type == "s" for (cell,) in sheet.iter_rows(min_row=2))


def test_every_table_the_site_emits_is_written_by_tabular():
    """Enumerate what makes, sends or writes a table: only ``tabular`` makes
    one; every module that sends one or registers a ``*.csv``/``*.tsv``/
    ``*.xlsx`` view writes through it, and is listed in ``EMITTERS``."""
    modules = {
        path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8")
        for path in SRC.rglob("*.py")
    }
    writers = {name for name, text in modules.items() if WRITES.search(text)}
    assert writers == {"policy/tabular.py"}
    users = {name for name, text in modules.items() if USES.search(text)}
    assert users == set(EMITTERS), "a new table? list it in EMITTERS"
    senders = {name for name, text in modules.items() if SERVES.search(text)}
    assert senders <= users, senders - users
    views = set()
    for zcml in SRC.rglob("*.zcml"):
        for match in TABLE_VIEW.finditer(zcml.read_text(encoding="utf-8")):
            dotted = (match.group(1) or match.group(2)).lstrip(".")
            module = dotted.rsplit(".", 1)[0].replace(".", "/") + ".py"
            package = zcml.parent.relative_to(SRC).as_posix()
            views.add(f"{package}/{module}")
    assert views, "the table views were not found"
    assert views <= users, views - users


def _saved_row(action, value):
    """Save an application whose municipality is ``value``."""
    action.addDataRow(
        {
            "municipality": value,
            "state": "08",
            "population": 1200,
            "contact_name": value,
            "contact_role": "",
            "contact_email": "max@example.org",
            "motivation": value,
            "consent": True,
            "dt": "2025/05/06 10:00:00 GMT+2",
        }
    )


@pytest.mark.parametrize("kind", ["csv", "tsv", "xlsx"])
def test_saved_data_in_every_format_without_formulas(scenario, kind):
    """A form's saved data as CSV, TSV and XLSX: answers are plain text."""
    portal, _objects = scenario
    action = get_actions(portal["mitmachen"]["modellkommune-bewerben"])["speichern"]
    _saved_row(action, DANGEROUS[0])
    action.DownloadFormat = kind
    action.UseColumnNames = True
    body, content_type, extension = saved_data_file(action, ";")
    assert extension == kind
    if kind == "xlsx":
        sheet = load_workbook(BytesIO(body)).active
        row = [cell for cell in sheet.iter_rows(min_row=2)][-1]
        assert row[0].value == DANGEROUS[0] and row[0].data_type == "s"
        return
    delimiter = ";" if kind == "csv" else "\t"
    assert content_type.startswith("text/")
    rows = cells(body, delimiter)
    assert rows[0][0] == "Name der Kommune"
    assert rows[-1][0] == "'" + DANGEROUS[0]


def test_the_saved_data_page_is_ours(scenario):
    """easyform's download (its own csv writer) is not reachable: the page
    ``actions/<action>/@@data`` is the one of ``forms/downloads.py``."""
    found = getSiteManager().adapters.lookup(
        (IEasyFormActionContext, IEasyFormLayer), Interface, name="data"
    )
    assert issubclass(found, SavedDataDownload)


def test_form_download_over_http(served_scenario, persona_request):
    """The institute downloads a form's answers: a formula stays text, in
    the default format of the action and with a chosen separator; a
    separator we do not write shows the page again."""
    portal, _objects = served_scenario
    form = portal["mitmachen"]["modellkommune-bewerben"]
    action = get_actions(form)["speichern"]
    with api.env.adopt_roles(["Manager"]):
        _saved_row(action, DANGEROUS[0])
    transaction.commit()
    institute = persona_request("institut")
    url = f"{form.absolute_url()}/actions/speichern/@@data"
    response = institute.get(url, params={"form.buttons.download": "1"})
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"].startswith("text/csv")
    assert cells(response.text)[-1][0] == "'" + DANGEROUS[0]
    chosen = institute.get(
        url, params={"form.buttons.download": "1", "csv_delimiter": ";"}
    )
    assert cells(chosen.text, ";")[-1][0] == "'" + DANGEROUS[0]
    odd = institute.get(
        url, params={"form.buttons.download": "1", "csv_delimiter": '"'}
    )
    assert odd.status_code == 200
    assert odd.headers["Content-Type"].startswith("text/html")
