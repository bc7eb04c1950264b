"""The plugin keeps a build's state in one Build, made anew by each on_config, and what `serve`
keeps between rebuilds in one ServeCache: no attribute appears on the plugin during a build."""

from __future__ import annotations

from mkdocs.commands.build import build
from mkdocs.config import load_config

from strategy_bible.plugin.build_state import Build, ServeCache
from strategy_bible.plugin.config import AUDIENCE_VARIABLE, CLIENTS_VARIABLE, PLUGIN_NAME

from support import FIXTURES, make_project

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


def test_a_build_adds_no_attribute_to_the_plugin_and_serve_keeps_only_its_cache(tmp_path, monkeypatch):
    for name in (AUDIENCE_VARIABLE, CLIENTS_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"alpha": CONTRACT, "beta": CONTRACT.replace("Boulangerie Martin", "Beta")})
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins[PLUGIN_NAME]
    declared = set(vars(plugin))
    config.plugins.on_startup(command="serve", dirty=False)
    cache = plugin.cache
    build(config)
    first = plugin.build
    build(config)  # a serve rebuild: a new build state, the same cache
    assert set(vars(plugin)) == declared
    assert isinstance(plugin.build, Build) and plugin.build is not first
    assert isinstance(plugin.cache, ServeCache) and plugin.cache is cache
    assert sorted(cache.made) == ["alpha", "beta"]  # the pages it reuses
    config.plugins.on_shutdown()
