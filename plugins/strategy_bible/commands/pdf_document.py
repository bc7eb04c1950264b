"""One HTML document made of a built client site's pages, for Chromium to print as one PDF.

Every figure, chart and table comes from the built pages as they are (never recomputed): each page's
``<article>`` is taken whole, or one of its sections, its ids prefixed with its part's number so that
two pages' ``#_standing`` stay apart, and its links rewritten to point inside the document (a link
to a page the document does not hold keeps its text, without a link). The site's own stylesheets
style it, so the paper looks like the screen; a cover and a table of contents come first.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ARTICLE_START = re.compile(r'<article class="md-content__inner md-typeset">')
CLOSED_DETAILS = re.compile(r"<details(?![^>]*\sopen)")
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
HEADING = re.compile(r'<h([12]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")
ID_ATTRIBUTE = re.compile(r'(\sid)="([^"]*)"')
ID_ATTRIBUTE_VALUE = re.compile(r'\sid="([^"]*)"')
LINK_ATTRIBUTE = re.compile(r'(\s(?:xlink:)?href)="([^"]*)"')
SOURCE_ATTRIBUTE = re.compile(r'(\ssrc)="([^"]*)"')
SVG_REFERENCE = re.compile(r"url\(#([^)]+)\)")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)"[^>]*>')
INLINE_STYLE = re.compile(r"<style>.*?</style>", re.S)
BODY = re.compile(r"<body[^>]*>")
NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link')
AS_OF = re.compile(r'<p class="sb-as-of">(.*?)</p>', re.S)
LANGUAGE = re.compile(r'<html lang="([^"]+)"')

PLACEHOLDER = "00"
"""What a table-of-contents entry shows before its page is known: as wide as most numbers."""

LABELS = {
    "fr": {
        "contents": "Sommaire",
        "bible": "Bible de la stratégie",
        "period": "Période : {start} – {end}",
        "signoff": "Validation",
        "signoff_lead": "Compte rendu lu et approuvé par :",
        "name": "Nom",
        "date": "Date",
        "signature": "Signature",
    },
    "en": {
        "contents": "Contents",
        "bible": "Strategy bible",
        "period": "Period: {start} – {end}",
        "signoff": "Sign-off",
        "signoff_lead": "Report read and approved by:",
        "name": "Name",
        "date": "Date",
        "signature": "Signature",
    },
}


class DocumentError(Exception):
    """The built site lacks what the document needs; the message says what."""


@dataclass(frozen=True)
class Source:
    """Where a part comes from: a page of the client's folder (``""``, ``kpis/``, ``reviews/x/``)
    and, to take one of its sections only, the id of its heading (``None``: the whole article;
    ``""``: the page's head, up to its first section)."""

    page: str
    section: str | None = None


@dataclass(frozen=True)
class Cover:
    client: str
    title: str
    period: str
    as_of: str
    logos: list[str] = field(default_factory=list)
    """Images as data: URIs, the agency's first."""


@dataclass
class Document:
    """The document's HTML and the targets of its table of contents (``#id`` → title)."""

    head: str
    body_tag: str
    cover: Cover
    language: str
    parts: list[str]
    contents: list[tuple[int, str, str]]
    """``(level, anchor, title)``, in document order."""

    def html(self, pages: dict[str, int] | None = None) -> str:
        """The whole document; ``pages``: the page each anchor starts on (placeholders without)."""
        labels = LABELS[self.language]
        rows = "".join(
            f'<li class="sb-pdf-toc__level{level}"><a href="#{anchor}"><span>{title}</span>'
            f'<span class="sb-pdf-toc__page">{(pages or {}).get(anchor, PLACEHOLDER)}</span></a></li>'
            for level, anchor, title in self.contents
        )
        return (
            f'<!doctype html>\n<html lang="{self.language}">\n<head>\n{self.head}\n</head>\n{self.body_tag}\n'
            '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
            '<div class="md-content"><article class="md-content__inner md-typeset sb-pdf">\n'
            f"{_cover_html(self.cover)}\n"
            f'<section class="sb-pdf-toc"><h1 id="sb-pdf-contents">{labels["contents"]}</h1><ol>{rows}</ol></section>\n'
            + "\n".join(self.parts)
            + "\n</article></div></div></main></div>\n</body>\n</html>\n"
        )


def assemble(
    folder: Path,
    sources: list[Source],
    cover: Cover,
    stylesheet: str,
    *,
    language: str,
    signoff: list[str] | None = None,
) -> Document:
    """The document of ``sources``, from the client's built pages in ``folder`` (the document is
    meant to be written in ``folder`` too). ``signoff``: a review's attendees, for a sign-off block."""
    first = _read(folder, sources[0].page)
    found = BODY.search(first)
    texts = [_printable(_cut(_article(_read(folder, source.page), source.page), source)) for source in sources]
    targets: dict[str, tuple[int, set[str]]] = {}
    for number, (source, text) in enumerate(zip(sources, texts, strict=True), 1):
        if source.page not in targets or source.section is None:  # a whole page wins over its sections
            targets[source.page] = (number, set(ID_ATTRIBUTE_VALUE.findall(text)))
    parts, contents = [], []
    for number, (source, text) in enumerate(zip(sources, texts, strict=True), 1):
        text = _rewrite(text, source.page, number, targets)
        anchor = f"p{number}"
        parts.append(f'<section class="sb-pdf-part" id="{anchor}">\n{text}\n</section>')
        for index, heading in enumerate(HEADING.finditer(text)):
            level = 1 if index == 0 else int(heading.group(1))
            contents.append((level, anchor if index == 0 else heading.group(2), _plain(heading.group(3))))
    if signoff is not None:
        parts.append(_signoff(signoff, LABELS[language]))
        contents.append((1, "sb-pdf-signoff", LABELS[language]["signoff"]))
    return Document(
        _head(first, sources[0].page, stylesheet),
        found.group() if found else "<body>",
        cover,
        language,
        parts,
        contents,
    )


def menu_order(folder: Path) -> list[str]:
    """The client's pages in the order of its menu: the home's menu, each page followed by the
    pages its own menu shows under it (a section's children appear in the menu once open)."""
    order: list[str] = []

    def visit(page: str) -> None:
        order.append(page)
        for child in _menu_pages(folder, page):
            if child not in order and child.startswith(page) and child != page:
                visit(child)

    for page in _menu_pages(folder, ""):
        if page not in order:
            visit(page)
    return order


def as_of(folder: Path, page: str) -> str:
    """The page's own "figures as of" line, as the site words it ("" when it has none)."""
    found = AS_OF.search(_read(folder, page))
    return _plain(found.group(1)) if found else ""


def language(folder: Path) -> str:
    """The language of the client's pages (``fr`` or ``en``)."""
    found = LANGUAGE.search(_read(folder, ""))
    code = found.group(1).split("-")[0] if found else "en"
    return code if code in LABELS else "en"


def data_uri(path: Path) -> str:
    kind = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}.get(
        path.suffix.lower(), "image/webp"
    )
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


# --- the pieces ------------------------------------------------------------------------------


def _read(folder: Path, page: str) -> str:
    path = folder / page / "index.html"
    if not path.is_file():
        raise DocumentError(f"the built site has no page {page or '/'}")
    return path.read_text(encoding="utf-8")


def _article(page_html: str, page: str) -> str:
    start = ARTICLE_START.search(page_html)
    if start is None:
        raise DocumentError(f"the page {page or '/'} has no article")
    return page_html[start.end() : page_html.index("</article>", start.end())]


def _cut(article: str, source: Source) -> str:
    """The whole article, its head (before its first section), or one section (heading included,
    up to the next heading of the same level or above)."""
    if source.section is None:
        return article
    if source.section == "":
        return article.split("<h2", 1)[0]
    start = re.search(rf'<h([12]) id="{re.escape(source.section)}"', article)
    if start is None:
        raise DocumentError(f"the page {source.page or '/'} has no section #{source.section}")
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][ >]").search(article, start.end())
    return article[start.start() : end.start() if end else len(article)]


def _printable(article: str) -> str:
    """No permalink signs; every folded block open (paper cannot unfold it: a KPI's history, the
    older reviews)."""
    return CLOSED_DETAILS.sub("<details open", HEADERLINK.sub("", article))


def _head(page_html: str, page: str, stylesheet: str) -> str:
    """The site's stylesheets (and the client's colours) with the PDF's own rules after them."""
    head = page_html.split("</head>", 1)[0]
    title = re.search(r"<title>.*?</title>", head, re.S)
    links = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(_from_document(page, html.unescape(found.group(1))))}">'
        for found in STYLESHEET.finditer(head)
    )
    inline = "\n".join(found.group() for found in INLINE_STYLE.finditer(head))
    return (
        '<meta charset="utf-8">\n<meta name="referrer" content="no-referrer">\n'
        f"{title.group() if title else ''}\n{links}\n{inline}\n<style>\n{stylesheet}\n</style>"
    )


def _menu_pages(folder: Path, page: str) -> list[str]:
    text = _read(folder, page)
    start = text.find("md-nav--primary")
    end = text.find("md-sidebar--secondary", start)
    pages = []
    for href in NAV_LINK.findall(text[start:end] if start >= 0 else ""):
        target = _page_of(page, html.unescape(href))
        if target is not None and target[1] == "" and target[0] not in pages:
            pages.append(target[0])
    return pages


def _page_of(page: str, href: str) -> tuple[str, str] | None:
    """The client-folder page and fragment ``href`` leads to from ``page``; None for another site
    or a file that is not a page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, parts.fragment
    path = posixpath.normpath(posixpath.join(page, parts.path))
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif posixpath.splitext(path)[1]:
        return None
    path = "" if path in (".", "") else path.rstrip("/") + "/"
    if path.startswith("../"):
        return None
    return path, parts.fragment


def _rewrite(text: str, page: str, number: int, targets: dict[str, tuple[int, set[str]]]) -> str:
    """Ids prefixed with the part's number; links to a page of the document point at its part (at
    the spot when the part holds it), links to other pages of the site lose their address; images
    found from the document."""
    prefix = f"p{number}-"

    def link(found: re.Match[str]) -> str:
        attribute, href = found.group(1), html.unescape(found.group(2))
        if urlsplit(href).scheme:
            return found.group()
        target = _page_of(page, href)
        if target is None or target[0] not in targets:
            return ""
        part, ids = targets[target[0]]
        return f'{attribute}="#p{part}-{target[1]}"' if target[1] in ids else f'{attribute}="#p{part}"'

    def source(found: re.Match[str]) -> str:
        return f'{found.group(1)}="{html.escape(_from_document(page, html.unescape(found.group(2))))}"'

    text = ID_ATTRIBUTE.sub(lambda found: f'{found.group(1)}="{prefix}{found.group(2)}"', text)
    text = SVG_REFERENCE.sub(lambda found: f"url(#{prefix}{found.group(1)})", text)
    text = LINK_ATTRIBUTE.sub(link, text)
    return SOURCE_ATTRIBUTE.sub(source, text)


def _from_document(page: str, address: str) -> str:
    """An address written in ``page`` as the document, in the client's folder, reaches it."""
    if urlsplit(address).scheme:
        return address
    return posixpath.normpath(posixpath.join(page, address))


def _cover_html(cover: Cover) -> str:
    logos = "".join(f'<img src="{uri}" alt="">' for uri in cover.logos)
    return (
        '<section class="sb-pdf-cover">'
        f'<div class="sb-pdf-cover__logos">{logos}</div>'
        f'<p class="sb-pdf-cover__client">{html.escape(cover.client)}</p>'
        f'<p class="sb-pdf-cover__title">{html.escape(cover.title)}</p>'
        f'<p class="sb-pdf-cover__period">{html.escape(cover.period)}</p>'
        f'<p class="sb-pdf-cover__as-of">{html.escape(cover.as_of)}</p>'
        "</section>"
    )


def _signoff(attendees: list[str], labels: dict[str, str]) -> str:
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td></td><td></td></tr>" for name in [*attendees, "", ""])
    return (
        '<section class="sb-pdf-part sb-pdf-signoff" id="sb-pdf-signoff">'
        f"<h1>{labels['signoff']}</h1><p>{labels['signoff_lead']}</p>"
        f"<table><thead><tr><th>{labels['name']}</th><th>{labels['date']}</th><th>{labels['signature']}</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></section>"
    )


def _plain(fragment: str) -> str:
    """A heading's text, tags gone, entities kept escaped (it goes back into HTML)."""
    return html.escape(html.unescape(TAG.sub("", fragment)).strip(), quote=False)
