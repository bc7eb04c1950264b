"""The one place for days: bounds, a day typed as text, months ahead, a day as a moment."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from strategy_bible.commands.editing import EditRefused, parse_date
from strategy_bible.strategy.dates import (
    DayOutOfRange,
    NotADay,
    add_months,
    as_datetime,
    day_in_bounds,
    day_of,
    month_number,
    parse_day,
)
from strategy_bible.strategy.model import Objective


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2026, 1, 1), 1, dt.date(2026, 2, 1)),
        (dt.date(2026, 11, 1), 2, dt.date(2027, 1, 1)),
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 1)),  # the first of the month, whatever the day
        (dt.date(2026, 1, 15), -1, dt.date(2025, 12, 1)),
        (dt.date(2026, 3, 1), -27, dt.date(2023, 12, 1)),
        (dt.date(2026, 3, 1), 0, dt.date(2026, 3, 1)),
    ],
)
def test_add_months_counts_across_years_both_ways(day, months, expected):
    assert add_months(day, months) == expected


def test_consecutive_months_have_consecutive_numbers():
    assert month_number(dt.date(2027, 1, 1)) - month_number(dt.date(2026, 12, 31)) == 1
    assert month_number(dt.date(2026, 1, 1)) % 12 == 0


def test_a_day_as_a_moment_and_a_moment_by_its_day():
    moment = dt.datetime(2026, 3, 14, 18, 0)
    assert as_datetime(moment, dt.time.max) is moment
    assert as_datetime(dt.date(2026, 3, 14), dt.time.min) == dt.datetime(2026, 3, 14, 0, 0)
    assert as_datetime(dt.date(2026, 3, 14), dt.time(23, 59)) == dt.datetime(2026, 3, 14, 23, 59)
    assert day_of(moment) == dt.date(2026, 3, 14) == day_of(dt.date(2026, 3, 14))
    assert day_in_bounds(dt.datetime(2200, 12, 31, 23, 59)) and not day_in_bounds(dt.date(2201, 1, 1))


def test_parse_day_says_what_is_wrong():
    assert parse_day(" 2026-03-31 ") == dt.date(2026, 3, 31)
    with pytest.raises(NotADay, match="is not a date; write it as YYYY-MM-DD"):
        parse_day("31/03/2026")
    with pytest.raises(NotADay, match="is not a day of the calendar"):
        parse_day("2026-02-30")
    with pytest.raises(DayOutOfRange, match="is out of range; write a date from 1900-01-01 to 2200-12-31") as out:
        parse_day("2201-01-01")
    assert out.value.day == dt.date(2201, 1, 1)


@pytest.mark.parametrize(
    "text", ["2026-03-31", " 2026-03-31", "2026-02-30", "31/03/2026", "2026-3-31", "1899-12-31", "2200-12-31", "x"]
)
def test_record_and_the_model_read_a_typed_day_alike(text):
    """``record --date`` and a date written as text in a file ("2026-03-31" in quotes) agree on
    which texts are days, and on the day."""
    try:
        from_model = Objective.model_validate({"id": "o", "title": "T", "axis": "image", "deadline": text}).deadline
    except ValidationError:
        from_model = None
    try:
        typed = parse_date(text)
    except EditRefused:
        typed = None
    assert from_model == typed
