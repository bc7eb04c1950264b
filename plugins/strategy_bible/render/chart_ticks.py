"""Where a KPI chart's grid lines and their labels go: round values up the value axis, evenly
spaced month starts along the time axis, and labels that do not overlap.

There are no font metrics at build time (the page uses the reader's system font), so a label's
width is estimated (:func:`text_width`).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from strategy_bible.render.chart_layout import EDGE, FONT_SIZE, WIDTH, svg_number, to_tenth
from strategy_bible.render.formatting import Formatter
from strategy_bible.strategy.dates import add_months, month_number

MAX_TIME_LABELS = 6
TIME_LABEL_GAP = 10  # minimum space between two time labels

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 48, 60, 120, 240, 600)
_MANTISSAS = ((1, 2, 2.5, 5), (1, 2, 2.5, 3, 4, 5))  # "nice" first; the second only when the first fails


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


# --- values -----------------------------------------------------------------------------------


def tick_decimals(unit: str, values: Sequence[float]) -> tuple[int, ...]:
    """Decimal places allowed in tick values, in order of preference. The Formatter shows one
    decimal of a percentage and two of other numbers: a finer step would print two ticks alike.
    Whole data get whole ticks when the range allows (always for counts: followers, posts)."""
    finest = 1 if unit == "percent" else 2
    if all(float(v).is_integer() for v in values):
        return (0,) if unit == "count" else (0, finest)  # half a follower is no tick
    return (finest,)


def value_ticks(low: float, high: float, decimals: Sequence[int]) -> tuple[float, float, tuple[float, ...]]:
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
def text_width(text: str) -> float:
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


def time_ticks(
    first: dt.date, last: dt.date, x_of: Callable[[dt.date], float], formatter: Formatter
) -> tuple[Tick, ...]:
    """Month labels ("janv. 2026") on the first day of evenly spaced months (every month, two,
    quarter, half-year, year…): the smallest step whose labels do not overlap, at most
    :data:`MAX_TIME_LABELS`. A range with fewer than two month starts is labelled at both ends
    with the full date instead."""
    months = []
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = add_months(day, 1)
    while day <= last:
        months.append(day)
        day = add_months(day, 1)
    if len(months) >= 2:
        for step in _MONTH_STEPS:
            chosen = [m for m in months if month_number(m) % step == 0]
            if not chosen:
                break
            ticks = _placed(chosen, x_of, lambda d: formatter.skeleton(d, "yMMM"))
            if len(ticks) <= MAX_TIME_LABELS and _apart(ticks):
                return ticks
    ends = [first] if first == last else [first, last]
    return _placed(ends, x_of, lambda d: formatter.date(d, "medium"))


def _placed(
    days: Sequence[dt.date], x_of: Callable[[dt.date], float], label_of: Callable[[dt.date], str]
) -> tuple[Tick, ...]:
    ticks = []
    for day in days:
        x, label = x_of(day), label_of(day)
        half = text_width(label) / 2
        ticks.append(Tick(day, x, label, to_tenth(min(max(x, EDGE + half), WIDTH - EDGE - half))))
    return tuple(ticks)


def _apart(ticks: Sequence[Tick]) -> bool:
    return all(
        b.label_at - a.label_at >= (text_width(a.label) + text_width(b.label)) / 2 + TIME_LABEL_GAP
        for a, b in itertools.pairwise(ticks)
    )
