"""Numbers and dates as exports write them, in English or French, in text or typed workbook cells.

Every function raises :class:`BadValue` with the reason in words (``'abc' is not a number``) so the
caller can place it at its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from strategy_bible.imports.tables import ErrorCell
from strategy_bible.strategy.numbers import MAX_DIGITS, too_many_digits

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")  # thousands separators written as spaces (or a Swiss ')
_DASHES = {"-", "--", "—", "–"}
_PLAIN = re.compile(r"[+-]?\d+(\.\d+)?")


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, quoting the cell."""


def _quoted(cell: Any) -> str:
    text = str(cell)
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


SPREADSHEET_ERRORS = {
    "#DIV/0!": "a division by zero",
    "#REF!": "a formula refers to a cell that was deleted",
    "#N/A": "a lookup found no value",
    "#VALUE!": "a formula was given a value of the wrong kind",
    "#NAME?": "a formula uses a name the spreadsheet does not know",
    "#NUM!": "a calculation gave a number that cannot be",
    "#NULL!": "a formula's ranges do not meet",
    "#SPILL!": "a formula's results have no room",
    "#CALC!": "a calculation failed",
}
"""What each error value a spreadsheet writes in place of a formula's result means."""


def spreadsheet_error(cell: Any, *, text_too: bool = True) -> str | None:
    """Why ``cell`` is a spreadsheet's error value (``#DIV/0!``) rather than a figure, or None: a
    typed error cell of a workbook (which would otherwise read as empty, so 0), or, unless not
    ``text_too``, the same words in a CSV."""
    if isinstance(cell, ErrorCell):
        code, where = cell.code, f"the cell {cell.ref}" if cell.ref else "the cell"
    elif text_too and isinstance(cell, str) and cell.strip().upper() in SPREADSHEET_ERRORS:
        code, where = cell.strip(), "the cell"
    else:
        return None
    meaning = SPREADSHEET_ERRORS.get(code.upper(), "a formula failed")
    return f"{where} holds the spreadsheet error {code} ({meaning}); correct the spreadsheet, then export again"


def parse_number(cell: Any, *, decimal_comma: bool = False) -> int | float:
    """The number in ``cell``: ``1234``, ``1 234`` (any space), ``1,234,567``, ``1.234,5``,
    ``12,5``, ``12.5 %`` (→ 12.5), ``-`` or ``--`` (→ 0).

    A lone comma followed by exactly three digits (``1,234``) is a thousands separator, unless
    ``decimal_comma`` (a French, semicolon-separated file) says it is the decimal mark. A blank cell
    is not a number: :func:`parse_count` decides what a blank means."""
    if error := spreadsheet_error(cell):
        raise BadValue(error)
    if isinstance(cell, bool):
        raise BadValue(f"{_quoted(cell)} is not a number")
    if isinstance(cell, int) and abs(cell) >= 10**MAX_DIGITS:
        raise BadValue(f"a cell holds a number too large: more than {MAX_DIGITS} digits")  # cannot be printed
    if isinstance(cell, int | float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise BadValue(f"{_quoted(cell)} is not a number")
        return int(cell) if isinstance(cell, float) and cell.is_integer() else cell
    if not isinstance(cell, str):
        raise BadValue(f"{_quoted(cell)} is not a number")
    text = cell.strip()
    if text in _DASHES:
        return 0
    text = text.removesuffix("%").strip()
    text = _SPACES.sub("", text)
    commas, points = text.count(","), text.count(".")
    if commas and points:  # the last one is the decimal mark: 1,234.5 or 1.234,5
        thousands, decimal = (",", ".") if text.rfind(".") > text.rfind(",") else (".", ",")
        whole, _, fraction = text.rpartition(decimal)
        if not _grouped(whole, thousands):
            raise BadValue(f"{_quoted(cell)} is not a number")
        text = whole.replace(thousands, "") + "." + fraction
    elif commas > 1:
        if not _grouped(text, ","):
            raise BadValue(f"{_quoted(cell)} is not a number")
        text = text.replace(",", "")
    elif commas == 1:
        whole, _, fraction = text.partition(",")
        grouped = not decimal_comma and len(fraction) == 3 and _grouped(text, ",")
        text = whole + fraction if grouped else whole + "." + fraction
    elif points > 1:
        if not _grouped(text, "."):
            raise BadValue(f"{_quoted(cell)} is not a number")
        text = text.replace(".", "")
    if not _PLAIN.fullmatch(text):
        raise BadValue(f"{_quoted(cell)} is not a number")
    if refused := too_many_digits(text):  # before int(), which refuses more than 4,300 digits
        raise BadValue(f"{_quoted(cell)}: {refused}")
    return int(text) if "." not in text else float(text)


def _grouped(text: str, separator: str) -> bool:
    """``1,234,567``: one to three digits, then groups of exactly three."""
    return re.fullmatch(rf"[+-]?\d{{1,3}}(\{separator}\d{{3}})*", text) is not None


def parse_count(cell: Any, *, decimal_comma: bool = False) -> int:
    """A count (reach, likes…): a whole number of 0 or more.

    A blank cell counts as 0: the column exists, so the platform measured the figure and had
    nothing to report (Meta leaves clicks blank on posts nobody clicked). A missing *column* is
    not a zero; the caller leaves that count out instead."""
    if is_blank(cell):
        return 0
    number = parse_number(cell, decimal_comma=decimal_comma)
    if isinstance(cell, str) and cell.strip().endswith("%"):
        raise BadValue(f"{_quoted(cell)} is a percentage, not a count")
    if isinstance(number, float) or number < 0:
        raise BadValue(f"{_quoted(cell)} is not a whole number of 0 or more")
    return number


# --- dates --------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?")


@dataclass(frozen=True)
class DateOrder:
    """How a file writes ``NN/NN/YYYY``: ``day_first`` True, False, or None when it cannot tell."""

    day_first: bool | None
    evidence: str  # why, for messages: "'31/10/2026' has a day over 12", "every date could be either"


def slashed_parts(cell: Any) -> tuple[int, int] | None:
    """The two first fields of an ``NN/NN/YYYY`` date, or None for any other cell."""
    if not isinstance(cell, str):
        return None
    match = _SLASHED.fullmatch(cell.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def date_order(cells: Iterable[Any]) -> DateOrder:
    """Day-first or month-first, decided from every date of a file: a first field over 12 can only
    be a day, a second field over 12 only a day too. Contradicting dates: ``BadValue``."""
    day_first_proof = month_first_proof = None
    for cell in cells:
        parts = slashed_parts(cell)
        if parts is None:
            continue
        if parts[0] > 12 and day_first_proof is None:
            day_first_proof = str(cell).strip()
        if parts[1] > 12 and month_first_proof is None:
            month_first_proof = str(cell).strip()
    if day_first_proof and month_first_proof:
        raise BadValue(
            f"the dates mix two orders: '{day_first_proof}' is day-first but '{month_first_proof}' is month-first"
        )
    if day_first_proof:
        return DateOrder(True, f"'{day_first_proof}' has a day over 12")
    if month_first_proof:
        return DateOrder(False, f"'{month_first_proof}' has a day over 12 in second place")
    return DateOrder(None, "every date could be read day-first or month-first")


def has_slashed(cells: Iterable[Any]) -> bool:
    return any(slashed_parts(cell) for cell in cells)


def parse_date(cell: Any, *, day_first: bool | None) -> dt.date:
    """The date of ``cell``: a typed workbook date, ISO (``2026-10-31``, with a time or not), GA4's
    ``20261031``, or ``NN/NN/YYYY`` in the order the file uses (time of day dropped)."""
    if error := spreadsheet_error(cell):
        raise BadValue(error)
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if not isinstance(cell, str):
        raise BadValue(f"{_quoted(cell)} is not a date")
    text = cell.strip()
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _COMPACT.fullmatch(text):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _SLASHED.fullmatch(text):
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            if day_first is None:
                raise BadValue(f"'{text}' could be day-first or month-first")
            day, month = (first, second) if day_first else (second, first)
            return dt.date(year, month, day)
    except ValueError as error:
        if isinstance(error, BadValue):
            raise
        order = " (read day-first)" if day_first else " (read month-first)" if day_first is False else ""
        raise BadValue(f"'{text}' is not a date{order}") from None
    raise BadValue(f"{_quoted(text)} is not a date; expected 2026-10-31, 10/31/2026 or 31/10/2026")
