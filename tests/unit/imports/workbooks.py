"""Writes small .xlsx workbooks with the standard library (an .xlsx is a zip of XML parts), so the
tests need no spreadsheet package: text cells, numbers, and dates typed as Excel stores them
(a serial day number with a date format)."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

_EPOCH = dt.datetime(1899, 12, 30)
_DATE_STYLE, _DATETIME_STYLE = 1, 2  # indexes into cellXfs below: numFmtId 14 (date), 22 (date and time)


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """``sheets``: sheet name → rows of cells (str, int, float, dt.date, dt.datetime or None)."""
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(names)))
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/workbook.xml", _workbook(names))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(names)))
        archive.writestr("xl/styles.xml", _STYLES)
        for number, rows in enumerate(sheets.values(), 1):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", _sheet(rows))
    return path


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _workbook(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    styles = f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}{styles}</Relationships>"
    )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)


def _sheet(rows: list[list[Any]]) -> str:
    body = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row) if v is not None) + "</row>"
        for r, row in enumerate(rows, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="{_DATETIME_STYLE}"><v>{(value - _EPOCH).total_seconds() / 86400}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


LINKEDIN_HEADER = [
    "Post title",
    "Post link",
    "Created date",
    "Impressions",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
]


def linkedin_workbook(path: Path, *, reposts: str = "Reposts") -> Path:
    """A LinkedIn page analytics export: ``Metrics`` (one row a day) then ``All posts``, whose
    first row is a description sentence and second row the header; dates typed or as text."""
    header = [reposts if name == "Reposts" else name for name in LINKEDIN_HEADER]
    return write_xlsx(
        path,
        {
            "Metrics": [
                ["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)"],
                [dt.date(2026, 11, 2), 410, 0, 410],
                [dt.date(2026, 11, 3), 388, 120, 508],
            ],
            "All posts": [
                ["All posts published by the page, with their metrics since they were published."],
                header,
                [
                    "Northwind is hiring a workshop lead\nApply before December",
                    "https://www.linkedin.com/feed/update/urn:li:activity:7250000000000000001",
                    dt.datetime(2026, 11, 4, 9, 30),
                    1840.0,
                    73.0,
                    0.0397,
                    52.0,
                    9.0,
                    4.0,
                    6.0,
                    0.0749,
                ],
                [
                    "Our winter service checklist",
                    "https://www.linkedin.com/feed/update/urn:li:activity:7250000000000000002",
                    "11/20/2026",
                    "2,310",
                    "88",
                    "3.81%",
                    "61",
                    "4",
                    "",
                    "2",
                    "6.6%",
                ],
            ],
        },
    )


# --- bombs: small zips that unpack to gigabytes ----------------------------------------------------


@dataclass(frozen=True)
class Repeated:
    """A part made of ``head``, ``unit`` ``count`` times, then ``tail``: compressed once, its deflate
    blocks repeated, so a zip of 3 GB of spaces is written in a moment. ``declared`` is the size its
    headers claim (default: the true size)."""

    head: bytes
    unit: bytes
    count: int
    tail: bytes
    declared: int | None = None


def write_zip(path: Path, parts: dict[str, bytes | Repeated]) -> Path:
    """A zip written byte by byte (zipfile would have to deflate every byte of a bomb). A repeated
    part's checksum is left at 0: the reader must refuse it long before its end."""
    local, central = bytearray(), bytearray()
    for name, part in parts.items():
        data, crc, _size, declared = _deflated(part)
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), declared)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        central += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _deflated(part: bytes | Repeated) -> tuple[bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    if isinstance(part, bytes):
        data = compressor.compress(part) + compressor.flush()
        return data, zlib.crc32(part), len(part), len(part)
    head = compressor.compress(part.head) + compressor.flush(zlib.Z_FULL_FLUSH)
    # after a full flush the compressor starts afresh: the unit's blocks are the same bytes each time
    block = compressor.compress(part.unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(part.tail) + compressor.flush()
    size = len(part.head) + len(part.unit) * part.count + len(part.tail)
    return head + block * part.count + tail, 0, size, size if part.declared is None else part.declared


def xlsx_parts(sheet: bytes | Repeated, shared: bytes | Repeated | None = None) -> dict[str, bytes | Repeated]:
    """The parts of a one-sheet workbook ('Sheet1') around the given sheet (and shared texts) XML."""
    rels = _workbook_rels(1)
    if shared is not None:
        rels = rels.replace(
            "</Relationships>",
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    parts: dict[str, bytes | Repeated] = {
        "[Content_Types].xml": _content_types(1).encode(),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            b"</Relationships>"
        ),
        "xl/workbook.xml": _workbook(["Sheet1"]).encode(),
        "xl/_rels/workbook.xml.rels": rels.encode(),
        "xl/styles.xml": _STYLES.encode(),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts["xl/worksheets/sheet1.xml"] = sheet
    return parts


SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
