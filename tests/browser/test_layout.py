"""Layout (issue 21) and print (issue 22): on every generated page — the examples' client and
internal builds, and an agency-size client (benchmarks/generate.py: 30 KPIs, 30 actions, 10
events) — no table is wider than its box at 1280 px; at 390 px every figure is inside the screen:
no sideways scroll of the page, every table cell and chart within the viewport (wide tables show
their rows as cards); laid out as printed on A4, every table and chart is inside the page.

Each page is loaded once, printed, then seen at both widths: the module stays fast. The KPI page
as a PDF: tests/browser/test_print.py."""

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
PAPER = {"width": 680, "height": 1000}
"""A4's 210 mm less print.css's margins of 15 mm each side: 180 mm, 680 CSS pixels, print media."""
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

CUT_ON_PAPER = """() => {
    const width = document.documentElement.clientWidth, out = [];
    const menu = document.querySelector('.md-sidebar--primary'), shown = menu.getBoundingClientRect();
    if (shown.width && shown.height && getComputedStyle(menu).visibility !== 'hidden')
        out.push('not laid out as printed: the menu shows');
    for (const box of document.querySelectorAll('article .md-typeset__scrollwrap, article table'))
        if (box.scrollWidth > box.clientWidth + 1)
            out.push(`${box.className || box.tagName}: ${box.scrollWidth} px in ${box.clientWidth} px, first heading
                "${(box.querySelector('th') || {}).textContent}"`);
    for (const figure of document.querySelectorAll('article :is(table, th, td, .sb-chart, figure, svg)')) {
        const box = figure.getBoundingClientRect();
        if (box.width && (box.left < -0.5 || box.right > width + 0.5))
            out.push(`${figure.tagName} at ${Math.round(box.left)}..${Math.round(box.right)} px:
                "${figure.textContent.trim().slice(0, 40)}"`);
    }
    return out;
}"""
"""Each table whose content is wider than its box (a scroll box cannot scroll on paper), and each
table, cell or chart reaching past the printable width."""


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
    """What is wrong with each generated page, by width. Each page is loaded once, laid out as
    printed, then seen on a screen at both widths (the window resized in between): a third of the
    visits."""
    url, pages = site
    found: dict[int, dict[str, list[str]]] = {DESKTOP["width"]: {}, PHONE["width"]: {}, PAPER["width"]: {}}
    checks = {DESKTOP["width"]: WIDER_THAN_THEIR_BOX, PHONE["width"]: OUTSIDE_THE_SCREEN, PAPER["width"]: CUT_ON_PAPER}
    for address in pages:
        visitor.emulate_media(media="print")
        visitor.set_viewport_size(PAPER)
        visitor.goto(url + address, wait_until="domcontentloaded")
        for size in (PAPER, PHONE, DESKTOP):
            visitor.emulate_media(media="print" if size is PAPER else "screen")
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


def test_no_table_or_chart_is_wider_than_an_a4_page(findings):
    """Posts lost their interactions and rates, events their rates, the KPI summary its target and
    cost per result, the calendar half its pillar, means their hours: every column now fits."""
    assert findings[PAPER["width"]] == {}


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
