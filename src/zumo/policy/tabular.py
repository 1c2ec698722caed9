"""The one writer of the network's tables: every CSV file it emits by
:func:`csv_text` (the open data ``export.csv``, a meeting's registrations
``@@anmeldungen.csv``, the forms' saved data, the bulk export ``make
export``) and the forms' spreadsheets by :func:`xlsx_bytes`.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula (OWASP: CSV injection).
Every cell of every file follows OWASP's rule: such a text gets a leading
``'`` and is shown as text (:func:`inert`), and every cell is quoted, so
that a separator inside a cell (a ``;`` in a comma-separated file, which a
German spreadsheet program splits at semicolons) never starts a cell of
its own. The bulk import reads the files back through :func:`csv_rows`,
which removes exactly the ``'`` the writer added (:func:`plain`), so a
round trip keeps every value (a telephone number keeps its ``+``).
"""

from io import BytesIO
from itertools import chain
from openpyxl import Workbook

import csv
import io


#: Cells starting with these are formulas to spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The mark that makes a cell plain text.
QUOTE = "'"


def _needs_quote(text):
    """Whether ``text`` gets a leading ``'``: it would run as a formula, or
    it is such a text with quotes before it already (so that :func:`plain`
    can tell the added quote from one that belongs to the value)."""
    return text.lstrip(QUOTE).startswith(FORMULA_START)


def inert(value):
    """``value``, with a text that a spreadsheet program would run as a
    formula made plain text (a leading ``'``); other values as they are."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def plain(text):
    """The value :func:`inert` made ``text`` from (the inverse of it)."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


def csv_text(header, rows, delimiter=","):
    """The CSV text of the ``header`` row (none if empty) and ``rows``
    (sequences of cells, ``None`` an empty cell): every cell quoted and
    made :func:`inert`, each line ending in CRLF."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    for row in chain([header] if header else [], rows):
        writer.writerow([inert(value) for value in row])
    return output.getvalue()


def csv_rows(source):
    """The records of the CSV file ``source`` (an open text file) as dicts
    by the header row, each cell as :func:`csv_text` was given it."""
    for record in csv.DictReader(source):
        yield {
            name: plain(value) if isinstance(value, str) else value
            for name, value in record.items()
        }


def xlsx_bytes(header, rows):
    """An Excel workbook (``.xlsx``) of the ``header`` row (none if empty)
    and ``rows``; a text that starts like a formula is stored as text, as
    it is, never as a formula."""
    workbook = Workbook()
    sheet = workbook.active
    for row in chain([header] if header else [], rows):
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
