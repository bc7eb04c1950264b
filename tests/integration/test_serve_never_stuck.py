"""`mkdocs serve` never gets stuck: a rebuild that raises leaves MkDocs' live server saying "the
server will appear stuck until build errors are resolved", the workshop's browsers showing the
pages of before with nothing to say why. Whatever the input — a number of 4,000 hex digits — or a
bug of ours, a rebuild shows an error page and the next one, after a fix, brings the bible back."""

from __future__ import annotations

import html

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from serving import edit, fetch, mkdocs_serve, wait_for
from strategy_bible.plugin import navigation, site_files
from strategy_bible.strategy import files as strategy_files
from strategy_bible.strategy import problem_visibility

from support import FIXTURES, make_project

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")
BETA = CONTRACT.replace("Boulangerie Martin", "Beta")
HEX = "0x" + "f" * 4000


def test_a_real_serve_shows_a_number_of_4000_hex_digits_then_recovers(tmp_path):
    """One real `serve --dirty` (its watcher, its rebuilds of one client); a plain serve's rebuilds
    are checked in this process below: a real serve costs seconds of the suite's budget."""
    project = make_project(tmp_path / "p", {"alpha": CONTRACT, "beta": BETA})
    log = tmp_path / "serve.log"
    alpha = project / "strategies/alpha.yml"
    with mkdocs_serve(project, log, "--dirty") as url:
        edit(alpha, "capacity: 40", f"capacity: {HEX}")
        # the page speaks the French site's language, the terminal English
        wait_for(lambda: "nombre trop grand" in fetch(url + "clients/alpha/")[1], "the error page", log)
        assert "strategies/alpha.yml:83:15" in fetch(url + "clients/alpha/")[1]
        assert "Beta" in fetch(url + "clients/beta/")[1]  # the server answers, the other client is as it was
        edit(alpha, f"capacity: {HEX}", "capacity: 41")
        wait_for(lambda: "nombre trop grand" not in fetch(url + "clients/alpha/")[1], "the fix", log)
        assert "Boulangerie Martin" in fetch(url + "clients/alpha/")[1]
    console = log.read_text()
    assert "Traceback" not in console and "appear stuck" not in console, console
    assert "events[breakfast-march].capacity: number too large" in console  # the terminal says it too


@pytest.fixture
def serving(tmp_path, monkeypatch):
    """A two-client internal project as `serve` builds it (one plugin instance through several
    builds); ``rebuild()`` builds as a serve rebuild does, ``page(uri)`` reads a built page."""
    monkeypatch.delenv("STRATEGY_BIBLE_CLIENTS", raising=False)
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"alpha": CONTRACT, "beta": BETA})
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)

    def page(uri: str) -> str:
        return html.unescape((tmp_path / "site" / uri).read_text(encoding="utf-8"))

    return project, lambda: build(config), page


def test_a_serves_rebuild_shows_a_number_of_4000_hex_digits_then_recovers(serving, monkeypatch, caplog):
    """What a plain `serve` (not --dirty) rebuilds, for clients as a serve without settings shows them."""
    project, rebuild, page = serving
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "client")
    alpha = project / "strategies/alpha.yml"
    rebuild()
    edit(alpha, "capacity: 40", f"capacity: {HEX}")
    rebuild()  # no exception: a serve would say it "will appear stuck until build errors are resolved"
    assert "nombre trop grand" in page("clients/alpha/index.html")  # the French site's language
    assert "strategies/alpha.yml:83:15" in page("clients/alpha/index.html")
    assert "Beta" in page("clients/beta/index.html")
    assert "events[breakfast-march].capacity: number too large" in caplog.text  # the terminal says it in English
    edit(alpha, f"capacity: {HEX}", "capacity: 41")
    rebuild()
    assert "nombre trop grand" not in page("clients/alpha/index.html")
    assert "Boulangerie Martin" in page("clients/alpha/index.html")


def bug(*_args, **_kwargs):
    raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")


def test_a_bug_met_reading_one_file_is_that_clients_error_page(serving, monkeypatch):
    project, rebuild, page = serving
    rebuild()
    validate = strategy_files.validate
    monkeypatch.setattr(
        strategy_files, "validate", lambda loaded: bug() if loaded.path.stem == "alpha" else validate(loaded)
    )
    edit(project / "strategies/alpha.yml", "capacity: 40", "capacity: 42")
    rebuild()  # no exception
    # the example site is French: its error page says the bug in French (the terminal in English)
    assert "erreur interne pendant la vérification du fichier (ValueError: Exceeds the limit" in page(
        "clients/alpha/index.html"
    )
    assert "Beta" in page("clients/beta/index.html")
    monkeypatch.setattr(strategy_files, "validate", validate)
    edit(project / "strategies/alpha.yml", "capacity: 42", "capacity: 43")
    rebuild()
    assert "erreur interne" not in page("clients/alpha/index.html")


def test_a_client_serve_shows_where_but_not_what(serving, monkeypatch):
    _project, rebuild, page = serving
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "client")
    validate = strategy_files.validate

    def failing(loaded):
        return bug() if loaded.path.stem == "alpha" else validate(loaded)

    monkeypatch.setattr(strategy_files, "validate", failing)
    monkeypatch.setattr(problem_visibility, "validate", failing)  # the client's errors are judged again
    rebuild()  # no exception
    alpha = page("clients/alpha/index.html")
    assert (
        "strategies/alpha.yml:1:1" in alpha and "voir le terminal" in alpha and "Exceeds" not in alpha
    )  # a French site
    assert "Beta" in page("clients/beta/index.html")


def test_a_bug_met_making_the_files_is_an_error_site_until_it_is_gone(serving, monkeypatch, caplog):
    _project, rebuild, page = serving
    rebuild()
    add_generated = site_files.add_generated
    monkeypatch.setattr(site_files, "add_generated", bug)
    rebuild()  # no exception
    assert "erreur interne : ValueError: Exceeds the limit (4300 digits)" in page("index.html")  # a French site
    assert "Traceback" in caplog.text and "please report it" in caplog.text
    monkeypatch.setattr(site_files, "add_generated", add_generated)
    rebuild()
    assert "erreur interne" not in page("index.html") and "Beta" in page("index.html")
    assert "Beta" in page("clients/beta/index.html")


def test_a_bug_in_a_page_hook_leaves_the_page_as_mkdocs_made_it(serving, monkeypatch):
    _project, rebuild, page = serving
    monkeypatch.setattr(navigation, "around", bug)
    rebuild()  # no exception
    assert "Beta" in page("clients/beta/index.html")


def test_a_build_still_stops_on_a_bug(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "p", {"alpha": CONTRACT})
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    monkeypatch.setattr(site_files, "add_generated", bug)
    with pytest.raises(ValueError, match="Exceeds the limit"):
        build(config)
