"""``strategy-bible import``: write what an export holds (:class:`~strategy_bible.imports.records.ReadExport`)
into a strategy file, spliced like ``record`` does (see :mod:`strategy_bible.commands.editing`):
every other byte kept, the file validated before and after, nothing written on a refusal.

Posts are **upserted**: an imported post is the file's post with the same ``post_id``, else with the
same address (compared normalised: scheme and host case, trailing slash, tracking parameters), else
as a last resort the one on the same channel, the same day, with the same title. A matched post gets
the counts the export carries, a missing ``post_id``, ``url`` or ``format``, and ``null`` (unknown) for a
count the export lacks and the post left out; nothing else of it changes (its pillar, a format it has,
visibility, a title the user rewrote). The other posts are appended after the
file's, in the export's date order. Measurements go to their KPI as ``record`` puts them. So
importing the same export twice changes nothing, and a newer export updates the counts.

All or nothing: every problem is listed and nothing is written when there is any.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.editing import Edit, EditRefused, _check_result, _open, _reading, record
from strategy_bible.commands.yaml_splice import Document, Splice
from strategy_bible.imports.records import POST_COUNTS, ImportedMeasurement, ImportedPost, ReadExport
from strategy_bible.strategy.loader import MAX_BYTES, MAX_VALUES, check_file, read_bounded
from strategy_bible.strategy.model import URL_PATTERN, Kpi, Post, Strategy
from strategy_bible.strategy.numbers import MAX_MAGNITUDE, NUMBERS_ALLOWED, number_in_bounds
from strategy_bible.strategy.problem_log import counted
from strategy_bible.strategy.problems import did_you_mean

POST_KEYS = ("date", "channel", "title", "url", "post_id", *POST_COUNTS, "format")
"""The order of a new post's keys, where the file's posts do not show one."""

PLATFORM_NAMES = {
    "instagram": ("instagram", "insta", "ig"),
    "facebook": ("facebook", "fb"),
    "linkedin": ("linkedin",),
    "ga4": ("ga4", "analytics"),
}
"""Words that name a platform in a channel's id or name (compared without case or accents)."""

TRACKING_PARAMETERS = ("fbclid", "gclid", "igshid", "igsh", "mc_cid", "mc_eid", "_ga")
"""Query parameters that follow a visitor rather than name a page (``utm_*`` too)."""


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Imported:
    """The file's text after the import, and what changed, line by line."""

    text: str
    changed: bool
    lines: list[str] = field(default_factory=list)  # "+ …" added, "~ …" updated, "= …" unchanged
    posts: Tally = field(default_factory=Tally)
    measurements: Tally = field(default_factory=Tally)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # "reach_organic ← 'Reach'", what fed each field

    def report(self, shown: str, source: str, *, dry_run: bool = False) -> str:
        """What the import did (or, with ``dry_run``, would do): one line per post or measurement
        added or updated (with ``dry_run``, also per one left alone), then the counts."""
        shown_lines = [line for line in self.lines if dry_run or not line.startswith("=")]
        skipped = [f"  skipped {source}: {reason}" for reason in self.skipped]
        skipped += [f"  note: {note}" for note in self.notes]
        head = f"{shown}: import of {source}" + (" (dry run: nothing written)" if dry_run else "")
        columns = [f"  columns: {', '.join(self.columns)}"] if self.columns else []
        counts = f"posts: {self.posts}; measurements: {self.measurements}"
        return "\n".join([head, *columns, *(f"  {line}" for line in shown_lines), *skipped, f"{shown}: {counts}"])

    def edit(self, shown: str, source: str) -> Edit:
        return Edit(self.text, self.report(shown, source), self.changed)


def import_export(
    text: str, export: ReadExport, *, channel: str | None = None, shown: str = "strategy.yml"
) -> Imported:
    """``text`` with ``export``'s posts upserted and its measurements recorded (pure: text → text).
    ``channel`` is the id of the channel of the posts; by default the one channel the export's
    platform names. Raises :class:`EditRefused` with every problem found."""
    if any(post.channel for post in export.posts):
        return _per_channel(text, export, shown)
    doc = _open(text, shown)
    strategy = doc.strategy
    problems: list[str] = []
    where = export.source
    kpis = {k.id: k for k in strategy.kpis}
    for m in export.measurements:
        problems.extend(_measurement_problems(m, kpis, shown, where))
    channel_id = ""
    if export.posts:
        try:
            channel_id = _channel(strategy, export, channel, shown)
        except EditRefused as refused:
            problems.append(refused.message)
    plan = _plan_posts(strategy.posts, export.posts, channel_id, where, problems)
    measurements = _unique_measurements(export.measurements, where, problems)
    if problems:
        raise EditRefused(_refusal(shown, where, problems))

    _check_values(doc, plan, channel_id, where)
    result = Imported(text, False, skipped=list(export.skipped), notes=list(export.notes))
    result.columns = _columns_fed(export)
    result.notes += _reach_kept(strategy.posts, plan, where)
    updates = [(n, post, values) for n, post, values in plan.updates if values]
    new = [_entry(post, channel_id) for post in plan.new]
    splices: list[Splice | list[Splice]] = (
        [doc.append_mappings("posts", new, POST_KEYS)] if new else []
    )  # first: see Document.apply
    posts_node = doc.items_of(doc.value_of(doc.root, "posts")) if updates else []
    for n, _post, values in updates:
        splices.append(doc.set_values(doc.mapping(posts_node[n]), [(k, _written(k, v)) for k, v in values]))
    for n, _post, values in plan.updates:
        label = _label(strategy.posts[n])
        if values:
            old = strategy.posts[n]
            changes = ", ".join(f"{k} {_shown(getattr(old, k), k)} → {_shown(v, k)}" for k, v in values)
            result.lines.append(f"~ post {label}: {changes}")
            result.posts.updated += 1
        else:
            result.lines.append(f"= post {label}")
            result.posts.unchanged += 1
    for post in plan.new:
        counts = ", ".join([f"{k} {v}" for k, v in post.counts.items()] + [f"{k} unknown" for k in post.unknown])
        result.lines.append(f"+ post {_label(post, channel_id)}" + (f": {counts}" if counts else ""))
        result.posts.added += 1

    after = doc.apply(splices) if splices else text
    if splices:
        _check_size(after, len(new), shown, where)
        _check_result(after, shown, _landed(strategy, plan, channel_id))
    after = _record_all(after, strategy, measurements, result, shown, where)
    result.text, result.changed = after, after != text
    return result


def _per_channel(text: str, export: ReadExport, shown: str) -> Imported:
    """An export whose posts a mapping's ``accounts:`` sends to several channels: imported one channel
    after the other (the measurements with the first), text to text, so still all or nothing."""
    by_channel: dict[str, list[ImportedPost]] = {}
    for post in export.posts:
        by_channel.setdefault(post.channel or "", []).append(dataclasses.replace(post, channel=None))
    total: Imported | None = None
    for n, (channel, posts) in enumerate(by_channel.items()):
        part = dataclasses.replace(export, posts=posts, measurements=export.measurements if n == 0 else [])
        step = import_export(text if total is None else total.text, part, channel=channel or None, shown=shown)
        if total is None:
            total = step
            continue
        total.lines += step.lines
        for tally, more in ((total.posts, step.posts), (total.measurements, step.measurements)):
            tally.added, tally.updated, tally.unchanged = (
                tally.added + more.added,
                tally.updated + more.updated,
                tally.unchanged + more.unchanged,
            )
        total.notes += [note for note in step.notes if note not in total.notes]
        total.text, total.changed = step.text, step.text != text
    assert total is not None  # export.posts is not empty here
    return total


def read_strategy_text(path: Path, shown: str) -> str:
    """A strategy file's text as the writing commands read it, without taking its lock (``--dry-run``
    writes nothing, so it need not wait for writers: an atomic write shows it a whole file)."""
    with _reading(shown):
        check_file(path)
        raw = read_bounded(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EditRefused(f"{shown} is not UTF-8 text; save it as UTF-8 first") from None


# --- posts -----------------------------------------------------------------------------------------


@dataclass
class _Plan:
    updates: list[tuple[int, ImportedPost, list[tuple[str, int | str | None]]]] = field(default_factory=list)
    """Matched posts: index in the file, the imported post, the values that change (key, new value)."""
    new: list[ImportedPost] = field(default_factory=list)


def _plan_posts(
    posts: list[Post], imported: list[ImportedPost], channel: str, where: str, problems: list[str]
) -> _Plan:
    plan = _Plan()
    claimed: dict[int, int] = {}  # index of a file's post → line of the export that matched it
    seen: dict[tuple[str, str], int] = {}  # ("post_id" | "url", value) → line, among the new posts
    file_posts = _FilePosts(posts, channel)
    for post in sorted(imported, key=lambda p: (p.date, p.line)):
        before = len(problems)
        _check_post(post, where, problems)
        if len(problems) > before:
            continue
        n = file_posts.match(post)
        if n is not None:
            if n in claimed:
                problems.append(f"{where}:{post.line}: the same post as line {claimed[n]} ({_label(posts[n])})")
                continue
            claimed[n] = post.line
            plan.updates.append((n, post, _changes(posts[n], post)))
            continue
        keys = [("post_id", post.post_id.strip())] if post.post_id else []
        keys += [("url", normal_url(post.url))] if post.url else []
        twin = next((seen[k] for k in keys if k in seen), None)
        if twin is not None:
            problems.append(f"{where}:{post.line}: the same post as line {twin} ({keys[0][0]} {keys[0][1]})")
            continue
        seen.update({k: post.line for k in keys})
        if "reach_organic" not in post.counts:
            problems.append(
                f"{where}:{post.line}: a new post needs its organic reach (reach_organic), and this export "
                "gives none; add the post to the file first, or map a reach column"
            )
            continue
        plan.new.append(post)
    return plan


def _check_post(post: ImportedPost, where: str, problems: list[str]) -> None:
    """What would make the file invalid, said at the export's line rather than the file's."""
    at = f"{where}:{post.line}"
    if post.url is not None and not re.match(URL_PATTERN, post.url):
        problems.append(f"{at}: '{post.url}' is not a web address; a post's url starts with http:// or https://")
    if not (post.title or "").strip() and not post.url and not post.post_id:
        problems.append(f"{at}: the post has no title, url nor post id; a post needs a title or a url")
    for key, value in post.counts.items():
        if key not in POST_COUNTS:
            problems.append(f"{at}: '{key}' is not a post count; use {', '.join(POST_COUNTS)}")
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MAGNITUDE:
            problems.append(f"{at}: {key} {value!r} is not allowed; a count is a whole number from 0 to 10^15")


class _FilePosts:
    """The file's posts looked up by post id (on the channel), address, and channel, day and title:
    built once, so matching an export of thousands of rows against a file of thousands of posts
    does not compare every row with every post."""

    def __init__(self, posts: list[Post], channel: str):
        self.posts = posts
        self.by_id: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.by_title: dict[tuple[dt.date, str], list[int]] = {}
        for n, mine in enumerate(posts):
            if mine.channel == channel and mine.post_id is not None:
                self.by_id.setdefault(mine.post_id.strip(), n)
            if mine.url is not None:
                self.by_url.setdefault(normal_url(mine.url), n)
            if mine.channel == channel and mine.title is not None:
                self.by_title.setdefault((mine.date, _plain(mine.title)), []).append(n)

    def match(self, post: ImportedPost) -> int | None:
        """The file's post this one is: same post id (on the channel), else same address, else (last
        resort) same channel, day and title, with no post id or address that says otherwise."""
        if post.post_id and post.post_id.strip() in self.by_id:
            return self.by_id[post.post_id.strip()]
        if post.url and normal_url(post.url) in self.by_url:
            return self.by_url[normal_url(post.url)]
        if post.title and post.title.strip():
            for n in self.by_title.get((post.date, _plain(post.title)), []):
                mine = self.posts[n]
                if post.post_id and mine.post_id is not None:
                    continue  # both have a platform id, and they differ
                if post.url and mine.url is not None:
                    continue  # both have an address, and they differ
                return n
        return None


def _columns_fed(export: ReadExport) -> list[str]:
    """Which column of the export fed which field, then the counts it has no column for."""
    fed = [f"{name} ← '{column}'" for name, column in export.columns.items()]
    lacking = next((post.unknown for post in export.posts if post.unknown), ())
    return fed + ([f"not in the export: {', '.join(lacking)} (unknown)"] if lacking else [])


def _reach_kept(posts: list[Post], plan: _Plan, where: str) -> list[str]:
    """The posts whose split reach an export of total reach only did not replace."""
    return [
        f"{where}:{post.line}: {_label(posts[n])}: the export gives its whole reach only and the post's reach is "
        f"split (organic {posts[n].reach_organic:,} + paid {posts[n].reach_paid:,}, from an earlier export): its "
        "reach is left as it was, so the paid reach is not counted twice"
        for n, post, _values in plan.updates
        if _split_kept(posts[n], post)
    ]


def _split_kept(mine: Post, post: ImportedPost) -> bool:
    return post.total_reach and mine.reach_paid > 0 and "reach_organic" in post.counts


def _changes(mine: Post, post: ImportedPost) -> list[tuple[str, int | str | None]]:
    """The counts that differ, a count the export lacks and the file's post left out (so 0 by the
    contract, which the export cannot tell) made unknown, then the post id and address it lacks."""
    kept = {"reach_organic"} if _split_kept(mine, post) else set()  # see _reach_kept
    changes: list[tuple[str, int | str | None]] = [
        (key, value) for key, value in post.counts.items() if getattr(mine, key) != value and key not in kept
    ]
    changes += [(key, None) for key in post.unknown if key not in mine.model_fields_set]
    if mine.post_id is None and post.post_id:
        changes.append(("post_id", post.post_id.strip()))
    if mine.url is None and post.url:
        changes.append(("url", post.url.strip()))
    if mine.format is None and post.format:
        changes.append(("format", post.format))  # a format the user chose is theirs
    return changes


def _entry(post: ImportedPost, channel: str) -> dict[str, str]:
    """A new post as written YAML values, by key."""
    return {key: _written(key, value) for key, value in _values_of(post, channel).items()}


def _values_of(post: ImportedPost, channel: str) -> dict[str, int | str | dt.date | None]:
    """A new post's values, by key: a count the export lacks is ``null`` (unknown), not left out (0)."""
    values: dict[str, int | str | dt.date | None] = {"date": post.date, "channel": channel}
    if post.title and post.title.strip():
        values["title"] = post.title.strip()
    if post.url:
        values["url"] = post.url.strip()
    if post.post_id:
        values["post_id"] = post.post_id.strip()
    values.update(post.counts)
    values.update((key, None) for key in post.unknown)
    if post.format:
        values["format"] = post.format
    return values


def _written(key: str, value: int | str | dt.date | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return yaml_scalars.number(value)
    return yaml_scalars.scalar(value)


def _landed(before: Strategy, plan: _Plan, channel: str) -> Callable[[Strategy], bool]:
    """The posts as the model reads the result: the counts (and ids) of the export, each where meant."""

    def landed(after: Strategy) -> bool:
        if len(after.posts) != len(before.posts) + len(plan.new):
            return False
        placed = [(n, post) for n, post, _ in plan.updates]
        placed += [(len(before.posts) + k, post) for k, post in enumerate(plan.new)]
        for n, post in placed:
            mine = after.posts[n]
            kept = n < len(before.posts) and _split_kept(before.posts[n], post)
            if any(getattr(mine, k) != v for k, v in post.counts.items() if not (kept and k == "reach_organic")):
                return False
            if n >= len(before.posts) and any(getattr(mine, key) is not None for key in post.unknown):
                return False
            if post.post_id and mine.post_id is None:
                return False
        return all(
            (after.posts[len(before.posts) + k].date, after.posts[len(before.posts) + k].channel)
            == (post.date, channel)
            for k, post in enumerate(plan.new)
        )

    return landed


def _check_values(doc: Document, plan: _Plan, channel: str, where: str) -> None:
    """Refuse, before writing anything, an import whose posts would take the file over the loader's
    limit of values: said as what it is, too many posts, not as the aliases that limit is meant for."""
    added = sum(1 + len(_values_of(post, channel)) for post in plan.new)
    added += sum(
        1 for n, _post, values in plan.updates for key, _ in values if getattr(doc.strategy.posts[n], key) is None
    )
    total = _values(doc.root) + added
    if total > MAX_VALUES:
        shown = doc.shown
        raise EditRefused(
            f"{where} was not imported into {shown}: its {len(plan.new):,} new posts would take {shown} to "
            f"{len(doc.strategy.posts) + len(plan.new):,} posts and {total:,} values, and a strategy file holds "
            f"at most {MAX_VALUES:,}; too many posts for one strategy file: export a shorter period"
        )


def _values(root: Node) -> int:
    """The values of a composed file as the loader counts them (an alias counted each time it is used)."""
    count, stack = 0, [root]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, MappingNode):
            stack.extend(value for _key, value in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return count


def _check_size(after: str, new: int, shown: str, where: str) -> None:
    size = len(after.encode("utf-8"))
    if size > MAX_BYTES:
        raise EditRefused(
            f"{where} was not imported into {shown}: with its {new:,} new posts {shown} would be "
            f"{size:,} bytes, and a strategy file may hold at most {MAX_BYTES:,}; too many posts for one "
            "strategy file: export a shorter period"
        )


def normal_url(url: str) -> str:
    """An address as compared: scheme and host without case, no trailing slash, no tracking
    parameter (``utm_*``, ``fbclid``…), no fragment."""
    parts = urlsplit(url.strip())
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    ]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), urlencode(query), ""))


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(post: Post | ImportedPost, channel: str | None = None) -> str:
    what = f'"{post.title.strip()}"' if post.title and post.title.strip() else (post.url or f"post id {post.post_id}")
    on = channel if channel is not None else getattr(post, "channel", "")
    return f"{post.date} {on} {what}"


def _shown(value: object, key: str) -> str:
    if value is None:
        return "unknown" if key in POST_COUNTS else "(none)"
    return str(value)


# --- the channel -----------------------------------------------------------------------------------


def _channel(strategy: Strategy, export: ReadExport, wanted: str | None, shown: str) -> str:
    ids = [c.id for c in strategy.channels]
    listing = ", ".join(ids) or "none yet"
    if wanted is not None:
        if wanted not in ids:
            raise EditRefused(f"{shown} has no channel '{wanted}'{did_you_mean(wanted, ids)}; channels: {listing}")
        return wanted
    if export.platform is None:
        raise EditRefused(f"which channel are the posts of {export.source} from? give --channel; channels: {listing}")
    platform = export.platform.casefold()
    names = next((set(n) for n in PLATFORM_NAMES.values() if platform in n), {platform})
    found = [c.id for c in strategy.channels if names & (_words(c.id) | _words(c.name))]
    if len(found) == 1:
        return found[0]
    if not found:
        raise EditRefused(
            f"no channel of {shown} is named after {export.platform} (the platform of {export.source}); "
            f"give --channel; channels: {listing}"
        )
    raise EditRefused(
        f"several channels of {shown} are named after {export.platform}: {', '.join(found)}; give --channel"
    )


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    words = set(re.findall(r"[a-z0-9]+", plain))
    return words | {"".join(re.findall(r"[a-z0-9]+", plain))}


# --- measurements ----------------------------------------------------------------------------------


def _measurement_problems(m: ImportedMeasurement, kpis: dict[str, Kpi], shown: str, where: str) -> list[str]:
    """An unknown KPI (with a "did you mean"), a KPI computed from the posts, a figure out of bounds."""
    found: list[str] = []
    if isinstance(m.value, bool) or not isinstance(m.value, (int, float)) or not number_in_bounds(m.value):
        found.append(f"{where}:{m.line}: kpis[{m.kpi}] {m.value!r} is not allowed; use {NUMBERS_ALLOWED}")
    kpi = kpis.get(m.kpi)
    if kpi is None:
        found.append(
            f"{where}:{m.line}: {shown} has no KPI '{m.kpi}'{did_you_mean(m.kpi, kpis)}; "
            f"KPIs: {', '.join(kpis) or 'none yet'}"
        )
    elif kpi.from_posts is not None:
        found.append(
            f"{where}:{m.line}: kpis[{m.kpi}] is computed from the posts (from_posts: {kpi.from_posts.metric}): "
            "its measurements are made at each build, not imported; map the figure to another KPI"
        )
    elif not found and (unfit := _unit_problem(m.value, kpi)) is not None:  # found: not a number
        found.append(f"{where}:{m.line}: kpis[{m.kpi}] {yaml_scalars.number(m.value)}: {unfit}")
    return found


def _unit_problem(value: int | float, kpi: Kpi) -> str | None:
    """Why a mapped figure is not in the KPI's unit: a count that is not whole (a rate mapped into a
    count KPI: 0.0212 replaced 442,720), a fraction into a percent KPI whose figures are percents."""
    if kpi.unit == "count" and isinstance(value, float) and not value.is_integer():
        return (
            "the KPI is a count (unit: count) and this is not a whole number: is the mapped column a rate "
            "or an average? map the column holding the count"
        )
    figures = [abs(kpi.baseline.value), abs(kpi.target.value), *(abs(x.value) for x in kpi.measurements)]
    if kpi.unit == "percent" and 0 < abs(value) < 1 and figures and min(figures) >= 1:
        return (
            f"the KPI is in percent (42 = 42 %) and this looks like a fraction ({value:.2%}); "
            "the value in percent is 100 times it: map a column in percent"
        )
    return None


def _unique_measurements(
    imported: list[ImportedMeasurement], where: str, problems: list[str]
) -> list[ImportedMeasurement]:
    """One measurement per KPI and day: the same twice counts once, two values are a problem."""
    first: dict[tuple[str, dt.date], ImportedMeasurement] = {}
    for m in imported:
        other = first.get((m.kpi, m.date))
        if other is None:
            first[(m.kpi, m.date)] = m
        elif other.value != m.value:
            problems.append(
                f"{where}:{m.line}: kpis[{m.kpi}] {m.date} = {yaml_scalars.number(m.value)}, but line "
                f"{other.line} gives {yaml_scalars.number(other.value)} for the same day"
            )
    return list(first.values())


def _record_all(
    text: str,
    strategy: Strategy,
    measurements: list[ImportedMeasurement],
    result: Imported,
    shown: str,
    where: str,
) -> str:
    """Each measurement recorded as ``record`` does (with ``--replace`` when the day holds another value)."""
    kpis = {k.id: k for k in strategy.kpis}
    problems: list[str] = []
    for m in sorted(measurements, key=lambda m: (m.kpi, m.date)):
        old = next((x for x in kpis[m.kpi].measurements if x.date == m.date), None)
        figure = yaml_scalars.number(m.value)
        label = f"kpis[{m.kpi}] {m.date}"
        if old is not None and old.value == m.value:
            result.lines.append(f"= {label} = {figure}")
            result.measurements.unchanged += 1
            continue
        try:
            note = m.note.strip() if m.note and m.note.strip() else None
            text = record(text, m.kpi, m.date, m.value, note, replace=old is not None, shown=shown).text
        except EditRefused as refused:
            problems.append(f"{where}:{m.line}: {label}: {refused}")
            continue
        if old is None:
            result.lines.append(f"+ {label} = {figure}")
            result.measurements.added += 1
        else:
            result.lines.append(f"~ {label}: {yaml_scalars.number(old.value)} → {figure}")
            result.measurements.updated += 1
    if problems:
        raise EditRefused(_refusal(shown, where, problems))
    return text


def _refusal(shown: str, where: str, problems: list[str]) -> str:
    count = counted(len(problems), "problem")
    return "\n".join([f"{where} was not imported into {shown} ({count}); nothing was written:", *problems])
