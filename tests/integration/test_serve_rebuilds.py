"""`mkdocs serve` rebuilds the whole site on each edit; the plugin re-reads and re-renders only
what changed. Run in-process: the same plugin instance through several builds, as `serve` does."""

from __future__ import annotations

import html
import logging
import os
import shutil

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from serving import edit, fetch, mkdocs_serve, wait_for
from strategy_bible.plugin import workers
from strategy_bible.render import renderer
from strategy_bible.strategy import files as strategy_files

from support import FIXTURES, REPO, make_project
from test_confidential import internal_texts, leaks

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A two-client project with its own kpis template, its configuration as `serve` loads it, and
    the record of which clients were read and rendered in each build."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(
        tmp_path / "p",
        {"alpha": CONTRACT, "beta": CONTRACT.replace("Boulangerie Martin", "Beta")},
        plugin_config="      templates_dir: my-templates\n",
    )
    (project / "my-templates").mkdir()
    (project / "my-templates" / "kpis.md.jinja").write_text(
        (REPO / "templates" / "kpis.md.jinja").read_text(encoding="utf-8"), encoding="utf-8"
    )
    log = {"read": [], "rendered": []}
    load, pages = strategy_files.load_yaml, renderer.Renderer.client_pages
    monkeypatch.setattr(
        strategy_files, "load_yaml", lambda path, shown: log["read"].append(path.stem) or load(path, shown)
    )
    monkeypatch.setattr(
        renderer.Renderer,
        "client_pages",
        lambda self, view, plan, *style: log["rendered"].append(view.slug) or pages(self, view, plan, *style),
    )
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)

    def rebuild() -> dict[str, list[str]]:
        log["read"].clear()
        log["rendered"].clear()
        build(config)
        return {key: sorted(value) for key, value in log.items()}

    return project, tmp_path / "site", rebuild


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


def same_size_same_time(path, old: str, new: str) -> None:
    """An edit that keeps the file's size and modification time (a same-length fix on a coarse
    clock, `cp -p`, `rsync -a`, two writes in one tick): only its ctime tells."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    edit(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_size_and_time_is_read_again(served):
    project, site, rebuild = served
    rebuild()
    same_size_same_time(project / "strategies/alpha.yml", "name: Instagram followers", "name: Instagram FOLLOWERS")
    assert rebuild() == {"read": ["alpha"], "rendered": ["alpha"]}
    assert "Instagram FOLLOWERS" in (site / "clients/alpha/kpis/index.html").read_text(encoding="utf-8")
    same_size_same_time(project / "my-templates/kpis.md.jinja", "{{ m.downloads() }}", "{{ m.downloads()}} ")
    assert rebuild() == {"read": [], "rendered": ["alpha", "beta"]}  # the template too


def test_a_home_template_reaching_for_pythons_internals_shows_on_the_home(served):
    """The sandbox refuses it (see renderer); in `serve` the home says so instead of the rebuild
    stopping with a traceback, which leaves the server hanging."""
    project, site, rebuild = served
    (project / "my-templates/home.md.jinja").write_text("# Home\n\n{{ lipsum.__globals__ }}\n", encoding="utf-8")
    rebuild()
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert "my-templates/home.md.jinja:3:1" in home and "of 'function' object is unsafe" in home
    assert "__builtins__" not in home and "Beta" in (site / "clients/beta/index.html").read_text(encoding="utf-8")


def test_a_focused_site_reads_the_focused_client_only(served, monkeypatch):
    _project, site, rebuild = served
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
    assert "strategies/beta.yml:1:1" in page
    assert "aucun fichier de stratégie pour beta dans strategies/" in page  # the French site's language
    assert "beta-renamed" in page  # the clients there are, to pick the new name from
    (project / "strategies/beta-renamed.yml").rename(project / "strategies/beta.yml")
    rebuild()
    assert "Beta" in (site / "index.html").read_text(encoding="utf-8")
    assert "no strategy file" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_broken_file_s_error_page_is_in_its_menu_once(served):
    project, site, rebuild = served
    rebuild()
    edit(project / "strategies/beta.yml", "axis: notoriety", "axis: notoriet")
    rebuild()
    page = html.unescape((site / "clients/beta/kpis/index.html").read_text(encoding="utf-8"))  # every address answers
    nav = page[page.index("md-nav--primary") : page.index('class="md-content"')]
    # the client's entry opens the error page (the section's index page); no entry per address
    assert nav.count("Fichier de stratégie à corriger") <= 1, nav
    assert 'href="../kpis/"' not in nav and 'href="./"' not in nav.split("beta", 1)[1], nav
    assert (site / "clients/beta/index.html").is_file()


def test_the_strategies_folder_gone_mid_workshop_shows_an_error_page(served, monkeypatch):
    project, site, rebuild = served
    monkeypatch.setenv("STRATEGY_BIBLE_CLIENTS", "beta")
    rebuild()
    (project / "strategies").rename(project / "strategies-away")
    rebuild()  # no exception: an exception in a `serve` rebuild leaves the server hanging
    page = html.unescape((site / "kpis/index.html").read_text(encoding="utf-8"))
    assert "le dossier des stratégies « strategies » n'existe pas" in page  # the French site's language
    (project / "strategies-away").rename(project / "strategies")
    rebuild()
    assert "le dossier des stratégies" not in html.unescape((site / "kpis/index.html").read_text(encoding="utf-8"))


# --- a client-audience serve shows no internal item in its error pages ------------------------------

CONFIDENTIAL = FIXTURES / "valid" / "confidential.yml"
OTHER = FIXTURES / "valid" / "other-client.yml"
SECRET_WHY = "    why: Le fondateur veut vendre en 2027 (Zanzibar, ne jamais le dire).\n"

# (the text replaced, its replacement, where the error is, the full message the terminal shows)
BREAKAGES = {
    "a typo inside an internal objective": (
        "    axis: image\n    why: Le fondateur",
        "    axis: imagee\n    why: Le fondateur",
        "axis: imagee",
        "objectives[zanzibar-exit].axis: 'imagee' is not allowed",
    ),
    "an unquoted colon in an internal why": (
        SECRET_WHY,
        "    why: Le fondateur veut vendre en 2027 : Zanzibar, ne jamais le dire.\n",
        "why: Le fondateur",
        "Le fondateur veut vendre en 2027 : Zanzibar",
    ),
    "a client action naming a misspelt internal objective": (
        "objectives: [public-fame, zanzibar-exti]".replace("exti", "exit"),
        "objectives: [public-fame, zanzibar-exti]",
        "objectives: [public-fame, zanzibar-exti]",
        "did you mean 'zanzibar-exit'?",
    ),
    "a typo in an action that serves internal objectives only": (
        "    objectives: [zanzibar-exit]\nkpis:",
        "    objectives: [zanzibar-exit]\n    ownr: x\nkpis:",
        "ownr: x",
        "actions[zanzibar-only-hidden].ownr",
    ),
    "notes that are not text": (
        "notes: Zanzibar — le client",
        "notes:\n  - Zanzibar — le client",
        "- Zanzibar — le client",
        "notes: expected text",
    ),
}


@pytest.fixture
def served_confidential(tmp_path, monkeypatch, caplog):
    """A client-audience `serve` of two clients, in process; yields (project, site, rebuild, log)."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"confiance": CONFIDENTIAL, "quokka": OTHER})
    site = tmp_path / "site"

    def rebuild() -> None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)

    caplog.set_level(logging.INFO, logger="mkdocs")
    return project, site, rebuild, caplog


def line_of(text: str, part: str) -> int:
    return text[: text.index(part)].count("\n") + 1


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_client_serve_error_page_names_no_internal_item(served_confidential, breakage):
    project, site, rebuild, log = served_confidential
    old, new, where, full_message = BREAKAGES[breakage]
    strategy = project / "strategies/confiance.yml"
    edit(strategy, old, new)
    rebuild()
    assert leaks(site, [*internal_texts(CONFIDENTIAL), "zanzibar"]) == []  # no page, no home, no search index
    page = html.unescape((site / "clients/confiance/objectives/index.html").read_text(encoding="utf-8"))
    line = line_of(strategy.read_text(encoding="utf-8"), where)
    assert f"strategies/confiance.yml:{line}:" in page  # where it is…
    assert "voir le terminal" in page  # …and where to read it (see the terminal, in a French site)
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert f"strategies/confiance.yml:{line}:" in home and "voir le terminal" in home
    assert full_message in log.text  # the agency's terminal keeps every message


def test_a_client_serve_error_page_keeps_errors_about_client_items(served_confidential):
    project, site, rebuild, _ = served_confidential
    edit(project / "strategies/confiance.yml", "axis: notoriety", "axis: notoriete")
    edit(project / "strategies/confiance.yml", SECRET_WHY, SECRET_WHY.replace("(Zanzibar", ": Zanzibar"))
    rebuild()
    page = html.unescape((site / "clients/confiance/index.html").read_text(encoding="utf-8"))
    assert "une erreur de syntaxe YAML : voir le terminal" in page  # no nodes, no way to tell what is internal
    edit(project / "strategies/confiance.yml", SECRET_WHY.replace("(Zanzibar", ": Zanzibar"), SECRET_WHY)
    rebuild()
    page = html.unescape((site / "clients/confiance/index.html").read_text(encoding="utf-8"))
    assert "objectives[public-fame].axis" in page
    assert "'notoriete' n'est pas permis ; utilisez visibility, traffic, image ou notoriety" in page  # French site


def test_an_internal_serve_error_page_says_everything(served_confidential, monkeypatch):
    project, site, rebuild, _ = served_confidential
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")
    edit(
        project / "strategies/confiance.yml",
        "    axis: image\n    why: Le fondateur",
        "    axis: imagee\n    why: Le fondateur",
    )
    rebuild()
    page = html.unescape((site / "clients/confiance/index.html").read_text(encoding="utf-8"))
    assert "objectives[zanzibar-exit].axis" in page and "'imagee' n'est pas permis" in page


# --- a real `mkdocs serve`: the strategies folder deleted, moved and put back ---------------------------


@pytest.fixture
def real_serve(tmp_path):
    """`mkdocs serve` of a two-client project on a free port; yields (base URL, project, log file)."""
    project = make_project(tmp_path / "p", {"alpha": CONTRACT, "beta": CONTRACT.replace("Boulangerie Martin", "Beta")})
    with mkdocs_serve(project, tmp_path / "serve.log") as url:
        yield url, project, tmp_path / "serve.log"


def test_serve_follows_the_strategies_folder_deleted_moved_and_put_back(real_serve, tmp_path):
    url, project, log = real_serve
    strategies = project / "strategies"
    assert "Beta" in fetch(url + "clients/beta/")[1]

    shutil.move(strategies, tmp_path / "elsewhere")  # moved away: the deleted clients are not served any more
    absent = "le dossier des stratégies « strategies »"  # the French site's language
    wait_for(lambda: absent in html.unescape(fetch(url)[1]), "the folder's absence", log)
    assert fetch(url + "clients/beta/")[0] == 404

    shutil.move(tmp_path / "elsewhere", strategies)  # put back: served again, and its edits show
    wait_for(lambda: "Beta" in fetch(url + "clients/beta/")[1], "the folder's return", log)
    edit(strategies / "beta.yml", "name: Beta", "name: Beta Edited")
    wait_for(lambda: "Beta Edited" in fetch(url + "clients/beta/")[1], "an edit after the return", log)

    shutil.rmtree(strategies)  # deleted, then written again
    wait_for(lambda: absent in html.unescape(fetch(url)[1]), "the folder's deletion", log)
    strategies.mkdir()
    (strategies / "gamma.yml").write_text(CONTRACT.replace("Boulangerie Martin", "Gamma"), encoding="utf-8")
    wait_for(lambda: "Gamma" in fetch(url + "clients/gamma/")[1], "a new folder's client", log)
    assert fetch(url + "clients/beta/")[0] == 404
    console = log.read_text()
    assert "Traceback" not in console and "appear stuck" not in console, console


# --- the theme's templates, compiled once for the whole serve ---------------------------------------


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_a_rebuild_compiles_none_of_the_themes_templates_again(tmp_path, monkeypatch, dirty):
    """MkDocs makes a new Jinja environment for every build: without the plugin's bytecode cache,
    Material's templates were compiled again on every edit."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    plugins = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    plugins.clear()  # a plugin instance of its own: MkDocs keeps one per process
    project = make_project(tmp_path / "p", {"alpha": CONTRACT})
    site = str(tmp_path / "site")
    config = load_config(str(project / "mkdocs.yml"), site_dir=site)
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, dirty=dirty)

    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda env, source, name=None, *args, **kwargs: (
            compiled.append(name) or compile_template(env, source, name, *args, **kwargs)
        ),
    )
    edit(project / "strategies/alpha.yml", "name: Instagram followers", "name: Abonnés Instagram")
    build(load_config(str(project / "mkdocs.yml"), site_dir=site), dirty=dirty)  # as serve rebuilds
    plugins.clear()
    assert "Abonnés Instagram" in (tmp_path / "site/clients/alpha/kpis/index.html").read_text(encoding="utf-8")
    assert {"main.html", "base.html", "partials/nav.html"} & set(compiled) == set()


def test_an_edit_filters_that_clients_view_again_not_every_clients(served, monkeypatch):
    """Every rebuild needs every client's view (the home lists them all): the last rebuild's is
    reused when the file, the settings and the day are the same."""
    project, site, rebuild = served
    filtered = []
    view = workers.MakeSettings.view
    monkeypatch.setattr(workers.MakeSettings, "view", lambda self, file: filtered.append(file.slug) or view(self, file))
    rebuild()
    assert sorted(filtered) == ["alpha", "beta"]
    filtered.clear()
    edit(project / "strategies/beta.yml", "name: Beta", "name: Beta Renamed")
    rebuild()
    assert filtered == ["beta"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Beta Renamed" in home and "Boulangerie Martin" in home  # the home lists both, alpha's name kept
    filtered.clear()
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")  # another audience: every view filtered again
    rebuild()
    assert sorted(filtered) == ["alpha", "beta"]
