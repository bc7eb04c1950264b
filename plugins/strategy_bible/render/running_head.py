"""The running head and foot of a printed page: its title and client at the top left, the date its
figures are as of at the top right, "page / pages" at the bottom right (their type: print.css).

Chromium prints CSS margin boxes (``@page { @top-left { content: … } }``) but cannot fill them
from the page's text (no ``string-set``), so each page carries its own ``@page`` rule with the
words written in, in a ``<style media="print">`` of its own (theme/main.html): a PDF that puts
pages together under running heads of its own (``strategy-bible pdf``) leaves it out."""

from __future__ import annotations

import html
import re

AS_OF_LINE = re.compile(r'<p class="sb-as-of">(.*?)</p>', re.DOTALL)
"""The as-of line every client page has under its title (``_macros.md.jinja``, ``header``)."""
_TAG = re.compile(r"<[^>]*>")


PAGE_NUMBER = '@bottom-right{content:counter(page) " / " counter(pages)}'


def running_head(title: str, page_html: str) -> str:
    """The ``@page`` rule that prints ``title`` (when there is one) and the as-of line of
    ``page_html`` (when it has one) in the top margin of every sheet, its number at the bottom."""
    boxes = f"@top-left{{content:{css_string(title)}}}" if title else ""
    if (line := AS_OF_LINE.search(page_html)) is not None:
        as_of = " ".join(html.unescape(_TAG.sub("", line.group(1))).split())
        boxes += f"@top-right{{content:{css_string(as_of)}}}"
    return f"@page{{{boxes}{PAGE_NUMBER}}}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element: quotes, backslashes,
    control characters and ``<``, ``>``, ``&`` are written as hex escapes (``</style>`` cannot
    end the element early, a client's name cannot add a rule)."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F else char for char in text
    )
    return f'"{escaped}"'
