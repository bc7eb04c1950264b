"""Reading and rendering clients in worker processes, while MkDocs works on the pages.

MkDocs builds a site in one process, one page after the other. With many clients the plugin's
own work — reading, validating and rendering every strategy — would come on top of that. Worker
processes (one per core) take it: they read and validate the files first (the build waits for
that, since the navigation needs each client's name and pages), then render each client's pages
and downloads while MkDocs turns the first ones into HTML. MkDocs only waits when it reaches a
client whose pages are not made yet, which on two cores is almost never.

The workers run at a lower priority than MkDocs' process: the pages it is waiting for come first.
Each worker starts a fresh interpreter (``spawn``), safe in ``mkdocs serve``'s threads too.
Strategies travel between processes pickled, once each way.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from strategy_bible.analysis.clock import build_time
from strategy_bible.analysis.reviews import with_review_warnings
from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin import page_search
from strategy_bible.render.client_files import ClientFiles, Half, make_client_files
from strategy_bible.render.client_view import ClientView, with_computed_kpis
from strategy_bible.render.html_pages import HtmlStyle
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.files import Signature, StrategyFile, read_strategies, read_strategy, signature
from strategy_bible.strategy.visibility import Readership, visible_to

AHEAD = 4
"""Clients each worker makes ahead of MkDocs. More would only hold their pages in memory longer:
MkDocs takes several times longer over a client's pages than a worker takes to make them."""
MIN_CLIENTS = 8
"""Below this many clients to read or render, starting worker processes (about 0.3 s) is not
worth it: the plugin works in MkDocs' process, unless the ``workers`` setting asks otherwise."""
NICENESS = 10
PARENT_CHECK_SECONDS = 0.5
"""How often a worker looks whether MkDocs' process is still there (see _end_with)."""


@dataclass(frozen=True)
class MakeSettings:
    """Everything a client's files are made from, besides its strategy and the site plan."""

    language: str | None
    templates_dir: Path | None
    audience: Readership
    thresholds: Thresholds
    timezone: str
    project: Path
    html_style: HtmlStyle | None = None
    """The site's, to make pages as HTML (see render.html_pages); None: every page as Markdown."""

    def view(self, strategy_file: StrategyFile) -> ClientView:
        """The audience filter runs first: the view gets only what this build's readers may see, and
        KPIs computed from posts are measured from those posts only."""
        validated = strategy_file.validated
        assert validated is not None, "only a valid file has a view"
        warnings = with_review_warnings(validated, self.thresholds)
        visible = visible_to(self.audience, validated.strategy, warnings)
        language = validated.strategy.client.language or self.language
        visible = with_computed_kpis(visible, language, build_time().date())
        return ClientView(strategy_file.slug, strategy_file.source, visible, self.thresholds)


def worker_count(setting: int | None, clients: int) -> int:
    """Worker processes for ``clients`` clients to read or render: the ``workers`` setting, or
    one per core when there are enough clients to pay for starting them (none on one core)."""
    if setting is not None:
        return setting
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if cores > 1 and clients >= MIN_CLIENTS else 0


class InProcess:
    """Reads and renders in MkDocs' own process, one client after the other, at once.
    ``renderer_for``: the renderer of a client's language (``client.language``; None: the site's)."""

    def __init__(self, settings: MakeSettings, renderer_for: Callable[[str | None], Renderer]):
        self.settings, self.renderer_for = settings, renderer_for

    def read(self, files: list[tuple[Path, str]]) -> list[StrategyFile]:
        return read_strategies(files)

    def make(self, strategy_file: StrategyFile, view: ClientView, plan: SitePlan) -> Future[ClientFiles]:
        made: Future[ClientFiles] = Future()
        renderer = self.renderer_for(view.strategy.client.language)
        settings = self.settings
        files = make_client_files(renderer, view, plan, settings.timezone, settings.project, settings.html_style)
        made.set_result(page_search.with_entries(files, settings.html_style))
        return made


class WorkerPool:
    """Reads and renders in worker processes; :meth:`make` returns before the files are made."""

    def __init__(self, settings: MakeSettings, processes: int, urgent: bool = False):
        """``urgent``: ``serve``'s pool, whose work is an edit someone is waiting to see: each
        worker compiles every template first, and keeps MkDocs' priority."""
        self.settings = settings
        self._executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings, os.getpid(), urgent),
        )
        # Start them all now (the executor starts one per waiting task).
        self._started = [self._executor.submit(_ready) for _ in range(processes)]
        self._pickled: dict[Path, bytes] = {}
        """Each strategy read by a worker, as it came back: sent as is to the worker that renders it."""
        self._queue: deque[_Making] = deque()
        self._ahead, self._limit = 0, AHEAD * processes
        self._lock = threading.Lock()

    def read(self, files: list[tuple[Path, str]]) -> list[StrategyFile]:
        reading = [self._executor.submit(_read, path, source) for path, source in files]
        found = []
        for (path, _), done in zip(files, reading, strict=False):
            pickled = done.result()
            strategy_file = pickle.loads(pickled)
            if strategy_file.valid:
                self._pickled[path] = pickled
            found.append(strategy_file)
        return found

    def ready(self) -> bool:
        """Whether the workers have started (and, ``urgent``, compiled the templates)."""
        return all(started.done() for started in self._started)

    def make_early(self, path: Path, source: str, plan: SitePlan, half: Half) -> Future[Early]:
        """Read a file and make half of its client's files at once, ahead of any build (see
        plugin.early_making)."""
        return self._executor.submit(_make_early, path, source, plan, half)

    def make(self, strategy_file: StrategyFile, view: ClientView, plan: SitePlan) -> _Making:
        """Queued, and sent to a worker when there is room ahead of MkDocs (or when asked for).
        ``view`` is the strategy as this process sees it; the worker makes its own from the file."""
        pickled = self._pickled.pop(strategy_file.path, None) or pickle.dumps(strategy_file, pickle.HIGHEST_PROTOCOL)
        making = _Making(self, pickled, plan)
        self._queue.append(making)
        self._send()
        return making

    def _send(self, first: _Making | None = None) -> None:
        with self._lock:
            if first is not None and first.future is None:  # asked for out of turn: it goes now
                self._queue.remove(first)
                self._submit(first)
            while self._queue and self._ahead < self._limit:
                self._submit(self._queue.popleft())

    def _submit(self, making: _Making) -> None:
        assert making.pickled is not None, "each client is sent once"
        self._ahead += 1
        making.future = self._executor.submit(_make, making.pickled, making.plan)
        making.pickled = None  # the worker has its copy

    def _taken(self) -> None:
        with self._lock:
            self._ahead -= 1
        self._send()

    def close(self) -> None:
        self._pickled.clear()
        self._queue.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)


class _Making:
    """One client's files, queued or being made by a worker, or made."""

    def __init__(self, pool: WorkerPool, pickled: bytes, plan: SitePlan):
        self.pool: WorkerPool | None = pool
        self.pickled: bytes | None = pickled
        self.plan = plan
        self.future: Future[ClientFiles] | None = None
        self._made: ClientFiles | None = None

    def result(self) -> ClientFiles:
        """Waits for the files; the first call lets the pool send another client to a worker."""
        if self.pool is not None:
            pool, self.pool = self.pool, None  # a made client outlives its build in `serve`; its pool does not
            pool._send(first=self)
            try:
                self._made = self._sent().result()
            finally:
                pool._taken()
        return self._made if self._made is not None else self._sent().result()

    def _sent(self) -> Future[ClientFiles]:
        assert self.future is not None, "sent to a worker when first waited for"
        return self.future


class Made(Protocol):
    """A client's files, made or in the making."""

    def result(self) -> ClientFiles: ...


# In the worker processes -----------------------------------------------------------------------

_settings: MakeSettings
_renderers: dict[str | None, Renderer]
"""By language (``client.language``; None: the site's)."""


def _start_worker(settings: MakeSettings, parent: int, urgent: bool = False) -> None:
    global _settings, _renderers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is MkDocs' to handle; it ends the workers
    threading.Thread(target=_end_with, args=(parent,), name="end-with-mkdocs", daemon=True).start()
    if not urgent:
        with contextlib.suppress(AttributeError, OSError):  # not on this system: same priority, still correct
            os.nice(NICENESS)
    _settings, _renderers = settings, {None: Renderer(settings.language, settings.templates_dir)}
    if urgent:
        _renderers[None].compile_all()
    # What is loaded so far (modules, templates) lives as long as the worker: out of the garbage
    # collector's sight, it is not scanned again each time strategies are read (-10 % read time).
    gc.freeze()


def _end_with(parent: int) -> None:
    """End this worker when MkDocs' process is gone. Killed outright (SIGKILL, the system out of
    memory, a cancelled CI job), it cannot end its workers, and they would wait for ever: each holds
    both ends of the pool's pipes, so a read never meets their end and a write of a result larger
    than the pipe blocks."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _ready() -> None:
    pass


def _read(path: Path, source: str) -> bytes:
    return pickle.dumps(read_strategy(path, source), pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class Early:
    """A file read and half of its client's files made by a worker, as soon as it was saved."""

    signature: Signature
    """The file's signature before it was read (see strategy.files.signature)."""
    reading: bytes
    """The pickled StrategyFile."""
    made: ClientFiles | None
    """None when the file does not validate."""


def _make_early(path: Path, source: str, plan: SitePlan, half: Half) -> Early:
    before = signature(path)
    strategy_file = read_strategy(path, source)
    reading = pickle.dumps(strategy_file, pickle.HIGHEST_PROTOCOL)
    return Early(before, reading, _made(strategy_file, plan, half) if strategy_file.valid else None)


def _make(pickled: bytes, plan: SitePlan) -> ClientFiles:
    return _made(pickle.loads(pickled), plan)


def _made(strategy_file: StrategyFile, plan: SitePlan, half: Half | None = None) -> ClientFiles:
    view = _settings.view(strategy_file)
    language = view.strategy.client.language
    if language not in _renderers:
        _renderers[language] = Renderer(language, _settings.templates_dir)
    files = make_client_files(
        _renderers[language], view, plan, _settings.timezone, _settings.project, _settings.html_style, half
    )
    return page_search.with_entries(files, _settings.html_style)
