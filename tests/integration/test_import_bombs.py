"""`strategy-bible import` of workbooks made to exhaust memory, run as a user runs it but under a
768 MiB address-space cap: each is a small file (a few KB to 3 MB) that made calamine allocate
gigabytes and abort with a Rust backtrace. Each must be refused in one sentence naming the limit,
exit 1, and leave the strategy file as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from imports.workbooks import SHEET_HEAD, Repeated, write_zip, xlsx_parts

from support import REPO

FILE = "strategies/brasserie-du-canal.yml"
CAP = 768 * 1024 * 1024
CAPPED = (
    "import resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({CAP}, {CAP}))\n"
    "sys.argv = ['strategy-bible', *sys.argv[1:]]\n"
    "runpy.run_module('strategy_bible.commands.cli', run_name='__main__')\n"
)
SPACES = Repeated(SHEET_HEAD, b" " * (1 << 20), 3 * 1024, b"<sheetData/></worksheet>")
SHARED_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
ONE_SHARED_CELL = SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'


def far_cell() -> dict:
    return xlsx_parts(
        SHEET_HEAD + b'<sheetData><row r="200000"><c r="ZZ200000"><v>1</v></c></row></sheetData></worksheet>'
    )


def declared_area() -> dict:
    body = b'<dimension ref="A1:ZZ200000"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    return xlsx_parts(SHEET_HEAD + body + b"</worksheet>")


def string(declared: int | None) -> dict:
    text = Repeated(SHARED_HEAD, b"a" * (1 << 20), 2 * 1024, b"</t></si></sst>", declared=declared)
    return xlsx_parts(ONE_SHARED_CELL, shared=text)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        pytest.param(
            far_cell(),
            "sheet 'Sheet1' spans A1:ZZ200000 (140,400,000 cells); an export may span at most 2,000,000 cells",
            id="one-cell-at-ZZ200000",
        ),
        pytest.param(
            declared_area(),
            "sheet 'Sheet1' spans A1:ZZ200000 (140,400,000 cells); an export may span at most 2,000,000 cells",
            id="dimension-declares-ZZ200000",
        ),
        pytest.param(
            xlsx_parts(SPACES),
            "the workbook unpacks to 3,221,227,887 bytes; an export may unpack to at most 209,715,200 bytes",
            id="3-GB-of-spaces",
        ),
        pytest.param(
            xlsx_parts(Repeated(SPACES.head, SPACES.unit, SPACES.count, SPACES.tail, declared=1024)),
            "the workbook unpacks to more than 209,715,200 bytes; an export may unpack to at most 209,715,200 bytes",
            id="3-GB-of-spaces-whose-header-says-1-KB",
        ),
        pytest.param(
            string(declared=None),
            "the workbook unpacks to 2,147,486,391 bytes; an export may unpack to at most 209,715,200 bytes",
            id="one-2-GB-shared-text",
        ),
        pytest.param(
            string(declared=100),
            "a text of the workbook holds more than 32,767 characters, the most a cell can hold",
            id="one-2-GB-shared-text-whose-header-says-100-bytes",
        ),
    ],
)
def test_a_workbook_bomb_is_refused_in_one_sentence_under_a_memory_cap(tmp_path, parts, message):
    (tmp_path / "strategies").mkdir()
    shutil.copy(REPO / FILE, tmp_path / FILE)
    bomb = write_zip(tmp_path / "export.xlsx", parts)
    assert bomb.stat().st_size < 4 * 1024 * 1024
    before = (tmp_path / FILE).read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", CAPPED, "import", "export.xlsx", "--into", FILE],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    said = [line for line in result.stderr.splitlines() if not line.startswith("import: ")]  # not its progress
    assert said == ["Error: the export cannot be imported (1 problem)", f"export.xlsx: {message}"], result.stderr[
        -2000:
    ]
    assert (tmp_path / FILE).read_bytes() == before
