"""A client-audience `serve` of a broken file whose errors are inside items a client build hides by
derivation (a means item funding only internal actions or events, a decision about an internal KPI,
…): the error page, the agency home's broken-file list and the search index say where, never what."""

from __future__ import annotations

import html
import logging

from mkdocs.commands.build import build
from mkdocs.config import load_config

from internal_items import DERIVED, INSIDE_DERIVED, internal_texts
from support import FIXTURES, make_project
from test_confidential import leaks


def test_a_client_serve_shows_no_error_of_an_item_internal_by_derivation(tmp_path, monkeypatch, caplog):
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    text = DERIVED.read_text(encoding="utf-8")
    for old, new in INSIDE_DERIVED.values():
        text = text.replace(old, new)
    project = make_project(tmp_path / "p", {"atelier": text, "quokka": FIXTURES / "valid" / "other-client.yml"})
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    caplog.set_level(logging.INFO, logger="mkdocs")
    build(config)

    assert (site / "search/search_index.json").is_file()
    assert leaks(site, [*internal_texts(DERIVED), "zanzibar"]) == []  # no page, no home, no search index
    page = html.unescape((site / "clients/atelier/index.html").read_text(encoding="utf-8"))
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    for _, new in INSIDE_DERIVED.values():
        line = text[: text.index(new)].count("\n") + 1
        assert f"strategies/atelier.yml:{line}:" in page and f"strategies/atelier.yml:{line}:" in home  # where…
    assert (
        "terminal" in page and "terminal" in home
    )  # …and where to read it ("see the terminal", in the page's language)
    for full_message in ("means.items[zanzibar-wine].planned", "reviews[public-review].decisions[#3].decision"):
        assert full_message in caplog.text  # the agency's terminal keeps every message
