"""Hypothesis strategies over the shapes of a strategy file, for the property tests.

:func:`strategy_data` draws a whole file as loaded YAML would hold it — every section, optional
keys present or not, numbers and dates at and near the bounds, odd text (right-to-left scripts,
bidirectional controls, Markdown and HTML look-alikes, YAML look-alikes, emoji, spaces) — built
to be valid most of the time (unique ids, references to ids that exist, targets on the right side
of their baselines), so that the tests keep most examples. :func:`to_yaml` writes it as a file.
:func:`mutated` breaks a real file the ways people and tools do.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from strategy_bible.strategy.dates import FIRST_DAY, LAST_DAY
from strategy_bible.strategy.numbers import MAX_MAGNITUDE

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

# --- values ----------------------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.sampled_from(
        [
            0,
            1,
            -1,
            0.5,
            0.1 + 0.2,
            MAX_MAGNITUDE,
            -MAX_MAGNITUDE,
            MAX_MAGNITUDE - 1,
            999_999_999_999_999.9,
            1e15,
            -1e15,
            1e-300,
            5e-324,
            -5e-324,
            1234567.891,
        ]
    ),
    st.integers(-MAX_MAGNITUDE, MAX_MAGNITUDE),
    st.floats(-MAX_MAGNITUDE, MAX_MAGNITUDE, allow_nan=False, allow_infinity=False),
)
COUNTS = st.one_of(st.sampled_from([0, 1, 3, MAX_MAGNITUDE]), st.integers(0, MAX_MAGNITUDE))
DAYS = st.one_of(
    st.sampled_from(
        [
            FIRST_DAY,
            LAST_DAY,
            FIRST_DAY + dt.timedelta(days=1),
            LAST_DAY - dt.timedelta(days=1),
            dt.date(2000, 2, 29),
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
        ]
    ),
    st.dates(FIRST_DAY, LAST_DAY),
)
MOMENTS = st.one_of(
    DAYS, st.datetimes(dt.datetime.combine(FIRST_DAY, dt.time.min), dt.datetime.combine(LAST_DAY, dt.time(23, 59, 59)))
)

ODD_TEXT = [
    "Café Lumière",
    "Boulangerie « Martin » — l’été",
    "مخبز مارتن",
    "שלום עולם",
    "日本語のテキスト",
    "🍞🥐 emoji",
    "\u202eevil.exe\u202c override",
    "\u2066isolated\u2069",
    "mark\u200fed\u200e\u061c",
    BIDI,
    f"a{BIDI}b",
    "*not emphasis* _nor this_",
    "[a link](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<b>bold?</b>",
    "# heading {#kpis}",
    "| pipe | table |",
    "&amp; &#8238; &lt;",
    "{{ jinja }} {% raw %} {#c#}",
    "back\\slash \\*",
    "   spaced   ",
    "two\nlines",
    "x" * 300,
    "0",
    "-1",
    "1e27",
    "nan",
    "true",
    "null",
    "~",
    "2026-01-01",
    ": colon",
    "- dash",
    "'single'",
    '"double"',
    "tab\there",
    "\u00a0nbsp\u00a0",
    "zero\u200bwidth",
    "nel\x85next",
    "line\u2028sep",
    "%percent",
    "@at",
    "`tick`",
    "![img](https://x.example/i.png)",
]
TEXT = st.one_of(st.sampled_from(ODD_TEXT), st.text(min_size=1, max_size=24))
MARKDOWN = st.one_of(
    st.sampled_from(
        [
            "Some **bold**, a [site](https://example.org) and `code`.\n\n# A heading\n\n- one\n- two",
            "| a | b |\n| - | - |\n| 1 | 2 |",
            "```\ncode block\n```",
            "<div onclick='x()'>html</div>",
            "> quote\n>\n> > nested",
            "1. one\n1. two\n\n   indented",
            "[ref][r]\n\n[r]: javascript:alert(1)",
            "<!-- unclosed comment",
            "]]> <![CDATA[ x",
            "&#8238;txt.exe &#x202E; &#1564;",
            "\u202ereversed\u202c",
            "www.example.org and https://example.org/\u202e",
            "* * *",
            "#no space",
            "~~struck~~ ==mark==",
            "{: .class #id }",
            "<details><summary>s</summary>x</details>",
            "\\",
            "",
        ]
    ),
    TEXT,
    st.text(max_size=60),
)
ID_FORMS = st.sampled_from(["{n}", "o{n}", "{n}-", "a--{n}", "kpis-{n}", "x" * 60 + "{n}", "index{n}", "0{n}"])
"""Ids as the pattern allows them: digits first, a trailing or double hyphen, very long, page-like."""
VISIBILITY = st.sampled_from(["client", "internal"])


def _maybe(draw, item: dict, key: str, values) -> None:
    """Set ``item[key]`` to a drawn value, or leave the key out (sometimes written empty)."""
    choice = draw(st.integers(0, 5))
    if choice == 0:
        item[key] = None  # `key:` with nothing after it means "not given"
    elif choice >= 3:
        item[key] = draw(values)


def _ordered(draw, values, strictly: bool) -> tuple:
    first, second = draw(values), draw(values)
    key = _moment if isinstance(first, dt.date) else float
    if strictly and key(first) == key(second):
        second = draw(values.filter(lambda v: key(v) != key(first)))
    return (first, second) if key(first) <= key(second) else (second, first)


def _moment(value: dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time.max)


def _checklist(draw) -> list:
    return draw(
        st.lists(st.one_of(TEXT, st.fixed_dictionaries({"task": TEXT}, optional={"done": st.booleans()})), max_size=4)
    )


# --- a whole file --------------------------------------------------------------------------------


@st.composite
def strategy_data(draw) -> dict[str, Any]:
    """One strategy file's content, as the loader returns it."""
    ids = (draw(ID_FORMS).format(n=n) for n in range(1000))  # unique: each holds its own number
    start, end = _ordered(draw, DAYS, strictly=True)
    data: dict[str, Any] = {"client": {"name": draw(TEXT)}, "period": {"start": start, "end": end}}
    for key, values in (
        ("sector", TEXT),
        ("summary", MARKDOWN),
        ("website", st.sampled_from(["https://example.org", "http://x.example/a?b=c&d=<e>"])),
    ):
        _maybe(draw, data["client"], key, values)
    _maybe(draw, data["period"], "cadence", st.sampled_from(["monthly", "quarterly", "semester", "yearly"]))

    audiences = [{"id": next(ids), "name": draw(TEXT)} for _ in range(draw(st.integers(0, 2)))]
    for audience in audiences:
        _maybe(draw, audience, "description", MARKDOWN)
    channels = []
    for _ in range(draw(st.integers(0, 3))):
        channel = {"id": next(ids), "name": draw(TEXT)}
        if audiences:
            channel["audiences"] = draw(st.lists(st.sampled_from([a["id"] for a in audiences]), unique=True))
        channels.append(channel)

    objectives: list[dict] = []
    for _ in range(draw(st.integers(0, 4))):
        objective = {
            "id": next(ids),
            "title": draw(TEXT),
            "axis": draw(st.sampled_from(["visibility", "traffic", "image", "notoriety"])),
        }
        _maybe(draw, objective, "goal", st.sampled_from(["engagement", "humanize", "conversion", "loyalty", "reach"]))
        _maybe(draw, objective, "category", st.sampled_from(["business", "notoriety", "internal"]))
        if objectives:  # a parent drawn among the earlier ones: no cycle
            _maybe(draw, objective, "parent", st.sampled_from([o["id"] for o in objectives]))
        _maybe(draw, objective, "why", MARKDOWN)
        _maybe(draw, objective, "deadline", DAYS)
        _maybe(draw, objective, "visibility", VISIBILITY)
        objectives.append(objective)
    objective_ids = [o["id"] for o in objectives]
    channel_ids = [c["id"] for c in channels]

    actions = []
    for _ in range(draw(st.integers(0, 3)) if objective_ids else 0):
        action = {
            "id": next(ids),
            "title": draw(TEXT),
            "objectives": draw(st.lists(st.sampled_from(objective_ids), min_size=1, max_size=3, unique=True)),
        }
        if channel_ids:
            _maybe(draw, action, "channel", st.sampled_from(channel_ids))
        _maybe(draw, action, "owner", TEXT)
        _maybe(draw, action, "cadence", st.sampled_from(["once", "daily", "weekly", "monthly", "quarterly"]))
        if draw(st.booleans()):
            action["start"], action["end"] = _ordered(draw, DAYS, strictly=False)
        _maybe(draw, action, "status", st.sampled_from(["planned", "running", "done", "dropped"]))
        _maybe(
            draw,
            action,
            "engagement",
            st.lists(st.sampled_from(["like", "click", "share", "comment", "message", "registration"]), unique=True),
        )
        _maybe(draw, action, "description", MARKDOWN)
        action["checklist"] = _checklist(draw)
        _maybe(draw, action, "visibility", VISIBILITY)
        actions.append(action)

    kpis = []
    for _ in range(draw(st.integers(0, 4)) if objective_ids else 0):
        low, high = _ordered(draw, NUMBERS, strictly=True)
        direction = draw(st.sampled_from(["up", "down"]))
        baseline, target = (low, high) if direction == "up" else (high, low)
        baseline_day, target_day = _ordered(draw, DAYS, strictly=True)
        unit = draw(st.sampled_from(["count", "percent", "currency", "duration", "ratio"]))
        kpi = {
            "id": next(ids),
            "name": draw(TEXT),
            "objective": draw(st.sampled_from(objective_ids)),
            "unit": unit,
            "direction": direction,
            "baseline": {"value": baseline, "date": baseline_day},
            "target": {"value": target, "date": target_day},
        }
        if unit == "currency":
            kpi["currency"] = draw(st.sampled_from(["EUR", "usd", "JPY", "BHD", "CHF"]))
        _maybe(draw, kpi, "source", TEXT)
        measurements = draw(
            st.lists(
                st.fixed_dictionaries({"date": DAYS, "value": NUMBERS}, optional={"note": TEXT}),
                max_size=6,
                unique_by=lambda m: m["date"],
            )
        )
        if measurements or draw(st.booleans()):
            kpi["measurements"] = measurements
        _maybe(draw, kpi, "visibility", VISIBILITY)
        kpis.append(kpi)

    events = []
    for _ in range(draw(st.integers(0, 3))):
        event = {"id": next(ids), "title": draw(TEXT)}
        event["start"], end_ = _ordered(draw, MOMENTS, strictly=False)
        if draw(st.booleans()):
            event["end"] = end_
        _maybe(
            draw,
            event,
            "format",
            st.sampled_from(["breakfast", "round-table", "meetup", "workshop", "conference", "other"]),
        )
        for key in ("city", "venue", "ambassador"):
            _maybe(draw, event, key, TEXT)
        if objective_ids:
            event["objectives"] = draw(st.lists(st.sampled_from(objective_ids), unique=True, max_size=2))
        for key in ("capacity", "registrations", "attendees"):
            _maybe(draw, event, key, COUNTS)
        _maybe(draw, event, "description", MARKDOWN)
        event["checklist"] = _checklist(draw)
        _maybe(draw, event, "visibility", VISIBILITY)
        events.append(event)

    posts = []
    for _ in range(draw(st.integers(0, 3)) if channel_ids else 0):
        post = {"date": draw(DAYS), "channel": draw(st.sampled_from(channel_ids)), "reach_organic": draw(COUNTS)}
        if draw(st.booleans()):
            post["title"] = draw(TEXT)
        if draw(st.booleans()) or "title" not in post:
            post["url"] = draw(st.sampled_from(["https://example.org/p/1", "https://x.example/?a=1&b=<2>"]))
        for key in ("reach_paid", "likes", "comments", "shares", "clicks"):
            _maybe(draw, post, key, COUNTS)
        _maybe(draw, post, "visibility", VISIBILITY)
        posts.append(post)

    for key, items in (
        ("audiences", audiences),
        ("channels", channels),
        ("objectives", objectives),
        ("actions", actions),
        ("kpis", kpis),
        ("events", events),
        ("posts", posts),
    ):
        if items or draw(st.integers(0, 3)) == 0:
            data[key] = items
    _maybe(draw, data, "notes", MARKDOWN)
    return data


def to_yaml(data: dict[str, Any]) -> str:
    """The file a person could have written: YAML 1.2, as the loader reads it."""
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 120
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# --- broken files --------------------------------------------------------------------------------

HUGE_NUMBERS = [
    "0x" + "f" * 4000,
    "-0x" + "F" * 31,
    "0o" + "7" * 5000,
    "0b" + "1" * 15000,
    "1" * 5000,
    "+" + "9" * 4301,
    "1_" * 3000 + "1",
    "-" + "1" * 31,
    "1" * 4400 + ".5",
    "0." + "0" * 5000 + "1",
    "1" * 31 + "e2",
]
"""Numbers YAML reads as numbers, written with more digits than any figure: most of them more than
the 4,300 digits Python turns into text or back (``0x`` and 4,000 ``f``)."""
HUGE_NUMBERS_DRAWN = st.one_of(
    st.sampled_from(HUGE_NUMBERS),
    st.builds(
        lambda form, count: form[0] + form[1] * count,
        st.sampled_from([("", "1"), ("-", "9"), ("+", "7"), ("0x", "f"), ("-0x", "A"), ("0o", "7"), ("0b", "1")]),
        st.integers(31, 6000),
    ),
)

NASTY_VALUES = [
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "1e27",
    "1e400",
    "-1e16",
    "1" + "0" * 400,
    "1" * 5000,
    *HUGE_NUMBERS,
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2201-01-01",
    "0000-00-00",
    "2026-02-30",
    "2026-03-14T25:00",
    "9999-12-31T23:59",
    "2026-03-14 08:30:00+02:00",
    "~",
    "null",
    "",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "!!python/object:os.system ''",
    "!!binary aGVsbG8=",
    "!custom x",
    "*nope",
    "&a x",
    "'unterminated",
    '"\\u202e"',
    "yes",
    "0x1F",
    "0o17",
    "1_000",
    "-0",
    "+12",
    ".5",
    "|\n  block",
    ">-",
    "true",
    "'''",
    "@",
    "`",
    "%",
    "? complex",
    ": :",
    "- - -",
    "<<: *a",
    "\t",
    "\u202eimage",
    "1e-400",
    "5e-324",
    "-",
    "[",
    "{",
    '"',
    "#",
    "&",
    "!",
    "|",
    ">",
]


@st.composite
def mutated(draw, text: str) -> str:
    """``text`` with one to three of: a value replaced by something nasty, a line deleted,
    duplicated, re-indented or cut, random characters inserted."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        n = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "indent", "cut", "insert"]))
        line = lines[n]
        if kind == "value":
            key, sep, _ = line.partition(": ")
            lines[n] = (key + sep if sep else line.rstrip() + " ") + draw(st.sampled_from(NASTY_VALUES))
        elif kind == "delete":
            del lines[n]
        elif kind == "duplicate":
            lines.insert(n, line)
        elif kind == "indent":
            lines[n] = " " * draw(st.integers(0, 6)) + line.lstrip()
        elif kind == "cut":
            lines[n] = line[: draw(st.integers(0, len(line)))]
        else:
            at = draw(st.integers(0, len(line)))
            lines[n] = line[:at] + draw(st.text(max_size=8)) + line[at:]
    return "\n".join(lines)
