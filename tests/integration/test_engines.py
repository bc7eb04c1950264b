"""The maintained engines, so that a break shows the day it happens: ProperDocs (MkDocs 1.6's
maintained fork) builds and serves the examples with the plugin unchanged, and Zensical (which
ignores third-party plugins) builds what `strategy-bible render` writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from serving import edit, fetch, mkdocs_serve, wait_for
from strategy_bible.plugin.config import AUDIENCE_VARIABLE, CLIENTS_VARIABLE

from internal_items import EXAMPLE_SECRETS
from support import REPO, make_project, strategy_bible
from test_confidential import leaks

CLIENTS = sorted(path.stem for path in (REPO / "strategies").glob("*.yml"))


def run(project: Path, *command: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in (AUDIENCE_VARIABLE, CLIENTS_VARIABLE)}
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def client_page(site: Path, slug: str) -> str:
    return (site / "clients" / slug / "index.html").read_text(encoding="utf-8")


def test_properdocs_builds_the_examples_for_clients_with_no_internal_item(tmp_path):
    project = make_project(tmp_path / "bible")
    run(project, "properdocs", "build", "--strict", "-f", "mkdocs.yml")
    site = project / "site"
    assert "Brasserie du Canal" in client_page(site, "brasserie-du-canal")
    assert [slug for slug in CLIENTS if not (site / "clients" / slug / "index.html").is_file()] == []
    assert leaks(site, EXAMPLE_SECRETS) == []  # the same needles appear in an internal build (test_confidential)


def test_properdocs_serve_shows_an_edit_of_a_strategy_file(tmp_path):
    project = make_project(tmp_path / "bible")
    with mkdocs_serve(project, tmp_path / "serve.log", "--livereload", "--dirty", engine="properdocs") as url:
        page = f"{url}clients/brasserie-du-canal/"
        assert "Brasserie artisanale" in fetch(page)[1]
        edit(
            project / "strategies/brasserie-du-canal.yml", "sector: Brasserie artisanale", "sector: Cidrerie artisanale"
        )
        wait_for(lambda: "Cidrerie artisanale" in fetch(page)[1], "the edited sector", tmp_path / "serve.log")


def test_zensical_builds_the_rendered_markdown(tmp_path):
    project = make_project(tmp_path / "bible")
    strategy_bible(project, "render", "--out", "rendered")
    (project / "zensical.yml").write_text(
        "site_name: Bible\ndocs_dir: rendered\nsite_dir: zensical-site\n", encoding="utf-8"
    )
    run(project, "zensical", "build", "-f", "zensical.yml")
    site = project / "zensical-site"
    assert "Brasserie du Canal" in client_page(site, "brasserie-du-canal")
    kpis = (site / "clients" / "brasserie-du-canal" / "kpis" / "index.html").read_text(encoding="utf-8")
    assert "<table>" in kpis and "{{" not in kpis and "{%" not in kpis
