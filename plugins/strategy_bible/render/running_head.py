"""The running head of a printed page: its title and client at the top left, the date its figures
are as of at the top right (the page number is in print.css, the same on every page).

Chromium prints CSS margin boxes (``@page { @top-left { content: … } }``) but cannot fill them
from the page's text (no ``string-set``), so each page carries its own ``@page`` rule with the
words written in."""

from __future__ import annotations

import html
import re

AS_OF_LINE = re.compile(r'<p class="sb-as-of">(.*?)</p>', re.DOTALL)
"""The as-of line every client page has under its title (``_macros.md.jinja``, ``header``)."""
_TAG = re.compile(r"<[^>]*>")


def running_head(title: str, page_html: str) -> str:
    """The ``@page`` rule that prints ``title`` and the as-of line of ``page_html`` (when it has
    one) in the top margin of every sheet."""
    boxes = f"@top-left{{content:{css_string(title)}}}"
    if (line := AS_OF_LINE.search(page_html)) is not None:
        as_of = " ".join(html.unescape(_TAG.sub("", line.group(1))).split())
        boxes += f"@top-right{{content:{css_string(as_of)}}}"
    return f"@page{{{boxes}}}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element: quotes, backslashes,
    control characters and ``<``, ``>``, ``&`` are written as hex escapes (``</style>`` cannot
    end the element early, a client's name cannot add a rule)."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F else char for char in text
    )
    return f'"{escaped}"'
