"""A browser that fails while printing is a one-line refusal, never a traceback (publish --pdf
redacts that line: a published folder's path holds its share token)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error

from strategy_bible.commands.pdf_printing import Printer, PrintingError


class CrashingPage:
    def goto(self, url: str, **options) -> None:
        raise Error(f"net::ERR_ABORTED at {url}\nCall log:\n  - navigating to {url}")


def test_a_failing_print_is_one_line(tmp_path: Path):
    with pytest.raises(PrintingError) as refused:
        Printer(CrashingPage()).print(tmp_path / "document.html", "header", "footer")
    said = str(refused.value)
    assert "\n" not in said
    assert said.startswith("the browser could not print document.html: net::ERR_ABORTED")
