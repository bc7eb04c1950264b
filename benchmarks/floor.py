"""The floor: the plugin's Markdown built by MkDocs alone, against the same site built with the plugin.

``strategy-bible render`` writes the files the plugin hands MkDocs; they go, with the project's own
pages, into a plain MkDocs project (the same ``mkdocs.yml`` without the plugin). Building that is
what the site costs MkDocs; a plugin build costs that plus the plugin's work. Both builds are real
``mkdocs build`` runs in their own processes.

The plugin build makes the client pages as HTML (``html_pages``, issue 25: the same pages, proved
by tests/integration/test_html_pages.py), so MkDocs converts no generated Markdown there; the floor
converts all of it. That is what the ratio measures.

One difference is MkDocs' own: without the plugin, every page carries the whole navigation
(Material prunes it to the levels in view, but all clients are listed); the plugin gives each page
only its own client's part.

    python -m benchmarks.floor --clients 200
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from strategy_bible.plugin.hooks import MARKDOWN_EXTENSIONS

from .generate import make_project
from .timing import Run, count_pages, mkdocs_build, run


@dataclass
class Floor:
    clients: int
    pages: int
    plugin: Run
    floor: Run
    render: Run

    @property
    def ratio(self) -> float:
        return self.plugin.seconds / self.floor.seconds

    @property
    def ratio_cpu(self) -> float:
        return self.plugin.cpu_seconds / self.floor.cpu_seconds


def plain_project(config_file: Path, root: Path) -> tuple[Path, Run]:
    """A project of the plugin's Markdown (``strategy-bible render``) and the project's own pages,
    with the project's configuration minus the plugin: its mkdocs.yml, and the render's run."""
    docs = root / "docs"
    rendered = run(
        [
            sys.executable,
            "-m",
            "strategy_bible.commands.cli",
            "render",
            "--out",
            str(docs),
            "--config-file",
            str(config_file),
        ],
        config_file.parent,
    )
    if rendered.returncode != 0:
        raise RuntimeError(f"strategy-bible render failed:\n{rendered.stderr[-3000:]}")
    yaml = YAML(typ="safe", pure=True)
    config = yaml.load(config_file.read_text(encoding="utf-8"))
    own_pages = config_file.parent / config.get("docs_dir", "docs")
    for page in sorted(own_pages.rglob("*")):
        target = docs / page.relative_to(own_pages)
        if page.is_file() and not target.exists():  # a generated page wins, as in a plugin build
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, target)
    config["docs_dir"] = "docs"
    config["plugins"] = [
        p
        for p in config.get("plugins", [])
        if not (p == "strategy-bible" or (isinstance(p, dict) and "strategy-bible" in p))
    ]
    config["extra_css"] = [*config.get("extra_css", []), "assets/strategy-bible.css"]  # the plugin adds it
    extensions = config.get("markdown_extensions", [])  # and its Markdown extensions: the same HTML
    config["markdown_extensions"] = [*extensions, *(e for e in MARKDOWN_EXTENSIONS if e not in extensions)]
    target = root / "mkdocs.yml"
    with target.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return target, rendered


def measure(clients: int, workdir: Path) -> Floor:
    config = make_project(workdir / f"floor-project-{clients}", clients)
    plain, rendered = plain_project(config, workdir / f"floor-plain-{clients}")
    plugin_site, floor_site = workdir / "floor-plugin-site", workdir / "floor-plain-site"
    plugin = mkdocs_build(config, plugin_site)
    floor = mkdocs_build(plain, floor_site)
    pages = count_pages(plugin_site)
    if count_pages(floor_site) != pages:
        raise RuntimeError(f"the floor built {count_pages(floor_site)} pages, the plugin {pages}")
    return Floor(clients, pages, plugin, floor, rendered)


def report(result: Floor) -> str:
    return (
        f"{result.clients} clients, {result.pages} pages: plugin build {result.plugin.seconds:.1f} s "
        f"(CPU {result.plugin.cpu_seconds:.1f} s), plain Markdown {result.floor.seconds:.1f} s "
        f"(CPU {result.floor.cpu_seconds:.1f} s): ratio {result.ratio:.2f} (CPU time: {result.ratio_cpu:.2f}); "
        f"`strategy-bible render` took {result.render.seconds:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        print(report(measure(args.clients, Path(folder))), flush=True)


if __name__ == "__main__":
    main()
