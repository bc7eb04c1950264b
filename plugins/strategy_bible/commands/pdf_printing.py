"""Chromium, driven by Playwright, prints an HTML file as an A4 PDF with running headers and footers.

Chromium is the engine the pages are read in, so the paper shows them as the screen does (Material's
CSS, the inline SVG charts); see docs/en/paper.md for why not WeasyPrint. The browser
is Debian's/Ubuntu's/Homebrew's Chromium or Chrome when there is one (``STRATEGY_BIBLE_CHROMIUM``
names another), else Playwright's own (``playwright install chromium``).
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BROWSER_VARIABLE = "STRATEGY_BIBLE_CHROMIUM"
KNOWN_BROWSERS = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
]
ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install one: `apt-get install chromium` (Debian/Ubuntu), `brew install --cask chromium` (macOS) "
    "or `playwright install chromium`, or name it in STRATEGY_BIBLE_CHROMIUM"
)
MARGINS = {"top": "16mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}
RUNNING = '<div style="font-size:8pt;color:#555;width:100%;margin:0 12mm;display:flex;justify-content:space-between">'


class PrintingError(Exception):
    """No PDF can be printed; the message says why and what to do."""


def browser_path() -> str | None:
    """The Chromium to drive: the variable's, else the first one installed; None: Playwright's own."""
    named = os.environ.get(BROWSER_VARIABLE)
    if named:
        if not Path(named).is_file():
            raise PrintingError(f"no browser at {named} ({BROWSER_VARIABLE}); {INSTALL_HINT}")
        return named
    for candidate in KNOWN_BROWSERS:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    return None


class Printer:
    """One browser, open while PDFs are printed (printing twice costs one launch)."""

    def __init__(self, page) -> None:
        self._page = page

    def print(self, document: Path, header: str, footer: str) -> bytes:
        """``document`` as an A4 PDF; ``header`` and ``footer``: plain text on every page, the
        footer followed by "page / pages"."""
        from playwright.sync_api import Error

        try:
            self._page.goto(document.resolve().as_uri(), wait_until="load")
            return self._pdf(header, footer)
        except Error as error:  # one line: its message names the document's path (a share token in publish)
            said = str(error).strip().splitlines()
            raise PrintingError(f"the browser could not print {document.name}: {said[0] if said else error}") from None

    def _pdf(self, header: str, footer: str) -> bytes:
        return self._page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template=f"{RUNNING}<span>{html.escape(header)}</span></div>",
            footer_template=(
                f'{RUNNING}<span>{html.escape(footer)}</span><span><span class="pageNumber"></span>'
                ' / <span class="totalPages"></span></span></div>'
            ),
            margin=MARGINS,
        )


@contextmanager
def printer() -> Iterator[Printer]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PrintingError(
            "printing PDFs needs Playwright: pip install 'strategy-bible[pdf]' (make install does)"
        ) from None
    executable = browser_path()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=ARGUMENTS)
        except Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else "it did not start"
            where = executable or "Playwright's chromium"
            raise PrintingError(f"no browser found ({where}: {first}); {INSTALL_HINT}") from None
        try:
            yield Printer(browser.new_page())
        finally:
            browser.close()
