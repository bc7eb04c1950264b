"""`mkdocs serve --dirty` (as `make serve` runs it): after an edit of one client, the search box
of the served site still finds the pages of a client that was not written again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from serving import edit, fetch, mkdocs_serve, wait_for

from support import FIXTURES, make_project

pytestmark = pytest.mark.browser

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


@pytest.fixture
def dirty_served(tmp_path):
    """`mkdocs serve --dirty` of two clients on a free port; yields (base URL, project, log file)."""
    project = make_project(
        tmp_path / "p",
        {
            "alpha": CONTRACT.replace("Boulangerie Martin", "Alpha"),
            "gamma": CONTRACT.replace("Boulangerie Martin", "Gamma").replace(
                "name: Instagram followers", "name: Wombat followers"
            ),
            "zephyr": CONTRACT.replace("Boulangerie Martin", "Zephyr").replace(
                "name: Instagram followers", "name: Quokka followers"
            ),
        },
    )
    with mkdocs_serve(project, tmp_path / "serve.log", "--dirty", "--livereload") as url:
        yield url, project, tmp_path / "serve.log"


def test_search_finds_a_client_not_edited_after_an_edit(page: Page, dirty_served):
    url, project, log = dirty_served
    edit(project / "strategies/alpha.yml", "name: Alpha", "name: Alpha Edited")
    wait_for(lambda: "Alpha Edited" in fetch(url)[1], "the edit on the home page", log)
    wait_for(lambda: "Alpha Edited" in fetch(url + "search/search_index.json")[1], "the edit in the index", log)

    page.goto(url + "clients/alpha/")  # a page of the edited client
    result = search(page, "Quokka", "Quokka followers")  # zephyr's KPI only
    assert "/clients/zephyr/" in (result.get_attribute("href") or "")
    result.click()
    expect(page.locator("h2#ig-followers")).to_contain_text("Quokka followers")
    assert page.url.startswith(f"{url}clients/zephyr/kpis/")

    # A client renamed: the search offers its new pages, none of the old ones (a dead link).
    page.goto("about:blank")  # else the open page's live reload after the rename races the next goto
    (project / "strategies/gamma.yml").rename(project / "strategies/delta.yml")
    wait_for(lambda: "clients/delta/" in fetch(url)[1], "the renamed client on the home page", log)
    wait_for(lambda: "clients/gamma/" not in fetch(url + "search/search_index.json")[1], "the index", log, 20)
    page.goto(url + "clients/zephyr/")
    search(page, "Wombat", "Wombat followers")
    links = page.locator(".md-search-result__item a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any("/clients/delta/kpis/" in href for href in hrefs), hrefs
    assert not any("/clients/gamma/" in href for href in hrefs), hrefs


def search(page: Page, words: str, shown: str):
    """Type ``words`` in the search box; the first result showing ``shown``."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(words, delay=20)
    result = page.locator(".md-search-result__item a", has_text=shown).first
    expect(result).to_be_visible(timeout=15_000)
    return result
