"""The one place for numbers: the bounds a file's numbers keep, and a figure typed as text."""

from __future__ import annotations

import pytest

from strategy_bible.strategy.numbers import MAX_MAGNITUDE, NotANumber, number_in_bounds, parse_number


def test_a_typed_figure_keeps_the_bounds_of_a_file():
    assert parse_number(str(MAX_MAGNITUDE)) == MAX_MAGNITUDE and number_in_bounds(MAX_MAGNITUDE)
    assert parse_number("-12.5") == -12.5 and type(parse_number("14")) is int
    with pytest.raises(NotANumber, match=r"is too large; write a number between -10\^15 and 10\^15"):
        parse_number(str(MAX_MAGNITUDE + 1))
    with pytest.raises(NotANumber, match=r"use a dot for decimals \(12\.5\)"):
        parse_number("12,5")
    assert not number_in_bounds(float("nan"))
