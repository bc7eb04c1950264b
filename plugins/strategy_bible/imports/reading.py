"""``read_export``: one export file → a :class:`ReadExport` (posts and measurements), or
:class:`ExportUnreadable` with every problem found. All or nothing: a single bad row makes the
whole file unreadable, so an import never writes half a month.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from strategy_bible.imports.boosted import merge_boosted
from strategy_bible.imports.capacity import too_many_posts
from strategy_bible.imports.detect import Layout, LayoutProblem, choose_layout, not_an_export
from strategy_bible.imports.known_files import what_it_is
from strategy_bible.imports.mapping import Mapping, load_mapping
from strategy_bible.imports.measuring import dates_of, measurements
from strategy_bible.imports.presets import FORMATS, GA4_EXAMPLE, POST_FIELDS, TOTAL_REACH, normal
from strategy_bible.imports.records import (
    INTERACTION_COUNTS,
    POST_COUNTS,
    ExportUnreadable,
    ImportedPost,
    ReadExport,
)
from strategy_bible.imports.tables import NotATable, Refused, Row, read_tables
from strategy_bible.imports.values import (
    BadValue,
    date_order,
    has_slashed,
    is_blank,
    parse_count,
    parse_date,
    spreadsheet_error,
)
from strategy_bible.strategy.problem_log import counted

TITLE_LENGTH = 120
_LIFETIME = {"lifetime", "durée de vie"}  # Meta's 'Date' column: the period the figures cover
_TOTALS = {"total", "totals", "grand total", "total général", "totaux", "somme"}


def read_export(
    path: Path,
    *,
    shown: str,
    preset: str | None = None,
    mapping: Path | None = None,
    day_first: bool | None = None,
    account: str | None = None,
) -> ReadExport:
    """Read the export at ``path`` (named ``shown`` in messages) with a preset (recognised from
    its headers when ``preset`` is None) and/or a mapping file. ``day_first`` (the user's
    ``--day-first``/``--month-first``) overrides what the file's dates and language say; ``account``
    (``--account``) picks one account's posts in an export of several."""
    rules = load_mapping(mapping, str(mapping)) if mapping is not None else None
    try:
        tables = read_tables(path)
    except OSError as error:
        raise ExportUnreadable(
            f"{shown}: cannot read the file: {error.strerror}", [f"{shown}: {error.strerror}"]
        ) from None
    except Refused as why:
        raise _unreadable([f"{shown}: {why}"]) from None
    except NotATable as why:
        raise _unreadable([not_an_export(shown, str(why))]) from None
    try:
        layout = choose_layout(tables, shown, preset, rules)
    except LayoutProblem as problem:
        known = what_it_is(tables, shown) if rules is None else None  # a mapping's own problems matter
        raise _unreadable([known] if known else problem.problems) from None
    if not layout.posts and not (rules and rules.measurements):
        raise _unreadable(
            [
                f"{shown}: a {layout.name} report holds no posts: it needs a mapping (--map MAP.yml) saying "
                f"which figure goes to which KPI, for example:\n{GA4_EXAMPLE}"
            ]
        )
    return _read(layout, shown, rules, day_first, account)


def _unreadable(problems: list[str]) -> ExportUnreadable:
    return ExportUnreadable(f"the export cannot be imported ({counted(len(problems), 'problem')})", problems)


def _read(layout: Layout, shown: str, rules: Mapping | None, day_first: bool | None, account: str | None) -> ReadExport:
    result = ReadExport(source=shown, preset=layout.name, platform=layout.platform)
    result.notes.extend(layout.table.notes)
    rows = _data_rows(layout, result.skipped)
    channels: dict[int, str] = {}  # line → channel, from a mapping's accounts:
    if layout.posts and "account" in layout.columns:
        accounts = rules.accounts if rules else None
        rows = _one_account(rows, layout, shown, account, result.skipped, accounts, channels)
    if layout.posts and (too_many := too_many_posts(rows, layout, shown)):
        raise _unreadable([too_many])  # before reading a row: certain from the count and the first rows
    problems: list[str] = []
    decimal_comma = layout.table.delimiter == ";" or layout.french
    date_cells = [_cell(row, layout.columns["date"][0]) for row in rows] if "date" in layout.columns else []
    if rules and rules.measurements:
        date_cells += dates_of(rows, rules.measurements, layout)
    order = _date_order(date_cells, layout, shown, day_first)
    if layout.posts:
        _lifetime_note(layout, rows, result.skipped)
        result.columns.update(
            (name, layout.header(layout.columns[name][0]))
            for name in (*POST_FIELDS, "format")
            if name in layout.columns
        )
        kinds: list[str] = []
        formats = {**FORMATS, **{normal(k): v for k, v in ((rules.formats if rules else None) or {}).items()}}
        for row in rows:
            post = _post(row, layout, shown, order, decimal_comma, problems, formats)
            if post is not None:
                result.posts.append(dataclasses.replace(post, channel=channels.get(row.line)))
                kinds.append(normal(_text(row, layout, "kind") or ""))
        _unmapped_formats(layout, rows, result.notes, formats)
        if "kind" in layout.columns:
            result.posts[:] = merge_boosted(result.posts, kinds, shown, result.skipped, result.notes)
    if rules and rules.measurements:
        found, wrong = measurements(
            layout, rows, rules.measurements, shown, day_first=order, decimal_comma=decimal_comma
        )
        result.measurements.extend(found)
        problems += wrong
    if problems:
        raise _unreadable(problems)
    return result


def _data_rows(layout: Layout, skipped: list[str]) -> list[Row]:
    """The rows after the header, less blank rows and total rows (each listed in ``skipped``)."""
    rows = layout.table.rows[layout.header_at + 1 :]
    while rows and rows[-1].blank():
        rows = rows[:-1]
    date_at = layout.columns.get("date", [None])[0]
    kept = []
    for row in rows:
        if row.blank():
            skipped.append(f"line {row.line}: blank line")
            continue
        first = row.cells[0] if row.cells else None
        if any(isinstance(cell, str) and normal(cell).startswith("lifetime:") for cell in row.cells):
            skipped.append(f"line {row.line}: the metrics' descriptions (legacy Facebook Insights), not a post")
            continue
        if isinstance(first, str) and normal(first) in _TOTALS:
            skipped.append(f"line {row.line}: total row ('{first.strip()}')")
            continue
        if is_blank(first) and (date_at is None or is_blank(_cell(row, date_at))):
            skipped.append(f"line {row.line}: total row (first column empty)")
            continue
        kept.append(row)
    return kept


def _one_account(
    rows: list[Row],
    layout: Layout,
    shown: str,
    wanted: str | None,
    skipped: list[str],
    mapped: dict[str, str] | None,
    channels: dict[int, str],
) -> list[Row]:
    """The rows of the export's one account, or of the one ``--account`` names, or every row with its
    channel (``channels``) from a mapping's ``accounts:``: several accounts never merge into one channel."""
    at = layout.columns["account"][0]
    accounts: dict[str, int] = {}
    for row in rows:
        name = str(_cell(row, at) or "").strip()
        accounts[name] = accounts.get(name, 0) + 1
    listing = ", ".join(f"'{name}' ({counted(count, 'post')})" for name, count in accounts.items())
    if mapped and wanted is None:
        to_channel = {normal(name): channel for name, channel in mapped.items()}
        missing = [name for name in accounts if normal(name) not in to_channel]
        if missing:
            raise _unreadable(
                [
                    f"{shown}: column '{layout.header(at)}': the mapping's accounts: give no channel for "
                    f"{', '.join(repr(name) for name in missing)}; the export's accounts: {listing}"
                ]
            )
        channels.update((row.line, to_channel[normal(str(_cell(row, at) or ""))]) for row in rows)
        return rows
    if wanted is None:
        if len(accounts) <= 1:
            return rows
        raise _unreadable(
            [
                f"{shown}: column '{layout.header(at)}': the export holds the posts of {len(accounts)} accounts, "
                f"{listing}; import one account at a time into its channel: --account NAME --channel ID"
            ]
        )
    if normal(wanted) not in {normal(name) for name in accounts}:
        raise _unreadable([f"{shown}: column '{layout.header(at)}' has no account '{wanted}'; its accounts: {listing}"])
    kept = [row for row in rows if normal(str(_cell(row, at) or "")) == normal(wanted)]
    if len(kept) < len(rows):
        skipped.append(f"{counted(len(rows) - len(kept), 'post')} of other accounts than '{wanted}' (--account)")
    return kept


def _date_order(cells: list[Any], layout: Layout, shown: str, day_first: bool | None) -> bool | None:
    """Day-first or month-first for the whole file: the user's flag, else the dates' own values,
    else the export's language; refused when nothing settles it."""
    if day_first is not None or not has_slashed(cells):
        return day_first
    try:
        order = date_order(cells)
    except BadValue as error:
        raise _unreadable([f"{shown}: {error}; the file cannot be read safely"]) from None
    if order.day_first is not None:
        return order.day_first
    if layout.day_first_hint is not None:
        return layout.day_first_hint
    example = next(str(c).strip() for c in cells if isinstance(c, str) and "/" in c)
    raise _unreadable(
        [
            f"{shown}: every date (such as '{example}') could be day-first or month-first; "
            "say which with --day-first or --month-first"
        ]
    )


def _lifetime_note(layout: Layout, rows: list[Row], skipped: list[str]) -> None:
    """Meta's ``Date`` column says ``Lifetime`` (the period the figures cover): say it is not read."""
    for position, header in enumerate(layout.headers):
        if normal(header) != "date" or position in layout.columns.get("date", []):
            continue
        words = {_cell(r, position).strip() for r in rows if isinstance(_cell(r, position), str)}
        lifetime = sorted(word for word in words if normal(word) in _LIFETIME)
        if lifetime:
            date_header = layout.header(layout.columns["date"][0])
            skipped.append(
                f"column '{header}': '{lifetime[0]}' is the period of the figures, not a date; "
                f"not read (a post's date is '{date_header}')"
            )


def _post(
    row: Row,
    layout: Layout,
    shown: str,
    day_first: bool | None,
    decimal_comma: bool,
    problems: list[str],
    formats: dict[str, str],
) -> ImportedPost | None:
    before = len(problems)

    def fail(at: int, reason: str) -> None:
        problems.append(f"{shown}:{row.line}: column '{layout.header(at)}': {reason}")

    date_at = layout.columns["date"][0]
    date = None
    if is_blank(_cell(row, date_at)):
        fail(date_at, "the cell is empty; a post needs its date")
    else:
        try:
            date = parse_date(_cell(row, date_at), day_first=day_first)
        except BadValue as error:
            fail(date_at, str(error))
    counts: dict[str, int] = {}
    for name in POST_COUNTS:
        if name in layout.columns:
            at = layout.columns[name][0]
            try:
                counts[name] = parse_count(_cell(row, at), decimal_comma=decimal_comma)
            except BadValue as error:
                fail(at, str(error))
    for name in ("url", "title", "post_id"):  # a text cell may hold an error too (a formula's result)
        for at in layout.columns.get(name, []):
            if failed := spreadsheet_error(_cell(row, at), text_too=False):
                fail(at, failed)
    url = _text(row, layout, "url")
    title = _title(_text(row, layout, "title"))
    post_id = _text(row, layout, "post_id")
    if url is None and title is None and len(problems) == before:
        problems.append(f"{shown}:{row.line}: the post has neither an address nor a title")
    if len(problems) > before or date is None:
        return None
    unknown = tuple(name for name in INTERACTION_COUNTS if name not in layout.columns)
    total = "reach_paid" not in layout.columns and _fed_by(layout, "reach_organic") in TOTAL_REACH_NAMES
    return ImportedPost(row.line, date, post_id, url, title, counts, unknown, _format(row, layout, formats), total)


TOTAL_REACH_NAMES = {normal(name) for name in TOTAL_REACH}


def _fed_by(layout: Layout, name: str) -> str | None:
    """The column a field is read from, as compared (the first of its columns present)."""
    return normal(layout.header(layout.columns[name][0])) if name in layout.columns else None


def _format(row: Row, layout: Layout, formats: dict[str, str]) -> str | None:
    """The post's format from the export's post type (``presets.FORMATS`` and a mapping's ``formats:``);
    None when it names none."""
    kind = _text(row, layout, "format")
    return formats.get(normal(kind)) if kind is not None else None


def _unmapped_formats(layout: Layout, rows: list[Row], notes: list[str], formats: dict[str, str]) -> None:
    """Say which post types of the file name no format (the posts keep none; set it by hand)."""
    types = {text for row in rows if (text := _text(row, layout, "format")) and normal(text) not in formats}
    if types:
        column = layout.header(layout.columns["format"][0])
        notes.append(
            f"column '{column}': {', '.join(repr(t) for t in sorted(types))} names no post format: "
            "those posts get none (set format: by hand)"
        )


def _cell(row: Row, at: int) -> Any:
    return row.cells[at] if at < len(row.cells) else None


def _text(row: Row, layout: Layout, name: str) -> str | None:
    """The first non-blank cell among the field's columns (Facebook: ``Title``, else
    ``Description``); a whole number typed by a workbook is written without ``.0``."""
    for at in layout.columns.get(name, []):
        cell = _cell(row, at)
        if is_blank(cell):
            continue
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return str(cell).strip()
    return None


def _title(text: str | None) -> str | None:
    """A caption's first non-blank line, at most :data:`TITLE_LENGTH` characters (cut with …)."""
    if text is None:
        return None
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) > TITLE_LENGTH:
        line = line[: TITLE_LENGTH - 1].rstrip() + "…"
    return line or None
