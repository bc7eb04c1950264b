"""A strategy full of hostile text: nothing runs, no dialog opens, plain text shows as written."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support import FIXTURES, build, make_project, serve_directory

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "clients/evil/",
    "clients/evil/objectives/",
    "clients/evil/actions/",
    "clients/evil/kpis/",
    "clients/evil/events/",
]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    project = make_project(
        tmp_path_factory.mktemp("hostile"),
        {"evil": FIXTURES / "hostile/hostile.yml", "markup": FIXTURES / "hostile/markup-name.yml"},
    )
    with serve_directory(build(project, env={"STRATEGY_BIBLE_AUDIENCE": "internal"})) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs(page: Page, hostile_url, path, console_errors):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + path)
    page.mouse.move(200, 300)
    page.locator("article").hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert (
        page.locator(
            "article script, article iframe, article object, article svg[onload], "
            "article [onerror], article [onclick], article [onmouseover], article form"
        ).count()
        == 0
    )
    assert page.locator('article a[href^="javascript"]').count() == 0
    assert console_errors == []


def heading(text: str) -> re.Pattern:
    """The heading's text, followed by MkDocs' permalink sign."""
    return re.compile("^" + re.escape(text) + "¶?$")


def test_plain_text_shows_exactly_as_written(page: Page, hostile_url):
    page.goto(hostile_url + "clients/evil/")
    expect(page.locator("h1")).to_have_text(heading("Evil </title><script>window.pwned='name'</script> & Co"))
    expect(page.locator("article")).to_contain_text("""<img src=x onerror="window.pwned='sector'">""")
    page.goto(hostile_url + "clients/evil/objectives/")
    expect(page.locator("h3#evil-objective")).to_have_text(
        heading("# Not a heading {#kpis} <script>window.pwned='title'</script>")
    )
    page.goto(hostile_url + "clients/evil/kpis/")
    expect(page.locator("h2#evil-kpi")).to_have_text(heading("{{ 7*7 }} {% raw %} <script>window.pwned='kpi'</script>"))
    page.goto(hostile_url + "clients/evil/actions/")
    expect(page.locator("article .sb-checklist li").first).to_have_text("<script>window.pwned='task'</script>")
    expect(page.locator("article .sb-checklist input")).to_have_count(2)  # the fake box is text, not a box


def test_markdown_fields_keep_harmless_formatting(page: Page, hostile_url):
    page.goto(hostile_url + "clients/evil/objectives/")
    expect(page.locator("article strong", has_text="strong")).to_be_visible()
    expect(page.locator("article code", has_text="code")).to_be_visible()


EVIL_NAME = "Evil </title><script>window.pwned='name'</script> & Co"
MARKUP_NAME = """<b>Bold</b> <i onmouseover="window.pwned='nav'">&amp; Co</i>"""


def test_client_names_show_as_written_in_the_navigation(page: Page, hostile_url):
    for slug, name in (("evil", EVIL_NAME), ("markup", MARKUP_NAME)):
        page.goto(hostile_url + f"clients/{slug}/kpis/")
        section = page.locator(
            "nav.md-nav--primary .md-nav__container .md-ellipsis", has_text="Bold" if slug == "markup" else "Evil"
        )
        expect(section).to_have_text(name)  # as written: not ‹b›, not bold
        assert page.locator("nav.md-nav--primary b, nav.md-nav--primary i, nav.md-nav--primary script").count() == 0
        expect(page).to_have_title(f"KPI · {name}")  # the page and its client, as written: never markup
        section.hover()
        assert page.evaluate("window.pwned") is None


def test_client_names_show_as_written_in_the_home_and_the_search(page: Page, hostile_url):
    page.goto(hostile_url)
    expect(page.locator("article")).to_contain_text(MARKUP_NAME)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Reviews", delay=20)  # the KPI of the markup client
    expect(page.locator(".md-search-result__item h1").first).to_have_text("KPI · " + MARKUP_NAME)
    assert page.locator(".md-search-result b, .md-search-result i, .md-search-result script").count() == 0
    assert page.evaluate("window.pwned") is None
