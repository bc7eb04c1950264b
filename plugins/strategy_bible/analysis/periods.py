"""Review periods and what moved between them.

Periods follow the client's review cadence on the calendar: monthly (October 2026), quarterly
(Q4 2026), semester (H2 2026), yearly (2026). A KPI's value for a period is its last measurement
dated inside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from strategy_bible.strategy.dates import add_months, day_of
from strategy_bible.strategy.model import Kpi, Measurement

MONTHS = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}


@dataclass(frozen=True, order=True)
class ReviewPeriod:
    start: dt.date
    end: dt.date
    """Last day, included."""
    cadence: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day_of(day) <= self.end

    @property
    def index(self) -> int:
        """1-based position in its year: month 1–12, quarter 1–4, semester 1–2, year 1."""
        return (self.start.month - 1) // MONTHS[self.cadence] + 1

    def shifted(self, periods: int) -> ReviewPeriod:
        return period_of(add_months(self.start, periods * MONTHS[self.cadence]), self.cadence)

    def previous(self) -> ReviewPeriod:
        return self.shifted(-1)

    def a_year_before(self) -> ReviewPeriod:
        return self.shifted(-12 // MONTHS[self.cadence])


def period_of(day: dt.date, cadence: str) -> ReviewPeriod:
    months = MONTHS[cadence]
    day = day_of(day)
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    return ReviewPeriod(start, end, cadence)


def latest_period(kpis: Iterable[Kpi], cadence: str) -> ReviewPeriod | None:
    """The period of the most recent measurement of any KPI: the one a review reports on."""
    dates = [m.date for kpi in kpis for m in kpi.measurements]
    return period_of(max(dates), cadence) if dates else None


@dataclass(frozen=True)
class PeriodChange:
    """A KPI between two periods: its last measurement in each, and the difference."""

    before: Measurement | None
    after: Measurement | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.value - self.before.value

    @property
    def relative(self) -> float | None:
        delta = self.delta
        if delta is None or self.before is None or self.before.value == 0:
            return None
        return delta / abs(self.before.value)

    def better(self, kpi: Kpi) -> bool | None:
        """Did it move towards the target (True), away (False), or not at all / unknown (None)?"""
        if not self.delta:
            return None
        return (self.delta > 0) == (kpi.direction == "up")


def value_in(kpi: Kpi, period: ReviewPeriod) -> Measurement | None:
    inside = [m for m in kpi.measurements if period.contains(m.date)]
    return max(inside, key=lambda m: m.date, default=None)


def period_change(kpi: Kpi, period: ReviewPeriod) -> PeriodChange:
    """This period against the previous one."""
    return PeriodChange(value_in(kpi, period.previous()), value_in(kpi, period))


def year_over_year(kpi: Kpi, period: ReviewPeriod) -> PeriodChange | None:
    """This period against the same period a year before, when the file has data that old."""
    before = value_in(kpi, period.a_year_before())
    return PeriodChange(before, value_in(kpi, period)) if before else None
