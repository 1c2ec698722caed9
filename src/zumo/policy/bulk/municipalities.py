"""Import municipality master data from a CSV file into ``/kommunen``.

The file has the columns of ``zumo/content/data/municipalities_bw.csv``:
``ags, name, kind, district, region, population, latitude, longitude,
geonameid, part_of, source``. An empty population means unknown; a
Gemeindeteil (``kind`` ``gemeindeteil``) names its Gemeinde in ``part_of``
and has no AGS of its own. Files with only the older columns
``geonameid, name, population, latitude, longitude, region`` still import;
then AGS, kind, Kreis, ``part_of`` and source stay as they are.

Rows are matched to existing municipalities by their GeoNames id first,
then by their AGS, so importing twice updates instead of duplicating (sites
imported from the older file are matched by GeoNames id). Each row sets the
Land (``state``): the AGS's first two digits, else ``08`` (Baden-Württemberg).
A bad row is reported with its line number and a German message and skipped;
the others are imported. A ``.json`` file holds the same records as a list
of objects with these keys (see ``zumo.policy.bulk.practice_examples``, which also exports
them).
"""

from pathlib import Path
from plone import api
from tqdm import tqdm
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content.municipality import IMunicipality
from zumo.content.validators import BADEN_WUERTTEMBERG
from zumo.content.validators import GEMEINDE_AGS_PATTERN
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy.bulk.report import add_content
from zumo.policy.bulk.report import ImportReport
from zumo.policy.bulk.report import read_rows
from zumo.policy.bulk.report import RowError

import transaction


MASTER_DATA = Path(__file__).parents[2] / "content" / "data" / "municipalities_bw.csv"
# In Baden-Württemberg the AGS's third digit is the Regierungsbezirk.
REGION_DIGITS = {"1": "stuttgart", "2": "karlsruhe", "3": "freiburg", "4": "tuebingen"}
# Master data hold Gemeinden and their parts; Landkreise are added by hand.
KINDS = tuple(t for t, _title in terms("municipality_kinds") if t != "landkreis")
PART = "gemeindeteil"
#: The columns of a municipality: those of the master data file.
MUNICIPALITY_COLUMNS = (
    ("ags", "ags"),
    ("name", "title"),
    ("kind", "kind"),
    ("district", "district"),
    ("region", "region"),
    ("population", "population"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("geonameid", "geonames_id"),
    ("part_of", "part_of"),
    ("source", "master_data_source"),
)


def _text(row, column):
    """The stripped value of ``column`` (empty if missing)."""
    return (row.get(column) or "").strip()


def _parse_keys(row):
    """Validate GeoNames id and AGS; return ``(geonames_id, ags)``."""
    geonameid = _text(row, "geonameid")
    ags = _text(row, "ags")
    if ags and not GEMEINDE_AGS_PATTERN.match(ags):
        raise RowError(
            _(
                "error_import_ags",
                default="AGS „${ags}“ ist ungültig: 8 Ziffern, beginnend mit dem "
                "Schlüssel eines Landes (01 bis 16)",
                mapping={"ags": ags},
            )
        )
    if not geonameid and "ags" in row:
        if not ags:
            raise RowError(
                _(
                    "error_import_no_key",
                    default="Weder GeoNames-ID noch AGS angegeben",
                )
            )
        return None, ags
    try:
        return int(geonameid), ags
    except ValueError:
        raise RowError(
            _(
                "error_import_geonames",
                default="GeoNames-ID ist keine Zahl",
            )
        ) from None


def _parse_population(row):
    """Return the population (``None`` if unknown) or raise ``RowError``."""
    population = _text(row, "population") or None
    if population is not None:
        try:
            population = int(population)
        except ValueError:
            raise RowError(
                _(
                    "error_import_population",
                    default="Einwohnerzahl „${population}“ ist keine Zahl",
                    mapping={"population": population},
                )
            ) from None
        if population < 1:
            raise RowError(
                _(
                    "error_import_population_positive",
                    default="Einwohnerzahl muss positiv sein",
                )
            )
    return population


def _parse_coordinates(row):
    """Return ``(latitude, longitude)`` or raise ``RowError``."""
    try:
        latitude = float(row.get("latitude") or "")
        longitude = float(row.get("longitude") or "")
    except ValueError:
        raise RowError(
            _(
                "error_import_coordinates",
                default="Koordinaten sind keine Zahlen",
            )
        ) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RowError(
            _(
                "error_import_coordinates_range",
                default="Koordinaten liegen außerhalb des gültigen Bereichs",
            )
        )
    return latitude, longitude


def _parse_region(row, ags, state):
    """Return the Regierungsbezirk token (``None`` outside BW)."""
    region = _text(row, "region")
    if state != BADEN_WUERTTEMBERG:
        if region:
            raise RowError(
                _(
                    "error_import_region_outside_bw",
                    default="Regierungsbezirk „${region}“: Regierungsbezirke gibt es nur "
                    "in Baden-Württemberg",
                    mapping={"region": region},
                )
            )
        return None
    if region not in dict(terms("regions")):
        raise RowError(
            _(
                "error_import_region",
                default="Unbekannter Regierungsbezirk „${region}“",
                mapping={"region": region},
            )
        )
    if ags and REGION_DIGITS.get(ags[2]) != region:
        raise RowError(
            _(
                "error_import_region_ags",
                default="Regierungsbezirk „${region}“ passt nicht zur AGS ${ags}",
                mapping={"region": region, "ags": ags},
            )
        )
    return region


def _parse_kind(row, ags):
    """Return the kind token of a row with that column."""
    kind = _text(row, "kind")
    if not kind:
        raise RowError(
            _(
                "error_import_no_kind",
                default="Art fehlt",
            )
        )
    if kind not in KINDS:
        raise RowError(
            _(
                "error_import_kind",
                default="Unbekannte Art „${kind}“",
                mapping={"kind": kind},
            )
        )
    if kind == PART and ags:
        raise RowError(
            _(
                "error_import_part_ags",
                default="Ein Gemeindeteil hat keine eigene AGS",
            )
        )
    return kind


def _parse_structure(row, ags):
    """Validate kind, Kreis, ``part_of`` and source of a row with those columns."""
    values = {}
    if "kind" in row:
        values["kind"] = _parse_kind(row, ags)
    if "district" in row:
        values["district"] = _text(row, "district")
        if not values["district"]:
            raise RowError(
                _(
                    "error_import_no_district",
                    default="Landkreis bzw. Stadtkreis fehlt",
                )
            )
    if "part_of" in row:
        part_of = _text(row, "part_of")
        if values.get("kind") == PART and not part_of:
            raise RowError(
                _(
                    "error_import_part_without_gemeinde",
                    default="Gemeindeteil ohne Gemeinde (Spalte part_of)",
                )
            )
        if part_of and values.get("kind") != PART:
            raise RowError(
                _(
                    "error_import_part_of",
                    default="Nur ein Gemeindeteil gehört zu einer Gemeinde (part_of "
                    "„${part_of}“)",
                    mapping={"part_of": part_of},
                )
            )
        values["part_of"] = part_of or None
    if "source" in row:
        values["master_data_source"] = _text(row, "source") or None
    return values


def parse_row(row):
    """Validate one CSV row; return the field values or raise ``RowError``.

    The values of the newer columns (``ags``, ``kind``, ``district``,
    ``part_of``, ``source``) are only returned when the file has them.
    """
    name = _text(row, "name")
    if not name:
        raise RowError(
            _(
                "error_import_no_name",
                default="Name fehlt",
            )
        )
    geonames_id, ags = _parse_keys(row)
    population = _parse_population(row)
    latitude, longitude = _parse_coordinates(row)
    state = ags[:2] if ags else BADEN_WUERTTEMBERG
    region = _parse_region(row, ags, state)
    values = {
        "geonames_id": geonames_id,
        "title": name,
        "population": population,
        "latitude": latitude,
        "longitude": longitude,
        "region": region,
        "state": state,
    }
    if "ags" in row:
        values["ags"] = ags or None
    values.update(_parse_structure(row, ags))
    return values


class _Index:
    """The municipalities of the container by GeoNames id and by AGS."""

    def __init__(self, container):
        self.by_geonames = {}
        self.by_ags = {}
        for obj in container.objectValues():
            if obj.portal_type == "Municipality":
                self.add(obj)

    def add(self, obj):
        """Index ``obj`` under its current keys."""
        if getattr(obj, "geonames_id", None) is not None:
            self.by_geonames[obj.geonames_id] = obj
        if getattr(obj, "ags", None):
            self.by_ags[obj.ags] = obj

    def find(self, values):
        """Return the municipality of the row's values, or ``None``.

        Raises ``RowError`` if the row's AGS belongs to another municipality
        than the one its GeoNames id names.
        """
        obj = self.by_geonames.get(values["geonames_id"])
        ags = values.get("ags")
        holder = self.by_ags.get(ags) if ags else None
        if obj is None:
            return holder
        if holder is not None and holder is not obj:
            raise RowError(
                _(
                    "error_import_ags_taken",
                    default="AGS ${ags} gehört schon zur Kommune „${municipality}“",
                    mapping={"ags": ags, "municipality": holder.Title()},
                )
            )
        return obj

    def remove(self, obj):
        """Forget ``obj`` (before its keys change)."""
        for index, key in (
            (self.by_geonames, getattr(obj, "geonames_id", None)),
            (self.by_ags, getattr(obj, "ags", None)),
        ):
            if key is not None and index.get(key) is obj:
                del index[key]


UNIQUE_KEYS = (("GeoNames-ID", "geonames_id"), ("AGS", "ags"))


def _check_unique(values, seen):
    """Refuse a GeoNames id or AGS that an earlier row of the file had."""
    for label, key in UNIQUE_KEYS:
        value = values.get(key)
        if value is not None and (key, value) in seen:
            raise RowError(
                _(
                    "error_import_duplicate",
                    default="${key} ${value} steht schon in Zeile ${line}",
                    mapping={"key": label, "value": value, "line": seen[key, value]},
                )
            )


def _update(obj, values):
    """Set the ``values`` that differ on the municipality ``obj``."""
    changed = sorted(
        name for name, value in values.items() if getattr(obj, name, None) != value
    )
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        # Reindexes it and the entries that copy its values (region,
        # Landkreis, size class, name, location).
        notify(ObjectModifiedEvent(obj, Attributes(IMunicipality, *changed)))


def import_municipalities(
    container, path=MASTER_DATA, progress=True, publish=True, batch=None
):
    """Create or update municipalities in ``container`` from the CSV or
    JSON file at ``path``.

    Returns an :class:`ImportReport`. With ``publish`` new profiles are
    published (public master data). ``progress`` shows a progress bar.
    ``batch`` commits after every so many rows, so that a failure loses
    nothing already imported (the command line does; tests do not).
    """
    report = ImportReport()
    index = _Index(container)
    seen = {}
    rows = read_rows(path, text=True)
    for done, (line, row) in enumerate(
        tqdm(rows, desc="Kommunen", unit=" Zeilen", disable=not progress), start=1
    ):
        if batch and done > 1 and (done - 1) % batch == 0:
            transaction.commit()  # the rows before this one
        try:
            values = parse_row(row)
            _check_unique(values, seen)
            obj = index.find(values)
        except RowError as error:
            report.errors.append((line, str(error)))
            continue
        for _label, key in UNIQUE_KEYS:
            if values.get(key) is not None:
                seen[key, values[key]] = line
        if values["geonames_id"] is None:
            # A Gemeinde without a GeoNames place keeps an id set elsewhere.
            del values["geonames_id"]
        if obj is None:
            obj = add_content(container, "Municipality", **values)
            if publish:
                api.content.transition(obj=obj, to_state="published")
            report.created += 1
        else:
            index.remove(obj)
            _update(obj, values)
            report.updated += 1
        index.add(obj)
    return report


def _municipality_value(obj, attribute, for_json):
    value = getattr(obj, attribute, None)
    if attribute in ("latitude", "longitude") and value is not None:
        value = round(value, 5) if for_json else f"{value:.5f}"
    if for_json:
        return value
    return "" if value is None else str(value)


def export_municipalities(container, for_json=False, progress=True):
    """The master data of the municipalities of ``container`` (Gemeinden
    and their parts; Landkreise are added by hand and not part of the
    master data) as records in the columns of the master data file, sorted
    by name and AGS."""
    objects = [
        obj
        for obj in container.objectValues()
        if obj.portal_type == "Municipality" and obj.kind != "landkreis"
    ]
    records = []
    for obj in tqdm(
        sorted(objects, key=lambda obj: (obj.Title(), obj.ags or "", obj.getId())),
        desc="Kommunen",
        unit=" Einträge",
        disable=not progress,
    ):
        records.append(
            {
                column: _municipality_value(obj, attribute, for_json)
                for column, attribute in MUNICIPALITY_COLUMNS
            }
        )
    return records
