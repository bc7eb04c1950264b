"""Generated pages made as HTML directly, as MkDocs and Python-Markdown would make them from the
Markdown templates: same headings (ids, the toc's permalink), same table of contents, same links
(``objectives.md#x`` written as the site's final relative address), without the Markdown round
trip that was half of a build's time.

A page's HTML template (``<page>.html.jinja``) prints text through the same escaping as the
Markdown one (HTML character references, which Python-Markdown keeps as they are), so the text
MkDocs' title, the table of contents and the search index read is the same text, character for
character. What MkDocs still gets as Markdown is a stand-in: the page's title as its H1 (see
:func:`stand_in`), which it reads the page's title from.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import TocExtension, nest_toc_tokens, strip_tags, unique
from markupsafe import Markup

TOC_SETTINGS = frozenset({"permalink", "permalink_class", "permalink_title", "slugify", "separator", "toc_depth"})
"""The toc extension's settings the HTML pages follow; with any other one set (anchorlink,
baselevel, permalink_leading, a marker's title…) the pages take the Markdown path."""
MARKDOWN_EXTENSIONS = frozenset(
    {
        "attr_list",
        "tables",
        "toc",
        "fenced_code",
        "md_in_html",
        "strategy_bible.render.table_cards",
        "admonition",
        "def_list",
        "meta",
        "footnotes",
        "sane_lists",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    }
)
"""Extensions that change nothing in the generated pages' HTML (their text is escaped, their
lists and tables plain): with any other one (``smarty``, ``nl2br``…), whose effect the HTML
templates do not reproduce, the pages take the Markdown path."""


@dataclass(frozen=True)
class HtmlStyle:
    """What MkDocs' configuration changes in a page's HTML: the URL style and the toc's settings.
    Pickled to the worker processes (a ``slugify`` function travels by name)."""

    directory_urls: bool = True
    permalink: bool | str = False
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    slugify: Callable[[str, str], str] | None = None
    separator: str = "-"
    toc_depth: int = 6
    search: bool = False
    """Whether each page's search entries are made with it (Material's search; see plugin.page_search)."""


def html_style(
    extensions: list[str], extension_configs: dict[str, dict[str, Any]], directory_urls: bool, search: bool = False
) -> HtmlStyle | None:
    """The style of a site whose Markdown settings the HTML templates reproduce, else None."""
    if any(name not in MARKDOWN_EXTENSIONS for name in extensions):
        return None
    toc = extension_configs.get("toc") or {}
    if "toc" not in extensions or any(name not in TOC_SETTINGS for name in toc):
        return None
    settings = TocExtension(**toc).getConfigs()
    depth = settings["toc_depth"]
    if isinstance(depth, str):  # "2-4": a range the HTML pages do not follow
        if "-" in depth:
            return None
        depth = int(depth)
    permalink = settings["permalink"]
    if permalink in ("True", "true"):
        permalink = True
    elif permalink in ("False", "false", None, ""):
        permalink = False
    return HtmlStyle(
        directory_urls=directory_urls,
        permalink=permalink,
        permalink_class=settings["permalink_class"],
        permalink_title=settings["permalink_title"],
        slugify=settings["slugify"],
        separator=settings["separator"],
        toc_depth=depth,
        search=search,
    )


@dataclass
class PreparedPage:
    """A generated page as MkDocs would have made it from its Markdown."""

    html: str
    toc: list[dict[str, Any]]
    """The toc extension's tokens (level, id, name, children), for ``mkdocs.structure.toc.get_toc``."""
    title: str
    """The H1's text as HTML, as the Markdown page's H1 wrote it."""
    ids: set[str] = field(default_factory=set)
    """Every id of the page: the anchors other pages may link to."""
    search: list[dict[str, Any]] | None = None
    """Its search entries, when they are made with the page (see plugin.page_search)."""


def stand_in(page: PreparedPage) -> str:
    """What MkDocs reads of an HTML page: its H1, whose text becomes the page's title."""
    return f"# {page.title}\n"


def page_address(src_uri: str, directory_urls: bool) -> str:
    """A page's address as MkDocs gives it (``Page.url``): the site's root page is ``""``."""
    url = page_url(src_uri, directory_urls)
    return "" if url in (".", "./") else url


def page_url(src_uri: str, directory_urls: bool) -> str:
    """A docs file's address in the site, as MkDocs makes it (``File.url``)."""
    stem, extension = posixpath.splitext(src_uri)
    if extension != ".md":
        return src_uri
    parent, name = posixpath.split(stem)
    if name == "index" or not directory_urls:
        url = posixpath.join(parent, name + ".html")
    else:
        url = posixpath.join(parent, name, "index.html")
    if directory_urls and posixpath.basename(url) == "index.html":
        url = (posixpath.dirname(url) or ".") + "/"
    return url


def relative_url(url: str, other: str) -> str:
    """``url`` as seen from ``other``, as MkDocs writes it (``mkdocs.utils.get_relative_url``)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts


def link_target(page_uri: str, target: str, directory_urls: bool) -> str:
    """A link's target (``objectives.md#x``, ``kpis.csv``, ``#x``) from the page ``page_uri``,
    rewritten as MkDocs rewrites a link to a docs file."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    url = relative_url(page_url(target_uri, directory_urls), page_url(page_uri, directory_urls))
    return url + hash_ + fragment


_HEADING = re.compile(r"<h([1-6])(?: id=\"([^\"]*)\")?((?: [^>]*)?)>(.*?)</h\1>", re.DOTALL)
"""A heading of an HTML template: ``<h2 id="x">`` (its id, if it has one, first), ``<h3 id="x" class="y">``."""
_ID = re.compile(r"\sid=\"([^\"]*)\"")


def prepared(page_html: str, style: HtmlStyle) -> PreparedPage:
    """The HTML template's output finished as the toc extension finishes a page: each heading
    given an id (its own, or one made from its text as the site's ``slugify`` makes it, unique
    in the page) and its permalink; the table of contents from the headings."""
    used = set(_ID.findall(page_html))
    counters: dict[str, int] = {}
    tokens: list[dict[str, Any]] = []
    title: list[str] = []
    slugify = style.slugify

    def finish(match: re.Match[str]) -> str:
        level, given, attributes, inner = int(match.group(1)), match.group(2), match.group(3), match.group(4).strip()
        name = strip_tags(inner)
        if level == 1 and not title:
            title.append(inner)
        if given:
            heading_id = given
        else:
            assert slugify is not None, "a style made by html_style has the toc's slugify"
            heading_id = unique(slugify(html.unescape(name), style.separator), used, counters)
        if level <= style.toc_depth:
            tokens.append({"level": level, "id": heading_id, "name": name, "html": inner, "data-toc-label": ""})
        permalink = ""
        if style.permalink is not False:
            text = "&para;" if style.permalink is True else html.escape(str(style.permalink), quote=False)
            title_attribute = f' title="{html.escape(style.permalink_title)}"' if style.permalink_title else ""
            permalink = (
                f'<a class="{html.escape(style.permalink_class)}" href="#{heading_id}"{title_attribute}>{text}</a>'
            )
        return f'<h{level} id="{heading_id}"{attributes}>{inner}{permalink}</h{level}>'

    finished = _HEADING.sub(finish, page_html)
    ids = used | {token["id"] for token in tokens}
    return PreparedPage(finished, nest_toc_tokens(tokens), title[0] if title else "", ids)


BLANK = Markup("<!--blank-->")
"""Where the Markdown template has a blank line between two items of a list (see markdown_list)."""
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def markdown_list(items: str) -> Markup:
    """A ``<ul>`` of ``items`` (``<li>…</li>``, with BLANK where the Markdown template has a blank
    line), as Python-Markdown makes it: a blank line between items ends a run of items, and where
    a list goes on after one, the item before it and the item after it get their text in a ``<p>``
    (a "loose" item), the others not. Nothing when there is no item."""
    runs = [found for run in items.split(BLANK) if (found := _ITEM.findall(run))]
    if not runs:
        return Markup("")
    lines = ["<ul>"]
    for number, run in enumerate(runs):
        for index, item in enumerate(run):
            loose = (number > 0 and index == 0) or (number < len(runs) - 1 and index == len(run) - 1)
            lines.append(f"<li>\n<p>{item}</p>\n</li>" if loose else f"<li>{item}</li>")
    lines.append("</ul>")
    return Markup("\n".join(lines))


def cell_tags(columns: list[tuple[str, str | None]]) -> list[Markup]:
    """The opening tag of each column's cells, for a table whose ``columns`` are (heading, align):
    labelled with the heading's text as strategy_bible.render.table_cards labels them, aligned as
    the tables extension aligns them."""
    tags = []
    for heading, align in columns:
        label = Markup(heading).striptags()
        attributes = Markup(' data-label="{}"').format(label) if label else Markup("")
        if align:
            attributes += Markup(' style="text-align: {};"').format(align)
        tags.append(Markup("<td{}>").format(attributes))
    return tags
