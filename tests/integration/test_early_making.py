"""`serve` makes an edited client's files the moment its file is saved (plugin.early_making), in
worker processes kept for the serve; the rebuild takes them only when nothing they are made from
changed in between. Run in this process as `serve --dirty` runs (one plugin instance through the
builds), the watch's report of a save played by hand."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from serving import edit
from strategy_bible.plugin import early_making, workers

from support import FIXTURES, make_project

EDITED = "whole-bible"


@pytest.fixture
def serve(tmp_path, monkeypatch):
    """``serve(name, early, between)``: a project served with `--dirty`, its first build, the
    edited client's file renamed and reported saved (made at once when ``early``),
    ``between(strategy, plugin)`` run, the rebuild; ``up``: the save waits for the workers to be up.
    Returns the site's files and the clients this process made in the rebuild."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    made_here: list[str] = []
    make = workers.InProcess.make
    monkeypatch.setattr(workers.InProcess, "make", lambda self, f, *a: made_here.append(f.slug) or make(self, f, *a))
    plugins = dict(MkDocsConfig._schema)["plugins"].plugin_cache

    def served(
        name: str, early: bool, between=lambda strategy, plugin: None, up: bool = True
    ) -> tuple[dict[str, bytes], list[str]]:
        project = make_project(
            tmp_path / name,
            {EDITED: FIXTURES / "valid" / "whole-bible.yml"},
        )
        strategy, site = project / "strategies" / f"{EDITED}.yml", tmp_path / f"{name}-site"
        plugins.clear()  # one plugin instance per serve
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        plugin = config.plugins["strategy-bible"]
        try:
            build(config, dirty=True)
            if early:
                plugin.early = early_making.start(plugin.build)
                assert plugin.early is not None, "two cores or more"
                deadline = time.monotonic() + 60
                while up and not plugin.early.pool.ready():  # a save before the workers are up is made by the rebuild
                    assert time.monotonic() < deadline
                    time.sleep(0.05)
            first_name = strategy.read_text(encoding="utf-8").split("  name: ", 1)[1].split("\n", 1)[0]
            edit(strategy, f"  name: {first_name}", "  name: Renamed & co")
            plugin._saved(strategy)
            between(strategy, plugin)
            made_here.clear()
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)
            return {
                path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
            }, list(made_here)
        finally:
            plugin.on_shutdown()
            plugins.clear()

    return served


def test_a_client_made_as_soon_as_its_file_is_saved_is_the_one_a_rebuild_makes(serve, monkeypatch):
    early_site, made_here = serve("early", early=True)
    assert EDITED not in made_here  # taken from the workers
    assert "Renamed &amp; co" in early_site[f"clients/{EDITED}/kpis/index.html"].decode()
    # A save before the workers are up is made by the rebuild, as without them: the same site.
    monkeypatch.setattr(workers.WorkerPool, "ready", lambda pool: False)
    late_site, made_here = serve("late", early=True, up=False)
    assert made_here == [EDITED]
    assert sorted(early_site) == sorted(late_site)
    assert [path for path in early_site if early_site[path] != late_site[path]] == []  # search index included


def test_a_file_saved_again_before_the_rebuild_is_read_again(serve):
    def saved_again(strategy: Path, plugin) -> None:
        for half in plugin.early._started[strategy].halves:
            half.result()  # the workers have read and made the first save
        edit(strategy, "  name: Renamed & co", "  name: Renamed twice")

    site, made_here = serve("twice", early=True, between=saved_again)
    assert made_here == [EDITED]
    kpis = site[f"clients/{EDITED}/kpis/index.html"].decode()
    assert "Renamed twice" in kpis and "Renamed &amp; co" not in kpis
