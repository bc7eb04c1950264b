"""A report's rows → KPI measurements, as a mapping's ``measurements:`` rules say (GA4: the month's
sessions of the Organic Social channel group into ``visites-boutique``)."""

from __future__ import annotations

from strategy_bible.imports.detect import Layout
from strategy_bible.imports.mapping import MeasurementRule
from strategy_bible.imports.presets import normal
from strategy_bible.imports.records import ImportedMeasurement
from strategy_bible.imports.tables import Row
from strategy_bible.imports.values import BadValue, is_blank, parse_date, parse_number
from strategy_bible.strategy.problems import did_you_mean


def measurements(
    layout: Layout,
    rows: list[Row],
    rules: list[MeasurementRule],
    shown: str,
    *,
    day_first: bool | None,
    decimal_comma: bool,
) -> tuple[list[ImportedMeasurement], list[str]]:
    """The measurements of every rule, and the problems found (columns missing, values unreadable)."""
    headers = layout.headers
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        index.setdefault(normal(header), position)
    found: list[ImportedMeasurement] = []
    problems: list[str] = []
    header_line = layout.table.rows[layout.header_at].line

    def column(name: str, number: int, key: str) -> int | None:
        if normal(name) in index:
            return index[normal(name)]
        problems.append(
            f"{shown}:{header_line}: measurements[{number}].{key}: no column '{name}'"
            f"{did_you_mean(name, [h for h in headers if h])}"
        )
        return None

    for number, rule in enumerate(rules, 1):
        where = {name: column(name, number, "where") for name in rule.where}
        value_at = column(rule.value, number, "value")
        date_at = None if rule.date in ("end", "start") else column(rule.date, number, "date")
        if rule.date in ("end", "start") and rule.date not in layout.table.period:
            problems.append(
                f"{shown}: measurements[{number}].date: the report has no '# {rule.date.capitalize()} date:' line; "
                "name the column holding the date instead"
            )
            continue
        if value_at is None or None in where.values() or (rule.date not in ("end", "start") and date_at is None):
            continue
        matched = 0
        for row in rows:
            if any(_cell_text(row, where[name]) != normal(wanted) for name, wanted in rule.where.items()):
                continue
            matched += 1
            try:
                value = _value(row, value_at, decimal_comma)
            except BadValue as error:
                problems.append(f"{shown}:{row.line}: column '{headers[value_at]}': {error}")
                continue
            if date_at is None:
                date = layout.table.period[rule.date]
            else:
                try:
                    date = parse_date(_cell(row, date_at), day_first=day_first)
                except BadValue as error:
                    problems.append(f"{shown}:{row.line}: column '{headers[date_at]}': {error}")
                    continue
            found.append(ImportedMeasurement(row.line, rule.kpi, date, value, rule.note))
        if not matched:
            condition = " and ".join(f"'{v}' in column '{k}'" for k, v in rule.where.items()) or "any row"
            problems.append(f"{shown}: measurements[{number}] ({rule.kpi}): no row has {condition}")
    return found, problems


def _cell(row: Row, at: int) -> object:
    return row.cells[at] if at < len(row.cells) else None


def _cell_text(row: Row, at: int | None) -> str:
    cell = _cell(row, at) if at is not None else None
    return normal(str(cell)) if cell is not None else ""


def _value(row: Row, at: int, decimal_comma: bool) -> int | float:
    cell = _cell(row, at)
    if is_blank(cell):
        raise BadValue("the cell is empty; a measurement needs a number")
    return parse_number(cell, decimal_comma=decimal_comma)


def dates_of(rows: list[Row], rules: list[MeasurementRule], layout: Layout) -> list[object]:
    """Every cell of the date columns the rules name, so the file's date order is decided once."""
    index = {normal(h): i for i, h in reversed(list(enumerate(layout.headers)))}
    cells: list[object] = []
    for rule in rules:
        at = index.get(normal(rule.date)) if rule.date not in ("end", "start") else None
        if at is not None:
            cells += [_cell(row, at) for row in rows]
    return cells
