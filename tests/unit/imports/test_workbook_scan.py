"""The look over a workbook before calamine reads it: the limits that need no gigabytes to show
(the bombs themselves run under a memory cap in tests/integration/test_import_bombs.py)."""

from __future__ import annotations

import pytest
from workbooks import SHEET_HEAD, linkedin_workbook, write_zip, xlsx_parts

from strategy_bible.imports.tables import NotATable, Refused, read_tables
from strategy_bible.imports.workbook_scan import MAX_CELL, scan_workbook

SHARED_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def sheet(body: str) -> bytes:
    return SHEET_HEAD + f"<sheetData>{body}</sheetData></worksheet>".encode()


def refusal(tmp_path, parts) -> str:
    with pytest.raises(NotATable) as refused:
        read_tables(write_zip(tmp_path / "book.xlsx", parts))
    return str(refused.value)


def test_a_real_workbook_passes_and_reads_as_before(tmp_path):
    path = linkedin_workbook(tmp_path / "linkedin.xlsx")
    assert scan_workbook(path.read_bytes()).errors == {"Metrics": {}, "All posts": {}}
    assert [table.sheet for table in read_tables(path)] == ["Metrics", "All posts"]


def test_a_cell_longer_than_a_spreadsheet_cell_can_be_is_refused_with_its_place(tmp_path):
    text = "a" * (MAX_CELL + 1)
    parts = xlsx_parts(sheet(f'<row r="3"><c r="B3" t="inlineStr"><is><t>{text}</t></is></c></row>'))
    assert refusal(tmp_path, parts) == (
        "the cell B3 of sheet 'Sheet1' holds more than 32,767 characters, the most a cell can hold"
    )


def test_one_shared_text_used_by_many_cells_counts_once_per_cell(tmp_path):
    """A 30,000-character text shared by 2,000 cells is 60 million characters once read."""
    shared = SHARED_HEAD + b"<si><t>" + b"a" * 30_000 + b"</t></si></sst>"
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 2_001))
    message = refusal(tmp_path, xlsx_parts(sheet(cells), shared=shared))
    assert message == (
        "the texts of sheet 'Sheet1' come to more than 50,000,000 characters once read "
        "(a shared text counts once per cell); an export holds far less"
    )


def test_a_row_or_cell_beyond_a_spreadsheet_s_last_is_refused_without_reading_its_number(tmp_path):
    far = xlsx_parts(sheet(f'<row r="{"9" * 5000}"><c><v>1</v></c></row>'))
    assert refusal(tmp_path, far).startswith("sheet 'Sheet1' names a row '99999999999999999999' beyond the last")


def test_a_document_type_is_refused(tmp_path):
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>'
        + sheet("")[len(b'<?xml version="1.0" encoding="UTF-8"?>') :]
    )
    with pytest.raises(NotATable) as refused:
        read_tables(write_zip(tmp_path / "book.xlsx", xlsx_parts(doctype)))
    assert not isinstance(refused.value, Refused)
    assert "declares a document type" in str(refused.value)
