"""A client's files made in two halves, as `serve` makes an edited client the moment its file is
saved (plugin.early_making), are the files one call makes: every page, its HTML, table of
contents, anchors and search entries, and every download."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import strategy_yaml

from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin import page_search
from strategy_bible.plugin.workers import MakeSettings
from strategy_bible.render.client_files import ClientFiles, joined, make_client_files
from strategy_bible.render.html_pages import html_style
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.files import read_strategy
from strategy_bible.strategy.visibility import Readership

from support import FIXTURES

STYLE = html_style(["toc", "tables", "attr_list", "md_in_html"], {"toc": {"permalink": True}}, True, True)


@pytest.mark.parametrize("client", ["agency-size", "whole-bible"])
@pytest.mark.parametrize("audience", [Readership.CLIENT, Readership.INTERNAL])
def test_two_halves_make_the_files_one_call_makes(tmp_path, monkeypatch, client, audience):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the calendars' time stamps
    path = tmp_path / f"{client}.yml"
    path.write_text(
        strategy_yaml(0) if client == "agency-size" else (FIXTURES / "valid" / "whole-bible.yml").read_text("utf-8"),
        encoding="utf-8",
    )
    settings = MakeSettings("fr", None, audience, Thresholds(), "Europe/Paris", tmp_path, STYLE)
    view = settings.view(read_strategy(path, f"strategies/{path.name}"))
    renderer, plan = Renderer("fr"), SitePlan(False, "index.md")

    def made(half=None):
        files = make_client_files(renderer, view, plan, "Europe/Paris", Path("."), STYLE, half)
        assert files.crash is None and files.problem is None
        return page_search.with_entries(files, STYLE)

    whole, kpis, rest = made(), made("kpis"), made("rest")
    assert list(kpis.prepared) == [uri for uri in whole.prepared if uri.endswith("/kpis.md")]
    assert kpis.downloads == {} and rest.downloads == whole.downloads
    assert joined([kpis, rest]) == whole
    assert all(page.search for page in whole.prepared.values())  # entries compared, not two empty lists


def test_a_failed_half_is_the_clients_failure():
    crashed = ClientFiles(crash="Traceback…")
    assert joined([ClientFiles({"a.md": "# A"}), crashed]) is crashed
