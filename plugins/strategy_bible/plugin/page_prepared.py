"""Generated pages made as HTML (render.html_pages) handed to MkDocs through its public API: the
page's Markdown is only its title, which MkDocs reads; ``on_page_content`` gives the page its
HTML, its table of contents (``Page.toc``) and its anchors, as MkDocs would have made them."""

from __future__ import annotations

import copy

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from strategy_bible.plugin import page_search
from strategy_bible.plugin.config import StrategyBibleConfig
from strategy_bible.plugin.pending_file import PendingFile
from strategy_bible.render.html_pages import HtmlStyle, html_style


def style(plugin: StrategyBibleConfig, config: MkDocsConfig, markdown_only: bool) -> HtmlStyle | None:
    """How this site's pages are made as HTML; None when they are all Markdown: the ``html_pages``
    setting is off, ``markdown_only`` (``strategy-bible render`` writes the Markdown), or the site
    has Markdown settings the HTML templates do not follow."""
    if markdown_only or not plugin.html_pages:
        return None
    return html_style(
        list(config.markdown_extensions),
        dict(config.mdx_configs or {}),
        config.use_directory_urls,
        page_search.indexed_by_material(config),
    )


def content(html: str, page: Page, search_made: dict[str, list]) -> str:
    """The page's own HTML in place of its title's, when it was made as HTML; its search entries,
    when they were made with it, kept in ``search_made`` (by page address)."""
    file = page.file
    if not isinstance(file, PendingFile) or file.prepared is None:
        return html
    prepared = file.prepared
    if prepared.search is not None:
        search_made[page.url] = prepared.search
    page.toc = get_toc(copy.deepcopy(prepared.toc))  # type: ignore[arg-type]  # the toc extension's tokens
    page.present_anchor_ids = set(prepared.ids)
    return prepared.html
