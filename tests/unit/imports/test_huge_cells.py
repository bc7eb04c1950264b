"""Export cells holding numbers of thousands of digits are refused in words, never read: Python
turns no whole number of more than 4,300 digits into text or back."""

from __future__ import annotations

import pytest

from strategy_bible.imports.values import BadValue, parse_count, parse_number


@pytest.mark.parametrize("cell", ["1" * 5000, "1 " * 3000, "1,000" + ",000" * 2000, "-" + "9" * 31, "1" * 4000 + ".5"])
def test_a_text_cell_of_thousands_of_digits_is_refused_before_it_is_read(cell):
    with pytest.raises(BadValue, match=r"^'.{1,37}…?': number too large: it is written with [\d,]+ digits"):
        parse_number(cell)


def test_a_typed_cell_holding_a_whole_number_of_5000_digits_is_refused():
    with pytest.raises(BadValue, match="number too large: more than 30 digits"):
        parse_count(10**5000)


def test_thirty_digits_are_still_read():
    assert parse_count("9" * 30) == 10**30 - 1
