"""Values written into YAML text so that they read back as exactly the same value.

The writing commands (:mod:`strategy_bible.commands.editing`) and the starter file
(:mod:`strategy_bible.commands.starter`) put user text — a measurement note, a task, a client's name —
into a strategy file. Text is left plain when that is safe, in a block *and* inside a flow
mapping ``{…}``; otherwise it is written double-quoted, JSON style (JSON strings are valid YAML
double-quoted scalars), so a French "mars : le" or a leading ``*`` cannot break the file.
"""

from __future__ import annotations

import json
import math
import re

from ruamel.yaml.resolver import VersionedResolver

_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`~")
_LINE_BREAKS = {"\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
"""Characters a YAML reader takes as line breaks, though JSON leaves them as they are."""
_REFUSED = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Characters YAML refuses even inside double quotes (JSON leaves them as they are): escaped."""
_IMPLICIT = VersionedResolver(version=(1, 2)).versioned_resolver
"""The loader's resolver (YAML 1.2): first character → the patterns of what a plain scalar reads as
when it is not text (a number, a date, true, null…)."""
_FLOW = re.compile(r"[,\[\]{}?]")
"""Characters that end a plain scalar inside ``{…}`` for some parser: PyYAML's ends it at ``?`` too
(an address with a query, https://…/p?igsh=1, made the file unreadable to it)."""


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as this very text, else double-quoted."""
    if _plain_is_safe(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        quoted = quoted.replace(char, escape)
    return _REFUSED.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


def number(value: int | float) -> str:
    """A number as YAML reads it back: ``1400``, ``12.5``. Booleans and inf/nan are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return str(value) if isinstance(value, int) else repr(value)


def _plain_is_safe(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _SPECIAL_START:
        return False
    if not text.isprintable() or _FLOW.search(text):  # YAML's line breaks are not printable either
        return False
    if ": " in text or " #" in text or text.endswith(":") or re.search(r"\s\s", text):
        return False
    # a plain scalar that YAML reads as a number, a date, true, null… is not this text; asking the
    # resolver's patterns costs microseconds where parsing ``key: text`` took a millisecond (an
    # import of 20,000 posts writes 80,000 values)
    patterns = _IMPLICIT.get(text[0], []) + _IMPLICIT.get(None, [])
    return not any(pattern.match(text) for _tag, pattern in patterns)
