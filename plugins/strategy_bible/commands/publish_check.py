"""Every strategy file of a publish checked before anything is built, on every core.

What the share table needs of a file is small (its errors, or its client's name and how many
placeholder texts of the starter it still shows): that is all a worker sends back. The readings
themselves can be kept on disk (:class:`~strategy_bible.strategy.kept_readings.KeptReadings`), for
the batches' builds to take instead of reading the files a second time.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from strategy_bible.commands.publish_cache import Checked
from strategy_bible.strategy.files import StrategyFile, read_strategy, signature
from strategy_bible.strategy.kept_readings import KeptReadings
from strategy_bible.strategy.placeholders import placeholders_left
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import for_client


class CheckFailed(Exception):
    """A checking process ended before it said what it found (killed, out of memory)."""


@dataclass(frozen=True)
class FileCheck:
    slug: str
    path: Path
    source: str
    errors: list[Problem]
    found: Checked | None
    """A valid file's client name, source and placeholder texts; None when it has errors."""


def check_files(files: list[tuple[Path, str]], processes: int, kept: KeptReadings | None = None) -> list[FileCheck]:
    """``files`` (path, shown path) checked, in their order, by ``processes`` processes; each valid
    file's reading kept in ``kept`` if given. :class:`CheckFailed` when a process dies: a file that
    cannot be read is an error of that file, never that."""
    if processes < 2 or len(files) < 2:
        return [_check(file, kept) for file in files]
    workers = min(processes, len(files))
    # fork: a worker starts in a few milliseconds, with everything already imported.
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(1, len(files) // (workers * 8))
            return list(pool.map(_check, files, [kept] * len(files), chunksize=chunk))
    except BrokenProcessPool:
        raise CheckFailed("a process checking the strategy files ended abruptly (out of memory?)") from None


def _check(file: tuple[Path, str], kept: KeptReadings | None) -> FileCheck:
    path, source = file
    read_as = signature(path)  # before reading: an edit made while it is read shows as a change
    entry = read_strategy(path, source)
    if entry.validated is None:
        return FileCheck(entry.slug, path, source, entry.errors, None)
    if kept is not None:
        kept.keep(path, read_as, entry)
    name = entry.validated.strategy.client.name
    return FileCheck(entry.slug, path, source, [], Checked(name, source, placeholders(entry)))


def placeholders(entry: StrategyFile) -> int:
    """How many of a starter's placeholder texts a client's pages would show."""
    assert entry.validated is not None
    return sum(1 for _ in placeholders_left(for_client(entry.validated.strategy)))
