"""Search entries of the pages made as HTML, computed where the pages are made (the worker
processes, with many clients) by Material's own indexing code, instead of in MkDocs' process,
where parsing every page's HTML again was the largest cost left of a build.

Material's search plugin indexes a page in ``on_page_context``: it gets a one-heading stand-in
for such a page (:data:`SLOT_HTML`), whose entry is then replaced in ``search_index.json`` by the
page's own entries, in its place (:func:`fill_index`). Only with Material's search plugin; any
other leaves every page to its search plugin."""

from __future__ import annotations

import copy
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import strip_tags
from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
from material.plugins.search.plugin import SearchPlugin as MaterialSearch
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import TableOfContents, get_toc

from strategy_bible.render.client_files import ClientFiles
from strategy_bible.render.html_pages import HtmlStyle, PreparedPage, page_address

SLOT = "sb-search-slot"
SLOT_HTML = f'<h1 id="{SLOT}">{SLOT}</h1>'
"""What Material's search indexes of a page whose entries are made beforehand: one entry, titled
``sb-search-slot`` at the page's address (an H1 has no anchor), replaced by the page's entries
once the index is written."""


@dataclass
class _Page:
    """What Material's ``SearchIndex`` reads of a page."""

    content: str
    toc: TableOfContents
    url: str
    title: str
    meta: dict[str, Any] = field(default_factory=dict)


def indexed_by_material(config: MkDocsConfig) -> bool:
    """Whether the site's search is Material's (its entries are then made with the pages)."""
    return any(isinstance(plugin, MaterialSearch) and plugin.config.enabled for plugin in config.plugins.values())


def entries(page: PreparedPage, url: str) -> list[dict[str, Any]]:
    """The page's search entries, as Material's search plugin makes them from the page (``url``:
    its address in the site)."""
    index = SearchIndex()
    title = html.unescape(strip_tags(page.title))
    index.add_entry_from_context(_Page(page.html, get_toc(copy.deepcopy(page.toc)), url, title))  # type: ignore[arg-type]
    return index.entries


def fill_index(site_dir: str, made: dict[str, list[dict[str, Any]]]) -> None:
    """Each stand-in entry of ``search_index.json`` replaced by its page's entries (``made``, by
    page address), in its place."""
    if not made:
        return
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for entry in index["docs"]:
        page = entry.get("location", "").partition("#")[0]
        if entry.get("title") == SLOT and page in made:
            docs.extend(made[page])
        else:
            docs.append(entry)
    index["docs"] = docs
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")  # as Material writes it


def with_entries(files: ClientFiles, style: HtmlStyle | None) -> ClientFiles:
    """A client's files, each page made as HTML with its search entries when ``style`` says so."""
    if style is not None and style.search:
        for uri, page in files.prepared.items():
            page.search = entries(page, page_address(uri, style.directory_urls))
    return files
