"""Workshop mode: `mkdocs serve` follows edits of the strategy file live, shows a readable error
page for a broken edit (the server keeps answering), and recovers when the file is fixed."""

from __future__ import annotations

import html
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from serving import edit, mkdocs_serve

from support import FIXTURES, make_project

pytestmark = pytest.mark.browser

CONTRACT = FIXTURES / "valid" / "contract-example.yml"


@pytest.fixture
def served(tmp_path):
    """`mkdocs serve --livereload` on a free port, as a workshop runs it: its worker processes make
    a saved file's client at once (early making), a broken one too; yields (base URL, project, log
    file)."""
    project = make_project(tmp_path, {"bakery": CONTRACT})
    with mkdocs_serve(project, tmp_path / "serve.log", "--livereload", early_making=True) as url:
        yield url, project, tmp_path / "serve.log"


def test_edit_break_and_fix_while_serving(page: Page, served):
    url, project, log = served
    strategy = project / "strategies/bakery.yml"
    page.goto(url + "clients/bakery/kpis/")
    expect(page.locator("h2#ig-followers")).to_contain_text("Instagram followers")

    # An edit shows without touching the browser.
    edit(strategy, "name: Instagram followers", "name: Abonnés Instagram")
    expect(page.locator("h2#ig-followers")).to_contain_text("Abonnés Instagram", timeout=20_000)

    # A broken edit: the page shows where and what, and the server keeps answering.
    edit(strategy, "axis: notoriety", "axis: notoriete")
    error = page.locator(".sb-error")
    expect(error).to_contain_text("strategies/bakery.yml:27:11", timeout=20_000)
    expect(error).to_contain_text("objectives[local-notoriety].axis")
    expect(error).to_contain_text("'notoriete' n'est pas permis ; utilisez visibility, traffic, image ou notoriety")
    with urllib.request.urlopen(url + "clients/bakery/objectives/", timeout=10) as response:
        assert "strategies/bakery.yml:27:11" in html.unescape(response.read().decode())

    # Fixed: the page comes back by itself.
    edit(strategy, "axis: notoriete", "axis: notoriety")
    expect(page.locator("h2#ig-followers")).to_contain_text("Abonnés Instagram", timeout=20_000)

    console = log.read_text()
    assert console.count("strategies/bakery.yml:27:11") == 1, console  # printed once
    assert "Traceback" not in console
