"""``mkdocs serve`` keeps watching the strategies folder when it is deleted, moved away or put back.

MkDocs' watcher polls each watched folder; when the folder disappears it reports a folder event
(which MkDocs ignores: no rebuild, the deleted clients stay served) and stops for good (put
back, its edits never show). So the folder's parent is watched too, without its subfolders: when
the folder goes or comes back, the folder's own watch is set up again and a rebuild is asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from strategy_bible.plugin.config import PLUGIN_NAME

log = get_plugin_logger(PLUGIN_NAME)


class FolderWatch(FileSystemEventHandler):
    def __init__(self, server, folder: Path):
        self.server, self.folder = server, folder
        self._path = os.path.abspath(folder)
        self._watching = False

    def start(self) -> None:
        self._watch_folder()
        parent = os.path.dirname(self._path)
        if os.path.isdir(parent):
            self.server.observer.schedule(self, parent, recursive=False)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """An event in the parent folder: only the strategies folder's own coming and going matters."""
        touched = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        if self._path not in touched:
            return
        self._watch_folder()
        _request_rebuild(self.server)

    def _watch_folder(self) -> None:
        """(Re)start the folder's watch: a watch whose folder went away has stopped for good."""
        if self._watching:
            self.server.unwatch(self._path)
            self._watching = False
        if os.path.isdir(self._path):
            try:
                self.server.watch(self._path)
                self._watching = True
            except OSError:  # gone again meanwhile: its return will be seen in the parent
                pass


def _request_rebuild(server) -> None:
    """What MkDocs' own watch does on a file change (``LiveReloadServer.watch``'s callback, MkDocs
    1.6): MkDocs ignores folder events, so there is no public way to ask for this one."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        log.warning("the strategies folder changed; restart `mkdocs serve` to see it")
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()
