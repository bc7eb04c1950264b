"""The chart's tick algorithms on their own: round values up the value axis, month starts along
the time axis, labels that do not overlap (the charts' own tests check them inside a chart)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from strategy_bible.render.chart_layout import EDGE, WIDTH
from strategy_bible.render.chart_ticks import (
    MAX_TIME_LABELS,
    TIME_LABEL_GAP,
    text_width,
    tick_decimals,
    time_ticks,
    value_ticks,
)
from strategy_bible.render.renderer import Renderer

FORMATTER = Renderer("fr").formatter


def x_across(first: dt.date, last: dt.date, left: float = 40.0, right: float = WIDTH - 12):
    return lambda day: left + (day - first).days / (last - first).days * (right - left)


def test_value_ticks_are_round_steps_inside_a_range_left_as_it_is():
    assert value_ticks(1152.0, 2048.0, (0,)) == (1152.0, 2048.0, (1200.0, 1400.0, 1600.0, 1800.0, 2000.0))


def test_a_range_too_narrow_for_the_decimals_is_widened_around_its_middle():
    low, high, ticks = value_ticks(4.21, 4.24, (1,))
    assert low < 4.21 and high > 4.24 and (low + high) / 2 == pytest.approx(4.225)
    assert 3 <= len(ticks) <= 5 and all(round(t, 1) == t for t in ticks)


@pytest.mark.parametrize(
    "unit, values, decimals",
    [("count", (1, 2), (0,)), ("percent", (3, 4), (0, 1)), ("currency", (3, 4.5), (2,)), ("percent", (3.5,), (1,))],
)
def test_tick_decimals_follow_what_the_labels_show(unit, values, decimals):
    assert tick_decimals(unit, values) == decimals


def test_time_ticks_over_a_year_fall_on_month_starts_apart_and_inside_the_chart():
    first, last = dt.date(2025, 12, 31), dt.date(2026, 12, 31)
    ticks = time_ticks(first, last, x_across(first, last), FORMATTER)
    assert 2 <= len(ticks) <= MAX_TIME_LABELS
    assert all(isinstance(t.value, dt.date) and t.value.day == 1 for t in ticks)
    for a, b in itertools.pairwise(ticks):
        assert b.label_at - a.label_at >= (text_width(a.label) + text_width(b.label)) / 2 + TIME_LABEL_GAP
    for tick in ticks:
        half = text_width(tick.label) / 2
        assert EDGE + half <= tick.label_at + 0.05 and tick.label_at - 0.05 <= WIDTH - EDGE - half


def test_months_across_a_new_year_are_counted_on():
    first, last = dt.date(2025, 11, 20), dt.date(2026, 2, 10)
    ticks = time_ticks(first, last, x_across(first, last), FORMATTER)
    assert [t.value for t in ticks] == [dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]


def test_a_few_days_get_their_two_ends_with_full_dates():
    first, last = dt.date(2026, 3, 3), dt.date(2026, 3, 20)
    assert [t.value for t in time_ticks(first, last, x_across(first, last), FORMATTER)] == [first, last]


def test_text_width_grows_with_wide_letters():
    assert text_width("MMMM") > text_width("oooo") > text_width("iiii") > 0
