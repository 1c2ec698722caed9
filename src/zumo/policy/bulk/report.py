"""What the bulk imports of municipalities and practice examples share:
the report of an import, the error of a bad row or file, reading a CSV or
JSON file into rows, and adding content with a chosen id."""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone import api
from zope.container.interfaces import INameChooser
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.errors import UserError
from zumo.policy.tabular import csv_rows
from zumo.policy.tabular import csv_text

import csv
import json


@dataclass
class ImportReport:
    """What an import did: counts and the rejected rows (``(line, message)``).

    ``unchanged`` counts rows equal to what the site holds already, which
    the bulk import of practice examples leaves untouched.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        """Return a German one-line summary."""
        return translated(
            _(
                "msg_import_summary",
                default="${created} angelegt, ${updated} aktualisiert, "
                "${unchanged} unverändert, ${rejected} Zeilen abgewiesen",
                mapping={
                    "created": self.created,
                    "updated": self.updated,
                    "unchanged": self.unchanged,
                    "rejected": len(self.errors),
                },
            ),
        )


def add_content(container, portal_type, title, **values):
    """Create ``portal_type`` in ``container`` with an id made from ``title``.

    Choosing the id up front (unique, normalized like Plone's own) spares the
    rename that ``api.content.create`` otherwise does after creation.
    """
    name = INameChooser(container).chooseName(title, container)
    return api.content.create(
        container=container, type=portal_type, id=name, title=title, **values
    )


class RowError(UserError):
    """A row that cannot be imported."""


class FileError(UserError):
    """A file that cannot be read as a whole."""


def _as_text(value):
    """A JSON value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_as_text(item) for item in value)
    return str(value)


def read_rows(path, text=False):
    """The records of the CSV or JSON file at ``path`` as ``(number, row)``
    pairs: the line number in a CSV file (the header is line 1), the
    position (from 1) in a JSON list. ``text`` turns JSON values into the
    text a CSV cell would hold. Raises ``FileError`` if the file cannot be
    read at all."""
    path = Path(path)
    try:
        if path.suffix.lower() != ".json":
            with open(path, newline="", encoding="utf-8") as source:
                return list(enumerate(csv_rows(source), start=2))
        with open(path, encoding="utf-8") as source:
            records = json.load(source)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as error:
        raise FileError(
            _(
                "error_import_file",
                default="Die Datei ${path} kann nicht gelesen werden: ${reason}",
                mapping={"path": str(path), "reason": str(error)},
            )
        ) from None
    if not isinstance(records, list) or not all(
        isinstance(record, dict) for record in records
    ):
        raise FileError(
            _(
                "error_import_json_list",
                default="Die JSON-Datei muss eine Liste von Objekten enthalten",
            )
        )
    if text:
        records = [
            {key: _as_text(value) for key, value in record.items()}
            for record in records
        ]
    return list(enumerate(records, start=1))


def dump(records, path, columns):
    """Write ``records`` to ``path``: JSON for a ``.json`` name, else CSV
    with ``columns`` as header."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    else:
        names = [name for name, _kind in columns]
        rows = ([record.get(name, "") for name in names] for record in records)
        # The import removes the formula guard again (tabular.csv_rows).
        text = csv_text(names, rows)
    path.write_text(text, encoding="utf-8")
