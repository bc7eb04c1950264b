"""The pages made as HTML (issue 25) are the pages MkDocs makes from the Markdown templates: the
same project built twice, as it ships and with ``html_pages: false`` (every page as Markdown, as
before), gives the same article, table of contents, title and search index entries on every
page, in every build mode: a build for clients, an internal one, a one-client one (with
``use_directory_urls: false``), publish, and a ``serve --dirty`` rebuild after an edit.

Each site is built once per module, two per mode. The comparison (tests/page_equivalence.py)
ignores only how the HTML is written (attribute quotes, ``<br>`` or ``<br />``, blank lines),
never what it says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.generate import slug as generated_slug
from benchmarks.generate import strategy_yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from page_equivalence import differences, generated_pages
from serving import edit

from support import FIXTURES, REPO, build, make_project, strategy_bible

MARKDOWN_ONLY = "      html_pages: false\n"
SECRET = "a-test-secret-that-is-long-enough-0123456789"
AGENCY_SIZE = generated_slug(0)
"""A generated client the size of an agency's (benchmarks/generate.py)."""


def project(
    root: Path, *, markdown: bool, mkdocs_extra: str = "", agency_size: bool = True, settings: str = ""
) -> Path:
    """The repository's examples (French and English clients, version 1 and 2 files), the
    fixture that has every kind of item (KPIs computed from posts…) and, when ``agency_size``,
    one generated agency-size client (half of a build's time: in the modes where the rest of
    its path differs); every page as Markdown when ``markdown``."""
    strategies = {path.stem: path for path in sorted((REPO / "strategies").glob("*.yml"))}
    strategies |= {"whole-bible": FIXTURES / "valid" / "whole-bible.yml"}
    if agency_size:
        strategies[AGENCY_SIZE] = strategy_yaml(0)
    made = make_project(root, strategies, plugin_config=settings + (MARKDOWN_ONLY if markdown else ""))
    if mkdocs_extra:
        config = made / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + mkdocs_extra, encoding="utf-8")
    return made


def built_pair(root: Path, env: dict[str, str] | None = None, **options) -> tuple[Path, Path]:
    """The project built with its pages as HTML, and as Markdown (``options``: see project)."""
    return tuple(  # type: ignore[return-value]
        build(project(root / kind, markdown=kind == "markdown", **options), env=env) for kind in ("html", "markdown")
    )


def assert_same_pages(html_site: Path, markdown_site: Path) -> None:
    pages = generated_pages(markdown_site)
    assert generated_pages(html_site) == pages
    assert any("kpis" in page for page in pages)
    assert differences(html_site, markdown_site, pages) == {}


def test_a_client_build(tmp_path_factory):
    """The pages made in worker processes (two, as with many clients on two cores)."""
    sites = built_pair(tmp_path_factory.mktemp("client"), settings="      workers: 2\n")
    assert_same_pages(*sites)
    for site in sites:  # a list of its own, not items of the next steps' list before it (both paths)
        overview = (site / "clients" / "librairie-des-pentes" / "index.html").read_text(encoding="utf-8")
        next_steps = overview[overview.index('id="_next"') :]
        assert "Secteur" not in next_steps[: next_steps.index("</ul>")]


def test_an_internal_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("internal")
    assert_same_pages(*built_pair(root, env={"STRATEGY_BIBLE_AUDIENCE": "internal"}, agency_size=False))


def test_a_one_client_build_with_file_addresses(tmp_path_factory):
    """The agency-size client alone, its pages at the site's root, addresses ending in .html."""
    sites = built_pair(
        tmp_path_factory.mktemp("one"),
        {"STRATEGY_BIBLE_CLIENTS": AGENCY_SIZE},
        mkdocs_extra="use_directory_urls: false\n",
    )
    assert (sites[0] / "kpis.html").is_file()
    assert_same_pages(*sites)


def test_publish(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    sites = []
    for kind in ("html", "markdown"):
        made = project(root / kind, markdown=kind == "markdown", agency_size=False)
        published = strategy_bible(made, "publish", "--out", "public", env={"STRATEGY_BIBLE_SECRET": SECRET})
        assert published.returncode == 0, published.stderr
        sites.append(made / "public")
    assert_same_pages(*sites)


@pytest.fixture
def fresh_plugins():
    """One plugin instance per process for a `serve` (see test_dirty_serve): none left for others."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    yield
    cache.clear()


def test_a_dirty_serve_rebuild_after_an_edit(tmp_path, monkeypatch, fresh_plugins):
    """`serve --dirty` in this process, as test_dirty_serve runs it: the first build, an edit of
    one client, the rebuild; its site against a full Markdown build of the edited files."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    served = project(tmp_path / "served", markdown=False, agency_size=False)
    edited = served / "strategies" / "whole-bible.yml"
    site = tmp_path / "site"
    for rebuild in range(2):
        config = load_config(str(served / "mkdocs.yml"), site_dir=str(site))
        if rebuild == 0:
            config.plugins.on_startup(command="serve", dirty=True)
        else:
            first_name = edited.read_text(encoding="utf-8").split("  name: ", 1)[1].split("\n", 1)[0]
            edit(edited, f"  name: {first_name}", "  name: Renamed & co")
        mkdocs_build(config, dirty=True)
    markdown = project(tmp_path / "markdown", markdown=True, agency_size=False)
    shutil.copy2(edited, markdown / "strategies" / edited.name)
    assert "Renamed &amp; co" in (site / "clients" / "whole-bible" / "kpis" / "index.html").read_text(encoding="utf-8")
    # support.build builds in this process: not with the serve's plugins (Material's search would
    # merge the serve's last index into this build's, as it does between dirty rebuilds).
    dict(MkDocsConfig._schema)["plugins"].plugin_cache.clear()
    assert_same_pages(site, build(markdown, env={"SOURCE_DATE_EPOCH": "1767225600"}))
