"""A KPI's trend chart, as geometry: where each line, marker and label of the SVG goes.

:func:`kpi_chart` turns one KPI and its :class:`~strategy_bible.analysis.verdict.KpiStatus` into a
:class:`KpiChart`; ``templates/kpi-chart.svg.jinja`` turns that into inline SVG at build time, so
the chart needs no script and no network when the page is read, prints, and scales with the page.

The chart shows the measurements (a line with a dot each, by date), the expected pace (a dashed
line from the baseline to the target: the linear pace the verdict compares progress with), the
baseline and the target, over a time axis from the earliest of the baseline and the measurements
to the latest of the target and the measurements.

Why the odd-looking ``svg_*`` properties: the template environment escapes everything a template
prints (:func:`strategy_bible.render.markup.plain` turns ``.`` and ``-`` into character references),
which is right for text but would garble coordinates. Coordinates are therefore kept as floats
(easy to test) and handed to the template as :class:`~markupsafe.Markup` made here, of digits,
``.``, ``-``, ``,`` and spaces only. Text (labels, title, description) stays ``str`` and is escaped.

This module knows nothing of MkDocs, Jinja or HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from strategy_bible.analysis.verdict import KpiStatus, Verdict
from strategy_bible.render.formatting import Formatter
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.model import ID_PATTERN, Kpi

# --- layout, in SVG user units ------------------------------------------------------------------
# 400 × 225 (16:9): on a 390 px phone the chart is about 358 px wide, so 13-unit text shows at about
# 11.6 px; the stylesheet caps the width at 26rem (520 to 624 px with Material's root sizes) so text
# stays between about 17 and 20 px on wide screens instead of growing with the chart.

WIDTH = 400
HEIGHT = 225
FONT_SIZE = 13

PLOT_TOP = 30  # below the legend row
PLOT_BOTTOM = HEIGHT - 24  # room for the time labels
PLOT_RIGHT = WIDTH - 12  # room for half a target marker
LEGEND_BASELINE = 14
LABEL_GAP = 9  # between a value label and the plot: room for the baseline's ring
TIME_LABEL_GAP = 10  # minimum space between two time labels
EDGE = 2  # labels stay this far inside the chart

MARKER_RADIUS = 3  # a measurement's dot
BASELINE_RADIUS = 4  # the baseline's ring
TARGET_RADIUS = 6  # half the diagonal of the target's diamond

MAX_TIME_LABELS = 6
Y_MARGIN = 0.06  # share of the value range added above and below, so no point sits on the frame

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 48, 60, 120, 240, 600)
_MANTISSAS = ((1, 2, 2.5, 5), (1, 2, 2.5, 3, 4, 5))  # "nice" first; the second only when the first fails
_ID = re.compile(ID_PATTERN)


@functools.lru_cache(maxsize=16_384)  # coordinates repeat from chart to chart
def svg_number(value: float) -> Markup:
    """A coordinate as the SVG source gets it: one decimal at most, ``.`` as decimal point,
    no ``-0``: ``12.5``, ``40``. Markup, so the template's escaping leaves it alone."""
    rounded = round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{rounded:.1f}"
    return Markup(text[:-2] if text.endswith(".0") else text)


def _round(value: float) -> float:
    return round(value, 1) + 0.0


# --- the chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Xy:
    """A point in SVG user units (y grows downwards), rounded to 0.1."""

    x: float
    y: float

    @property
    def svg_x(self) -> Markup:
        return svg_number(self.x)

    @property
    def svg_y(self) -> Markup:
        return svg_number(self.y)

    @property
    def svg(self) -> Markup:
        """``x,y``, for a polyline's ``points``."""
        return Markup(f"{svg_number(self.x)},{svg_number(self.y)}")


@dataclass(frozen=True)
class Tick:
    """A grid line and its label. ``at`` is the line's position (y for a value tick, x for a time
    tick); ``label_at`` where the label's anchor goes: a time label near an edge is moved inside
    the chart, away from its line."""

    value: float | dt.date
    at: float
    label: str
    label_at: float

    @property
    def svg_at(self) -> Markup:
        return svg_number(self.at)

    @property
    def svg_label_at(self) -> Markup:
        return svg_number(self.label_at)


@dataclass(frozen=True)
class LegendItem:
    """One entry of the legend row: a swatch from ``start`` to ``end`` (a line for ``actual`` and
    ``expected``, a marker at ``center`` for ``target`` and ``baseline``), then its label at ``text``."""

    kind: str  # actual | expected | target | baseline
    label: str
    start: Xy
    end: Xy
    text: Xy

    @property
    def center(self) -> Xy:
        return Xy(_round((self.start.x + self.end.x) / 2), self.start.y)

    @property
    def svg_marker(self) -> Markup:
        """The target's diamond, drawn at the swatch's centre."""
        return _diamond(self.center)


@dataclass(frozen=True)
class KpiChart:
    """Everything the SVG template draws, already placed in a ``width × height`` viewBox."""

    kpi_id: str
    width: int
    height: int
    font_size: int
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    value_range: tuple[float, float]
    """Values at the bottom and at the top of the plot (the data plus a margin)."""
    date_range: tuple[dt.date, dt.date]
    """Dates at the left and at the right of the plot."""
    points: tuple[Xy, ...]
    """One per measurement, by date."""
    expected: tuple[Xy, Xy]
    """The expected pace: from the baseline to the target."""
    baseline: Xy
    target: Xy
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]
    title: str
    desc: str

    @property
    def title_id(self) -> Markup:
        """Unique in a page as long as KPI ids are (they are unique in a strategy file)."""
        return Markup(f"sb-chart-{self.kpi_id}-title")

    @property
    def desc_id(self) -> Markup:
        return Markup(f"sb-chart-{self.kpi_id}-desc")

    @property
    def svg_points(self) -> Markup:
        """The measured line's ``points`` attribute: ``"12.5,40 30.1,22.3"``."""
        return Markup(" ").join(p.svg for p in self.points)

    @property
    def svg_target_marker(self) -> Markup:
        """The target's diamond as a path (``d``): a shape, not only a colour, tells it from the dots."""
        return _diamond(self.target)

    @property
    def svg_left(self) -> Markup:
        return svg_number(self.plot_left)

    @property
    def svg_top(self) -> Markup:
        return svg_number(self.plot_top)

    @property
    def svg_right(self) -> Markup:
        return svg_number(self.plot_right)

    @property
    def svg_bottom(self) -> Markup:
        return svg_number(self.plot_bottom)

    @property
    def dot_radius(self) -> int:
        return MARKER_RADIUS

    @property
    def ring_radius(self) -> int:
        return BASELINE_RADIUS

    @property
    def svg_value_label_x(self) -> Markup:
        """Where the value labels end (they are right-aligned against the plot)."""
        return svg_number(self.plot_left - LABEL_GAP)

    @property
    def svg_value_label_dy(self) -> Markup:
        """Down-shift of a value label so it is centred on its grid line (``dominant-baseline`` is
        not honoured everywhere: print engines, some PDF converters)."""
        return svg_number(FONT_SIZE * 0.35)

    @property
    def svg_time_label_y(self) -> Markup:
        return svg_number(self.plot_bottom + FONT_SIZE + 4)


def _diamond(center: Xy, radius: float = TARGET_RADIUS) -> Markup:
    """A diamond (a square on its corner) around ``center``, as a path drawn from its top corner."""
    x, top, r = svg_number(center.x), svg_number(center.y - radius), svg_number(radius)
    return Markup(f"M{x},{top}l{r},{r} -{r},{r} -{r},-{r}z")


def kpi_chart(kpi: Kpi, status: KpiStatus, formatter: Formatter, labels: Labels) -> KpiChart:
    """The trend chart of one KPI, with its labels in the reader's language.

    ``status`` is the KPI's :func:`~strategy_bible.analysis.verdict.assess` result (for the description:
    latest measurement, on or behind pace). Works for both directions (the target is simply below
    the baseline when lower is better), with no, one or many measurements, in any order, before the
    baseline or after the target date.
    """
    if not _ID.fullmatch(kpi.id):  # the ids go unescaped into attributes
        raise ValueError(f"not a KPI id: {kpi.id!r}")
    measurements = sorted(kpi.measurements, key=lambda m: m.date)
    values = [kpi.baseline.value, kpi.target.value, *(m.value for m in measurements)]
    dates = [kpi.baseline.date, kpi.target.date, *(m.date for m in measurements)]

    # values: the y axis
    low, high, ticks = _value_ticks(*_value_domain(values), _decimals(kpi.unit, values))
    value_labels = [formatter.value(v, kpi.unit, kpi.currency) for v in ticks]
    left = max(32.0, _round(max(_text_width(s) for s in value_labels) + LABEL_GAP + 4))
    plot_height = PLOT_BOTTOM - PLOT_TOP

    def y_of(value: float) -> float:
        return _round(PLOT_TOP + (high - value) / (high - low) * plot_height)

    # dates: the x axis
    first, last = min(dates), max(dates)
    if first == last:  # the rules want the target date after the baseline date; draw something anyway
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span_days = (last - first).days
    plot_width = PLOT_RIGHT - left

    def x_of(day: dt.date) -> float:
        return _round(left + (day - first).days / span_days * plot_width)

    y_ticks = tuple(Tick(v, y_of(v), label, y_of(v)) for v, label in zip(ticks, value_labels, strict=False))
    x_ticks = _time_ticks(first, last, x_of, formatter)

    points = tuple(Xy(x_of(m.date), y_of(m.value)) for m in measurements)
    baseline = Xy(x_of(kpi.baseline.date), y_of(kpi.baseline.value))
    target = Xy(x_of(kpi.target.date), y_of(kpi.target.value))
    return KpiChart(
        kpi_id=kpi.id,
        width=WIDTH,
        height=HEIGHT,
        font_size=FONT_SIZE,
        plot_left=left,
        plot_top=PLOT_TOP,
        plot_right=PLOT_RIGHT,
        plot_bottom=PLOT_BOTTOM,
        value_range=(low, high),
        date_range=(first, last),
        points=points,
        expected=(baseline, target),
        baseline=baseline,
        target=target,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        legend=_legend(labels, left, measured=bool(measurements)),
        title=labels("chart.title", name=kpi.name),
        desc=_description(kpi, status, formatter, labels),
    )


# --- values -----------------------------------------------------------------------------------


def _value_domain(values: Sequence[float]) -> tuple[float, float]:
    """The data's range plus a small margin on each side; a single value gets a range around it
    (identical values: no division by zero)."""
    low, high = float(min(values)), float(max(values))
    span = high - low
    if span == 0:
        span = abs(low) * 0.2 or 1.0
        return low - span / 2, high + span / 2
    return low - span * Y_MARGIN, high + span * Y_MARGIN


def _decimals(unit: str, values: Sequence[float]) -> tuple[int, ...]:
    """Decimal places allowed in tick values, in order of preference. The Formatter shows one
    decimal of a percentage and two of other numbers: a finer step would print two ticks alike.
    Whole data get whole ticks when the range allows (always for counts: followers, posts)."""
    finest = 1 if unit == "percent" else 2
    if all(float(v).is_integer() for v in values):
        return (0,) if unit == "count" else (0, finest)  # half a follower is no tick
    return (finest,)


def _value_ticks(low: float, high: float, decimals: Sequence[int]) -> tuple[float, float, tuple[float, ...]]:
    """3 to 5 round values between ``low`` and ``high`` (1, 2, 2.5 or 5 times a power of ten
    apart), and the range they go with: widened, around its middle, when it is too narrow for the
    decimals the labels can show (4,21 % to 4,24 % has no three distinct one-decimal ticks)."""
    for places in decimals:
        ticks = _nice_ticks(low, high, places)
        if ticks:
            return low, high, ticks
    places = decimals[-1]
    center, half = (low + high) / 2, (high - low) / 2
    while True:  # ends: a range at least four times the finest step always holds three ticks
        half = max(half * 2, 10.0**-places)
        ticks = _nice_ticks(center - half, center + half, places)
        if ticks:
            return center - half, center + half, ticks


def _nice_ticks(low: float, high: float, places: int) -> tuple[float, ...] | None:
    span = high - low
    smallest = 10.0**-places
    if span <= 0 or span < 2 * smallest:
        return None
    exponent = math.floor(math.log10(span / 5))
    for mantissas in _MANTISSAS:
        for e in range(exponent - 1, exponent + 3):
            for mantissa in mantissas:
                step = mantissa * 10.0**e
                if step < smallest * (1 - 1e-9) or not _fits(step, places):
                    continue
                first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
                if 3 <= last - first + 1 <= 5:  # smallest step first: as many ticks as allowed
                    return tuple(round(k * step, places + 2) + 0.0 for k in range(first, last + 1))
    return None


def _fits(step: float, places: int) -> bool:
    return abs(round(step, places) - step) < 1e-9 * max(1.0, step)


@functools.lru_cache(maxsize=16_384)  # labels repeat from chart to chart
def _text_width(text: str) -> float:
    """Estimated width of a label. There are no font metrics at build time (the page uses the
    reader's system font), so: rough Helvetica/Arial advances, slightly generous, so labels get
    room rather than overlap."""
    return FONT_SIZE * sum(_ADVANCE.get(c, 0.72 if c.isupper() else 0.56) for c in text)


_ADVANCE = {
    **dict.fromkeys(" .,:;'!|\u00a0", 0.3),
    "\u202f": 0.2,
    **dict.fromkeys("ijlftr()-", 0.36),
    **dict.fromkeys("mwMW%", 0.9),
}


# --- dates ------------------------------------------------------------------------------------


def _time_ticks(first: dt.date, last: dt.date, x_of, formatter: Formatter) -> tuple[Tick, ...]:
    """Month labels ("janv. 2026") on the first day of evenly spaced months (every month, two,
    quarter, half-year, year…): the smallest step whose labels do not overlap, at most
    :data:`MAX_TIME_LABELS`. A range with fewer than two month starts is labelled at both ends
    with the full date instead."""
    months = []
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = _next_month(day)
    while day <= last:
        months.append(day)
        day = _next_month(day)
    if len(months) >= 2:
        for step in _MONTH_STEPS:
            chosen = [m for m in months if (m.year * 12 + m.month - 1) % step == 0]
            if not chosen:
                break
            ticks = _placed(chosen, x_of, lambda d: formatter.skeleton(d, "yMMM"))
            if len(ticks) <= MAX_TIME_LABELS and _apart(ticks):
                return ticks
    ends = [first] if first == last else [first, last]
    return _placed(ends, x_of, lambda d: formatter.date(d, "medium"))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _placed(days: Sequence[dt.date], x_of, label_of) -> tuple[Tick, ...]:
    ticks = []
    for day in days:
        x, label = x_of(day), label_of(day)
        half = _text_width(label) / 2
        ticks.append(Tick(day, x, label, _round(min(max(x, EDGE + half), WIDTH - EDGE - half))))
    return tuple(ticks)


def _apart(ticks: Sequence[Tick]) -> bool:
    return all(
        b.label_at - a.label_at >= (_text_width(a.label) + _text_width(b.label)) / 2 + TIME_LABEL_GAP
        for a, b in itertools.pairwise(ticks)
    )


# --- words ------------------------------------------------------------------------------------


def _legend(labels: Labels, left: float, measured: bool) -> tuple[LegendItem, ...]:
    """The legend row above the plot, laid out left to right; it starts at the plot's left edge
    unless that would push it out of the chart."""
    kinds = (["actual"] if measured else []) + ["expected", "target", "baseline"]
    keys = {
        "actual": "chart.measured",
        "expected": "chart.expected",
        "target": "chart.target",
        "baseline": "chart.baseline",
    }
    swatches = {"actual": 18, "expected": 18, "target": 2 * TARGET_RADIUS, "baseline": 2 * TARGET_RADIUS}
    gap = 4
    entries = [(kind, labels(keys[kind])) for kind in kinds]
    room = WIDTH - 2 * EDGE - sum(swatches[kind] + gap + _text_width(label) for kind, label in entries)
    spacing = max(6.0, min(14.0, room / (len(entries) - 1)))  # tighter for long labels
    total = WIDTH - 2 * EDGE - room + spacing * (len(entries) - 1)
    x = max(float(EDGE), min(left, WIDTH - EDGE - total))
    y = LEGEND_BASELINE - FONT_SIZE * 0.35  # the swatches' middle, level with the text
    items = []
    for kind, label in entries:
        swatch = swatches[kind]
        start, end = Xy(_round(x), _round(y)), Xy(_round(x + swatch), _round(y))
        items.append(LegendItem(kind, label, start, end, Xy(_round(x + swatch + gap), LEGEND_BASELINE)))
        x += swatch + gap + _text_width(label) + spacing
    return tuple(items)


def _description(kpi: Kpi, status: KpiStatus, formatter: Formatter, labels: Labels) -> str:
    """What the chart shows, in one or two sentences: the page's measurement table is the full text
    alternative, so this stays short."""

    def value(v: float) -> str:
        return formatter.value(v, kpi.unit, kpi.currency)

    latest = status.latest
    if latest is None:
        now = labels("chart.no_measurement")
    else:
        if status.progress is not None and status.progress >= 1:
            pace = "chart.target_reached"
        elif status.verdict is Verdict.SUCCESS:
            pace = "chart.on_pace"
        elif status.verdict is Verdict.TOO_EARLY:
            pace = "chart.too_early"
        else:
            pace = "chart.behind_pace"
        now = labels(
            "chart.latest", value=value(latest.value), date=formatter.date(latest.date, "long"), pace=labels(pace)
        )
    return labels(
        "chart.desc",
        baseline=value(kpi.baseline.value),
        baseline_date=formatter.date(kpi.baseline.date, "long"),
        target=value(kpi.target.value),
        target_date=formatter.date(kpi.target.date, "long"),
        latest=now,
    )
