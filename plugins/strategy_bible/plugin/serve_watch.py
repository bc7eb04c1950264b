"""``mkdocs serve`` sees a saved strategy file or template at once, and keeps watching the
strategies folder when it is deleted, moved away or put back.

MkDocs polls the folders it watches every half second: a save waited a quarter of a second on
average before its rebuild began. The plugin watches the strategies folder and the templates
with the system's own file events too (inotify on Linux: watchdog's ``Observer``) and asks for
the rebuild the moment one comes; MkDocs then waits for the events of the same save to stop (its
``build_delay``, 0.1 s) and rebuilds once. MkDocs' polls stay as a safety net, for file systems
whose events never come (some network and container mounts) and when the system has no watch
left to give: a polled change that the system's events already reported is dropped, so that a
save is not rebuilt twice, and one they missed asks for a rebuild as before.

Only what a rebuild reads counts: the strategy files (``*.yml``, ``*.yaml``; not hidden ones,
such as editors' swap files and the writing commands' locks) and the template files (not hidden
or backup ones, ``name~``). Opening or reading a file is no change: a rebuild does that.

MkDocs' polling watch of a folder stops for good when the folder disappears (put back, its edits
would never show), and reports it as a folder event, which MkDocs ignores (no rebuild: the
deleted clients would stay served). So the folder's parent is watched too, without its
subfolders: when the folder goes or comes back, its watches start again and a rebuild is asked for.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from strategy_bible.plugin.config import PLUGIN_NAME
from strategy_bible.strategy.files import SUFFIXES

log = get_plugin_logger(PLUGIN_NAME)

FILE_CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]
"""What saving, replacing or deleting a file does (a rebuild's reading of a file is left out)."""
FOLDER_COMINGS = [DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
GONE = None
"""The state of a path that does not exist."""


class ServeWatch:
    """Every watch of one ``serve``: the strategies folder and its comings and goings, the templates."""

    def __init__(
        self, server, strategies: Path, templates: list[Path], saved: Callable[[Path], None] | None = None
    ) -> None:
        """``saved``: told of each strategy file saved, the moment the system's events say so."""
        self.native = _native_observer()
        strategies_watch = FolderWatch(
            server, self.native, strategies, recursive=False, counts=is_strategy_file, saved=saved
        )
        self.watches = [
            strategies_watch,
            ComingsAndGoings(server, self.native, strategies_watch),
            *(FolderWatch(server, self.native, folder, recursive=True, counts=is_template) for folder in templates),
        ]

    def start(self) -> None:
        if self.native is not None:
            self.native.start()  # first: a watch scheduled on a running observer says at once if it fails
        for watch in self.watches:
            watch.start()

    def stop(self) -> None:
        if self.native is not None:
            self.native.stop()
            self.native.join(timeout=5)
            self.native = None


class FolderWatch:
    """One folder, watched by the system's events and by MkDocs' polls: a change of a file that
    ``counts`` asks for a rebuild, once."""

    events = FILE_CHANGES

    def __init__(
        self,
        server,
        native: BaseObserver | None,
        folder: Path,
        recursive: bool,
        counts: Callable[[str], bool],
        saved: Callable[[Path], None] | None = None,
    ):
        self.server, self.native, self.recursive, self.counts = server, native, recursive, counts
        self.saved = saved
        self.path = os.path.abspath(folder)
        self._scheduled: list[tuple[BaseObserver, ObservedWatch]] = []
        self._reported: dict[str, object] = {}
        """The state of each path as the system's events last reported it."""

    def start(self) -> None:
        """(Re)start the folder's watches: a watch whose folder went away has stopped for good."""
        self.stop()
        if not os.path.isdir(self.path):
            return  # its return is seen in the parent (ComingsAndGoings)
        for observer, native in ((self.native, True), (self.server.observer, False)):
            if observer is None:
                continue
            try:
                watch = observer.schedule(
                    _Events(self, native), self.path, recursive=self.recursive, event_filter=self.events
                )
            except OSError as error:  # gone again meanwhile, or the system has no watch left: polls only
                log.debug("cannot watch %s with the system's events: %s", self.path, error)
                continue
            self._scheduled.append((observer, watch))

    def stop(self) -> None:
        for observer, watch in self._scheduled:
            with contextlib.suppress(KeyError, OSError):  # its folder is gone: the watch has ended already
                observer.unschedule(watch)
        self._scheduled.clear()

    def seen(self, event: FileSystemEvent, native: bool) -> None:
        paths = [path for path in _paths(event) if self.counts(path)]
        if not paths:
            return
        states = {path: self.state(path) for path in paths}
        if native:
            for path in [p for p, state in states.items() if state is not GONE and self._reported.get(p) != state]:
                self._tell_saved(path)
            self._reported.update(states)
        elif all(path in self._reported and self._reported[path] == state for path, state in states.items()):
            return  # a poll seeing what the system's events already reported: rebuilt already
        self.changed()

    def state(self, path: str) -> object:
        """What a change of the file changes: a rebuild is due when it differs."""
        try:
            status = os.stat(path)
        except OSError:
            return GONE
        return (status.st_ino, status.st_size, status.st_mtime_ns)

    def changed(self) -> None:
        request_rebuild(self.server)

    def _tell_saved(self, path: str) -> None:
        if self.saved is None:
            return
        try:
            self.saved(Path(path))
        except Exception as error:  # what is saved early is only a head start: the rebuild does it anyway
            log.debug("could not start making %s at once: %s", path, error)


class ComingsAndGoings(FolderWatch):
    """The strategies folder's parent, without its subfolders: the strategies folder deleted,
    moved away or put back starts its watches again and asks for a rebuild."""

    events = FOLDER_COMINGS

    def __init__(self, server, native: BaseObserver | None, folder: FolderWatch):
        super().__init__(server, native, Path(folder.path).parent, recursive=False, counts=lambda p: p == folder.path)
        self.folder = folder

    def state(self, path: str) -> object:
        """Which folder is there, if any (its own changes are the folder's watch's)."""
        try:
            return os.stat(path).st_ino
        except OSError:
            return GONE

    def changed(self) -> None:
        self.folder.start()  # before the rebuild, so that no edit after it goes unseen
        super().changed()


class _Events(FileSystemEventHandler):
    def __init__(self, watch: FolderWatch, native: bool):
        self.watch, self.native = watch, native

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.watch.seen(event, self.native)


def is_strategy_file(path: str) -> bool:
    """A file the strategies folder's reading takes (see strategy.files.strategy_paths)."""
    name = os.path.basename(path)
    return os.path.splitext(name)[1] in SUFFIXES and not name.startswith(".")


def is_template(path: str) -> bool:
    """A template file, not an editor's hidden or backup file."""
    name = os.path.basename(path)
    return bool(name) and not name.startswith(".") and not name.endswith("~")


def request_rebuild(server) -> None:
    """What MkDocs' own watch does on a file change (``LiveReloadServer.watch``'s callback, MkDocs
    1.6): there is no public way to ask for a rebuild."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        log.warning("a strategy file or a template changed; restart `mkdocs serve` to see it")
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()


def _paths(event: FileSystemEvent) -> list[str]:
    """The paths an event is about: a move is about where the file was and where it went."""
    paths = [event.src_path, getattr(event, "dest_path", "")]
    return [os.fsdecode(path) for path in paths if path]


def _native_observer() -> BaseObserver | None:
    """The system's file events, or None where watchdog has only polling to offer."""
    if Observer is PollingObserver:
        return None
    observer = Observer()
    observer.daemon = True
    return observer
