"""Writes small .xlsx workbooks with the standard library (an .xlsx is a zip of XML parts), so the
tests need no spreadsheet package: text cells, numbers, and dates typed as Excel stores them
(a serial day number with a date format)."""

from __future__ import annotations

import datetime as dt
import zipfile
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
