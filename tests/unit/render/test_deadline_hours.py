"""Deadlines in hours written the reader's way (moderation and crisis plan)."""

from __future__ import annotations

import pytest

from strategy_bible.render.formatting import Formatter, parse_locale


@pytest.mark.parametrize(
    ("language", "hours", "written"),
    [
        ("fr", 1, "1 heure"),
        ("fr", 4, "4 heures"),
        ("fr", 1.5, "1,5 heure"),
        ("fr", 0.5, "30 minutes"),
        ("en", 1, "1 hour"),
        ("en", 24, "24 hours"),
        ("en", 0.25, "15 minutes"),
        ("en", None, "—"),
    ],
)
def test_a_deadline_is_written_in_hours_or_minutes(language, hours, written):
    assert Formatter(parse_locale(language)).hours(hours).replace("\u00a0", " ") == written
