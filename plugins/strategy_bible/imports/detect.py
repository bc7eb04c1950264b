"""Which table of a file to read, where its header is, and which column holds each field: from a
preset named or recognised by its headers, a mapping file, or both (a mapping extending a preset).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strategy_bible.imports.mapping import Mapping
from strategy_bible.imports.presets import PRESETS, Preset, language_day_first, matches, normal
from strategy_bible.imports.tables import Row, Table
from strategy_bible.strategy.problems import did_you_mean, one_of

HEADER_SEARCH = 20
"""The header is within the first rows (LinkedIn's is the second, after a description sentence)."""


@dataclass
class Layout:
    """How to read one table: where its header is and the column index of each field."""

    name: str  # the preset's name, or "mapping"
    platform: str | None
    table: Table
    header_at: int  # index in table.rows
    columns: dict[str, list[int]] = field(default_factory=dict)  # field → columns present, in alias order
    day_first_hint: bool | None = None
    french: bool = False  # French headers: a lone comma is the decimal mark (12,5), not thousands
    posts: bool = True

    @property
    def headers(self) -> list[str]:
        return [str(cell).strip() if cell is not None else "" for cell in self.table.rows[self.header_at].cells]

    def header(self, index: int) -> str:
        return self.headers[index]


class LayoutProblem(Exception):
    """The file does not have the columns it should; ``problems`` lists every one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def not_an_export(shown: str, why: str = "") -> str:
    reason = f" ({why})" if why else ""
    return (
        f"{shown}: this is not an export the import knows{reason}; the presets read "
        f"{one_of(PRESETS)} exports (--preset NAME), and a mapping file describes any other table (--map MAP.yml)"
    )


def choose_layout(tables: list[Table], shown: str, preset_name: str | None, mapping: Mapping | None) -> Layout:
    """The layout to read: :class:`LayoutProblem` when the named columns are not there."""
    preset_name = preset_name or (mapping.preset if mapping else None)
    if preset_name is not None and preset_name not in PRESETS:
        raise LayoutProblem(
            [f"{shown}: '{preset_name}' is not a preset; use {one_of(PRESETS)}{did_you_mean(preset_name, PRESETS)}"]
        )
    preset = PRESETS[preset_name] if preset_name else None
    mapped = mapping.posts.aliases() if mapping and mapping.posts else {}
    if preset is None and not mapped and not (mapping and mapping.measurements):
        return _recognised(tables, shown)
    sheet = (mapping.sheet if mapping else None) or (preset.sheet if preset else None)
    table = _sheet(tables, sheet, shown)
    if not any(not row.blank() for row in table.rows):
        raise LayoutProblem([not_an_export(shown, "its table is empty")])
    fields = {**(preset.fields if preset else {}), **mapped}
    wanted = [alias for aliases in fields.values() for alias in aliases] + _rule_columns(mapping)
    header_row = mapping.header_row if mapping else None
    header_at = _header_at(table, preset, wanted, header_row, shown)
    layout = Layout(
        name=preset.name if preset and not mapped else "mapping",
        platform=(mapping.platform if mapping else None) or (preset.platform if preset else None),
        table=table,
        header_at=header_at,
        posts=bool(mapped) or (preset.posts if preset else False),
    )
    required = set(preset.required) if preset and layout.posts else set()
    required |= set(mapped) | ({"date"} if layout.posts else set())
    _find_columns(layout, fields, required, shown)
    layout.day_first_hint = mapping.day_first if mapping and mapping.day_first is not None else None
    language = language_day_first(preset, layout.headers) if preset is not None else None
    layout.french = language is True
    if layout.day_first_hint is None:
        layout.day_first_hint = language
    return layout


def _recognised(tables: list[Table], shown: str) -> Layout:
    """The first preset whose signature a header row of the file carries."""
    ordered = sorted(tables, key=lambda t: t.sheet not in {p.sheet for p in PRESETS.values()})
    for table in ordered:
        for index, row in enumerate(table.rows[:HEADER_SEARCH]):
            headers = _texts(row)
            for preset in PRESETS.values():
                if matches(preset, headers) and (preset.sheet is None or table.sheet in (None, preset.sheet)):
                    layout = Layout(preset.name, preset.platform, table, index, posts=preset.posts)
                    _find_columns(layout, preset.fields, set(preset.required), shown)
                    layout.day_first_hint = language_day_first(preset, layout.headers)
                    layout.french = layout.day_first_hint is True
                    return layout
    raise LayoutProblem([not_an_export(shown, "no preset recognises its columns")])


def _sheet(tables: list[Table], sheet: str | None, shown: str) -> Table:
    if sheet is None or tables[0].sheet is None:  # a CSV has one table and no sheet name
        return tables[0]
    for table in tables:
        if table.sheet == sheet:
            return table
    names = [t.sheet or "" for t in tables]
    raise LayoutProblem(
        [f"{shown}: the workbook has no sheet '{sheet}'{did_you_mean(sheet, names)}; its sheets: {', '.join(names)}"]
    )


def _rule_columns(mapping: Mapping | None) -> list[str]:
    if not mapping or not mapping.measurements:
        return []
    columns = []
    for rule in mapping.measurements:
        columns += [*rule.where, rule.value] + ([] if rule.date in ("end", "start") else [rule.date])
    return columns


def _header_at(table: Table, preset: Preset | None, wanted: list[str], header_row: int | None, shown: str) -> int:
    """Index of the header row: the one asked for, else the first carrying the preset's signature,
    else the row (among the first ones) holding the most of the wanted columns."""
    if header_row is not None:
        for index, row in enumerate(table.rows):
            if row.line == header_row:
                return index
        raise LayoutProblem([f"{shown}: header_row {header_row}: the table has no row {header_row}"])
    rows = table.rows[:HEADER_SEARCH]
    if preset is not None:
        for index, row in enumerate(rows):
            if matches(preset, _texts(row)):
                return index
    names = {normal(name) for name in wanted}
    best, best_count = 0, -1
    for index, row in enumerate(rows):
        count = len(names & {normal(h) for h in _texts(row)})
        if count > best_count:
            best, best_count = index, count
    return best


def _find_columns(layout: Layout, fields: dict[str, tuple[str, ...]], required: set[str], shown: str) -> None:
    headers = layout.headers
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        index.setdefault(normal(header), position)
    problems = []
    for name, aliases in fields.items():
        found = [index[normal(alias)] for alias in aliases if normal(alias) in index]
        if found:
            layout.columns[name] = list(dict.fromkeys(found))
        elif name in required:
            problems.append(_missing(shown, layout, name, aliases))
    if layout.posts and "url" not in layout.columns and "title" not in layout.columns and not problems:
        expected = list(fields.get("url", ())) + list(fields.get("title", ()))
        problems.append(
            f"{shown}:{layout.table.rows[layout.header_at].line}: no column gives a post's address or title"
            + (f"; expected {one_of(repr(e) for e in expected)}" if expected else "; map 'url' or 'title'")
        )
    if problems:
        raise LayoutProblem(problems)


def _missing(shown: str, layout: Layout, name: str, aliases: tuple[str, ...]) -> str:
    line = layout.table.rows[layout.header_at].line
    headers = [h for h in layout.headers if h]
    hint = ""
    for alias in aliases:
        hint = did_you_mean(alias, headers)
        if hint:
            break
    names = " or ".join(f"'{alias}'" for alias in aliases)
    return f"{shown}:{line}: no column {names} for {name}{hint}; the header has {len(headers)} columns"


def _texts(row: Row) -> list[str]:
    return [cell.strip() for cell in row.cells if isinstance(cell, str)]
