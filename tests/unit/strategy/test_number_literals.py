"""Numbers written with thousands of digits, in any form YAML reads as a number, are refused by
the loader at their place, before being read: Python turns no whole number of more than 4,300
digits into text or back, and ``0x`` followed by 4,000 ``f`` is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_bible.strategy.loader import load_yaml_bytes
from strategy_bible.strategy.numbers import MAX_DIGITS, digit_count
from strategy_bible.strategy.problems import InvalidStrategy

HUGE = {
    "hexadecimal": "0x" + "f" * 4000,
    "octal": "0o" + "7" * 5000,
    "binary": "-0b" + "1" * 15000,
    "decimal": "1" * 5000,
    "underscored": "1_" * 3000 + "1",
    "signed": "+" + "9" * 4301,
    "decimal mark": "1" * 4000 + ".5",
    "exponent": "0." + "0" * 400 + "1e5",
}


@pytest.mark.parametrize("literal", HUGE.values(), ids=HUGE.keys())
def test_a_huge_number_is_refused_at_its_place_as_a_value_or_a_key(literal):
    key = literal[:400]  # YAML allows no longer plain key
    text = f"client:\n  name: Acme\nevents:\n  - capacity: {literal}\n{key}: x\n"
    with pytest.raises(InvalidStrategy) as refused:
        load_yaml_bytes(text.encode(), Path("acme.yml"), "acme.yml")
    found = [str(problem) for problem in refused.value.problems]
    at_most = f"a number has at most {MAX_DIGITS}"
    assert found == [
        f"acme.yml:4:15: events[0].capacity: number too large: it is written with {digit_count(literal):,} "
        f"digits; {at_most}",
        f"acme.yml:5:1: number too large: it is written with {digit_count(key):,} digits; {at_most}",
    ]


@pytest.mark.parametrize(
    ("written", "digits"),
    [("0", 1), ("-1_000", 4), ("0xFF", 2), ("0o17", 2), ("-0b101", 3), ("1.5e3", 4), ("999999999999999.9", 16)],
)
def test_digits_are_counted_without_sign_prefix_or_separators(written, digits):
    assert digit_count(written) == digits


def test_every_real_number_is_read_as_before():
    text = "a: 1000000000000000\nb: -0.30000000000000004\nc: 0x1F\nd: 1_000\ne: 1e15\n"
    loaded = load_yaml_bytes(text.encode(), Path("acme.yml"), "acme.yml")
    assert loaded.data == {"a": 10**15, "b": -0.30000000000000004, "c": 31, "d": 1000, "e": 1e15}
