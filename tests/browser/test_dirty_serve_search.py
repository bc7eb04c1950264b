"""`mkdocs serve --dirty` (as `make serve` runs it): after an edit of one client, the search box
of the served site still finds the pages of a client that was not written again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support import FIXTURES, make_project

pytestmark = pytest.mark.browser

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not answering yet
        return 0, ""


def wait_for(check, what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not seen after {seconds} s\n{log.read_text()}")
        time.sleep(0.3)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


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
    port, log = free_port(), tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: server.poll() is None and fetch(url)[0] == 200, "the first page", log)
        yield url, project, log
    finally:
        server.terminate()
        server.wait(timeout=10)


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
