"""Layout (issue 21): on every generated page — the examples' client and internal builds, and an
agency-size client (benchmarks/generate.py: 30 KPIs, 30 actions, 10 events) — no table is wider
than its box at 1280 px, and at 390 px every figure is inside the screen: no sideways scroll of the
page, every table cell and chart within the viewport (wide tables show their rows as cards).

Each page is loaded once and seen at both widths: the module stays fast."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from page_checks import assert_no_serious_violation
from support import REPO, build, make_project, serve_directory

if str(REPO) not in sys.path:  # benchmarks/ sits at the top of the repository, beside tests/
    sys.path.insert(0, str(REPO))

from benchmarks.generate import strategy_yaml

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SITES = ("example_site", "internal_site", "agency_size_site")

WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll('article .md-typeset__scrollwrap, article table, article td')]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `${box.className || box.tagName} ${box.dataset.label || (box.querySelector('th') || {}).textContent}:
        ${box.scrollWidth} px in ${box.clientWidth} px`)"""
"""Each table's box (Material's scroll wrapper, the table itself) and each cell whose content is wider
than it: a figure spilling over the next column is as unreadable as one behind a scroll."""

OUTSIDE_THE_SCREEN = """() => {
    const width = document.documentElement.clientWidth, out = [];
    if (document.documentElement.scrollWidth > width)
        out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
    for (const figure of document.querySelectorAll('article td, article th, article .sb-chart')) {
        const head = figure.closest('thead');
        if (head && head.getBoundingClientRect().width <= 1) continue;  // headings only for screen readers
        const box = figure.getBoundingClientRect();
        if (box.width && (box.left < -0.5 || box.right > width + 0.5))
            out.push(`${Math.round(box.left)}..${Math.round(box.right)} px: "${figure.textContent.trim().slice(0, 40)}"`);
    }
    return out;
}"""
"""What holds a figure (table cells, charts) and lies outside a screen as wide as the page."""


@pytest.fixture(scope="module")
def agency_size_site(tmp_path_factory) -> Path:
    """One synthetic client of an agency's size, built once for this module."""
    project = make_project(tmp_path_factory.mktemp("agency-size"), {"client-0007": strategy_yaml(7)})
    return build(project)


@pytest.fixture(scope="module", params=SITES)
def site(request) -> Iterator[tuple[str, list[str]]]:
    """A built site served on localhost, and the addresses of its generated pages (every page but
    those written by hand in the docs folder, and the theme's 404)."""
    folder: Path = request.getfixturevalue(request.param)
    written = {p.with_suffix("").as_posix() for p in (REPO / "pages").rglob("*.md")}
    pages = sorted(
        "" if f.parent == folder else f"{f.parent.relative_to(folder).as_posix()}/"
        for f in folder.rglob("index.html")
        if f.parent.relative_to(folder).as_posix() not in written
    )
    assert len(pages) > 5, pages
    with serve_directory(folder) as url:
        yield url, pages


def reader(browser: Browser, **device) -> Iterator[Page]:
    """One page for every visit. The search index, which the theme fetches on every page, plays no
    part in the layout: left out, the visits are quicker."""
    context = browser.new_context(**device)
    context.route("**/search/search_index.json", lambda route: route.abort())
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def visitor(browser: Browser) -> Iterator[Page]:
    yield from reader(browser, viewport=DESKTOP)


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    yield from reader(browser, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def findings(visitor: Page, site) -> dict[int, dict[str, list[str]]]:
    """What is wrong with each generated page, by width. Each page is loaded once and seen at both
    widths (the window resized in between), the width it was left at first: half the visits."""
    url, pages = site
    found: dict[int, dict[str, list[str]]] = {DESKTOP["width"]: {}, PHONE["width"]: {}}
    checks = {DESKTOP["width"]: WIDER_THAN_THEIR_BOX, PHONE["width"]: OUTSIDE_THE_SCREEN}
    for address in pages:
        visitor.goto(url + address, wait_until="domcontentloaded")
        first = visitor.viewport_size["width"]
        for size in sorted((DESKTOP, PHONE), key=lambda s: s["width"] != first):
            visitor.set_viewport_size(size)
            visitor.wait_for_function("width => document.documentElement.clientWidth === width", arg=size["width"])
            if result := visitor.evaluate(checks[size["width"]]):
                found[size["width"]][address or "(home)"] = result
    return found


def test_no_table_is_wider_than_its_box_at_1280_px(findings):
    """Posts (engagement and click rates), events (fill and show-up rates), the KPI summary
    (objective, cost per result), means (what each line funds), the editorial calendar (action,
    status), reviews and the agency home: every column in view without a sideways scroll."""
    assert findings[DESKTOP["width"]] == {}


def test_every_figure_is_inside_a_390_px_phone(findings):
    assert findings[PHONE["width"]] == {}


def test_a_wide_table_on_a_phone_labels_every_figure_with_its_column(phone: Page, example_url):
    """A card says what each figure is: the label is the column's heading, shown before the value."""
    phone.goto(f"{example_url}clients/brasserie-du-canal/posts/")
    table = phone.locator("#_posts ~ .md-typeset__scrollwrap table").first
    headings = [th.text_content().strip() for th in table.locator("thead th").all()]
    cell = table.locator("tbody tr").first.locator("td").nth(4)
    assert cell.get_attribute("data-label") == headings[4] == "Taux de clic"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Taux de clic"'
    assert table.locator("thead").evaluate("head => head.getBoundingClientRect().width") <= 1
    assert_no_serious_violation(phone)  # the cards keep the page accessible


def test_the_kpi_page_leads_with_its_summary_and_folds_the_detail(visitor: Page, example_url):
    """The KPI page of 9 KPIs was 10,700 px tall: each KPI's measurements and decision history are
    one click further (closed <details>), and a click opens them."""
    visitor.set_viewport_size(DESKTOP)
    visitor.goto(f"{example_url}clients/brasserie-du-canal/kpis/")
    folds = visitor.locator("article details.sb-fold")
    assert folds.count() >= 9
    assert all(not fold.evaluate("d => d.open") for fold in folds.all())
    first = visitor.locator("article details.sb-measurements").first
    assert not first.locator("table").is_visible()
    first.locator("summary").click()
    assert first.locator("table").is_visible()
    height = visitor.evaluate("document.documentElement.scrollHeight")
    assert height < 8500, height
