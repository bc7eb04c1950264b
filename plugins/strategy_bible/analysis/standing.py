"""Where a client stands on a given day: the head of its overview and of each review, in the shape
agencies report in (in short; performance against goal; what we changed; what comes next; what we
need from the client).

Everything is judged on what was known on that day: measurements dated after it do not count, so a
review's summary never changes when later figures are recorded, and a figure typed with next
year's date never decides today's verdict.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from strategy_bible.analysis.costs import Costs, Totals
from strategy_bible.analysis.periods import MONTHS, PeriodChange, ReviewPeriod, latest_period, period_change, period_of
from strategy_bible.analysis.verdict import VERDICTS_BEST_FIRST, KpiStatus, Rollup, Thresholds, Verdict, assess, rollup
from strategy_bible.strategy.dates import months_after
from strategy_bible.strategy.model import Kpi, Review, Strategy

HEADLINE_KPIS = 6
"""KPIs shown at the head of a summary, in the file's order: the community manager puts first the
ones that decide; the others are one click away on the KPI page."""


@dataclass(frozen=True)
class Headline:
    """One KPI as it stood on the day: its latest figure, its progress towards the target, and the
    change since the period before."""

    kpi: Kpi
    status: KpiStatus
    change: PeriodChange | None


@dataclass(frozen=True)
class Standing:
    day: dt.date
    """The day the summary is made for: the build's day, or a review's."""
    as_of: dt.date | None
    """The date of the newest figure known on ``day`` (a measurement or a post): what the figures
    are as of. None when there is no figure yet."""
    period: ReviewPeriod | None
    """The review period of the newest measurement: the headline's changes are since the period
    before it (as on the review page)."""
    overall: Rollup
    counts: list[tuple[Verdict, int]]
    """How many KPIs per verdict, best first, verdicts with none left out."""
    headline: list[Headline]
    more: int
    """KPIs left out of the headline."""
    budget: Totals | None
    review: Review | None
    """The review the summary reports: the latest one held on or before ``day``."""
    next_review: dt.date
    """When the next review is due, by the client's review cadence."""
    current: ReviewPeriod
    """The review period ``day`` falls in: the one whose figures may still be to come."""

    @property
    def next_review_overdue(self) -> bool:
        return self.next_review < self.day


def known_on(kpi: Kpi, day: dt.date) -> Kpi:
    """The KPI with the measurements dated on or before ``day`` only."""
    earlier = [m for m in kpi.measurements if m.date <= day]
    return kpi if len(earlier) == len(kpi.measurements) else kpi.model_copy(update={"measurements": earlier})


def figures_as_of(strategy: Strategy, day: dt.date) -> dt.date | None:
    """The newest measurement or post dated on or before ``day``."""
    dates = [m.date for kpi in strategy.kpis for m in kpi.measurements if m.date <= day]
    dates += [post.date for post in strategy.posts if post.date <= day]
    return max(dates, default=None)


def latest_review(strategy: Strategy, day: dt.date) -> Review | None:
    return max((r for r in strategy.reviews if r.date <= day), key=lambda r: r.date, default=None)


def next_review_after(strategy: Strategy, day: dt.date) -> dt.date:
    """The first review recorded after ``day``, or the day the cadence puts the next one at (one
    cadence after the latest review on or before ``day``, or after the period's start)."""
    later = [r.date for r in strategy.reviews if r.date > day]
    if later:
        return min(later)
    last = latest_review(strategy, day)
    return months_after(last.date if last else strategy.period.start, MONTHS[strategy.period.cadence])


def standing(
    strategy: Strategy,
    day: dt.date,
    thresholds: Thresholds = Thresholds(),
    *,
    with_budget: bool = True,
    limit: int = HEADLINE_KPIS,
) -> Standing:
    """Where ``strategy`` stands on ``day``. ``with_budget``: the means are not dated, so only a
    summary of today (not a past review's) can say what has been spent."""
    kpis = [known_on(kpi, day) for kpi in strategy.kpis]
    statuses = {kpi.id: assess(kpi, thresholds) for kpi in kpis}
    as_of = figures_as_of(strategy, day)
    period = latest_period(kpis, strategy.period.cadence)
    headline = [Headline(kpi, statuses[kpi.id], period_change(kpi, period) if period else None) for kpi in kpis[:limit]]
    counts = Counter(status.verdict for status in statuses.values())
    costs = Costs(strategy)
    return Standing(
        day=day,
        as_of=as_of,
        period=period,
        overall=rollup(statuses.values(), thresholds),
        counts=[(verdict, counts[verdict]) for verdict in VERDICTS_BEST_FIRST if counts[verdict]],
        headline=headline,
        more=max(len(kpis) - limit, 0),
        budget=costs.totals() if with_budget and costs.has_money else None,
        review=latest_review(strategy, day),
        next_review=next_review_after(strategy, day),
        current=period_of(day, strategy.period.cadence),
    )
