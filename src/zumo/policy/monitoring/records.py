"""Changing the monitoring records of a team: a value of an indicator, a
row of a Zielmatrix, an evaluation of a row. Each change checks its input
first and raises :class:`UserError` (German) without changing anything."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from datetime import datetime
from decimal import Decimal
from decimal import InvalidOperation
from plone import api
from zumo.content.target_matrix import add_months
from zumo.content.target_matrix import interval_months
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy.errors import UserError

import re
import uuid


#: The longest text kept in a cell (source, goal, measure, note).
MAX_TEXT = 500
#: German thousands: 1.234 or 12.345.678 (no decimals).
THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
#: Values from this year on and up to this many years ahead are plausible.
EARLIEST_YEAR = 1950
YEARS_AHEAD = 10


def parse_date(text, label):
    """The date in ``text`` (``2026-03-31`` as a date field sends it, or
    ``31.03.2026``); ``UserError`` naming ``label`` otherwise."""
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if EARLIEST_YEAR <= day.year <= date.today().year + YEARS_AHEAD:
            return day
    raise UserError(
        _(
            "error_monitoring_date",
            default="Bitte geben Sie bei „${label}“ ein Datum an, zum Beispiel "
            "31.03.2026.",
            mapping={"label": label},
        )
    )


def parse_number(text):
    """The number in ``text``, written the German way (``1.234,5``,
    ``12,5``, ``1234``) or with a decimal point (``12.5``)."""
    text = (text or "").strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise UserError(
            _(
                "error_monitoring_value",
                default="Bitte geben Sie den Wert als Zahl an, zum Beispiel "
                "1.234 oder 12,5.",
            )
        )
    return number


def _text(value, label, required=True):
    text = " ".join((value or "").split())
    if required and not text:
        raise UserError(
            _(
                "error_monitoring_required",
                default="Bitte füllen Sie „${label}“ aus.",
                mapping={"label": label},
            )
        )
    if len(text) > MAX_TEXT:
        raise UserError(
            _(
                "error_monitoring_too_long",
                default="„${label}“ ist zu lang (höchstens ${max} Zeichen).",
                mapping={"label": label, "max": MAX_TEXT},
            )
        )
    return text


def record_value(indicator, when, value, source):
    """Add a value to ``indicator``: ``when`` (text of a date), ``value``
    (text of a number) and ``source`` (required: where the value comes
    from). A second value for the same date replaces the first. Returns
    the stored row."""
    row = {
        "date": parse_date(when, "Stand"),
        "value": parse_number(value),
        "source": _text(source, "Quelle"),
    }
    kept = [item for item in indicator.series if item["date"] != row["date"]]
    indicator.series = tuple(kept) + (row,)
    indicator.reindexObject()
    return row


def indicators_in(space):
    """The indicators in the team space ``space`` the user may view,
    by title."""
    return [
        brain.getObject()
        for brain in api.content.find(
            context=aq_inner(space),
            depth=1,
            portal_type="Indicator",
            sort_on="sortable_title",
        )
    ]


def _interval(value):
    if value not in {token for token, _title in terms("evaluation_intervals")}:
        raise UserError(
            _(
                "error_monitoring_interval",
                default="Bitte wählen Sie ein Evaluationsintervall.",
            )
        )
    return value


def add_row(matrix, goal, measure, indicator, target, interval, next_date):
    """Add a row to the Zielmatrix ``matrix``: ``goal`` (required),
    ``measure``, ``indicator`` (UID of an indicator in the same team space,
    or empty), ``target`` (the target value as text), ``interval`` (a token
    of ``evaluation_intervals``) and ``next_date`` (text of a date).
    Returns the new row."""
    space = aq_parent(aq_inner(matrix))
    indicator = (indicator or "").strip()
    if indicator and indicator not in {item.UID() for item in indicators_in(space)}:
        raise UserError(
            _(
                "error_monitoring_indicator",
                default="Bitte wählen Sie einen Indikator Ihrer Kommune.",
            )
        )
    row = {
        "id": uuid.uuid4().hex[:12],
        "goal": _text(goal, "Ziel"),
        "measure": _text(measure, "Maßnahme", required=False),
        "indicator": indicator,
        "target": _text(target, "Zielwert", required=False),
        "interval": _interval(interval),
        "next_date": parse_date(next_date, "Prüftermin"),
        "evaluations": (),
        "reminded": None,
    }
    matrix.rows = tuple(matrix.rows) + (row,)
    matrix.reindexObject()
    return row


def record_evaluation(matrix, row_id, when, note):
    """Record the evaluation of the row ``row_id`` on ``when`` (text of a
    date, not in the future) with ``note`` (required: what it found), and
    move the row's next date on by its interval (more than once if the
    evaluation was late, until it lies after that day): the Regelkreis. Returns the changed row."""
    current = matrix.row(row_id or "")
    if current is None:
        raise UserError(
            _(
                "error_monitoring_row",
                default="Bitte wählen Sie die Zeile der Zielmatrix, die evaluiert "
                "wurde.",
            )
        )
    day = parse_date(when, "Evaluiert am")
    if day > date.today():
        raise UserError(
            _(
                "error_monitoring_future",
                default="Eine Evaluation kann erst festgehalten werden, wenn sie "
                "stattgefunden hat (ein Datum bis heute).",
            )
        )
    text = _text(note, "Ergebnis")
    months = interval_months(current["interval"])
    next_date = add_months(current["next_date"], months)
    while next_date <= day:
        next_date = add_months(next_date, months)
    row = dict(
        current,
        evaluations=tuple(current["evaluations"]) + ({"date": day, "note": text},),
        next_date=next_date,
    )
    matrix.rows = tuple(row if item["id"] == row_id else item for item in matrix.rows)
    matrix.reindexObject()
    return row
