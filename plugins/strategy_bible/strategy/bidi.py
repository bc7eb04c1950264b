"""Bidirectional control characters, taken out of text that readers see.

The embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the direction
marks (U+200E, U+200F, U+061C) are invisible and change the order in which the text around them
is shown: a right-to-left override in a client's name or a KPI's name can make a reader see
letters and figures reversed ("1250" shown as "0521"). Text from a strategy file is shown without
them, everywhere: pages, navigation and downloads; Arabic or Hebrew text still reads right to
left, since browsers order it by its letters. Error messages, which quote the file to say what is
wrong in it, show each as a visible ``[U+202E]`` instead.
"""

from __future__ import annotations

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

STRIP_BIDI_CONTROLS: dict[int, None] = dict.fromkeys(map(ord, BIDI_CONTROLS))
"""A :meth:`str.translate` table that deletes them (to merge into another table)."""


def without_bidi_controls(text: str) -> str:
    """``text`` with every bidirectional control character removed (ASCII text, most of it, is
    returned at once: it cannot hold any)."""
    return text if text.isascii() else text.translate(STRIP_BIDI_CONTROLS)


_MARKED = {ord(char): f"[U+{ord(char):04X}]" for char in BIDI_CONTROLS}


def marked_bidi_controls(text: str) -> str:
    """``text`` with each bidirectional control character written ``[U+202E]``: for messages about
    the file, where the reader must see what is there to fix it."""
    return text if text.isascii() else text.translate(_MARKED)
