"""What every browser test reads on a page (its text, its tables) and checks of it (axe, a phone's
width, print)."""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

VERDICT_FR = {
    "success": "Succès",
    "moderate-success": "Succès modéré",
    "moderate-failure": "Échec modéré",
    "failure": "Échec",
    "not-measured": "Non mesuré",
    "too-early": "Trop tôt",
    "no-kpi": "Aucun KPI",
}
"""The verdicts as the French pages write them."""
PHONE = {"width": 390, "height": 844}
NAVIGATION = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer")
TABLE_BOXES = """() => [...document.querySelectorAll('article table')].map(t =>
    ({wide: t.scrollWidth > t.clientWidth + 1, scrolls: ['auto', 'scroll'].includes(getComputedStyle(t).overflowX),
      right: t.getBoundingClientRect().right,
      cards: getComputedStyle(t).display === 'block' && t.tBodies.length > 0
        && getComputedStyle(t.tBodies[0].rows[0] || t).display === 'block'}))"""


def assert_no_serious_violation(page: Page, context: Any = None) -> None:
    """axe finds no serious or critical violation on the page (or in ``context``)."""
    results = Axe().run(page, context=context) if context else Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def at_phone_width(page: Page) -> list[dict[str, Any]]:
    """Resize to a 390 px phone: the page never scrolls sideways. Returns each article table's box
    (``wide``, ``scrolls``, ``right``, ``cards``: its rows shown as cards) for the caller's own checks."""
    page.set_viewport_size(PHONE)
    page.wait_for_function(f"document.documentElement.clientWidth === {PHONE['width']}")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    tables: list[dict[str, Any]] = page.evaluate(TABLE_BOXES)
    assert all(t["right"] <= PHONE["width"] for t in tables), tables
    return tables


def unfolded(page: Page) -> None:
    """Open every folded detail of the page (a KPI's measurements, its decision history): the first
    with a click on its summary, as a reader would, the others as that click does, their ``open``
    set in one call (a click each took 3 s on the example's KPI page, 13 folds)."""
    summaries = page.locator("article details.sb-fold:not([open]) > summary")
    if summaries.count():
        summaries.first.click()
    page.locator("article details.sb-fold:not([open])").evaluate_all("folds => folds.forEach(f => { f.open = true; })")


def printed(page: Page, url: str) -> None:
    """Load ``url`` as printed: the navigation is hidden and no table row is cut across pages."""
    page.emulate_media(media="print")
    page.goto(url)
    for chrome in NAVIGATION:
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    assert_no_row_cut(page)


TABLE_TEXT = """table => ({
    headings: [...table.querySelectorAll('thead th')].map(th => th.innerText),
    rows: [...table.querySelectorAll('tbody tr')].map(row => [...row.querySelectorAll('td')].map(td => td.innerText)),
})"""


def assert_no_row_cut(page: Page) -> None:
    """No table row of the article is cut across printed pages (``break-inside: avoid``), every row
    read in one call to the browser."""
    breaks = page.locator("article table tr").evaluate_all("rows => rows.map(r => getComputedStyle(r).breakInside)")
    assert set(breaks) <= {"avoid"}, breaks


def text(locator: Any) -> str:
    """The visible text, runs of ASCII white space collapsed (no-break spaces are kept: they are
    part of the French number and unit formats under test)."""
    return collapsed(locator.inner_text())


def collapsed(visible: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", visible).strip()


def table_text(table: Any) -> tuple[list[str], list[list[str]]]:
    """A table's column headings and its body rows' cells, each as its visible text (what
    ``inner_text()`` reads), in one call to the browser: a call per cell was most of the time of
    the tests that read tables."""
    read = table.evaluate(TABLE_TEXT)
    return read["headings"], read["rows"]


def records(table: Any) -> list[dict[str, str]]:
    """A table's body rows by column heading, so tests do not depend on the order of the columns."""
    headings, rows = table_text(table)
    return [dict(zip(map(collapsed, headings), map(collapsed, row), strict=True)) for row in rows]
