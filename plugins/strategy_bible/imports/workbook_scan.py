"""A workbook looked over before it is read: what it would cost to read, and where its error cells are.

python-calamine reads a whole sheet into memory, and from A1 to the last cell the sheet declares: a
1.8 KB ``.xlsx`` with one cell at ``ZZ200000`` (or a ``<dimension>`` saying so), a zip of 3 GB of
spaces, or one 2 GB text made it allocate gigabytes and abort the process. So every part of the zip
is inflated here first, streaming, counting the bytes it really gives (a part's header can lie), and
the sheets and shared texts of an ``.xlsx`` go through expat, which keeps nothing but counts: the
area a sheet spans, each cell's length, the text its cells bring (one shared text used by a million
cells is a million copies once read). Anything over a limit is refused in one sentence; nothing is
handed to calamine before.

The same pass notes each error cell (``#DIV/0!``, ``#REF!``…), which calamine reads as an empty cell.
An ``.ods`` gives its error cells too, and is bounded by its unpacked size (not its area); an
``.xlsb`` by its unpacked size only; an ``.xls`` (not a zip) by its file size, and its error cells
read as empty still.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

MAX_UNPACKED = 200 * 1024 * 1024
"""Bytes a workbook may unpack to, all parts together: a year of daily posts is a few MB of XML."""

MAX_PARTS = 10_000
MAX_AREA = 2_000_000
"""Cells from A1 to a sheet's last row and column: a year of daily posts, 50 columns, is 18,000."""

MAX_CELL = 32_767
"""Characters in one cell: Excel's own limit."""

MAX_TEXT = 50_000_000
"""Characters the text cells of a workbook bring once read (a shared text counts once per cell)."""

_CHUNK = 1024 * 1024
_CELL_REF = re.compile(r"([A-Z]{1,3})?([0-9]{1,7})?")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_SHARED = re.compile(r"xl/sharedStrings\d*\.xml")
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class Scan:
    """What the look found: the error cells of each sheet, by name: (row, column) 1-based → code."""

    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


class WorkbookRefused(Exception):
    """The workbook is over a limit (one sentence saying which)."""


class WorkbookBroken(WorkbookRefused):
    """The workbook is not what a spreadsheet program writes (one sentence saying why)."""


def scan_workbook(raw: bytes) -> Scan:
    """Check the workbook ``raw`` against the limits; :class:`WorkbookRefused` when over one."""
    if not raw.startswith(b"PK"):
        return Scan()  # .xls: bounded by the file's size
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookBroken("the workbook cannot be read (it is not a valid zip file)") from None
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise WorkbookRefused(f"the workbook has {len(parts):,} parts; an export may have at most {MAX_PARTS:,}")
    declared = sum(part.file_size for part in parts)
    if declared > MAX_UNPACKED:
        raise WorkbookRefused(_too_big(f"{declared:,} bytes"))
    shared: list[int] = []
    sheets = _sheet_names(archive)
    scan = Scan()
    budget = MAX_UNPACKED
    ordered = sorted(parts, key=lambda part: not _SHARED.fullmatch(part.filename))  # their lengths first
    for part in ordered:
        sink: Callable[[bytes], None] | None = None
        if _SHARED.fullmatch(part.filename):
            sink = _SharedTexts(shared).feed
        elif _SHEET.fullmatch(part.filename):
            name = sheets.get(part.filename, part.filename)
            sink = _Sheet(name, shared, scan.errors.setdefault(name, {})).feed
        elif part.filename == "content.xml":  # an .ods: its error cells only
            sink = _OdsErrors(scan.errors).feed
        budget -= _inflate(archive, part, budget, sink)
    return scan


def _too_big(size: str) -> str:
    return f"the workbook unpacks to {size}; an export may unpack to at most {MAX_UNPACKED:,} bytes"


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int, sink: Callable[[bytes], None] | None) -> int:
    """The bytes ``part`` really unpacks to, each chunk given to ``sink``; refused past ``budget``
    whatever its header says (the header's size is raised so that zipfile reads what is there)."""
    if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise WorkbookBroken(
            f"a part of the workbook is compressed in a way spreadsheet programs do not use ({part.compress_type})"
        )
    unbounded = copy.copy(part)
    unbounded.file_size = budget + 2 * _CHUNK  # zipfile stops there and checks the checksum: past the refusal
    size = 0
    try:
        with archive.open(unbounded) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise WorkbookRefused(_too_big(f"more than {MAX_UNPACKED:,} bytes"))
                if sink is not None:
                    sink(chunk)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
        raise WorkbookBroken(f"the workbook cannot be read ({type(error).__name__})") from None
    if sink is not None:
        sink(b"")
    return size


class _Xml:
    """A streaming expat parser that keeps nothing but what its handlers count."""

    def __init__(self) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = self._doctype
        parser.buffer_text = False
        self._parser = parser

    def feed(self, chunk: bytes) -> None:
        try:
            self._parser.Parse(chunk, not chunk)
        except expat.ExpatError as error:
            raise WorkbookBroken(f"the workbook cannot be read (its XML is broken: {error})") from None

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.start(name.rpartition(" ")[2], attributes)

    def _end(self, name: str) -> None:
        self.end(name.rpartition(" ")[2])

    def _doctype(self, *_: Any) -> None:
        raise WorkbookBroken("the workbook cannot be read (its XML declares a document type, which workbooks never do)")

    def start(self, name: str, attributes: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def text(self, data: str) -> None: ...


class _SharedTexts(_Xml):
    """``sharedStrings.xml``: the length of each shared text (``<si>``, its runs' ``<t>`` together)."""

    def __init__(self, lengths: list[int]):
        super().__init__()
        self.lengths = lengths
        self.inside = False
        self.length = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "si":
            self.inside, self.length = True, 0

    def end(self, name: str) -> None:
        if name == "si":
            self.lengths.append(self.length)
            self.inside = False

    def text(self, data: str) -> None:
        if self.inside:
            self.length += len(data)
            if self.length > MAX_CELL:
                raise WorkbookRefused(
                    f"a text of the workbook holds more than {MAX_CELL:,} characters, the most a cell can hold"
                )


class _Sheet(_Xml):
    """A worksheet: the area from A1 to its last row and column (declared or used), each cell's
    length, the text its cells bring, and its error cells (``t="e"``)."""

    def __init__(self, name: str, shared: list[int], errors: dict[tuple[int, int], str]):
        super().__init__()
        self.name, self.shared, self.errors = name, shared, errors
        self.row = self.column = self.last_row = self.last_column = 0
        self.kind: str | None = None  # the cell's t=""
        self.value: list[str] | None = None  # the text of <v> / <t> in the current cell
        self.length = 0
        self.total = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "dimension":
            end = attributes.get("ref", "").rpartition(":")[2]
            self._reach(*_position(end, self.name))
        elif name == "row":
            self.row = _number(attributes.get("r"), self.row + 1, self.name)
            self.column = 0
        elif name == "c":
            row, column = _position(attributes.get("r", ""), self.name)
            self.row = row or self.row or 1
            self.column = column or self.column + 1
            self._reach(self.row, self.column)
            self.kind, self.length = attributes.get("t"), 0
        elif name in ("v", "t"):  # a value, or the text of an inline string
            self.value = []

    def end(self, name: str) -> None:
        if name in ("v", "t") and self.value is not None:
            text = "".join(self.value)
            if self.kind == "s" and name == "v":
                index = int(text) if text.strip().isdigit() and len(text) < 10 else -1
                self._bring(self.shared[index] if 0 <= index < len(self.shared) else 0)
            elif self.kind == "e" and name == "v":
                self.errors[(self.row, self.column)] = text.strip()
            self.value = None
        elif name == "c":
            self.kind = None

    def text(self, data: str) -> None:
        if self.value is None:
            return
        self.length += len(data)
        if self.length > MAX_CELL:
            raise WorkbookRefused(
                f"the cell {column_letters(self.column)}{self.row} of sheet '{self.name}' holds more than "
                f"{MAX_CELL:,} characters, the most a cell can hold"
            )
        if self.kind in ("s", "e"):
            self.value.append(data)  # an index or an error code: a few characters
        else:
            self._bring(len(data))

    def _reach(self, row: int, column: int) -> None:
        self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, column)
        area = self.last_row * self.last_column
        if area > MAX_AREA:
            raise WorkbookRefused(
                f"sheet '{self.name}' spans A1:{column_letters(self.last_column)}{self.last_row} ({area:,} cells); "
                f"an export may span at most {MAX_AREA:,} cells"
            )

    def _bring(self, length: int) -> None:
        self.total += length
        if self.total > MAX_TEXT:
            raise WorkbookRefused(
                f"the texts of sheet '{self.name}' come to more than {MAX_TEXT:,} characters once read "
                f"(a shared text counts once per cell); an export holds far less"
            )


class _OdsErrors(_Xml):
    """An ``.ods``'s ``content.xml``: its error cells (LibreOffice writes ``calcext:value-type="error"``
    beside a value calamine reads, 0 or empty), placed through repeated rows and columns."""

    def __init__(self, errors: dict[str, dict[tuple[int, int], str]]):
        super().__init__()
        self.errors = errors
        self.sheet: dict[tuple[int, int], str] = {}
        self.row = self.column = self.rows = 0
        self.at: tuple[int, int] | None = None  # the error cell being read
        self.code: list[str] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "table":
            self.sheet = self.errors.setdefault(_attribute(attributes, "name") or "", {})
            self.row = 0
        elif name == "table-row":
            self.rows = _number(_attribute(attributes, "number-rows-repeated"), 1, "content.xml")
            self.column = 0
        elif name in ("table-cell", "covered-table-cell"):
            if _attribute(attributes, "value-type", _CALC_EXT) == "error":
                self.at, self.code = (self.row + 1, self.column + 1), []
            self.column += _number(_attribute(attributes, "number-columns-repeated"), 1, "content.xml")

    def end(self, name: str) -> None:
        if name == "table-row":
            self.row += self.rows
        elif name in ("table-cell", "covered-table-cell") and self.at is not None:
            self.sheet[self.at] = "".join(self.code).strip()[:40]
            self.at = None

    def text(self, data: str) -> None:
        if self.at is not None and len(self.code) < 40:
            self.code.append(data)


_CALC_EXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"


def _attribute(attributes: dict[str, str], local: str, namespace: str | None = None) -> str | None:
    """An attribute by its local name (and namespace, when given), whatever prefix the file uses."""
    for key, value in attributes.items():
        uri, _, name = key.rpartition(" ")
        if name == local and (namespace is None or uri == namespace):
            return value
    return None


def _position(ref: str, sheet: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as ``ZZ200000`` (0 for a part it lacks)."""
    match = _CELL_REF.fullmatch(ref.strip().replace("$", "").upper())
    if match is None:
        raise WorkbookRefused(f"sheet '{sheet}' names a cell '{ref[:20]}' beyond the last one a spreadsheet can have")
    letters, digits = match.groups()
    column = 0
    for letter in letters or "":
        column = column * 26 + ord(letter) - 64
    return int(digits or 0), column


def _number(text: str | None, default: int, sheet: str) -> int:
    if text is None:
        return default
    if not text.strip().isdigit() or len(text.strip()) > 7:
        raise WorkbookRefused(f"sheet '{sheet}' names a row '{text[:20]}' beyond the last one a spreadsheet can have")
    return int(text)


def column_letters(number: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``: a column as a spreadsheet names it."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name (``xl/worksheets/sheet1.xml`` → ``All posts``), from
    ``xl/workbook.xml`` and its relations; empty when they cannot be read (the part's name is shown)."""
    try:
        if any(archive.getinfo(name).file_size > _CHUNK for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")):
            return {}
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
    names = {}
    for sheet in workbook.iter():
        if sheet.tag.rpartition("}")[2] == "sheet":
            target = targets.get(sheet.get(f"{{{_RELATIONS}}}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            names[path] = sheet.get("name", path)
    return names
