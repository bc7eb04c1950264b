"""Every page of the examples' client and internal builds and of an agency-size client
(benchmarks/generate.py: 30 KPIs, 30 actions, 10 events), walked from the home page by its links:
no console error and no broken internal link (issue 21); on every generated page, no table is wider
than its box at 1280 px; at 390 px every figure is inside the screen: no sideways scroll of the
page, every table cell and chart within the viewport (wide tables show their rows as cards); laid
out as printed on A4 (issue 22), every table and chart is inside the page.

One walk per site: each page is loaded once, as a visitor on a 1280 px screen sees it, then seen at
390 px and laid out as printed (the window resized in between); the four tests read what it found.
The KPI page as a PDF: tests/browser/test_print.py; one wide table's cards: test_layout.py."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page

from support import REPO, build, make_project, serve_directory

if str(REPO) not in sys.path:  # benchmarks/ sits at the top of the repository, beside tests/
    sys.path.insert(0, str(REPO))

from benchmarks.generate import strategy_yaml

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PAPER = {"width": 680, "height": 1000}
"""A4's 210 mm less print.css's margins of 15 mm each side: 180 mm, 680 CSS pixels, print media."""
SITES = ("example", "internal", "agency_size")

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

IDS_AND_LINKS = """() => [[...document.querySelectorAll('[id]')].map(e => e.id),
    [...document.querySelectorAll('a[href]')].map(e => e.href)]"""
"""A page's ids (the anchors a link may name) and the address of each of its links, in one call."""

LAYOUT_CHECKS = (
    (DESKTOP, "screen", WIDER_THAN_THEIR_BOX),
    (PHONE, "screen", OUTSIDE_THE_SCREEN),
    (PAPER, "print", CUT_ON_PAPER),
)
"""In the order a visit goes through them: the page is loaded on the desktop screen."""


@dataclass
class Walk:
    """What the walk of one site found: each page's ids (the anchors a link may name), every link to
    the site, the pages that did not answer 200, the site's pages no link led to, the console's
    errors, what is wrong with each generated page's layout, by width, and the broken links."""

    ids_of: dict[str, set[str]] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    unreached: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    layout: dict[int, dict[str, list[str]]] = field(
        default_factory=lambda: {size["width"]: {} for size, *_ in LAYOUT_CHECKS}
    )
    broken: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def agency_size_site(tmp_path_factory) -> Path:
    """One synthetic client of an agency's size, built once for this module."""
    return build(make_project(tmp_path_factory.mktemp("agency-size"), {"client-0007": strategy_yaml(7)}))


@pytest.fixture(scope="module")
def agency_size_url(agency_size_site: Path) -> Iterator[str]:
    with serve_directory(agency_size_site) as url:
        yield url


@pytest.fixture(scope="module")
def visitor(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module", params=SITES)
def walk(request, visitor: Page) -> Walk:
    return walk_site(
        visitor, request.getfixturevalue(f"{request.param}_site"), request.getfixturevalue(f"{request.param}_url")
    )


def walk_site(visitor: Page, folder: Path, base: str) -> Walk:
    """Every page of a built site (in ``folder``, served at ``base``) that a link leads to from its
    home, each loaded once, and any generated page no link leads to."""
    found = Walk()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.console_errors.append(message.text)

    def uncaught(error: Error) -> None:
        found.console_errors.append(str(error))

    visitor.on("console", console)
    visitor.on("pageerror", uncaught)
    generated = generated_pages(folder)
    every_page = {f"{p.parent.relative_to(folder).as_posix()}/".removeprefix("./") for p in folder.rglob("index.html")}
    queue, seen = deque([base]), {base}
    while queue:
        url = queue.popleft()
        for target in visit(visitor, url, base, found, laid_out=url[len(base) :] in generated):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    found.unreached = sorted(every_page - {url[len(base) :] for url in seen})
    for address in sorted(generated.intersection(found.unreached)):
        visit(visitor, base + address, base, found, laid_out=True)
    visitor.remove_listener("console", console)
    visitor.remove_listener("pageerror", uncaught)
    for source, href in found.links:
        target, fragment = urldefrag(href)
        if target not in found.ids_of:
            status = visitor.request.get(target).status
            if status != 200:
                found.broken.append(f"{source} → {href} ({status})")
        elif fragment and fragment not in found.ids_of[target]:
            found.broken.append(f"{source} → {href} (no such anchor)")
    return found


def generated_pages(folder: Path) -> set[str]:
    """The addresses of a site's generated pages: every page but those written by hand in the docs
    folder, and the theme's 404."""
    written = {p.with_suffix("").as_posix() for p in (REPO / "pages").rglob("*.md")}
    pages = {
        "" if f.parent == folder else f"{f.parent.relative_to(folder).as_posix()}/"
        for f in folder.rglob("index.html")
        if f.parent.relative_to(folder).as_posix() not in written
    }
    assert len(pages) > 5, pages
    return pages


def visit(visitor: Page, url: str, base: str, found: Walk, *, laid_out: bool) -> list[str]:
    """Load a page on the desktop screen and note its ids and links; a generated page is then seen at
    each width (``laid_out``). Returns the pages of the site it links to, to visit next."""
    if visitor.viewport_size != DESKTOP:  # the last page was laid out at each width
        visitor.emulate_media(media="screen")
        visitor.set_viewport_size(DESKTOP)
    response = visitor.goto(url)
    if response is None or response.status != 200:
        found.not_found.append(f"{url} ({response and response.status})")
        return []
    ids, hrefs = visitor.evaluate(IDS_AND_LINKS)
    found.ids_of[url] = set(ids)
    targets = []
    for href in hrefs:
        target, _ = urldefrag(href)
        if urlparse(target).netloc != urlparse(base).netloc or target.endswith((".xml", ".gz", ".json")):
            continue
        found.links.append((url, href))
        downloads = target.endswith((".csv", ".ics"))  # checked over HTTP: a browser saves them
        if not downloads and not urlparse(target).path.startswith("/assets/"):
            targets.append(target)
    if laid_out:
        for size, media, check in LAYOUT_CHECKS:
            if visitor.viewport_size != size:  # the page is loaded on the desktop screen: seen as it is
                visitor.emulate_media(media=media)
                visitor.set_viewport_size(size)
                visitor.wait_for_function("width => document.documentElement.clientWidth === width", arg=size["width"])
            if result := visitor.evaluate(check):
                found.layout[size["width"]][url[len(base) :] or "(home)"] = result
    return targets


def test_no_console_error_and_no_broken_internal_link(walk: Walk):
    assert walk.not_found == []
    assert walk.unreached == []  # the walk saw every page of the site
    assert walk.broken == []
    assert walk.console_errors == []


def test_no_table_is_wider_than_its_box_at_1280_px(walk: Walk):
    """Posts (engagement and click rates), events (fill and show-up rates), the KPI summary
    (objective, cost per result), means (what each line funds), the editorial calendar (action,
    status), reviews and the agency home: every column in view without a sideways scroll."""
    assert walk.layout[DESKTOP["width"]] == {}


def test_every_figure_is_inside_a_390_px_phone(walk: Walk):
    assert walk.layout[PHONE["width"]] == {}


def test_no_table_or_chart_is_wider_than_an_a4_page(walk: Walk):
    """Posts lost their interactions and rates, events their rates, the KPI summary its target and
    cost per result, the calendar half its pillar, means their hours: every column now fits."""
    assert walk.layout[PAPER["width"]] == {}
