"""What a reader, the table of contents and the search see of a built page, as plain values: two
builds of the same project, its pages made as HTML and as Markdown (``html_pages: false``), are
compared with it page by page (tests/integration/test_html_pages.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

_SPACES = re.compile(r"\s+")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"}


class _Outline(HTMLParser):
    """The elements of an HTML fragment: (tag, sorted attributes) on entering, ("/", tag) on
    leaving, and the text between, white space collapsed (serialising differences aside: quotes,
    ``<br>`` or ``<br />``, an attribute without value or with an empty one, character references)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._text)).strip()
        if text:
            self.items.append(("text", text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        shown = tuple(sorted((name, _SPACES.sub(" ", value or "").strip()) for name, value in attrs))
        self.items.append((tag, shown))
        if tag in _VOID:
            self.items.append(("/", tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.items.append(("/", tag))

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag not in _VOID:
            self.items.append(("/", tag))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def outline(fragment: str) -> list[tuple]:
    parser = _Outline()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.items


def _between(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def page_view(path: Path) -> dict:
    """A built page: its article, its table of contents (the secondary navigation), its title."""
    page = path.read_text(encoding="utf-8")
    if "<article" not in page:  # a page of the site's own, not the theme's (publish's neutral root)
        return {"title": "", "article": outline(page), "toc": []}
    toc = _between(page, 'class="md-nav md-nav--secondary"', "</nav>") if "md-nav--secondary" in page else ""
    return {
        "title": _between(page, "<title>", "</title>"),
        "article": outline(_between(page, '<article class="md-content__inner md-typeset">', "</article>")),
        "toc": outline(toc),
    }


def search_entries(index_file: Path) -> list[dict]:
    """A search index's entries in order, their text white space collapsed."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    return [{name: _SPACES.sub(" ", str(value)).strip() for name, value in entry.items()} for entry in index["docs"]]


def differences(html_site: Path, markdown_site: Path, pages: list[str]) -> dict[str, list[str]]:
    """For each page (its path in the site) that differs, what differs: title, article, toc, the
    first differing element of each, and the search entries of the page."""
    found: dict[str, list[str]] = {}
    for name in pages:
        made, converted = page_view(html_site / name), page_view(markdown_site / name)
        for part in ("title", "article", "toc"):
            if made[part] != converted[part]:
                found.setdefault(name, []).append(f"{part}: {_first_difference(made[part], converted[part])}")
    indexes = sorted(p.relative_to(html_site) for p in html_site.rglob("search_index.json"))
    assert indexes, f"no search index in {html_site}"
    for index in indexes:
        made_search, converted_search = search_entries(html_site / index), search_entries(markdown_site / index)
        if made_search != converted_search:
            found[f"search {index}"] = [_first_difference(made_search, converted_search)]
    return found


def _first_difference(made: object, converted: object) -> str:
    if isinstance(made, list) and isinstance(converted, list):
        for index, (a, b) in enumerate(zip(made, converted, strict=False)):
            if a != b:
                return f"item {index}: {a!r} != {b!r} (after {made[max(0, index - 3) : index]!r})"
        return f"lengths {len(made)} != {len(converted)}"
    return f"{made!r} != {converted!r}"


def generated_pages(site: Path) -> list[str]:
    """Every page of the site (its path) but the theme's and the docs folder's own."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
