"""Print (issue 22): on A4 paper nothing is cut. The KPI page printed to a PDF keeps every column
heading of its tables, takes fewer sheets than it did (14 before print.css), and names its client,
its as-of date and the page number on every sheet. Every generated page laid out as printed keeps
each table and chart inside the page: tests/browser/test_every_page.py, whose walk over every page
sees it printed too (one visit a page for every check)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

KPIS = "clients/brasserie-du-canal/kpis/"
HEADING_ROWS = """() => [...document.querySelectorAll('article table')]
    .map(table => [...table.querySelectorAll('thead th')].map(th => th.textContent.trim().replace(/\\s+/g, ' '))
    .join(' '))"""


def test_the_kpi_page_as_a_pdf_keeps_every_column_and_names_each_sheet(page: Page, example_url):
    page.goto(example_url + KPIS)
    heading_rows = page.evaluate(HEADING_ROWS)
    # "KPI · Brasserie du Canal Chiffres au …": the browser tab's title, the as-of line under the heading
    running_head = f"{page.title()} {page.locator('article .sb-as-of').inner_text()}"
    assert "KPI Verdict Avancement Dernière mesure Cible Coût par résultat" in heading_rows
    page.emulate_media(media="print")
    sheets = [" ".join(sheet.extract_text().split()) for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]

    # A table's heading row is read whole on a sheet: a column cut at the page's edge would be missing.
    assert [row for row in heading_rows if not any(row in sheet for sheet in sheets)] == []
    assert len(sheets) <= 10, len(sheets)  # 9 KPIs: 14 sheets before print.css (12 when the issue was filed)
    for number, sheet in enumerate(sheets, start=1):
        assert sheet.startswith(running_head), (running_head, sheet[:80])
        assert f"{number} / {len(sheets)}" in sheet
