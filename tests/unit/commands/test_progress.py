"""A long command's progress: a bar on a terminal, one plain line per step in a log."""

from __future__ import annotations

import io

from strategy_bible.commands.progress import reported


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_plain_line_per_step():
    log = io.StringIO()
    with reported("publish", log) as progress:
        progress(20, 40, "built 20 of 40 client sites")
        progress(40, 40, "built 40 of 40 client sites")
    assert log.getvalue().splitlines() == [
        "publish: built 20 of 40 client sites (20/40)",
        "publish: built 40 of 40 client sites (40/40)",
    ]


def test_a_terminal_gets_a_bar_that_ends_full():
    terminal = Terminal()
    with reported("publish", terminal) as progress:
        progress(20, 40, "built 20 of 40 client sites")
        progress(40, 40, "built 40 of 40 client sites")
    drawn = terminal.getvalue()
    assert "\r" in drawn and "#" in drawn  # redrawn in place, not a line per step
    assert "publish: built 40 of 40 client sites" in drawn and "100%" in drawn
    assert "(20/40)" not in drawn


def test_no_step_no_bar():
    terminal = Terminal()
    with reported("publish", terminal):
        pass
    assert terminal.getvalue() == ""
