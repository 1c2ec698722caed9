"""Bulk import and export of practice examples, and the files they share
with municipalities (:mod:`zumo.policy.bulk.municipalities`).

``make import FILE=...`` and ``make export FILE=...`` (``scripts/bulk.py``,
:mod:`zumo.policy.bulk.commands`) run these on the site. Both formats hold the same records:

* CSV: one row per record, the columns below; lists of vocabulary tokens
  separated by ``;``, yes/no as ``true``/``false``, dates as ``JJJJ-MM-TT``;
* JSON: a list of objects with the same keys; lists, booleans and ``null``
  as JSON has them.

Practice examples are keyed by their short name (``id``) in
``/praxisbeispiele``, municipalities by their GeoNames id or AGS (the
columns of the master data, ``zumo.policy.bulk.municipalities``): importing a file
twice updates instead of duplicating, and a row whose values are already
there changes nothing. Export writes what import reads, so an export
imported into another site exports the same file again. Attachments,
images and relations other than the municipality are not part of the
files; an update leaves them as they are.

Each value is checked as the REST API checks it: the cell becomes what a
REST client would send, which plone.restapi's deserializer of the field
behind the column checks and converts against the schema (with the
project's deserializers and validators, ``zumo.content``); the row is
checked against the schema's invariants. Only the short name, the
municipality and the workflow state, which are no field of their own or
not in the schema's terms, have parsers here.

Each bad row is reported with its line (CSV) or position (JSON) and a
German message, and changes nothing; the other rows are imported. The
command commits every ``batch`` rows, so a failure loses nothing already
imported. Nobody is notified of imported content.
"""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.browserlayer.layer import mark_layer
from plone.dexterity.utils import iterSchemataForType
from plone.restapi.interfaces import IFieldDeserializer
from Products.CMFPlone.utils import safe_text
from tqdm import tqdm
from zope.component import getMultiAdapter
from zope.event import notify
from zope.i18nmessageid import Message
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFields
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import ValidationError
from zope.traversing.interfaces import BeforeTraverseEvent
from zumo.content.i18n import translated
from zumo.content.practice_example import SECTIONS
from zumo.content.relations import relation_to
from zumo.content.validators import END_BEFORE_START
from zumo.policy import _
from zumo.policy.bulk.report import ImportReport
from zumo.policy.bulk.report import read_rows
from zumo.policy.bulk.report import RowError
from zumo.policy.mail import silenced

import re
import transaction


#: The columns of a practice example, in file order: ``(column, kind)``.
#: The column is the field name; the kind says how a cell becomes the
#: value a REST client would send (``_json``) and how a value is written
#: (``_format``). The schema field of the column checks and converts that
#: value, except for the columns of ``OWN_KINDS``.
PRACTICE_EXAMPLE_COLUMNS = (
    ("id", "id"),
    ("title", "title"),
    ("description", "text"),
    ("municipality", "municipality"),
    ("start", "date"),
    ("end", "date"),
    ("project_status", "token"),
    ("topics", "tokens"),
    ("trends", "tokens"),
    ("target_groups", "tokens"),
    ("fields_of_action", "tokens"),
    ("participation_formats", "tokens"),
    ("programmes", "tokens"),
    *((section, "html") for section in SECTIONS),
    ("contact_name", "text"),
    ("contact_role", "text"),
    ("contact_email", "email"),
    ("contact_phone", "phone"),
    ("contact_consent", "bool"),
    ("demo", "bool"),
    ("review_state", "state"),
)
#: Columns that are no schema field of their own, or not in the file's
#: terms: the short name, the municipality by AGS or short name, the
#: workflow state.
OWN_KINDS = ("id", "municipality", "state")
SHORT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
TRUE = {"true", "ja", "1", "yes", "wahr"}
FALSE = {"false", "nein", "0", "no", "falsch", ""}
#: What the report says when the field of a column of this kind refuses a
#: value (``${value}``: the cell, or the refused token of a list).
REFUSED = {
    "date": _(
        "error_bulk_date",
        default="„${value}“ ist kein Datum der Form JJJJ-MM-TT",
    ),
    "token": _("error_bulk_token", default="unbekannter Wert „${value}“"),
    "bool": _("error_bulk_bool", default="„${value}“ ist weder true noch false"),
    "email": _("error_bulk_email", default="„${value}“ ist keine E-Mail-Adresse"),
    "phone": _("error_bulk_phone", default="„${value}“ ist keine Telefonnummer"),
}
#: What the report says when the required column (the title) is empty.
TITLE_MISSING = _("error_bulk_title", default="Titel fehlt")
INVALID = _("error_bulk_value", default="ungültiger Wert")


def _column_error(column, message):
    return RowError(
        _(
            "error_bulk_column",
            default="Spalte „${column}“: ${message}",
            mapping={
                "column": column,
                "message": translated(message),
            },
        )
    )


def _refused(column, kind, value):
    return _column_error(column, Message(REFUSED[kind], mapping={"value": value}))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    if not isinstance(value, str):
        raise ValueError
    return value.strip()


def _parse_id(column, value):
    value = _text(value)
    if not SHORT_NAME.match(value):
        raise _column_error(
            column,
            _(
                "error_bulk_id",
                default="„${value}“ ist kein Kurzname (Kleinbuchstaben, Ziffern, "
                "Bindestrich; höchstens 100 Zeichen)",
                mapping={"value": value},
            ),
        )
    return value


class MunicipalityLookup:
    """The municipalities by AGS and short name, read once per import."""

    def __init__(self):
        self._found = None

    def get(self, key):
        """The municipality with AGS or short name ``key``, or ``None``."""
        if self._found is None:
            self._found = {}
            for brain in api.content.find(portal_type="Municipality"):
                obj = brain.getObject()
                self._found[obj.getId()] = obj
                if obj.ags:
                    self._found[obj.ags] = obj
        return self._found.get(key)


def _parse_municipality(column, value, lookup):
    value = _text(value)
    if not value:
        return None
    found = lookup.get(value)
    if found is None:
        raise _column_error(
            column,
            _(
                "error_bulk_municipality",
                default="keine Kommune mit AGS oder Kurzname „${value}“",
                mapping={"value": value},
            ),
        )
    return found


def _parse_state(column, value):
    value = _text(value) or "private"
    workflow = api.portal.get_tool("portal_workflow")
    chain = workflow.getChainForPortalType("PracticeExample")
    states = workflow[chain[0]].states.objectIds() if chain else ()
    if value not in states:
        raise _column_error(
            column,
            _(
                "error_bulk_state",
                default="unbekannter Status „${value}“ (möglich: ${states})",
                mapping={"value": value, "states": ", ".join(sorted(states))},
            ),
        )
    return value


_PARSERS = {"id": _parse_id, "state": _parse_state}


def _json(column, kind, value):
    """The cell ``value`` of ``column`` as a REST client would send it:
    ``None`` for an empty cell, a list of tokens (``a; b`` in CSV), a
    boolean (``ja``/``nein``, ``true``/``false`` ...), a date as
    ``JJJJ-MM-TT`` (any ISO form ``date.fromisoformat`` reads), else the
    stripped text."""
    if kind == "tokens":
        items = value if isinstance(value, list) else _text(value).split(";")
        return [token for token in map(_text, items) if token]
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text not in TRUE | FALSE:
            raise _refused(column, kind, text)
        return text in TRUE
    text = _text(value)
    if kind == "date" and text:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise _refused(column, kind, text) from None
    return text or None


def field_deserializers(container):
    """plone.restapi's deserializers (``IFieldDeserializer``) of the schema
    fields behind the columns of a practice example, for the examples in
    ``container``: they check and convert a value as the REST API does.

    Made once per import, on the container (a new example does not exist
    yet; the fields' vocabularies do not depend on the example). The
    request gets the site's browser layers, as on every request to the
    site, for the project's own deserializers; a command-line request
    (``makerequest``) lacks them.
    """
    request = container.REQUEST
    site = api.portal.get()
    mark_layer(site, BeforeTraverseEvent(site, request))
    fields = {
        name: field
        for schema in iterSchemataForType("PracticeExample")
        for name, field in getFields(schema).items()
    }
    return {
        column: getMultiAdapter(
            (fields[column], container, request), IFieldDeserializer
        )
        for column, kind in PRACTICE_EXAMPLE_COLUMNS
        if kind not in OWN_KINDS
    }


def _deserialized(column, kind, value, deserializer):
    """``value`` as the field of ``column`` stores it, or a ``RowError``
    with the report's message for the column."""
    if value is None:
        # As REST takes ``null``: refused only where a value is required.
        if deserializer.field.required:
            raise _column_error(column, TITLE_MISSING)
        return None
    try:
        result = deserializer(value)
    except ValidationError as error:
        if kind in ("token", "tokens") and isinstance(error, ConstraintNotSatisfied):
            raise _refused(column, "token", error.value) from None
        if kind in REFUSED:
            raise _refused(column, kind, value) from None
        raise _column_error(column, INVALID) from None
    except ValueError as error:
        # The project's deserializers say in German what they refuse.
        raise _column_error(column, str(error)) from None
    # plone.restapi's rich-text deserializer unescapes HTML entities (REST
    # clients send them escaped); a file holds the page's HTML as it is.
    return value if kind == "html" else result


class _RowData:
    """The values of a row as the schema's invariants read them."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None


def _check_invariants(values):
    """Raise ``RowError`` if ``values`` break an invariant of the schemas."""
    data = _RowData(values)
    for schema in iterSchemataForType("PracticeExample"):
        try:
            schema.validateInvariants(data)
        except Invalid as error:
            if error.args[0] == END_BEFORE_START:
                raise RowError(
                    _("error_bulk_period", default="Das Ende liegt vor dem Beginn")
                ) from None
            raise RowError(error.args[0]) from None


def parse_practice_example(row, deserializers, lookup=None):
    """Validate one record; return ``{field: value}`` or raise ``RowError``.

    Every column is checked before anything is written: converted to what
    a REST client would send and checked by its field's deserializer (from
    ``field_deserializers``). ``lookup`` finds the municipalities (a
    ``MunicipalityLookup``; a new one if not given).
    """
    lookup = lookup or MunicipalityLookup()
    missing = [column for column in ("id", "title") if column not in row]
    if missing:
        raise RowError(
            _(
                "error_bulk_missing_columns",
                default="Spalten fehlen: ${columns}",
                mapping={"columns": ", ".join(missing)},
            )
        )
    values = {}
    for column, kind in PRACTICE_EXAMPLE_COLUMNS:
        if column not in row and column != "review_state":
            continue
        try:
            if kind == "municipality":
                values[column] = _parse_municipality(column, row.get(column), lookup)
            elif kind in OWN_KINDS:
                values[column] = _PARSERS[kind](column, row.get(column))
            else:
                value = _json(column, kind, row.get(column))
                values[column] = _deserialized(
                    column, kind, value, deserializers[column]
                )
        except ValueError as error:
            if isinstance(error, RowError):
                raise
            raise _column_error(column, INVALID) from None
    _check_invariants(values)
    return values


def _current(obj, column, kind):
    """The value of ``column`` on ``obj`` as its parser would return it."""
    if kind == "state":
        return api.content.get_state(obj)
    value = getattr(obj, column, None)
    if kind == "html":
        return value.raw if value else None
    if kind == "municipality":
        return value.to_object if value else None
    if kind == "tokens":
        return list(value or [])
    if kind == "bool":
        return bool(value)
    return value


def _stored(kind, value):
    """``value`` as the field stores it."""
    if kind == "html":
        return RichTextValue(value, "text/html", "text/x-html-safe") if value else None
    if kind == "municipality":
        return relation_to(value) if value is not None else None
    return value


def _changes(obj, values):
    """The fields of ``values`` that differ from ``obj``'s, as stored."""
    kinds = dict(PRACTICE_EXAMPLE_COLUMNS)
    return {
        column: _stored(kinds[column], value)
        for column, value in values.items()
        if kinds[column] not in ("id", "state")
        and (obj is None or _current(obj, column, kinds[column]) != value)
    }


def _set_state(obj, state):
    """Bring ``obj`` to the workflow state ``state``; True if it moved."""
    if state and api.content.get_state(obj) != state:
        api.content.transition(obj=obj, to_state=state)
        return True
    return False


def _import_row(container, values, report):
    """Create or update the practice example of ``values``."""
    key = values["id"]
    obj = container.get(key)
    if obj is not None:
        if obj.portal_type != "PracticeExample":
            raise RowError(
                _(
                    "error_bulk_id_taken",
                    default="„${id}“ ist in ${section} schon vergeben",
                    mapping={"id": key, "section": container.Title()},
                )
            )
        changes = _changes(obj, values)
        for name, value in changes.items():
            setattr(obj, name, value)
        if changes:
            # Reindexes, updates the relation catalog, stores a version.
            notify(ObjectModifiedEvent(obj))
        moved = _set_state(obj, values.get("review_state"))
        if changes or moved:
            report.updated += 1
        else:
            report.unchanged += 1
        return
    # Created with all its values, so that the events of its creation
    # (catalog, relations) see them.
    obj = api.content.create(
        container=container,
        type="PracticeExample",
        id=key,
        **_changes(None, values),
    )
    _set_state(obj, values.get("review_state"))
    report.created += 1


def _unexpected(error):
    return translated(
        _(
            "error_bulk_unexpected",
            default="Unerwarteter Fehler: ${error}",
            mapping={"error": safe_text(repr(error))[:200]},
        ),
    )


def import_practice_examples(container, path, progress=True, batch=None):
    """Create or update practice examples in ``container`` from the CSV or
    JSON file at ``path``; return a :class:`~zumo.policy.bulk.report.ImportReport`.

    ``batch`` commits after every so many rows (the command line does).
    A row is checked whole before anything is written; if writing it fails
    all the same, the batch is rolled back to its start and its other rows
    are written again, so the failed row leaves nothing behind. (A
    savepoint per row would do the same, at three times the cost: each
    would store the catalog's changed buckets again.)
    """
    report = ImportReport()
    seen = {}
    rows = read_rows(path)
    lookup = MunicipalityLookup()
    deserializers = field_deserializers(container)
    pending = []
    start = transaction.savepoint()
    with silenced():
        for done, (number, row) in enumerate(
            tqdm(rows, desc="Praxisbeispiele", unit=" Zeilen", disable=not progress),
            start=1,
        ):
            try:
                values = parse_practice_example(row, deserializers, lookup)
                if values["id"] in seen:
                    raise RowError(
                        _(
                            "error_bulk_duplicate",
                            default="Kurzname „${id}“ steht schon in Zeile ${line}",
                            mapping={"id": values["id"], "line": seen[values["id"]]},
                        )
                    )
            except RowError as error:
                report.errors.append((number, str(error)))
                continue
            seen[values["id"]] = number
            try:
                _import_row(container, values, report)
                pending.append(values)
            except Exception as error:  # noqa: BLE001 - reported, the rest goes on
                report.errors.append((number, _unexpected(error)))
                start.rollback()
                for earlier in pending:
                    _import_row(container, earlier, ImportReport())
            if batch and done % batch == 0:
                transaction.commit()
                pending = []
                start = transaction.savepoint()
    return report


def _format(kind, value, for_json):
    """``value`` of ``kind`` as written to a file."""
    if kind == "municipality":
        value = (value.ags or value.getId()) if value is not None else None
    elif kind == "date":
        value = value.isoformat() if value else None
    elif kind == "tokens":
        value = list(value or [])
        if not for_json:
            value = "; ".join(value)
    elif kind == "bool":
        value = bool(value)
        if not for_json:
            value = "true" if value else "false"
    if for_json:
        return value
    return "" if value is None else str(value)


def export_practice_examples(container, for_json=False, progress=True):
    """The practice examples of ``container`` as records, sorted by id."""
    records = []
    objects = [
        obj for obj in container.objectValues() if obj.portal_type == "PracticeExample"
    ]
    for obj in tqdm(
        sorted(objects, key=lambda obj: obj.getId()),
        desc="Praxisbeispiele",
        unit=" Einträge",
        disable=not progress,
    ):
        record = {}
        for column, kind in PRACTICE_EXAMPLE_COLUMNS:
            if kind == "id":
                value = obj.getId()
            else:
                value = _current(obj, column, kind)
            record[column] = _format(kind, value, for_json)
        records.append(record)
    return records
