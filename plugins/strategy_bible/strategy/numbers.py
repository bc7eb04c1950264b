"""Numbers: the ones a strategy file may hold, and a number typed as text (``record``'s figure).

The model checks the numbers YAML read with :func:`number_in_bounds`; a command reads a typed
figure with :func:`parse_number`, to the same bounds.
"""

from __future__ import annotations

import re

from strategy_bible.strategy.problems import Worded, figure

MAX_MAGNITUDE = 10**15
"""The largest number, either side of zero, a strategy file may hold: a million billion. No
follower count, reach or budget comes near it, and up to it every whole number is exact as a
float (2**53 is about 9.007e15), the charts' arithmetic keeps its cents and Babel prints it with
its decimals (Babel fails from about 1e27; 10**400 cannot even become a float)."""
NUMBERS_ALLOWED = "a number between -10^15 and 10^15 (a million billion)"

MAX_DIGITS = 30
"""The most digits a number may be written with (a million billion has 16). Checked on the text,
before it becomes a number: Python refuses to turn a whole number of more than 4,300 digits into
text or back (``ValueError: Exceeds the limit``), and YAML reads ``0x`` followed by 4,000 ``f``
as such a number."""

_NOT_DIGITS = re.compile(r"^[+-]?0[xob]|[^0-9a-f]", re.IGNORECASE)
"""A sign with a base prefix (``0x``, ``0o``, ``0b``), and whatever is not a digit of some base."""

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


class NotANumber(ValueError):
    """Text that is not a number a strategy file may hold; the message says what to write instead."""


def number_in_bounds(value: int | float) -> bool:
    """Finite and within ±:data:`MAX_MAGNITUDE`: the one number check of validation and of the
    commands that write numbers."""
    return abs(value) <= MAX_MAGNITUDE  # False for nan; an int of any size compares exactly


def digit_count(text: str) -> int:
    """How many digits ``text``, a number as written (``-1_000``, ``0xFF``, ``1.5e3``), holds:
    without its sign, base prefix, separators and decimal mark."""
    return len(_NOT_DIGITS.sub("", text))


def too_many_digits(text: str) -> str | None:
    """Why the number written ``text`` is refused before it is read, or None: more than
    :data:`MAX_DIGITS` digits."""
    count = digit_count(text)
    if count <= MAX_DIGITS:
        return None
    return Worded(
        f"number too large: it is written with {count:,} digits; a number has at most {MAX_DIGITS}",
        "invalid.too_many_digits",
        count=figure(count),
        most=MAX_DIGITS,
    )


def parse_number(text: str) -> int | float:
    """A figure typed as text: ``1400``, ``-3``, ``12.5``; whole numbers stay ``int``."""
    allowed = "write digits, with a dot for decimals: for example 1400, 12.5 or -3 (no spaces, units or %)"
    candidate = text.strip()
    if _DECIMAL_COMMA.fullmatch(candidate):
        raise NotANumber(f"'{text}' is not a number: use a dot for decimals ({candidate.replace(',', '.')})")
    if not _NUMBER.fullmatch(candidate):
        raise NotANumber(f"'{text}' is not a number; {allowed}")
    if refused := too_many_digits(candidate):
        raise NotANumber(f"'{candidate[:9]}…': {refused}; write {NUMBERS_ALLOWED}")
    value = float(candidate)  # any number of digits (int() refuses more than 4,300): too large is inf
    if not number_in_bounds(value):
        raise NotANumber(f"'{text}' is too large; write {NUMBERS_ALLOWED}")
    return int(value) if _WHOLE.fullmatch(candidate) else value  # exact: the bound is below 2**53
