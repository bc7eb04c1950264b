"""The contract's rules between fields and between items ("Rules every file must follow").

They run on every item that passed type validation, even when other items of the file did
not, so a file's problems come out all at once. Each rule yields ``(path, message)``: the path
(``("kpis", 2, "target", "value")``) lets the caller point at the line and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from strategy_bible.strategy.dates import as_datetime
from strategy_bible.strategy.model import Action, Channel, Event, Kpi, Objective, Period
from strategy_bible.strategy.problems import did_you_mean

RulePath = tuple[str | int, ...]
Finding = tuple[RulePath, str]

SECTIONS = ("audiences", "channels", "objectives", "actions", "kpis", "events")
"""The sections whose items have ids."""
LISTS = (*SECTIONS, "posts")
KIND = {
    "audiences": "audience",
    "channels": "channel",
    "objectives": "objective",
    "actions": "action",
    "kpis": "KPI",
    "events": "event",
}


@dataclass
class Checked:
    """What the rules look at: the period and the items that validated, with their index in the file."""

    period: Period | None = None
    items: dict[str, list[tuple[int, Any]]] = field(default_factory=lambda: {s: [] for s in LISTS})
    declared: dict[str, str] = field(default_factory=dict)
    """Every id written in the file (valid item or not) → its section, so that a reference to an
    item that failed validation is not reported as missing too."""
    failed: set[RulePath] = field(default_factory=set)
    """Paths whose value failed type validation: present in the file, though None here."""


def declared_ids(data: Mapping[str, Any]) -> dict[str, str]:
    """Ids as written in the raw file, first occurrence wins: ``id → section``."""
    declared: dict[str, str] = {}
    for section in SECTIONS:
        items = data.get(section)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    declared.setdefault(item["id"], section)
    return declared


def check(checked: Checked) -> Iterator[Finding]:
    """Every rule, on every item. Items that failed type validation come with the fields that
    did fail set to None (see ``validation._salvage``), so each rule skips what it cannot judge."""
    checked.items = {s: [(i, item) for i, item in items if item is not None] for s, items in checked.items.items()}
    yield from _period(checked.period)
    yield from _unique_ids(checked)
    yield from _references(checked)
    yield from _parent_cycles(checked.items["objectives"])
    for index, action in checked.items["actions"]:
        yield from _dates_in_order(("actions", index), action.start, action.end)
    for index, event in checked.items["events"]:
        yield from _dates_in_order(("events", index), event.start, event.end)
    for index, kpi in checked.items["kpis"]:
        yield from _kpi(("kpis", index), kpi, checked.failed)
    for index, post in checked.items["posts"]:
        if (
            post.title is None
            and post.url is None
            and not {("posts", index, "title"), ("posts", index, "url")} & checked.failed
        ):
            yield ("posts", index), "a post needs a title or a url (or both)"


def _period(period: Period | None) -> Iterator[Finding]:
    if period is not None and period.start and period.end and period.end <= period.start:
        yield ("period", "end"), f"the period ends ({period.end}) before it starts ({period.start})"


def _unique_ids(checked: Checked) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for section in SECTIONS:
        for index, item in checked.items[section]:
            if item is None or item.id is None:
                continue
            if item.id in seen:
                yield (
                    (section, index, "id"),
                    (f"the id '{item.id}' is already used by {seen[item.id]}; ids are unique across the whole file"),
                )
            else:
                seen[item.id] = f"{_a(KIND[section])} ({section})"


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind


def _references(checked: Checked) -> Iterator[Finding]:
    def refer(path: RulePath, target: str | None, section: str) -> Iterator[Finding]:
        if target is None:
            return
        found = checked.declared.get(target)
        if found is None:
            candidates = [i for i, s in checked.declared.items() if s == section]
            yield path, f"no {KIND[section]} has the id '{target}'{did_you_mean(target, candidates)}"
        elif found != section:
            yield path, f"'{target}' is {_a(KIND[found])}, not {_a(KIND[section])}"

    channel: Channel
    for index, channel in checked.items["channels"]:
        for n, audience in enumerate(channel.audiences or ()):
            yield from refer(("channels", index, "audiences", n), audience, "audiences")
    objective: Objective
    for index, objective in checked.items["objectives"]:
        if objective.parent is not None and objective.parent == objective.id:
            yield ("objectives", index, "parent"), "an objective cannot be its own parent"
        else:
            yield from refer(("objectives", index, "parent"), objective.parent, "objectives")
    action: Action
    for index, action in checked.items["actions"]:
        for n, target in enumerate(action.objectives or ()):
            yield from refer(("actions", index, "objectives", n), target, "objectives")
        yield from refer(("actions", index, "channel"), action.channel, "channels")
    kpi: Kpi
    for index, kpi in checked.items["kpis"]:
        yield from refer(("kpis", index, "objective"), kpi.objective, "objectives")
    event: Event
    for index, event in checked.items["events"]:
        for n, target in enumerate(event.objectives or ()):
            yield from refer(("events", index, "objectives", n), target, "objectives")
    for index, post in checked.items["posts"]:
        yield from refer(("posts", index, "channel"), post.channel, "channels")


def _parent_cycles(objectives: Sequence[tuple[int, Objective]]) -> Iterator[Finding]:
    # Self-parents are reported by the reference check.
    parent = {o.id: o.parent for _, o in objectives if o.id is not None and o.parent is not None and o.parent != o.id}
    index_of = {o.id: i for i, o in objectives if o.id is not None}
    reported: set[str] = set()
    for start in parent:
        chain: list[str] = []
        current = start
        while current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current in chain and current not in reported:
            loop = chain[chain.index(current) :]
            reported.update(loop)
            shown = " → ".join([*loop, current])
            yield ("objectives", index_of[loop[0]], "parent"), f"the parent chain loops: {shown}"


def _dates_in_order(path: RulePath, start: Any, end: Any) -> Iterator[Finding]:
    if start is None or end is None:
        return
    # A date-only end means "that whole day": it is not before a start at 18:00 the same day.
    if as_datetime(end, dt.time.max) < as_datetime(start, dt.time.max):
        yield (*path, "end"), f"end ({end}) is before start ({start})"


def _kpi(path: RulePath, kpi: Kpi, failed: set[RulePath]) -> Iterator[Finding]:
    if kpi.unit == "currency" and kpi.currency is None and (*path, "currency") not in failed:
        yield (*path, "unit"), "'currency' is required with unit: currency (for example currency: EUR)"
    if kpi.unit != "currency" and kpi.currency is not None:
        yield (*path, "currency"), f"'currency' is only allowed with unit: currency (this KPI's unit is {kpi.unit})"
    if kpi.baseline is None or kpi.target is None:
        return
    baseline, target = kpi.baseline.value, kpi.target.value
    if target == baseline:
        yield (*path, "target", "value"), f"target.value must differ from baseline.value ({baseline})"
    elif kpi.direction == "up" and target < baseline:
        yield (
            (*path, "target", "value"),
            (
                f"with direction: up, target.value ({target}) must be above "
                f"baseline.value ({baseline}); write direction: down if lower is better"
            ),
        )
    elif kpi.direction == "down" and target > baseline:
        yield (
            (*path, "target", "value"),
            (f"with direction: down, target.value ({target}) must be below baseline.value ({baseline})"),
        )
    if kpi.target.date <= kpi.baseline.date:
        yield (
            (*path, "target", "date"),
            (f"target.date ({kpi.target.date}) must be after baseline.date ({kpi.baseline.date})"),
        )
    first: dict[dt.date, int] = {}
    for n, measurement in enumerate(kpi.measurements or ()):
        if measurement is None or measurement.date is None:
            continue
        if measurement.date in first:
            yield (
                (*path, "measurements", n, "date"),
                (
                    f"a measurement on {measurement.date} is already recorded (item {first[measurement.date] + 1}); "
                    "keep one value per date"
                ),
            )
        else:
            first[measurement.date] = n
