"""`mkdocs serve --dirty`: an edit writes again the edited client's files and the agency home,
not every page of every client, and the site it leaves is the one a full build makes (pages,
menus, search index), through edits, renames, breakages and resets."""

from __future__ import annotations

import datetime as dt
import gc
import html
import json
import os
import re
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from serving import edit, fetch, mkdocs_serve, wait_for
from strategy_bible.render.formatting import Formatter, parse_locale

import support
from internal_items import CONFIDENTIAL, internal_texts
from support import FIXTURES, REPO, make_project
from test_confidential import OTHER, leaks

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")
MARK = 1_000_000_000 * 10**9  # a modification time no build writes (2001), in nanoseconds


def client(name: str) -> str:
    return CONTRACT.replace("Boulangerie Martin", name)


@pytest.fixture(autouse=True)
def fresh_plugins():
    """MkDocs keeps one instance of a plugin that has `on_startup` for the whole process (that is
    how `serve` keeps its state): a dirty serve's state, Material's search index among it, must
    not reach the next test's builds, nor an earlier test's reach these."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dirty(tmp_path, monkeypatch):
    """Three clients served with `--dirty` in this process (one plugin instance through the
    rebuilds, the configuration loaded again each time, as `serve` does); yields (project, site,
    rebuild). ``rebuild()`` returns the client files it wrote again."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the same day and DTSTAMP as the full builds
    project = make_project(
        tmp_path / "p",
        {"alpha": client("Alpha"), "beta": client("Beta"), "gamma": client("Gamma")},
        plugin_config="      templates_dir: my-templates\n",
    )
    (project / "my-templates").mkdir()
    (project / "my-templates" / "kpis.md.jinja").write_text(
        (REPO / "templates" / "kpis.md.jinja").read_text(encoding="utf-8"), encoding="utf-8"
    )
    site = tmp_path / "site"
    started = []

    def rebuild() -> list[str]:
        for path in client_files(site):
            os.utime(path, ns=(MARK, MARK))
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if not started:
            config.plugins.on_startup(command="serve", dirty=True)
            started.append(True)
        build(config, dirty=True)
        return sorted(
            path.relative_to(site).as_posix() for path in client_files(site) if path.stat().st_mtime_ns != MARK
        )

    return project, site, rebuild


def client_files(site: Path) -> list[Path]:
    """The plugin's client files, and the theme's 404 page (it shows the whole menu)."""
    if not site.is_dir():
        return []
    return [path for path in [*(site / "clients").rglob("*"), site / "404.html"] if path.is_file()]


def pages_of(slug: str) -> list[str]:
    kinds = ["", "objectives/", "actions/", "kpis/", "events/", "review/"]
    return [f"clients/{slug}/{kind}index.html" for kind in kinds]


def downloads_of(slug: str) -> list[str]:
    return [f"clients/{slug}/{name}" for name in ("bible.json", "events.ics", "kpis.csv")]


def full_build(project: Path, site: Path, env: dict[str, str] | None = None) -> Path:
    """`mkdocs build --site-dir SITE` (not strict) in this process, with plugins of its own: MkDocs
    would hand it the serve's plugin instances (their state, Material's search index among it),
    which stay the serve's afterwards. A process of its own cost over a second of CPU a build."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    serving = dict(cache)
    cache.clear()
    try:
        return support.build(project, "-d", str(site), env=env, strict=False)
    finally:
        cache.clear()
        cache.update(serving)


def assert_same_as_a_full_build(project: Path, site: Path, tmp_path: Path) -> None:
    """Every file of the dirty site has the bytes a full `mkdocs build` of the same files writes."""
    full = full_build(project, tmp_path / "full")
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = {p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file()}
    assert files == expected
    assert [f for f in sorted(files) if (site / f).read_bytes() != (full / f).read_bytes()] == []


def test_an_edit_writes_that_clients_files_only_and_the_site_stays_whole(dirty, tmp_path):
    project, site, rebuild = dirty
    first = rebuild()
    assert {*pages_of("beta"), "404.html"} <= set(first)  # the first build writes everything
    assert_same_as_a_full_build(project, site, tmp_path)
    assert rebuild() == []  # nothing changed

    edit(project / "strategies/alpha.yml", "name: Instagram followers", "name: Abonnés Instagram")
    assert rebuild() == sorted(pages_of("alpha") + downloads_of("alpha"))
    assert "Instagram followers" in (site / "clients/beta/kpis/index.html").read_text(encoding="utf-8")
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"clients/beta/kpis/", "clients/gamma/kpis/", "methode/"} <= {e["location"] for e in index["docs"]}
    assert_same_as_a_full_build(project, site, tmp_path)  # menus, search index, home: as a full build's


def test_the_home_is_written_again_when_what_it_shows_changes(dirty, tmp_path):
    project, site, rebuild = dirty
    rebuild()
    home = site / "index.html"

    def home_written(old: str, new: str) -> bool:
        os.utime(home, ns=(MARK, MARK))
        edit(project / "strategies/alpha.yml", old, new)
        assert set(pages_of("alpha") + downloads_of("alpha")) <= set(rebuild())
        return home.stat().st_mtime_ns != MARK

    assert not home_written("the owner wants to open a second shop", "the owner wants a second shop")  # a why
    assert home_written("name: Alpha", "name: Alpha Renamed")  # the client table (and every menu) names it
    assert "Alpha Renamed" in home.read_text(encoding="utf-8")
    assert_same_as_a_full_build(project, site, tmp_path)


def test_a_renamed_client_rewrites_its_neighbours_and_leaves_nothing_behind(dirty, tmp_path):
    project, site, rebuild = dirty
    rebuild()
    (project / "strategies/gamma.yml").rename(project / "strategies/delta.yml")
    written = rebuild()
    # delta's files, beta's last page, whose "next" link led to gamma and leads to delta now, and
    # the 404 page, whose menu has every client
    neighbour = "clients/beta/review/index.html"
    assert written == sorted([*pages_of("delta"), *downloads_of("delta"), neighbour, "404.html"])
    assert not (site / "clients/gamma").exists()
    assert_same_as_a_full_build(project, site, tmp_path)

    edit(project / "strategies/delta.yml", "name: Gamma", "name: Delta")  # the client's own name
    assert rebuild() == sorted([*pages_of("delta"), *downloads_of("delta"), "404.html"])
    assert "Delta" in (site / "index.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(project, site, tmp_path)


def test_a_deleted_hand_written_page_leaves_the_site(dirty, tmp_path):
    project, site, rebuild = dirty
    report = project / "pages/clients/beta/compte-rendu.md"
    report.parent.mkdir(parents=True)
    report.write_text("# Compte rendu\n\nLa réunion du lundi.\n", encoding="utf-8")
    (report.parent / "plan.png").write_bytes(b"an image beside it")
    rebuild()
    assert (site / "clients/beta/compte-rendu/index.html").is_file() and (site / "clients/beta/plan.png").is_file()
    report.unlink()
    (report.parent / "plan.png").unlink()
    rebuild()
    assert not (site / "clients/beta/compte-rendu").exists() and not (site / "clients/beta/plan.png").exists()
    assert_same_as_a_full_build(project, site, tmp_path)  # its search entries and menu links gone too


@pytest.mark.parametrize("change", ["renamed", "removed"])
def test_a_renamed_or_removed_client_leaves_no_link_to_it_in_hand_written_pages(dirty, tmp_path, change):
    """The first client comes right after the hand-written pages in the menu: their "next" link
    leads to it."""
    project, site, rebuild = dirty
    rebuild()
    assert "clients/alpha/" in (site / "methode/index.html").read_text(encoding="utf-8")
    alpha = project / "strategies/alpha.yml"
    alpha.rename(project / "strategies/aardvark.yml") if change == "renamed" else alpha.unlink()
    rebuild()
    assert "clients/alpha/" not in (site / "methode/index.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(project, site, tmp_path)


def test_a_broken_client_loses_its_downloads_and_comes_back_whole(dirty, tmp_path):
    project, site, rebuild = dirty
    rebuild()
    edit(project / "strategies/beta.yml", "axis: notoriety", "axis: notoriete")
    written = rebuild()
    error_pages = sorted(p.relative_to(site).as_posix() for p in (site / "clients/beta").rglob("*") if p.is_file())
    assert set(pages_of("beta")) <= set(error_pages)  # an error page for every kind of page, no download
    # and the neighbours, whose links name beta's pages "Error" now
    assert written == sorted([*error_pages, "clients/alpha/review/index.html", "clients/gamma/index.html", "404.html"])
    assert "'notoriete' n'est pas permis" in html.unescape((site / "clients/beta/kpis/index.html").read_text("utf-8"))
    assert not (site / "clients/beta/kpis.csv").exists()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "clients/alpha/kpis/" in {e["location"].split("#")[0] for e in index["docs"]}

    edit(project / "strategies/beta.yml", "axis: notoriete", "axis: notoriety")
    fixed = [*pages_of("beta"), *downloads_of("beta"), "clients/alpha/review/index.html", "clients/gamma/index.html"]
    fixed.append("404.html")
    assert rebuild() == sorted(fixed)
    assert_same_as_a_full_build(project, site, tmp_path)


def test_a_template_the_configuration_or_a_hand_written_page_rewrites_every_client(dirty, tmp_path):
    project, site, rebuild = dirty
    rebuild()
    everything = sorted(p for slug in ("alpha", "beta", "gamma") for p in pages_of(slug) + downloads_of(slug))
    edit(project / "my-templates" / "kpis.md.jinja", "{{ m.downloads() }}", "{{ m.downloads() }}\n\nTemplate edited.")
    assert rebuild() == everything
    assert_same_as_a_full_build(project, site, tmp_path)

    # (a client's pages show the client's name, not site_name: the copyright is on every page)
    edit(project / "mkdocs.yml", "copyright: © Agence Lumière", "copyright: © La bible")
    assert {*pages_of("beta"), "404.html"} <= set(rebuild())
    assert "© La bible" in (site / "clients/beta/kpis/index.html").read_text(encoding="utf-8")

    edit(project / "pages/methode.md", "# La méthode", "# Notre méthode")  # its title shows in every menu
    assert {*pages_of("beta"), "404.html"} <= set(rebuild())
    assert "Notre méthode" in (site / "clients/beta/kpis/index.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(project, site, tmp_path)

    edit(project / "strategies/alpha.yml", "name: Instagram followers", "name: Abonnés Instagram")
    assert rebuild() == sorted(pages_of("alpha") + downloads_of("alpha"))
    assert_same_as_a_full_build(project, site, tmp_path)  # the hand-written page keeps its title in the menus


def test_an_edited_theme_override_shows_on_every_page(dirty, tmp_path):
    project, site, rebuild = dirty
    overrides = project / "overrides"
    overrides.mkdir()
    main = overrides / "main.html"
    main.write_text('{% extends "base.html" %}\n{% block footer %}<p>Footer one</p>{% endblock %}\n', "utf-8")
    edit(project / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    rebuild()
    main.write_text('{% extends "base.html" %}\n{% block footer %}<p>Footer two</p>{% endblock %}\n', "utf-8")
    os.utime(main, ns=(main.stat().st_atime_ns, main.stat().st_mtime_ns + 10_000_000))  # coarse clocks
    assert set(pages_of("beta")) <= set(rebuild())  # the templates compiled once are compiled again
    assert "Footer two" in (site / "clients/beta/kpis/index.html").read_text(encoding="utf-8")
    # A hand-written page too, though it was not edited: it shows the theme's footer.
    assert "Footer two" in (site / "methode/index.html").read_text(encoding="utf-8")


def test_a_focused_dirty_serve_writes_the_focused_client_again(dirty, tmp_path, monkeypatch):
    project, site, rebuild = dirty
    monkeypatch.setenv("STRATEGY_BIBLE_CLIENTS", "beta")  # a workshop on one client of many
    rebuild()

    def rewritten() -> list[str]:  # the client's pages are the site's own here, at its root
        # (the hand-written page keeps MkDocs' rule: made older than its source, it would be written)
        pages = [p for p in site.rglob("*.html") if p.parent.name != "methode"]
        for path in pages:
            os.utime(path, ns=(MARK, MARK))
        rebuild()
        return sorted(p.relative_to(site).as_posix() for p in pages if p.stat().st_mtime_ns != MARK)

    assert rewritten() == []
    edit(project / "strategies/beta.yml", "name: Instagram followers", "name: Abonnés Instagram")
    assert {"index.html", "kpis/index.html", "objectives/index.html"} <= set(rewritten())
    assert "Abonnés Instagram" in (site / "kpis/index.html").read_text(encoding="utf-8")
    full = full_build(project, tmp_path / "full", env={"STRATEGY_BIBLE_CLIENTS": "beta"})
    pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("*.html"))
    assert [p for p in pages if (site / p).read_bytes() != (full / p).read_bytes()] == []


def test_switching_an_internal_serve_to_clients_leaves_nothing_internal(tmp_path, monkeypatch):
    """mkdocs.yml edited from `audience: internal` to the client default mid-serve: every client
    file is written again, the internal-only pages and their search entries are gone."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = make_project(
        tmp_path / "p", {"confiance": CONFIDENTIAL, "quokka": OTHER}, plugin_config="      audience: internal\n"
    )
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    secrets = [*internal_texts(CONFIDENTIAL), "zanzibar"]
    assert leaks(site, secrets)  # the agency's view has them
    edit(project / "mkdocs.yml", "      audience: internal\n", "")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert leaks(site, secrets) == []  # no page, no download, no search entry
    assert_same_as_a_full_build(project, site, tmp_path)


@pytest.mark.parametrize("dirty_serve", [False, True], ids=["serve", "serve --dirty"])
def test_a_serve_left_running_past_midnight_shows_the_new_day(tmp_path, monkeypatch, dirty_serve):
    """What is past and what is coming, what is due, the running period: a client's pages made
    on one day are not served the next (SOURCE_DATE_EPOCH is how a build's "today" is set)."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"brasserie-du-canal": REPO / "strategies/brasserie-du-canal.yml"})
    site = tmp_path / "site"
    editorial = site / "clients/brasserie-du-canal/editorial/index.html"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty_serve)
    for day in ("2026-06-30", "2026-07-01"):  # the same files, a day later
        late_evening = dt.datetime.fromisoformat(f"{day}T23:00:00+00:00")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(late_evening.timestamp())))
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=dirty_serve)
        as_of = Formatter(parse_locale("fr")).date(dt.date.fromisoformat(day), "long")
        assert f"Au {as_of} " in html.unescape(editorial.read_text(encoding="utf-8")), day


def test_garbage_collection_comes_back_after_a_rebuild(dirty):
    _project, _site, rebuild = dirty
    rebuild()
    rebuild()  # a rebuild after the first: the one that pauses it
    deadline = time.monotonic() + 30
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gc.isenabled()  # paused for the rebuild only


# --- a real `mkdocs serve --dirty` ----------------------------------------------------------------


@pytest.fixture
def real_dirty_serve(tmp_path):
    """`mkdocs serve --dirty --verbose` of a two-client project on a free port; yields (base URL,
    project, log file)."""
    project = make_project(tmp_path / "p", {"alpha": client("Alpha"), "beta": client("Beta")})
    with mkdocs_serve(project, tmp_path / "serve.log", "--dirty", "--verbose") as url:
        yield url, project, tmp_path / "serve.log"


def pages_written(log: Path) -> list[int]:
    """How many pages MkDocs wrote in each build, from its --verbose log (a page written runs the
    `post_page` event)."""
    builds = log.read_text(encoding="utf-8").split("Building documentation...")[1:]
    return [len(re.findall(r"Running `post_page` event from plugin 'strategy-bible'", text)) for text in builds]


def test_a_dirty_serve_shows_the_edit_and_keeps_every_client_searchable(real_dirty_serve):
    url, project, log = real_dirty_serve
    assert "Beta" in fetch(url + "clients/beta/")[1]
    edit(project / "strategies/alpha.yml", "name: Alpha", "name: Alpha Renamed")
    wait_for(lambda: "Alpha Renamed" in fetch(url)[1], "the new name on the home page", log)
    wait_for(
        lambda: "Documentation built" in log.read_text().rsplit("Building documentation...", 1)[-1], "the end", log
    )

    assert "Alpha Renamed" in fetch(url + "clients/alpha/kpis/")[1]  # the edited client's pages
    first, edited, *others = pages_written(log)
    assert (first, edited) == (14, 7)  # every page, then alpha's six and the home: not beta's
    assert all(count == 0 for count in others)  # a second event of the same save: nothing to write
    status, beta = fetch(url + "clients/beta/kpis/")
    assert status == 200 and "Beta" in beta and "Alpha Renamed" not in beta

    status, text = fetch(url + "search/search_index.json")
    index = json.loads(text)
    locations = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert {
        f"clients/beta/{kind}" for kind in ("", "objectives/", "actions/", "kpis/", "events/", "review/")
    } <= locations
    assert any("Alpha Renamed" in entry["title"] + entry["text"] for entry in index["docs"])
    console = log.read_text()
    assert "Traceback" not in console, console
