"""An export file → its tables: rows of cells, each row with its line (CSV) or row number (workbook).

No meaning is given to any cell here: a CSV gives text, a workbook gives what its reader typed
(text, float, int, bool, datetime, date) or ``None`` for an empty cell. Decoding, separators, the
GA4 ``#`` preamble (whose ``# Start date`` / ``# End date`` give the report's period) and the size
limit are handled here, so the rest never sees bytes.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy_bible.imports.workbook_scan import WorkbookBroken, WorkbookRefused, column_letters, scan_workbook

MAX_BYTES = 50 * 1024 * 1024
"""Exports of a year of daily posts stay under a few MB; 50 MB leaves room and refuses mistakes."""

Cell = Any  # str | float | int | bool | dt.datetime | dt.date | None


@dataclass(frozen=True)
class Row:
    line: int  # 1-based: the line a CSV record starts on, or the row of a sheet
    cells: tuple[Cell, ...]

    def blank(self) -> bool:
        return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in self.cells)


@dataclass
class Table:
    """One CSV file, or one sheet of a workbook."""

    rows: list[Row]
    sheet: str | None = None  # the sheet's name in a workbook
    delimiter: str | None = None  # the CSV's separator
    period: dict[str, dt.date] = field(default_factory=dict)  # "start"/"end" from GA4's preamble
    notes: list[str] = field(default_factory=list)  # said to the user (e.g. an encoding guessed)


@dataclass(frozen=True)
class ErrorCell:
    """A spreadsheet's error value where a formula failed (``#DIV/0!``), at ``ref`` (``C14``; empty
    in a CSV): neither a number nor a text, and never an empty cell that would count as 0."""

    code: str
    ref: str = ""

    def __str__(self) -> str:
        return self.code


class NotATable(Exception):
    """The file cannot be read as a table at all (one sentence saying why)."""


class Refused(NotATable):
    """A table that cannot be read as it is: over a limit an export never reaches, or in mixed
    encodings (one sentence naming the limit or the line)."""


_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)
_WORKBOOK_SUFFIXES = {".xls", ".xlsx", ".xlsm", ".xlsb", ".ods"}


def read_tables(path: Path) -> list[Table]:
    """Every table of the file at ``path``: one for a CSV, one per sheet for a workbook."""
    raw = _read_bounded(path)
    if not raw.strip():
        raise NotATable("the file is empty")
    if raw.startswith((_ZIP, _OLE)) or (path.suffix.lower() in _WORKBOOK_SUFFIXES and not raw.startswith(b"\xef")):
        return _workbook_tables(raw)
    if raw.startswith(b"%PDF"):
        raise NotATable("the file is a PDF document, not a table")
    return [_csv_table(raw)]


def _read_bounded(path: Path) -> bytes:
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise NotATable("this is not a regular file")
    if status.st_size > MAX_BYTES:
        raise NotATable(f"the file is {status.st_size:,} bytes; an export may hold at most {MAX_BYTES:,}")
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise NotATable(f"the file is over {MAX_BYTES:,} bytes; an export may hold at most {MAX_BYTES:,}")
    return raw


# --- text files -------------------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str | None]:
    """The text of ``raw`` and a note when its encoding had to be guessed.

    UTF-8 (with or without BOM), UTF-16 with BOM (Meta's "Excel" exports), else Windows-1252, the
    encoding of spreadsheet software saving "CSV" on Windows."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            raise NotATable("the file starts like UTF-16 text but cannot be read as such") from None
    if b"\x00" in raw:
        raise NotATable("the file holds binary data, not text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        _refuse_mixed(raw)
        text = raw.decode("cp1252", errors="replace")
        return text, "the file is not UTF-8: read as Windows-1252 (check accents in titles)"


def _refuse_mixed(raw: bytes) -> None:
    """:class:`Refused` when some lines with accents are UTF-8 and others not (one line pasted from
    another file): read as one encoding, the others would turn to mojibake in the strategy file."""
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    if not utf8:
        return  # Windows-1252 throughout
    if len(utf8) >= len(other):
        raise Refused(
            f"line {other[0]} is not UTF-8 text while the file's other lines with accents are (such as line "
            f"{utf8[0]}): the file mixes encodings; save it again as UTF-8 (or correct line {other[0]})"
        )
    raise Refused(
        f"line {utf8[0]} is UTF-8 text while the file's other lines with accents are Windows-1252 (such as line "
        f"{other[0]}): the file mixes encodings; save it again as UTF-8 (or correct line {utf8[0]})"
    )


_PERIOD = re.compile(r"#\s*(start|end)\s+date\s*:\s*(\d{8})\s*$", re.IGNORECASE)


def _csv_table(raw: bytes) -> Table:
    text, note = decode(raw)
    if sum(1 for char in text[:4096] if ord(char) < 32 and char not in "\r\n\t") > 8:
        raise NotATable("the file holds binary data, not text")
    lines = text.splitlines(keepends=True)
    period: dict[str, dt.date] = {}
    first = 0  # GA4's preamble: '#' comment lines (and blank lines) before the header
    while first < len(lines) and (lines[first].lstrip().startswith("#") or not lines[first].strip()):
        match = _PERIOD.match(lines[first].strip())
        if match:
            with contextlib.suppress(ValueError):  # not a date: no period, the rows are still read
                period[match.group(1).lower()] = dt.datetime.strptime(match.group(2), "%Y%m%d").date()
        first += 1
    if first == len(lines):
        raise NotATable("the file holds no table, only comments or blank lines")
    if re.fullmatch(r"sep=(.)", lines[first].strip()):  # Excel's hint line, "sep=;"
        delimiter = lines[first].strip()[4]
        first += 1
    else:
        delimiter = sniff_delimiter(lines[first])
    reader = csv.reader(io.StringIO("".join(lines[first:]), newline=""), delimiter=delimiter)
    rows: list[Row] = []
    start = first + 1
    try:
        for record in reader:
            cells = tuple(record)
            # GA4 repeats '#' lines between the tables of one file: they are not rows
            if not (period and cells and cells[0].lstrip().startswith("#")):
                rows.append(Row(start, cells))
            start = first + reader.line_num + 1
    except csv.Error as error:
        raise NotATable(f"line {start}: the table cannot be read ({error})") from None
    return Table(rows, delimiter=delimiter, period=period, notes=[note] if note else [])


def sniff_delimiter(header: str) -> str:
    """The separator of a CSV, from its header line: the most frequent of comma, semicolon and tab
    outside quotes (a header with one column has a comma)."""
    counts = dict.fromkeys((",", ";", "\t"), 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


# --- workbooks --------------------------------------------------------------------------------


def _workbook_tables(raw: bytes) -> list[Table]:
    from python_calamine import CalamineWorkbook

    try:  # what reading it would cost, before calamine reads anything (see workbook_scan)
        scan = scan_workbook(raw)
    except WorkbookBroken as broken:
        raise NotATable(str(broken)) from None
    except WorkbookRefused as refused:
        raise Refused(str(refused)) from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        tables = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            # start at A1 whatever the first used cell, so row numbers are the ones a reader sees
            cells = sheet.to_python(skip_empty_area=False)
            errors = scan.errors.get(name, {})
            rows = [
                Row(i + 1, tuple(_cell(c, i + 1, j + 1, errors) for j, c in enumerate(row)))
                for i, row in enumerate(cells)
            ]
            tables.append(Table(rows, sheet=name))
    except Exception as error:  # calamine raises its own errors, and OSError/ValueError for garbage
        raise NotATable(f"the workbook cannot be read ({type(error).__name__})") from None
    return tables


def _cell(value: Cell, row: int, column: int, errors: dict[tuple[int, int], str]) -> Cell:
    """An empty cell is ``None`` whatever the reader gives for it; an error cell (which calamine
    reads as empty) is an :class:`ErrorCell`."""
    if errors and (row, column) in errors:
        return ErrorCell(errors[(row, column)], f"{column_letters(column)}{row}")
    return None if isinstance(value, str) and value == "" else value
