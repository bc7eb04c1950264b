"""Whether an export's posts can fit in one strategy file, told from its row count and its first rows,
before any row is read: every row becomes a post of the file (added, or matched to one post), so an
export of 400,000 posts is refused at once instead of after minutes of reading.

A post of the file takes one value for itself and one for each key (the loader's
:data:`~strategy_bible.strategy.loader.MAX_VALUES`), and its written line takes bytes
(:data:`~strategy_bible.strategy.loader.MAX_BYTES`). The first rows give the smallest post of the
export; the refusal is certain when even that many small posts do not fit.
"""

from __future__ import annotations

from typing import Any

from strategy_bible.imports.detect import Layout
from strategy_bible.imports.records import INTERACTION_COUNTS
from strategy_bible.imports.tables import Row
from strategy_bible.imports.values import is_blank
from strategy_bible.strategy.loader import MAX_BYTES, MAX_VALUES

SAMPLE = 100
"""Rows looked at to size a post: an export's rows have the same columns."""

_TEXTS = {"title": 120, "url": None, "post_id": None}  # a title is cut to its first 120 characters
_WRITTEN = len("  - {date: 2026-01-01, channel: x}\n")  # a post's line without its other keys


def too_many_posts(rows: list[Row], layout: Layout, shown: str) -> str | None:
    """Why ``rows`` (the data rows of a posts export) cannot fit in one strategy file, or None."""
    if not rows:
        return None
    sample = [_post_size(row, layout) for row in rows[:SAMPLE]]
    values = min(size[0] for size in sample)
    written = min(size[1] for size in sample)
    if len(rows) * values <= MAX_VALUES and len(rows) * written <= MAX_BYTES:
        return None
    fit = min(MAX_VALUES // values, MAX_BYTES // written)
    return (
        f"{shown}: {len(rows):,} posts are too many for one strategy file: a post of this export takes "
        f"{values} values and about {written} bytes, and a strategy file holds at most {MAX_VALUES:,} values "
        f"and {MAX_BYTES:,} bytes (some {fit:,} such posts); export a shorter period"
    )


def _post_size(row: Row, layout: Layout) -> tuple[int, int]:
    """The values (the post, date, channel and each key it gets) and written bytes of the post a row
    makes, at the least."""
    values, written = 3, _WRITTEN
    for name, columns in layout.columns.items():
        if name == "date":
            continue
        cell = next((c for c in (_cell(row, at) for at in columns) if not is_blank(c)), None)
        if cell is None and name in _TEXTS:
            continue  # no title, address or id on this row: the post has no such key
        text = "0" if cell is None else str(cell).strip()
        limit = _TEXTS.get(name)
        values += 1
        written += len(f", {name}: ") + min(len(text), limit or len(text))
    for name in INTERACTION_COUNTS:  # a count the export does not carry is written null
        if name not in layout.columns:
            values += 1
            written += len(f", {name}: null")
    return values, written


def _cell(row: Row, at: int) -> Any:
    return row.cells[at] if at < len(row.cells) else None
