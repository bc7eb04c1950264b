"""The pieces of the pages made as HTML checked against what they stand for: Python-Markdown's
lists and MkDocs' link addresses (the whole pages: tests/integration/test_html_pages.py)."""

from __future__ import annotations

import itertools
import posixpath

import markdown
import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from strategy_bible.render.html_pages import BLANK, link_target, markdown_list
from strategy_bible.render.renderer import Renderer

RUNS = [[["a"]], [["a", "b"], ["c"]], [["a"], ["b"], ["c", "d", "e"]], [["a", "b", "c"], [], ["d", "e"], ["f"]]]


@pytest.mark.parametrize("runs", RUNS)
def test_a_list_is_loose_where_python_markdown_makes_it_loose(runs):
    """Items in runs separated by blank lines: the item before a blank line and the item after it
    get a paragraph, as in Python-Markdown (an empty run: two blank lines, the same as one)."""
    source = "\n\n".join("\n".join(f"- {item}" for item in run) for run in runs) + "\n"
    items = str(BLANK).join("".join(f"<li>{item}</li>" for item in run) for run in runs)
    assert markdown_list(items) == markdown.markdown(source)


PAGES = [
    "clients/acme/kpis.md",
    "clients/acme/index.md",
    "clients/acme/reviews/q1.md",
    "kpis.md",
    "index.md",
    "tok/x.md",
]
TARGETS = ["objectives.md#goal", "kpis.csv", "../reviews.md", "reviews/q1.md", "index.md", "../../index.md", "#goal"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_have_the_address_mkdocs_gives_them(directory_urls):
    for page, target in itertools.product(PAGES, TARGETS):
        path, _, fragment = target.partition("#")
        if not path:
            expected = target
        else:
            source = File(page, "docs", "site", directory_urls)
            target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            linked = File(target_uri, "docs", "site", directory_urls)
            expected = get_relative_url(linked.url, source.url) + (f"#{fragment}" if fragment else "")
        assert link_target(page, target, directory_urls) == expected, (page, target)


def test_a_markdown_template_of_the_site_takes_its_page_off_the_html_path_even_mid_serve(tmp_path):
    """`serve` keeps its renderers between rebuilds: a template added to templates_dir then wins
    at the next rebuild; one of the shared Markdown templates takes every page off."""
    renderer = Renderer("fr", tmp_path)
    assert {"kpis", "overview", "review-meeting"} <= renderer.html_templates()
    (tmp_path / "kpis.md.jinja").write_text("# KPIs\n", encoding="utf-8")
    assert "kpis" not in renderer.html_templates() and "overview" in renderer.html_templates()
    (tmp_path / "_macros.md.jinja").write_text("", encoding="utf-8")
    assert renderer.html_templates() == frozenset()
