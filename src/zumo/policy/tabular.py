"""The CSV files the network writes, all by :func:`csv_text`: the open data
(``export.csv``), the registrations of a meeting (``@@anmeldungen.csv``)
and the bulk export (``make export``), each in its own dialect.

Cells that a spreadsheet program would run as formulas (issue 15) are
made plain text with a leading ``'``, unless the file is only read back
by the bulk import.
"""

import csv
import io


#: Cells starting with these are formulas to spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value``, with a text that a spreadsheet program would run as a
    formula made plain text (a leading ``'``); other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header, rows, delimiter=",", guard=True):
    """The CSV text of the ``header`` row and ``rows`` (sequences of cells,
    ``None`` an empty cell), each line ending in CRLF; with ``guard`` the
    cells of ``rows`` are made :func:`inert`."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([inert(value) for value in row] if guard else row)
    return output.getvalue()
