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

Where the grid lines and their labels go is :mod:`strategy_bible.render.chart_ticks`; the chart's
size and how a coordinate is written, :mod:`strategy_bible.render.chart_layout`.

This module knows nothing of MkDocs, Jinja or HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from strategy_bible.analysis.verdict import KpiStatus, Verdict
from strategy_bible.render.chart_layout import (
    BASELINE_RADIUS,
    EDGE,
    FONT_SIZE,
    HEIGHT,
    LABEL_GAP,
    LEGEND_BASELINE,
    MARKER_RADIUS,
    PLOT_BOTTOM,
    PLOT_RIGHT,
    PLOT_TOP,
    TARGET_RADIUS,
    WIDTH,
    svg_number,
    to_tenth,
)
from strategy_bible.render.chart_ticks import Tick, text_width, tick_decimals, time_ticks, value_ticks
from strategy_bible.render.formatting import Formatter
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.model import ID_PATTERN, Kpi

Y_MARGIN = 0.06  # share of the value range added above and below, so no point sits on the frame
_ID = re.compile(ID_PATTERN)


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
class LegendItem:
    """One entry of the legend row: a swatch from ``start`` to ``end`` (a line for ``actual`` and
    ``expected``, a marker at ``center`` for ``target`` and ``baseline``), then its label at ``text``."""

    kind: str  # actual | expected | target | baseline | review
    label: str
    start: Xy
    end: Xy
    text: Xy

    @property
    def center(self) -> Xy:
        return Xy(to_tenth((self.start.x + self.end.x) / 2), self.start.y)

    @property
    def svg_marker(self) -> Markup:
        """The target's diamond, drawn at the swatch's centre."""
        return _diamond(self.center)

    @property
    def svg_review_top(self) -> Markup:
        """A review's swatch: a short vertical dashed line, like the review lines across the plot."""
        return svg_number(self.center.y - TARGET_RADIUS - 1)

    @property
    def svg_review_bottom(self) -> Markup:
        return svg_number(self.center.y + TARGET_RADIUS + 1)


@dataclass(frozen=True)
class ReviewMark:
    """A review meeting's date: a vertical line across the plot at ``x``, titled with the date."""

    x: float
    label: str

    @property
    def svg_x(self) -> Markup:
        return svg_number(self.x)


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
    reviews: tuple[ReviewMark, ...] = ()
    """The review dates inside the time range (the decision log beside the chart)."""

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


def kpi_chart(
    kpi: Kpi, status: KpiStatus, formatter: Formatter, labels: Labels, review_dates: Sequence[dt.date] = ()
) -> KpiChart:
    """The trend chart of one KPI, with its labels in the reader's language.

    ``status`` is the KPI's :func:`~strategy_bible.analysis.verdict.assess` result (for the description:
    latest measurement, on or behind pace). ``review_dates``: the client's review meetings, each a
    vertical line when it falls inside the time range. Works for both directions (the target is simply below
    the baseline when lower is better), with no, one or many measurements, in any order, before the
    baseline or after the target date.
    """
    if not _ID.fullmatch(kpi.id):  # the ids go unescaped into attributes
        raise ValueError(f"not a KPI id: {kpi.id!r}")
    measurements = sorted(kpi.measurements, key=lambda m: m.date)
    values = [kpi.baseline.value, kpi.target.value, *(m.value for m in measurements)]
    dates = [kpi.baseline.date, kpi.target.date, *(m.date for m in measurements)]

    # values: the y axis
    low, high, ticks = value_ticks(*_value_domain(values), tick_decimals(kpi.unit, values))
    value_labels = [formatter.value(v, kpi.unit, kpi.currency) for v in ticks]
    left = max(32.0, to_tenth(max(text_width(s) for s in value_labels) + LABEL_GAP + 4))
    plot_height = PLOT_BOTTOM - PLOT_TOP

    def y_of(value: float) -> float:
        return to_tenth(PLOT_TOP + (high - value) / (high - low) * plot_height)

    # dates: the x axis
    first, last = min(dates), max(dates)
    if first == last:  # the rules want the target date after the baseline date; draw something anyway
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span_days = (last - first).days
    plot_width = PLOT_RIGHT - left

    def x_of(day: dt.date) -> float:
        return to_tenth(left + (day - first).days / span_days * plot_width)

    y_ticks = tuple(Tick(v, y_of(v), label, y_of(v)) for v, label in zip(ticks, value_labels, strict=False))
    x_ticks = time_ticks(first, last, x_of, formatter)

    reviews = tuple(
        ReviewMark(x_of(day), labels("reviews.mark", date=formatter.date(day, "long")))
        for day in sorted(set(review_dates))
        if first <= day <= last
    )
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
        legend=_legend(labels, left, measured=bool(measurements), reviewed=bool(reviews)),
        title=labels("chart.title", name=kpi.name),
        desc=_description(kpi, status, formatter, labels),
        reviews=reviews,
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


# --- words ------------------------------------------------------------------------------------


def _legend(labels: Labels, left: float, measured: bool, reviewed: bool = False) -> tuple[LegendItem, ...]:
    """The legend row above the plot, laid out left to right; it starts at the plot's left edge
    unless that would push it out of the chart. Every mark drawn has its entry: the review lines
    too, when the chart has one."""
    kinds = (["actual"] if measured else []) + ["expected", "target", "baseline"] + (["review"] if reviewed else [])
    keys = {
        "actual": "chart.measured",
        "expected": "chart.expected",
        "target": "chart.target",
        "baseline": "chart.baseline",
        "review": "chart.review",
    }
    swatches = {
        "actual": 18,
        "expected": 18,
        "target": 2 * TARGET_RADIUS,
        "baseline": 2 * TARGET_RADIUS,
        "review": 2 * TARGET_RADIUS,
    }
    gap = 4
    entries = [(kind, labels(keys[kind])) for kind in kinds]
    room = WIDTH - 2 * EDGE - sum(swatches[kind] + gap + text_width(label) for kind, label in entries)
    spacing = max(6.0, min(14.0, room / (len(entries) - 1)))  # tighter for long labels
    total = WIDTH - 2 * EDGE - room + spacing * (len(entries) - 1)
    x = max(float(EDGE), min(left, WIDTH - EDGE - total))
    y = LEGEND_BASELINE - FONT_SIZE * 0.35  # the swatches' middle, level with the text
    items = []
    for kind, label in entries:
        swatch = swatches[kind]
        start, end = Xy(to_tenth(x), to_tenth(y)), Xy(to_tenth(x + swatch), to_tenth(y))
        items.append(LegendItem(kind, label, start, end, Xy(to_tenth(x + swatch + gap), LEGEND_BASELINE)))
        x += swatch + gap + text_width(label) + spacing
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
