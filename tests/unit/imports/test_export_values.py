"""Numbers and dates as exports write them (values.py), including a property test of number parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_bible.imports.tables import sniff_delimiter
from strategy_bible.imports.values import BadValue, date_order, parse_count, parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1234", False, 1234),
        ("1 234", False, 1234),
        ("1\u00a0234", True, 1234),
        ("1\u202f234\u202f567", True, 1234567),
        ("1,234,567", False, 1234567),
        ("1,234", False, 1234),  # English: thousands
        ("1,234", True, 1.234),  # French file: the decimal comma
        ("12,5", False, 12.5),
        ("1.234,5", False, 1234.5),
        ("1,234.5", False, 1234.5),
        ("12.5 %", False, 12.5),
        ("62,3 %", True, 62.3),
        ("-", False, 0),
        ("--", False, 0),
        (3.0, False, 3),
        (0.0397, False, 0.0397),
        ("-4", False, -4),
    ],
)
def test_numbers(text, decimal_comma, expected):
    assert parse_number(text, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize("text", ["abc", "1,23,4", "12..5", "1.2.3,4,5", "", "NaN", True, "1 2 3x"])
def test_not_numbers(text):
    with pytest.raises(BadValue):
        parse_number(text)


def test_counts_blank_is_zero_and_fractions_are_refused():
    assert parse_count("") == 0 and parse_count(None) == 0 and parse_count("  ") == 0
    with pytest.raises(BadValue, match="not a whole number"):
        parse_count("12,5")
    with pytest.raises(BadValue, match="a percentage, not a count"):
        parse_count("12 %")


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f", ","]))
def test_whole_numbers_with_any_thousands_separator(number, separator):
    text = f"{number:,}".replace(",", separator)
    decimal_comma = separator != ","  # a file with spaced thousands is the French kind
    assert parse_number(text, decimal_comma=decimal_comma) == number
    assert parse_count(text, decimal_comma=decimal_comma) == number


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_with_a_comma_or_a_point(whole, cents):
    expected = float(f"{whole}.{cents:02d}")
    assert parse_number(f"{whole:,}.{cents:02d}") == expected
    assert parse_number(f"{whole:,}.{cents:02d}".replace(",", " ").replace(".", ","), decimal_comma=True) == expected


@pytest.mark.parametrize(
    ("cell", "day_first", "expected"),
    [
        ("2026-10-31", None, dt.date(2026, 10, 31)),
        ("2026-10-31T18:30:00", None, dt.date(2026, 10, 31)),
        ("2026-10-31 18:30", None, dt.date(2026, 10, 31)),
        ("20261031", None, dt.date(2026, 10, 31)),
        ("10/31/2026 18:30", False, dt.date(2026, 10, 31)),
        ("31/10/2026 18:30", True, dt.date(2026, 10, 31)),
        ("03/04/2026", True, dt.date(2026, 4, 3)),
        ("03/04/2026", False, dt.date(2026, 3, 4)),
        (dt.datetime(2026, 10, 31, 18, 30), None, dt.date(2026, 10, 31)),
        (dt.date(2026, 10, 31), None, dt.date(2026, 10, 31)),
    ],
)
def test_dates(cell, day_first, expected):
    assert parse_date(cell, day_first=day_first) == expected


def test_bad_dates_say_why():
    with pytest.raises(BadValue, match=r"'31/10/2026' is not a date \(read month-first\)"):
        parse_date("31/10/2026", day_first=False)
    with pytest.raises(BadValue, match="'Lifetime' is not a date"):
        parse_date("Lifetime", day_first=False)
    with pytest.raises(BadValue, match="could be day-first or month-first"):
        parse_date("03/04/2026", day_first=None)


def test_the_date_order_of_a_file():
    assert date_order(["03/04/2026", "31/10/2026"]).day_first is True
    assert date_order(["03/04/2026", "10/31/2026 09:00"]).day_first is False
    assert date_order(["03/04/2026", "2026-10-31", None]).day_first is None
    with pytest.raises(BadValue, match="mix two orders"):
        date_order(["31/10/2026", "10/31/2026"])


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ('"Post ID","Account ID",Description,"Publish time"', ","),
        ("Identifiant de la publication;Description;Heure de publication", ";"),
        ("Post ID\tPage ID\tTitle", "\t"),
        ('"Reactions, Comments and Shares";Reactions', ";"),  # commas inside quotes do not count
        ("Sessions", ","),
    ],
)
def test_the_separator_is_sniffed_from_the_header(header, separator):
    assert sniff_delimiter(header) == separator
