"""Issue 23, item 12: `strategy-bible validate` shows every error of a file at once: a date that
does not exist or a duplicate key no longer hides the others; the date says why it does not exist;
items are named by id; an indentation mistake gets an indentation hint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import FIXTURES

WHOLE = FIXTURES / "valid" / "whole-bible.yml"
FILE = "strategies/acme.yml"


def validate(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "strategies").mkdir(exist_ok=True)
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", "validate", FILE],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if ": warning: " not in line]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_bad_date_and_a_duplicate_key_hide_no_other_error(tmp_path):
    text = WHOLE.read_text(encoding="utf-8")
    text = text.replace("    date: 2026-04-05\n", "    date: 2027-02-30\n", 1)
    text = text.replace("  - id: local-notoriety\n", "  - id: local-notoriety\n    title: Twice\n", 1)
    text = text.replace("    capacity: 40\n", "    capacity: -4\n", 1)
    text = text.replace("    format: reel\n", "    format: reels\n", 1)
    errors = validate(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, '    title: Twice') + 1}:5: objectives[local-notoriety].title: duplicate key 'title' "
        f"(already given at line {line_of(text, '    title: Twice')}, column 5); keep one",
        f"{FILE}:{line_of(text, '    capacity: -4')}:15: events[afterwork-november].capacity: expected 0 or more, got -4",
        f"{FILE}:{line_of(text, '    format: reels')}:13: posts[#1].format: 'reels' is not allowed; "
        "use post, carousel, reel, story, video, live, article, newsletter or other (did you mean 'reel'?)",
        f'{FILE}:{line_of(text, "2027-02-30")}:11: reviews[review-2026-q1].date: "2027-02-30" is not a date: '
        "February 2027 has 28 days",
    ]


def test_a_month_that_does_not_exist_says_so(tmp_path):
    text = WHOLE.read_text(encoding="utf-8").replace("    date: 2026-04-05\n", "    date: 2026-13-05\n", 1)
    [error] = validate(tmp_path, text)
    assert error.endswith(
        'reviews[review-2026-q1].date: "2026-13-05" is not a date: there is no month 13; months go from 01 to 12'
    )


def test_an_indentation_mistake_gets_an_indentation_hint(tmp_path):
    deeper = "client:\n  name: Acme\n   sector: Bakery\nperiod: {start: 2026-01-01, end: 2026-12-31}\n"
    [error] = validate(tmp_path, deeper)
    assert "Line 3 is indented by 3 spaces, more than the line above (2), which opens no block" in error
    assert "quotes" not in error
    shallower = "client:\n  name: Acme\nperiod:\n  start: 2026-01-01\n end: 2026-12-31\n"
    [error] = validate(tmp_path, shallower)
    assert "Line 5 is indented by 1 space, a depth no line above has (0, 2): indent 'end'" in error
    assert "quotes" not in error
