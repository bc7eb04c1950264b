"""The contract's rules between fields and between items ("Rules every file must follow").

They run on every item that passed type validation, even when other items of the file did
not, so a file's problems come out all at once. Each rule yields ``(path, message)``: the path
(``("kpis", 2, "target", "value")``) lets the caller point at the line and column.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from strategy_bible.strategy.dates import as_datetime
from strategy_bible.strategy.model import (
    RATE_METRICS,
    Action,
    CalendarItem,
    Channel,
    CrisisLevel,
    Event,
    Kpi,
    Means,
    MeansItem,
    Objective,
    Period,
    Pillar,
    Post,
    Review,
)
from strategy_bible.strategy.problems import OneOf, Said, Worded, did_you_mean

RulePath = tuple[str | int, ...]
Finding = tuple[RulePath, str]

SECTIONS = ("audiences", "channels", "objectives", "actions", "kpis", "events")
"""The version 1 sections whose items have ids (top-level lists)."""
PLACES: dict[str, tuple[str, ...]] = {
    **{section: (section,) for section in SECTIONS},
    "pillars": ("editorial", "pillars"),
    "calendar": ("calendar",),
    "means": ("means", "items"),
    "moderation": ("community", "moderation"),
    "crisis": ("community", "crisis"),
    "reviews": ("reviews",),
}
"""Every list of items with ids, by name, and where it is in the file. Ids are unique across all."""
ID_SECTIONS = tuple(PLACES)
LISTS = (*ID_SECTIONS, "posts")
PLACES["posts"] = ("posts",)
KIND = {
    "audiences": "audience",
    "channels": "channel",
    "objectives": "objective",
    "actions": "action",
    "kpis": "KPI",
    "events": "event",
    "pillars": "editorial pillar",
    "calendar": "calendar item",
    "means": "means item",
    "moderation": "moderation case",
    "crisis": "crisis level",
    "reviews": "review",
}


def items_at(data: Any, section: str) -> Any:
    """The list of ``section`` in ``data`` (a strategy or the raw mapping), or None."""
    node = data
    for key in PLACES[section]:
        node = node.get(key) if isinstance(node, Mapping) else getattr(node, key, None)
        if node is None:
            return None
    return node


def at(section: str, index: int, *rest: str | int) -> RulePath:
    """The path of an item's key: ``at("pillars", 0, "share")`` → ``("editorial", "pillars", 0, "share")``."""
    return (*PLACES[section], index, *rest)


@dataclass
class Checked:
    """What the rules look at: the period and the items that validated, with their index in the file."""

    period: Period | None = None
    means: Means | None = None
    items: dict[str, list[tuple[int, Any]]] = field(default_factory=lambda: {s: [] for s in LISTS})
    declared: dict[str, str] = field(default_factory=dict)
    """Every id written in the file (valid item or not) → its section, so that a reference to an
    item that failed validation is not reported as missing too."""
    failed: set[RulePath] = field(default_factory=set)
    """Paths whose value failed type validation: present in the file, though None here."""


def declared_ids(data: Mapping[str, Any]) -> dict[str, str]:
    """Ids as written in the raw file, first occurrence wins: ``id → section``."""
    declared: dict[str, str] = {}
    for section in ID_SECTIONS:
        items = items_at(data, section)
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
        yield from _from_posts(("kpis", index), kpi, checked.failed)
    for index, post in checked.items["posts"]:
        if (
            post.title is None
            and post.url is None
            and not {("posts", index, "title"), ("posts", index, "url")} & checked.failed
        ):
            yield ("posts", index), Worded("a post needs a title or a url (or both)", "invalid.post_untitled")
    yield from _version_2(checked)


def _period(period: Period | None) -> Iterator[Finding]:
    if period is not None and period.start and period.end and period.end <= period.start:
        yield (
            ("period", "end"),
            Worded(
                f"the period ends ({period.end}) before it starts ({period.start})",
                "invalid.period_order",
                end=period.end,
                start=period.start,
            ),
        )


def _unique_ids(checked: Checked) -> Iterator[Finding]:
    seen: dict[str, tuple[str, str]] = {}  # id: (section, place)
    for section in ID_SECTIONS:
        for index, item in checked.items[section]:
            if item is None or item.id is None:
                continue
            if item.id in seen:
                first, place = seen[item.id]
                message = (
                    f"the id '{item.id}' is already used by {_a(KIND[first])} ({place}); "
                    "ids are unique across the whole file"
                )
                yield (
                    at(section, index, "id"),
                    Worded(
                        message, "invalid.id_twice", id=item.id, kind=_kinds(first), kind_a=_a(KIND[first]), place=place
                    ),
                )
            else:
                seen[item.id] = (section, ".".join(PLACES[section]))


def _kinds(*sections: str) -> OneOf:
    """The sections' items named the reader's way ("objectives or events"), for pages (see ``Worded``)."""
    return OneOf(tuple(Said(f"kinds.{section}") for section in sections))


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind


def _references(checked: Checked) -> Iterator[Finding]:
    def refer(path: RulePath, target: str | None, *sections: str) -> Iterator[Finding]:
        if target is None:
            return
        found = checked.declared.get(target)
        wanted = " or ".join(KIND[section] for section in sections)
        if found is None:
            candidates = [i for i, s in checked.declared.items() if s in sections]
            hint = did_you_mean(target, candidates)
            message = f"no {wanted} has the id '{target}'{hint}"
            yield (
                path,
                Worded(message, "invalid.no_such_id", wanted=wanted, kinds=_kinds(*sections), id=target, hint=hint),
            )
        elif found not in sections:
            message = f"'{target}' is {_a(KIND[found])}, not {_a(wanted)}"
            yield (
                path,
                Worded(
                    message,
                    "invalid.wrong_kind",
                    id=target,
                    found=_kinds(found),
                    kinds=_kinds(*sections),
                    found_a=_a(KIND[found]),
                    wanted_a=_a(wanted),
                ),
            )

    channel: Channel
    for index, channel in checked.items["channels"]:
        for n, audience in enumerate(channel.audiences or ()):
            yield from refer(("channels", index, "audiences", n), audience, "audiences")
    objective: Objective
    for index, objective in checked.items["objectives"]:
        if objective.parent is not None and objective.parent == objective.id:
            yield ("objectives", index, "parent"), Worded("an objective cannot be its own parent", "invalid.own_parent")
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
        if kpi.from_posts is not None:
            yield from refer(("kpis", index, "from_posts", "channel"), kpi.from_posts.channel, "channels")
    event: Event
    for index, event in checked.items["events"]:
        for n, target in enumerate(event.objectives or ()):
            yield from refer(("events", index, "objectives", n), target, "objectives")
    post: Post
    for index, post in checked.items["posts"]:
        yield from refer(("posts", index, "channel"), post.channel, "channels")
        yield from refer(("posts", index, "pillar"), post.pillar, "pillars")
        yield from refer(("posts", index, "action"), post.action, "actions")
    pillar: Pillar
    for index, pillar in checked.items["pillars"]:
        for n, target in enumerate(pillar.objectives or ()):
            yield from refer(at("pillars", index, "objectives", n), target, "objectives")
    entry: CalendarItem
    for index, entry in checked.items["calendar"]:
        yield from refer(at("calendar", index, "channel"), entry.channel, "channels")
        yield from refer(at("calendar", index, "pillar"), entry.pillar, "pillars")
        yield from refer(at("calendar", index, "action"), entry.action, "actions")
    means_item: MeansItem
    for index, means_item in checked.items["means"]:
        for n, target in enumerate(means_item.funds or ()):
            yield from refer(at("means", index, "funds", n), target, "actions", "events")
    review: Review
    for index, review in checked.items["reviews"]:
        for d, decision in enumerate(review.decisions or ()):
            if decision is None:
                continue
            yield from refer(at("reviews", index, "decisions", d, "kpi"), decision.kpi, "kpis")
            for key in ("start", "stop"):
                for n, target in enumerate(getattr(decision, key) or ()):
                    yield from refer(at("reviews", index, "decisions", d, key, n), target, "actions")


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
            yield (
                ("objectives", index_of[loop[0]], "parent"),
                Worded(f"the parent chain loops: {shown}", "invalid.parent_loop", chain=shown),
            )


def _dates_in_order(path: RulePath, start: Any, end: Any) -> Iterator[Finding]:
    if start is None or end is None:
        return
    # A date-only end means "that whole day": it is not before a start at 18:00 the same day.
    if as_datetime(end, dt.time.max) < as_datetime(start, dt.time.max):
        yield (
            (*path, "end"),
            Worded(f"end ({end}) is before start ({start})", "invalid.end_before_start", end=end, start=start),
        )


def _kpi(path: RulePath, kpi: Kpi, failed: set[RulePath]) -> Iterator[Finding]:
    if kpi.unit == "currency" and kpi.currency is None and (*path, "currency") not in failed:
        yield (
            (*path, "unit"),
            Worded("'currency' is required with unit: currency (for example currency: EUR)", "invalid.currency_needed"),
        )
    if kpi.unit != "currency" and kpi.currency is not None:
        yield (
            (*path, "currency"),
            Worded(
                f"'currency' is only allowed with unit: currency (this KPI's unit is {kpi.unit})",
                "invalid.currency_unit",
                unit=kpi.unit,
            ),
        )
    if kpi.baseline is None or kpi.target is None:
        return
    baseline, target = kpi.baseline.value, kpi.target.value
    if target == baseline:
        yield (
            (*path, "target", "value"),
            Worded(
                f"target.value must differ from baseline.value ({baseline})", "invalid.target_same", baseline=baseline
            ),
        )
    elif kpi.direction == "up" and target < baseline:
        yield (
            (*path, "target", "value"),
            Worded(
                f"with direction: up, target.value ({target}) must be above "
                f"baseline.value ({baseline}); write direction: down if lower is better",
                "invalid.target_below",
                target=target,
                baseline=baseline,
            ),
        )
    elif kpi.direction == "down" and target > baseline:
        yield (
            (*path, "target", "value"),
            Worded(
                f"with direction: down, target.value ({target}) must be below baseline.value ({baseline})",
                "invalid.target_above",
                target=target,
                baseline=baseline,
            ),
        )
    if kpi.target.date <= kpi.baseline.date:
        yield (
            (*path, "target", "date"),
            Worded(
                f"target.date ({kpi.target.date}) must be after baseline.date ({kpi.baseline.date})",
                "invalid.target_date",
                target=kpi.target.date,
                baseline=kpi.baseline.date,
            ),
        )
    first: dict[dt.date, int] = {}
    for n, measurement in enumerate(kpi.measurements or ()):
        if measurement is None or measurement.date is None:
            continue
        if measurement.date in first:
            yield (
                (*path, "measurements", n, "date"),
                Worded(
                    f"a measurement on {measurement.date} is already recorded (item {first[measurement.date] + 1}); "
                    "keep one value per date",
                    "invalid.measurement_twice",
                    date=measurement.date,
                    item=first[measurement.date] + 1,
                ),
            )
        else:
            first[measurement.date] = n


def _from_posts(path: RulePath, kpi: Kpi, failed: set[RulePath]) -> Iterator[Finding]:
    """A KPI computed from the posts: no typed measurement, a unit that fits the metric, an
    aggregate that makes sense for it."""
    source = kpi.from_posts
    if source is None:
        return
    if kpi.measurements:
        yield (
            (*path, "measurements"),
            Worded(
                "this KPI's measurements are computed from the posts (from_posts): remove them, "
                "or remove from_posts to type them",
                "invalid.measurements_computed",
            ),
        )
    if source.metric is None:
        return
    rate = source.metric in RATE_METRICS
    wanted = "percent" if rate else "count"
    if kpi.unit is not None and kpi.unit != wanted and (*path, "unit") not in failed:
        what = "a rate per post, in percent" if rate else "a count"
        yield (
            (*path, "from_posts", "metric"),
            Worded(
                f"{source.metric} is {what}: the KPI needs unit: {wanted} (its unit is {kpi.unit})",
                "invalid.metric_rate_unit" if rate else "invalid.metric_count_unit",
                metric=source.metric,
                wanted=wanted,
                unit=kpi.unit,
            ),
        )
    if rate and source.aggregate == "sum":
        yield (
            (*path, "from_posts", "aggregate"),
            Worded(
                f"a sum of rates makes no sense for {source.metric}; use median (the default) or mean",
                "invalid.sum_of_rates",
                metric=source.metric,
            ),
        )
    elif source.metric == "posts" and source.aggregate in ("median", "mean"):
        yield (
            (*path, "from_posts", "aggregate"),
            Worded(
                f"metric: posts counts the posts of each period, it has no {source.aggregate}; "
                "leave aggregate out (or write sum)",
                "invalid.posts_aggregate",
                aggregate=source.aggregate,
            ),
        )


# --- version 2 ---------------------------------------------------------------------------------

SHARE_TOLERANCE = 1e-6
"""Pillar shares are compared with a small tolerance: 33.4 + 33.3 + 33.3 is 100."""


def _version_2(checked: Checked) -> Iterator[Finding]:
    yield from _repeated_ids(checked)
    yield from _pillar_shares(checked.items["pillars"])
    yield from _crisis_plan(checked.items["crisis"])
    yield from _reviews(checked.items["reviews"])
    yield from _means(checked)


def _repeated_ids(checked: Checked) -> Iterator[Finding]:
    """The version 2 id lists hold each id once."""
    lists: list[tuple[RulePath, Sequence[Any] | None]] = []
    lists += [(at("pillars", i, "objectives"), p.objectives) for i, p in checked.items["pillars"]]
    lists += [(at("means", i, "funds"), m.funds) for i, m in checked.items["means"]]
    lists += [(("channels", i, "axes"), c.axes) for i, c in checked.items["channels"]]
    for i, review in checked.items["reviews"]:
        for d, decision in enumerate(review.decisions or ()):
            if decision is not None:
                lists += [(at("reviews", i, "decisions", d, key), getattr(decision, key)) for key in ("start", "stop")]
    for path, values in lists:
        seen: set[Any] = set()
        for n, value in enumerate(values or ()):
            if value in seen:
                yield (
                    (*path, n),
                    Worded(f"'{value}' is listed twice; list each once", "invalid.listed_twice", value=value),
                )
            seen.add(value)


def _pillar_shares(pillars: Sequence[tuple[int, Pillar]]) -> Iterator[Finding]:
    shares = [(index, pillar.share) for index, pillar in pillars if pillar.share is not None]
    total = sum(share for _, share in shares)
    if total > 100 + SHARE_TOLERANCE:
        running, past = 0.0, shares[-1][0]
        for index, share in shares:  # placed at the pillar that takes the total past 100
            running += share
            if running > 100 + SHARE_TOLERANCE:
                past = index
                break
        yield (
            at("pillars", past, "share"),
            Worded(
                f"the pillars' target shares add up to {total:g} %; together they can make at most 100 %",
                "invalid.pillar_shares",
                total=f"{total:g}",
            ),
        )


def same_person(a: str, b: str) -> bool:
    """Names compared trimmed, case- and accent-insensitively: 'Léa ' is 'lea'."""

    def plain(name: str) -> str:
        decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    return plain(a) == plain(b)


def _crisis_plan(levels: Sequence[tuple[int, CrisisLevel]]) -> Iterator[Finding]:
    first: dict[int, CrisisLevel] = {}
    for index, level in levels:
        if level.level is not None:
            if level.level in first:
                yield (
                    at("crisis", index, "level"),
                    Worded(
                        f"level {level.level} is already planned by '{first[level.level].id}'; each level once",
                        "invalid.crisis_level_twice",
                        level=level.level,
                        id=first[level.level].id,
                    ),
                )
            else:
                first[level.level] = level
        if level.backup is not None and level.decides is not None and same_person(level.backup, level.decides):
            yield (
                at("crisis", index, "backup"),
                Worded(
                    f"the backup is '{level.backup}', who already decides: name someone else, who acts when "
                    f"{level.decides} is away (crises do not wait for the end of the holidays)",
                    "invalid.crisis_backup",
                    backup=level.backup,
                    decides=level.decides,
                ),
            )


def _reviews(reviews: Sequence[tuple[int, Review]]) -> Iterator[Finding]:
    first: dict[dt.date, Review] = {}
    for index, review in reviews:
        if review.date is not None:
            if review.date in first:
                yield (
                    at("reviews", index, "date"),
                    Worded(
                        f"the review '{first[review.date].id}' is already on {review.date}; one review per date",
                        "invalid.review_date_twice",
                        id=first[review.date].id,
                        date=review.date,
                    ),
                )
            else:
                first[review.date] = review
        decided: dict[str, int] = {}
        for d, decision in enumerate(review.decisions or ()):
            if decision is None or decision.kpi is None:
                continue
            if decision.kpi in decided:
                yield (
                    at("reviews", index, "decisions", d, "kpi"),
                    Worded(
                        f"the KPI '{decision.kpi}' is already decided in this review "
                        f"(decision {decided[decision.kpi] + 1}); one decision per KPI per review",
                        "invalid.decision_twice",
                        kpi=decision.kpi,
                        decision=decided[decision.kpi] + 1,
                    ),
                )
            else:
                decided[decision.kpi] = d


def _means(checked: Checked) -> Iterator[Finding]:
    means = checked.means
    currency = means.currency if means is not None else None
    if means is not None and means.items and currency is None and ("means", "currency") not in checked.failed:
        yield (
            ("means",),
            Worded(
                "'currency' is required when there are means items (for example currency: EUR)",
                "invalid.means_currency",
            ),
        )
    kpi: Kpi
    for index, kpi in checked.items["kpis"]:
        if not kpi.attributed:
            continue
        if kpi.unit != "currency":
            yield (
                ("kpis", index, "attributed"),
                Worded(
                    f"attributed: true is for revenue: it needs unit: currency (this KPI's unit is {kpi.unit})",
                    "invalid.attributed_unit",
                    unit=kpi.unit,
                ),
            )
        elif currency is None:
            yield (
                ("kpis", index, "attributed"),
                Worded(
                    "attributed: true needs a means section with a currency, to set the revenue against the means spent",
                    "invalid.attributed_means",
                ),
            )
        elif kpi.currency is not None and kpi.currency != currency:
            yield (
                ("kpis", index, "currency"),
                Worded(
                    f"an attributed KPI is counted in the means' currency ({currency}), not {kpi.currency}",
                    "invalid.attributed_currency",
                    currency=currency,
                    kpi_currency=kpi.currency,
                ),
            )
