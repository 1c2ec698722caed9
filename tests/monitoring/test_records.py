"""Recording values, rows and evaluations: checked input, German refusals
that change nothing, and the Regelkreis (the next date moves on)."""

from datetime import date
from decimal import Decimal
from plone import api
from zumo.content.target_matrix import add_months
from zumo.policy.errors import UserError
from zumo.policy.monitoring import records

import pytest


def test_a_value_with_date_and_source(indicator):
    """A German number, a date as the date field sends it, a source."""
    records.record_value(indicator, "2025-12-31", "1.234,5", "Genossenschaft")
    records.record_value(indicator, "30.06.2025", "98", "Genossenschaft")
    assert [row["value"] for row in indicator.values()] == [
        Decimal("98"),
        Decimal("1234.5"),
    ]
    assert indicator.latest() == {
        "date": date(2025, 12, 31),
        "value": Decimal("1234.5"),
        "source": "Genossenschaft",
    }


@pytest.mark.parametrize(
    "when,value,source,message",
    [
        ("gestern", "12", "Amt", "ein Datum"),
        ("31.02.2025", "12", "Amt", "ein Datum"),
        ("1800-01-01", "12", "Amt", "ein Datum"),
        ("2025-01-01", "zwölf", "Amt", "als Zahl"),
        ("2025-01-01", "NaN", "Amt", "als Zahl"),
        ("2025-01-01", "", "Amt", "als Zahl"),
        ("2025-01-01", "12", "  ", "„Quelle“ aus"),
        ("2025-01-01", "12", "x" * 501, "zu lang"),
    ],
)
def test_bad_values_are_refused_in_german(indicator, when, value, source, message):
    """Each bad input gets a German message; the series stays as it was."""
    records.record_value(indicator, "2025-01-01", "7", "Amt")
    before = indicator.series
    with pytest.raises(UserError) as refused:
        records.record_value(indicator, when, value, source)
    assert message in str(refused.value)
    assert indicator.series == before


def test_a_row_names_only_an_indicator_of_its_team(
    municipality, indicator, matrix, portal
):
    """A row links goal and measure to an indicator of the same team space;
    another municipality's indicator is refused."""
    other = api.content.create(
        container=portal["kommunen"], type="Municipality", id="andere", title="Andere"
    )
    foreign = api.content.create(container=other, type="Indicator", id="x", title="X")
    with pytest.raises(UserError, match="Indikator Ihrer Kommune"):
        records.add_row(matrix, "Nahversorgung", "Dorfladen", foreign.UID(), "200",
                        "halbjaehrlich", "2026-07-01")  # fmt: skip
    with pytest.raises(UserError, match="Evaluationsintervall"):
        records.add_row(matrix, "Nahversorgung", "Dorfladen", "", "200",
                        "monatlich", "2026-07-01")  # fmt: skip
    with pytest.raises(UserError, match="„Ziel“ aus"):
        records.add_row(matrix, "", "Dorfladen", "", "", "jaehrlich", "2026-07-01")
    assert matrix.rows == ()
    row = records.add_row(matrix, "Nahversorgung", "Dorfladen", indicator.UID(),
                          "200 Mitglieder", "halbjaehrlich", "01.07.2026")  # fmt: skip
    assert matrix.rows == (row,)
    assert row["indicator"] == indicator.UID()
    assert row["next_date"] == date(2026, 7, 1)


def test_an_evaluation_moves_the_next_date_by_the_interval(matrix):
    """The Regelkreis: evaluated, the row's next date moves on by its
    interval; a late evaluation moves it past the day of the evaluation."""
    row = records.add_row(matrix, "Ziel", "Maßnahme", "", "", "halbjaehrlich",
                          "2025-01-31")  # fmt: skip
    moved = records.record_evaluation(matrix, row["id"], "2025-01-20", "Auf Kurs.")
    assert moved["next_date"] == date(2025, 7, 31)
    late = records.record_evaluation(matrix, row["id"], "2026-03-01", "Verspätet.")
    assert late["next_date"] == date(2026, 7, 31)
    assert [item["note"] for item in matrix.row(row["id"])["evaluations"]] == [
        "Auf Kurs.",
        "Verspätet.",
    ]


def test_bad_evaluations_change_nothing(matrix):
    """An unknown row, a date in the future or no result is refused."""
    row = records.add_row(matrix, "Ziel", "", "", "", "jaehrlich", "2025-01-31")
    before = matrix.rows
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    for args, message in (
        (("nicht-da", "2025-01-20", "x"), "Zeile der Zielmatrix"),
        ((row["id"], tomorrow, "x"), "stattgefunden"),
        ((row["id"], "2025-01-20", " "), "„Ergebnis“ aus"),
    ):
        with pytest.raises(UserError, match=message):
            records.record_evaluation(matrix, *args)
        assert matrix.rows == before


def test_months_end_in_a_shorter_month():
    """The 31st becomes the last day of a shorter month."""
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
