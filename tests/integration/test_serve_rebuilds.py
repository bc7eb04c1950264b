"""`mkdocs serve` rebuilds the whole site on each edit; the plugin re-reads and re-renders only
what changed. Run in-process: the same plugin instance through several builds, as `serve` does."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from strategy_bible import library, render
from support import FIXTURES, REPO, make_project

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A two-client project with its own kpis template, its configuration as `serve` loads it, and
    the record of which clients were read and rendered in each build."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"alpha": CONTRACT, "beta": CONTRACT.replace("Boulangerie Martin", "Beta")},
                           plugin_config="      templates_dir: my-templates\n")
    (project / "my-templates").mkdir()
    (project / "my-templates" / "kpis.md.jinja").write_text(
        (REPO / "templates" / "kpis.md.jinja").read_text(encoding="utf-8"), encoding="utf-8")
    log = {"read": [], "rendered": []}
    load, pages = library.load_yaml, render.Renderer.client_pages
    monkeypatch.setattr(library, "load_yaml", lambda path, shown: log["read"].append(path.stem) or load(path, shown))
    monkeypatch.setattr(render.Renderer, "client_pages",
                        lambda self, view, plan: log["rendered"].append(view.slug) or pages(self, view, plan))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)

    def rebuild() -> dict[str, list[str]]:
        log["read"].clear()
        log["rendered"].clear()
        build(config)
        return {key: sorted(value) for key, value in log.items()}

    return project, tmp_path / "site", rebuild


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))  # coarse clocks


def test_an_edit_reads_and_renders_that_client_only(served):
    project, site, rebuild = served
    assert rebuild() == {"read": ["alpha", "beta"], "rendered": ["alpha", "beta"]}
    assert rebuild() == {"read": [], "rendered": []}  # nothing changed: every page made last time is reused
    assert (site / "clients/beta/kpis/index.html").is_file()

    edit(project / "strategies/alpha.yml", "name: Instagram followers", "name: Abonnés Instagram")
    assert rebuild() == {"read": ["alpha"], "rendered": ["alpha"]}
    assert "Abonnés Instagram" in (site / "clients/alpha/kpis/index.html").read_text(encoding="utf-8")
    assert "Instagram followers" in (site / "clients/beta/kpis/index.html").read_text(encoding="utf-8")


def test_a_template_edit_renders_every_client_again(served):
    project, site, rebuild = served
    rebuild()
    edit(project / "my-templates/kpis.md.jinja", "{{ m.downloads() }}", "{{ m.downloads() }}\n\nTemplate edited.")
    assert rebuild() == {"read": [], "rendered": ["alpha", "beta"]}
    for slug in ("alpha", "beta"):
        assert "Template edited." in (site / f"clients/{slug}/kpis/index.html").read_text(encoding="utf-8")


def test_a_focused_site_reads_the_focused_client_only(served, monkeypatch):
    project, site, rebuild = served
    monkeypatch.setenv("STRATEGY_BIBLE_CLIENTS", "beta")
    assert rebuild() == {"read": ["beta"], "rendered": ["beta"]}  # a workshop on one client of hundreds
    assert "Beta" in (site / "index.html").read_text(encoding="utf-8")


def test_the_focused_clients_file_gone_mid_workshop_shows_an_error_page(served, monkeypatch):
    project, site, rebuild = served
    monkeypatch.setenv("STRATEGY_BIBLE_CLIENTS", "beta")
    rebuild()
    (project / "strategies/beta.yml").rename(project / "strategies/beta-renamed.yml")
    rebuild()  # no exception: an exception in a `serve` rebuild leaves the server hanging
    page = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert "strategies/beta.yml:1:1" in page and "no strategy file for beta in strategies/" in page
    assert "beta-renamed" in page  # the clients there are, to pick the new name from
    (project / "strategies/beta-renamed.yml").rename(project / "strategies/beta.yml")
    rebuild()
    assert "Beta" in (site / "index.html").read_text(encoding="utf-8")
    assert "no strategy file" not in (site / "index.html").read_text(encoding="utf-8")
