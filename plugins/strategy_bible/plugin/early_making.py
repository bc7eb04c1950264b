"""``mkdocs serve``: an edited client's files are made from the moment its file is saved, not
from when MkDocs' rebuild reaches the plugin.

After a save, MkDocs waits 0.1 s for more changes, loads its configuration, lists the theme's
files and the docs folder, and only then hands the plugin the site's files (``on_files``): a third
of a second in which the edited client could be made already, on the other core. So the serve's
watch (serve_watch) says at once which strategy file was saved, and two worker processes kept
for the whole serve read it and make its client's files, one the KPI page (about half of the
work), the other every other page and the downloads, each with its search entries.

The rebuild takes what they made only if nothing it is made from changed in between: the file
(its signature as they read it, and as the rebuild finds it), the settings, templates, site plan
and day (:class:`~.build_state.MadeFrom`), and the workers' settings. Otherwise it reads and makes
the client itself, as it would without them: a save during a rebuild, or a settings change, costs
time, never a stale page.
"""

from __future__ import annotations

import contextlib
import pickle
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from strategy_bible.plugin.build_state import Build, MadeFrom
from strategy_bible.plugin.workers import MIN_CLIENTS, Early, MakeSettings, WorkerPool, worker_count
from strategy_bible.render.client_files import ClientFiles, Half, joined
from strategy_bible.strategy.files import Signature, StrategyFile, shown_source, signature

HALVES: tuple[Half, ...] = ("kpis", "rest")
MAX_STARTED = 4
"""Files made ahead at most at once: a checkout that changes every file is left to the rebuild."""


def start(build: Build) -> EarlyMaking | None:
    """Two worker processes for the whole serve (or as many as ``workers`` says, at most two);
    none on one core or with ``workers: 0``."""
    processes = min(len(HALVES), worker_count(build.settings.workers, MIN_CLIENTS))
    return EarlyMaking(WorkerPool(build.making, processes, urgent=True)) if processes else None


@dataclass
class _Started:
    signature: Signature
    made_from: MadeFrom
    halves: list[Future[Early]]
    reading: StrategyFile | None = None
    """The file as read by the workers, once the rebuild has taken it."""


class EarlyMaking:
    """The files made ahead since the last rebuild, by strategy file."""

    def __init__(self, pool: WorkerPool):
        self.pool = pool
        self._started: dict[Path, _Started] = {}
        self._lock = threading.Lock()

    def saved(self, path: Path, build: Build | None) -> None:
        """``path`` was saved (called from the watch's thread): its client's files are set going,
        with what ``build`` (the last one) was made from."""
        if build is None or not build.serving or build.making != self.pool.settings:
            return  # the workers make pages with the settings they started with
        if not self.pool.ready():
            return  # still starting: the rebuild is sooner done without them
        settings = build.settings
        if settings.clients and path.stem not in settings.clients:
            return  # a client out of focus: not in this site
        now = signature(path)
        with self._lock:
            started = self._started.get(path)
            if started is not None and started.signature == now:
                return  # one save makes several events
            if len(self._started) >= MAX_STARTED:
                return
            made_from = MadeFrom.now(build.renderer, settings, build.plan, build.html_style)
            source = shown_source(path, settings.project)
            halves = [self.pool.make_early(path, source, build.plan, half) for half in HALVES]
            self._started[path] = _Started(now, made_from, halves)

    def reading(self, path: Path) -> StrategyFile | None:
        """The file as the workers read it, if it has not changed since (waits for them)."""
        with self._lock:
            started = self._started.get(path)
        if started is None:
            return None
        done = _results(started)
        if done is None or any(early.signature != signature(path) for early in done):
            self._forget(path)
            return None
        started.reading = pickle.loads(done[0].reading)
        return started.reading

    def made(
        self, strategy_file: StrategyFile, made_from: MadeFrom, making: MakeSettings
    ) -> Future[ClientFiles] | None:
        """The client's files made ahead, if made from this very reading, settings and plan."""
        started = self._forget(strategy_file.path)
        if started is None or started.reading is not strategy_file:
            return None
        if started.made_from != made_from or making != self.pool.settings:
            return None
        done = _results(started)
        if done is None or any(early.made is None for early in done):
            return None
        files: Future[ClientFiles] = Future()
        files.set_result(joined([early.made for early in done if early.made is not None]))
        return files

    def settle(self) -> None:
        """A rebuild is over: what it took and did not use, and what was made of a file changed
        again or gone since, are dropped; a file saved during the rebuild stays for the next."""
        with self._lock:
            self._started = {
                path: started
                for path, started in self._started.items()
                if started.reading is None and started.signature == signature(path)
            }

    def close(self) -> None:
        self.pool.close()

    def _forget(self, path: Path) -> _Started | None:
        with self._lock:
            return self._started.pop(path, None)


def _results(started: _Started) -> list[Early] | None:
    """Both halves, or None when a worker failed (ended abruptly): the rebuild does it itself."""
    with contextlib.suppress(Exception):
        return [half.result() for half in started.halves]
    return None
