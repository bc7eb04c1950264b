"""Strategy text into page source, safely.

Generated pages are Markdown (so MkDocs builds their table of contents and search sections) with
some raw HTML. Two kinds of text from strategy files go into them:

- **plain text** (titles, names, notes, tasks): :func:`plain` turns every ASCII punctuation mark
  that Markdown, its usual extensions or HTML give a meaning to into an HTML character reference,
  so the text can neither be read as Markdown (``*``, ``[…](…)``, ``#``, ``|`` …) nor as HTML
  (``<``, ``&``, quotes in attributes), and shows exactly as written — in Markdown and in raw HTML
  alike — less its bidirectional control characters (:mod:`strategy_bible.strategy.bidi`);
- **Markdown fields** (summary, why, description, notes): :class:`MarkdownFields` renders them with
  a fixed set of extensions, then sanitises the HTML with nh3 (no script, no event handler, no
  ``javascript:`` link, no iframe; no image either, which would tell a third party who reads the
  bible), and hands MkDocs the result as a raw HTML block.
"""

from __future__ import annotations

import functools
import re
import string

import markdown
import nh3
from markupsafe import Markup

from strategy_bible.strategy.bidi import STRIP_BIDI_CONTROLS, without_bidi_controls

_HARMLESS = ",;/?"  # no meaning in Markdown or HTML: kept as is, so "1,5" stays readable in the source
_CHARREFS = {ord(c): f"&#{ord(c)};" for c in string.punctuation if c not in _HARMLESS} | STRIP_BIDI_CONTROLS
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # ASCII only: a no-break space is meant


def plain(value: object) -> Markup:
    """Plain text, safe in Markdown and HTML; runs of white space (new lines too) become one space."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return _plain_text(str(value))


@functools.lru_cache(maxsize=16_384)
def _plain_text(text: str) -> Markup:
    """:func:`plain` of a text, remembered: the same titles, labels and figures go into many pages."""
    return Markup(_SPACES.sub(" ", text).strip(" ").translate(_CHARREFS))


_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}


class MarkdownFields:
    """Renders the contract's Markdown fields into sanitised HTML blocks."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", "toc", "pymdownx.tilde", "pymdownx.magiclink"],
            # A "# Heading" in a summary becomes <h4>: it must not compete with the page's own headings.
            extension_configs={"toc": {"baselevel": 4}},
        )

    def __call__(self, text: str | None) -> Markup:
        if not text or not str(text).strip():
            return Markup("")
        self._md.reset()
        html = nh3.clean(
            self._md.convert(str(text)),
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer nofollow",
        )
        html = without_bidi_controls(html)  # after nh3, which turns a &#8238; of the source into the character
        # A raw HTML block for MkDocs: its own <div>, blank lines around, so Markdown leaves it alone.
        return Markup(f'\n<div class="sb-prose">\n{html}\n</div>\n')
