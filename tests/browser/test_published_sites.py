"""What a client sees at its share link, now that the theme's files are published once for every
client: the page is styled and scripted from the shared files, and its search finds its own
pages and nothing of another client's."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from strategy_bible.commands.publish import publish

from internal_items import CONFIDENTIAL
from support import FIXTURES, make_project, serve_directory

SECRET = "a-test-secret-that-is-long-enough-0123456789"


@pytest.fixture(scope="module")
def share_links(tmp_path_factory) -> Iterator[dict[str, str]]:
    root = tmp_path_factory.mktemp("published-browser")
    project = make_project(root / "project", {"confiance": CONFIDENTIAL, "quokka": FIXTURES / "valid/other-client.yml"})
    shared = publish(project / "mkdocs.yml", root / "public", SECRET, processes=2)
    with serve_directory(root / "public") as url:
        yield {client.slug: url + client.token + "/" for client in shared}


def search(page: Page, words: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(words, delay=20)


def test_a_share_link_loads_the_shared_theme_files_without_an_error(page: Page, share_links, console_errors):
    responses = []
    page.on("response", lambda response: responses.append((response.status, response.url)))
    page.goto(share_links["confiance"] + "kpis/")
    expect(page.locator(".md-header")).to_be_visible()
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"  # the theme's CSS
    failed = [(status, url) for status, url in responses if status >= 400]
    assert failed == [] and console_errors == []
    assert any("/assets/javascripts/bundle." in url for _, url in responses)  # from the shared folder
    logo = page.locator("a.md-header__button.md-logo")
    assert logo.evaluate("a => a.href") == share_links["confiance"]  # home is the client's folder


def test_search_at_a_share_link_finds_the_clients_pages_and_none_of_another_clients(page: Page, share_links):
    page.goto(share_links["confiance"])
    search(page, "ateliers")
    result = page.locator(".md-search-result__item a", has_text="Faire connaître les ateliers").first
    expect(result).to_be_visible()
    assert result.evaluate("a => a.href").startswith(share_links["confiance"])
    page.locator(".md-search__input").fill("")
    search(page, "réparations")  # quokka's objective
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"Aucun|No matching"))
    expect(page.locator(".md-search-result__item")).to_have_count(0)


def test_search_at_the_other_share_link_finds_its_own_pages(page: Page, share_links):
    page.goto(share_links["quokka"] + "kpis/")
    search(page, "réparations")
    result = page.locator(".md-search-result__item a", has_text="Quokka").first
    expect(result).to_be_visible()
    assert result.evaluate("a => a.href").startswith(share_links["quokka"])
