"""Import municipality master data from a CSV file into ``/kommunen``.

The file has the columns of ``zumo/content/data/municipalities_bw.csv``:
``geonameid, name, population, latitude, longitude, region`` (an empty
population means unknown). Rows are
matched to existing municipalities by their GeoNames id, so importing twice
updates instead of duplicating. A bad row is reported with its line number
and a German message and skipped; the others are imported.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone import api
from tqdm import tqdm
from zope.container.interfaces import INameChooser
from zumo.content.vocabularies import terms

import csv


MASTER_DATA = Path(__file__).parents[1] / "content" / "data" / "municipalities_bw.csv"


@dataclass
class ImportReport:
    """What an import did: counts and the rejected rows."""

    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        """Return a German one-line summary."""
        return (
            f"{self.created} Kommunen angelegt, {self.updated} aktualisiert, "
            f"{len(self.errors)} Zeilen abgewiesen"
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


class RowError(ValueError):
    """A row that cannot be imported; the message is German."""


def parse_row(row):
    """Validate one CSV row; return the field values or raise ``RowError``."""
    name = (row.get("name") or "").strip()
    if not name:
        raise RowError("Name fehlt")
    try:
        geonameid = int(row.get("geonameid") or "")
    except ValueError:
        raise RowError("GeoNames-ID ist keine Zahl") from None
    population = (row.get("population") or "").strip() or None
    if population is not None:
        try:
            population = int(population)
        except ValueError:
            raise RowError(f"Einwohnerzahl „{population}“ ist keine Zahl") from None
        if population < 1:
            raise RowError("Einwohnerzahl muss positiv sein")
    try:
        latitude = float(row.get("latitude") or "")
        longitude = float(row.get("longitude") or "")
    except ValueError:
        raise RowError("Koordinaten sind keine Zahlen") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RowError("Koordinaten liegen außerhalb des gültigen Bereichs")
    region = (row.get("region") or "").strip()
    if region not in dict(terms("regions")):
        raise RowError(f"Unbekannter Regierungsbezirk „{region}“")
    return {
        "geonames_id": geonameid,
        "title": name,
        "population": population,
        "latitude": latitude,
        "longitude": longitude,
        "region": region,
    }


def import_municipalities(container, path=MASTER_DATA, progress=True, publish=True):
    """Create or update municipalities in ``container`` from the CSV at ``path``.

    Returns an :class:`ImportReport`. With ``publish`` new profiles are
    published (public master data). ``progress`` shows a progress bar.
    """
    report = ImportReport()
    existing = {
        getattr(obj, "geonames_id", None): obj
        for obj in container.objectValues()
        if obj.portal_type == "Municipality"
    }
    with open(path, newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    for line, row in enumerate(
        tqdm(rows, desc="Kommunen", unit=" Zeilen", disable=not progress), start=2
    ):
        try:
            values = parse_row(row)
        except RowError as error:
            report.errors.append((line, str(error)))
            continue
        obj = existing.get(values["geonames_id"])
        if obj is None:
            obj = add_content(container, "Municipality", **values)
            existing[values["geonames_id"]] = obj
            if publish:
                api.content.transition(obj=obj, to_state="published")
            report.created += 1
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.reindexObject()
            report.updated += 1
    return report
