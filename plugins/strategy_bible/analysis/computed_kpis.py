"""KPIs computed from the posts (``kpis[].from_posts``): their measurements are made at build time.

For each period (a calendar month, or a review period of the client's cadence) holding at least one
counted post, one measurement:

- a rate (engagement_rate, click_rate) is computed per post as :mod:`.rates` does, in percent, then
  the median (default) or mean of those; posts that reached nobody have no rate and are left out;
- a count (reach, likes, interactions…) is taken per post, then summed (default), or its median or
  mean per post; ``posts`` is how many posts the period holds;
- values are rounded to 2 decimals; the note says how many posts the figure comes from.

The measurement is dated the last day of its period, or the build's day while that period runs
(never a day to come): a post dated after the build's day is not counted yet.

Computed from whatever strategy it is given: a client build gives the client-visible one, so an
internal post never changes a client's figure.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable

from strategy_bible.analysis import rates
from strategy_bible.analysis.clock import BadSourceDate, build_time
from strategy_bible.analysis.periods import ReviewPeriod, period_of
from strategy_bible.strategy.model import RATE_METRICS, FromPosts, Kpi, Measurement, Post, Strategy
from strategy_bible.strategy.problem_log import counted

PerPostFigure = Callable[[Post], float | None]

FIGURES: dict[str, PerPostFigure] = {
    "engagement_rate": rates.engagement_rate,
    "click_rate": rates.click_rate,
    "reach": rates.reach,
    "reach_organic": lambda post: post.reach_organic,
    "reach_paid": lambda post: post.reach_paid,
    "likes": lambda post: post.likes,
    "comments": lambda post: post.comments,
    "shares": lambda post: post.shares,
    "clicks": lambda post: post.clicks,
    "interactions": rates.interactions,
    "posts": lambda post: 1,
}
"""Each metric's figure for one post (None: the post has none, as a rate without reach)."""

AGGREGATES: dict[str, Callable[[list[float]], float]] = {
    "median": statistics.median,
    "mean": statistics.mean,
    "sum": sum,
}


def build_day() -> dt.date:
    """The build's day, which dates the running period's figure (``SOURCE_DATE_EPOCH`` when set)."""
    try:
        return build_time().date()
    except BadSourceDate:  # a build refuses it with its reason; validate and decide use the real clock
        return dt.datetime.now(dt.UTC).date()


def english_note(count: int) -> str:
    return f"computed from {counted(count, 'post')}"


def aggregate_of(source: FromPosts) -> str:
    """The aggregate written, or the default: median for rates, sum for counts (and posts)."""
    if source.aggregate is not None:
        return source.aggregate
    return "median" if source.metric in RATE_METRICS else "sum"


def counted_posts(source: FromPosts, posts: Iterable[Post], today: dt.date) -> list[Post]:
    """The posts of the source's channel and format, published by ``today``."""
    return [
        post
        for post in posts
        if (source.channel is None or post.channel == source.channel)
        and (source.format is None or post.format == source.format)
        and post.date <= today
    ]


def computed_measurements(
    source: FromPosts,
    posts: Iterable[Post],
    cadence: str,
    today: dt.date,
    note: Callable[[int], str] = english_note,
) -> list[Measurement]:
    """One measurement per period with at least one post that has the figure, oldest first."""
    by_period: dict[ReviewPeriod, list[float]] = {}
    for post in counted_posts(source, posts, today):
        figure = FIGURES[source.metric](post)
        if figure is not None:
            period = period_of(post.date, "monthly" if source.per == "month" else cadence)
            by_period.setdefault(period, []).append(figure)
    scale = 100 if source.metric in RATE_METRICS else 1
    combine = AGGREGATES[aggregate_of(source)]
    # Built, not validated again: a sum of many posts' reach may pass the bound a typed figure has.
    return [
        Measurement.model_construct(
            date=min(period.end, today),
            value=_rounded(combine(figures) * scale),
            note=note(len(figures)),
        )
        for period, figures in sorted(by_period.items())
    ]


def _rounded(value: float) -> int | float:
    """2 decimals; a whole number stays whole (a sum of likes is 412, not 412.0)."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def with_computed_kpi(kpi: Kpi, strategy: Strategy, today: dt.date, note: Callable[[int], str] = english_note) -> Kpi:
    if kpi.from_posts is None:
        return kpi
    measured = computed_measurements(kpi.from_posts, strategy.posts, strategy.period.cadence, today, note)
    return kpi.model_copy(update={"measurements": measured})


def with_computed_measurements(
    strategy: Strategy, today: dt.date, note: Callable[[int], str] = english_note
) -> Strategy:
    """The strategy with every ``from_posts`` KPI measured from its posts (the same object when it
    has none)."""
    if not any(kpi.from_posts is not None for kpi in strategy.kpis):
        return strategy
    kpis = [with_computed_kpi(kpi, strategy, today, note) for kpi in strategy.kpis]
    return strategy.model_copy(update={"kpis": kpis})
