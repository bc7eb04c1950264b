"""`mkdocs serve` sees a saved strategy file or template the moment it is saved (the system's file
events), not at MkDocs' next poll, half a second later at worst; the polls stay as a safety net,
and what they see that the events already reported asks for no second rebuild."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileDeletedEvent, FileModifiedEvent, FileMovedEvent

from serving import NO_EARLY_MAKING, edit
from strategy_bible.plugin.serve_watch import FolderWatch, ServeWatch, is_strategy_file

from support import FIXTURES, make_project

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")
NEVER = 3600.0
"""A polling interval no test waits for: what is seen is seen by the system's events."""


class Server(LiveReloadServer):
    """MkDocs' live server (never bound to a port), counting the rebuilds asked of it."""

    def __init__(self, root: Path, polling_interval: float) -> None:
        self.asked = 0
        super().__init__(lambda: None, "127.0.0.1", 0, str(root), polling_interval=polling_interval)

    @property
    def _want_rebuild(self) -> bool:
        return self.__dict__.get("wanted", False)

    @_want_rebuild.setter
    def _want_rebuild(self, value: bool) -> None:
        self.asked += bool(value)
        self.__dict__["wanted"] = value

    def wait_for_rebuild(self, seconds: float = 10) -> bool:
        deadline = time.monotonic() + seconds
        while not self.asked and time.monotonic() < deadline:
            time.sleep(0.01)
        return bool(self.asked)


@pytest.fixture(autouse=True)
def fresh_plugins():
    """A serve's plugin instance (MkDocs keeps one per process) must not reach another test."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def folders(tmp_path):
    """A strategies folder with one file and a templates folder with one template."""
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "alpha.yml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "kpis.md.jinja").write_text("# KPIs\n", encoding="utf-8")
    return tmp_path / "strategies", tmp_path / "templates"


def test_a_serve_sees_a_saved_strategy_file_at_once_not_at_the_next_poll(tmp_path, monkeypatch):
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # workers: 0, no early making (its worker processes take seconds to start): the watch is tested
    project = make_project(tmp_path / "p", {"alpha": CONTRACT}, plugin_config=NO_EARLY_MAKING)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    server = Server(tmp_path / "site", polling_interval=NEVER)
    config.plugins.on_serve(server, config=config, builder=lambda: None)  # as `mkdocs serve` calls it
    server.observer.start()
    try:
        edit(project / "strategies" / "alpha.yml", "Boulangerie Martin", "Boulangerie Martin & fils")
        assert server.wait_for_rebuild(), "the save was not seen"
    finally:
        server.observer.stop()
        config.plugins.on_shutdown()


def test_saves_are_seen_and_reading_files_is_not(folders, tmp_path):
    strategies, templates = folders
    server = Server(tmp_path, polling_interval=NEVER)
    watch = ServeWatch(server, strategies, [templates])
    server.observer.start()
    watch.start()
    try:
        for folder in folders:  # what a rebuild does: open and read every file
            for path in folder.iterdir():
                path.read_bytes()
        (strategies / ".alpha.yml.swp").write_text("an editor's swap file", encoding="utf-8")
        (templates / "kpis.md.jinja~").write_text("an editor's backup", encoding="utf-8")
        assert not server.wait_for_rebuild(seconds=0.5)

        # an editor's save: a temporary file written, then renamed over the strategy file
        (strategies / ".alpha.yml.tmp").write_text(CONTRACT + "# saved\n", encoding="utf-8")
        os.replace(strategies / ".alpha.yml.tmp", strategies / "alpha.yml")
        assert server.wait_for_rebuild()

        server.asked = 0
        (templates / "kpis.md.jinja").write_text("# Key figures\n", encoding="utf-8")
        assert server.wait_for_rebuild()
    finally:
        watch.stop()
        server.observer.stop()


class Counting:
    """What FolderWatch needs of MkDocs' server, counting the rebuilds asked."""

    def __init__(self) -> None:
        self.asked = 0
        self._rebuild_cond = threading.Condition()

    @property
    def _want_rebuild(self) -> bool:
        return False

    @_want_rebuild.setter
    def _want_rebuild(self, value: bool) -> None:
        self.asked += bool(value)


def test_a_poll_seeing_what_the_events_reported_asks_for_no_second_rebuild(folders):
    strategies, _ = folders
    alpha = str(strategies / "alpha.yml")
    server = Counting()
    watch = FolderWatch(server, None, strategies, recursive=False, counts=is_strategy_file)

    Path(alpha).write_text(CONTRACT + "# one save\n", encoding="utf-8")
    watch.seen(FileModifiedEvent(alpha), native=True)
    watch.seen(FileModifiedEvent(alpha), native=False)  # the next poll sees the same save
    assert server.asked == 1

    Path(alpha).write_text(CONTRACT + "# a save the events missed (a network mount)\n", encoding="utf-8")
    watch.seen(FileModifiedEvent(alpha), native=False)
    assert server.asked == 2

    watch.seen(FileMovedEvent(str(strategies / ".alpha.yml.tmp"), alpha), native=True)  # saved by a rename
    watch.seen(FileModifiedEvent(alpha), native=False)
    assert server.asked == 3

    watch.seen(FileModifiedEvent(str(strategies / ".alpha.yml.swp")), native=True)
    watch.seen(FileModifiedEvent(str(strategies / "notes.txt")), native=True)
    assert server.asked == 3


def test_each_save_the_events_report_is_told_once_to_start_making_it(folders):
    """What starts an edited client's making before the rebuild (plugin.early_making)."""
    strategies, _ = folders
    alpha = strategies / "alpha.yml"
    saved: list[Path] = []
    watch = FolderWatch(Counting(), None, strategies, recursive=False, counts=is_strategy_file, saved=saved.append)

    alpha.write_text(CONTRACT + "# one save\n", encoding="utf-8")
    watch.seen(FileModifiedEvent(str(alpha)), native=True)
    watch.seen(FileModifiedEvent(str(alpha)), native=True)  # one save makes several events
    watch.seen(FileMovedEvent(str(strategies / ".alpha.yml.tmp"), str(alpha)), native=True)
    assert saved == [alpha]

    alpha.write_text(CONTRACT + "# a save only a poll saw\n", encoding="utf-8")
    watch.seen(FileModifiedEvent(str(alpha)), native=False)  # the rebuild makes it, as before
    watch.seen(FileModifiedEvent(str(strategies / ".alpha.yml.swp")), native=True)
    alpha.unlink()
    watch.seen(FileDeletedEvent(str(alpha)), native=True)
    assert saved == [alpha]

    def failing(path: Path) -> None:
        raise RuntimeError("the workers are gone")

    watch.saved = failing  # a head start that fails is no rebuild lost
    asked = watch.server.asked
    alpha.write_text(CONTRACT, encoding="utf-8")
    watch.seen(FileModifiedEvent(str(alpha)), native=True)
    assert watch.server.asked == asked + 1
