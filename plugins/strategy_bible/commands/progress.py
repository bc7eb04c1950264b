"""Progress of a long command (``publish``, ``import``): a bar on a terminal, one plain line per step
otherwise, so that a CI log shows where the command is and a bar's redraws never clutter it.

A command reports ``(done, total, step)``; the step is a short text naming counts and stages only,
never a client (a publish log may be read by others)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

Report = Callable[[int, int, str], None]
"""``report(done, total, step)``: ``done`` of ``total`` units are finished; ``step`` says what was done."""


def silent(done: int, total: int, step: str) -> None:
    """The report of a caller that wants none."""


@contextmanager
def reported(label: str, stream: TextIO | None = None) -> Iterator[Report]:
    """A report for ``label``'s steps, on ``stream`` (default: standard error)."""
    stream = stream or sys.stderr
    if not stream.isatty():

        def line(done: int, total: int, step: str) -> None:
            click.echo(f"{label}: {step} ({done}/{total})", file=stream)

        yield line
        return
    bars: list[Any] = []  # the bar starts at the first report, when the total is known

    def advance(done: int, total: int, step: str) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=stream))
            bars[0].__enter__()
        bar = bars[0]
        bar.label = f"{label}: {step}"
        bar.update(done - bar.pos)

    try:
        yield advance
    finally:
        if bars:
            bars[0].__exit__(None, None, None)
