"""KPIs computed from the posts: one measurement per period with posts, per metric, aggregate and period."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_bible.analysis.computed_kpis import computed_measurements, with_computed_measurements
from strategy_bible.analysis.reviews import override_warnings
from strategy_bible.strategy.model import FromPosts, Post

from builders import kpi, objective, strategy

TODAY = dt.date(2026, 12, 1)


def post(day: str, channel: str = "instagram", reach: int = 1000, **figures) -> Post:
    return Post.model_validate(
        {"date": dt.date.fromisoformat(day), "channel": channel, "title": day, "reach_organic": reach, **figures}
    )


POSTS = [
    post("2026-09-02", likes=40, comments=10),  # 5 %
    post("2026-09-09", likes=20, clicks=10, reach_paid=1000),  # 1.5 %, click rate 0.5 %
    post("2026-09-16", likes=90, shares=10),  # 10 %
    post("2026-09-23", "linkedin", reach=500, clicks=50),  # 10 %, click rate 10 %
    post("2026-10-07", likes=30),  # 3 %
]


def measured(today: dt.date = TODAY, cadence: str = "quarterly", posts=POSTS, **source):
    found = computed_measurements(FromPosts.model_validate(source), posts, cadence, today)
    return [(m.date.isoformat(), m.value, m.note) for m in found]


def test_engagement_rate_is_the_median_per_post_in_percent_one_measurement_per_month():
    assert measured(metric="engagement_rate", channel="instagram") == [
        ("2026-09-30", 5, "computed from 3 posts"),
        ("2026-10-31", 3, "computed from 1 post"),
    ]


def test_every_channel_when_none_is_named_and_the_mean_when_asked():
    # September: 5, 1.5, 10 and 10 % → median 7.5, mean 6.625 → 6.62 (2 decimals)
    assert measured(metric="engagement_rate")[0][1] == 7.5
    assert measured(metric="engagement_rate", aggregate="mean")[0][1] == pytest.approx(6.62)
    assert measured(metric="click_rate", channel="linkedin") == [("2026-09-30", 10, "computed from 1 post")]


@pytest.mark.parametrize(
    ("metric", "aggregate", "september"),
    [
        ("likes", None, 150),  # counts are summed by default
        ("likes", "median", 40),
        ("likes", "mean", 50),
        ("reach", None, 4000),  # organic and paid
        ("reach_organic", None, 3000),
        ("reach_paid", None, 1000),
        ("comments", None, 10),
        ("shares", None, 10),
        ("clicks", None, 10),
        ("interactions", None, 180),
        ("posts", None, 3),
    ],
)
def test_counts_per_metric_and_aggregate(metric, aggregate, september):
    source = {"metric": metric, "channel": "instagram"} | ({"aggregate": aggregate} if aggregate else {})
    assert measured(**source)[0][:2] == ("2026-09-30", september)


def test_a_month_without_posts_has_no_measurement():
    posts = [post("2026-03-02", likes=10), post("2026-06-10", likes=20)]
    assert [d for d, _, _ in measured(metric="likes", posts=posts)] == ["2026-03-31", "2026-06-30"]
    assert measured(metric="likes", posts=[]) == []


def test_posts_that_reached_nobody_have_no_rate_but_count_in_counts():
    posts = [post("2026-09-02", likes=50), post("2026-09-03", reach=0, likes=7)]
    assert measured(metric="engagement_rate", posts=posts) == [("2026-09-30", 5, "computed from 1 post")]
    assert measured(metric="likes", posts=posts) == [("2026-09-30", 57, "computed from 2 posts")]
    assert measured(metric="click_rate", posts=[post("2026-09-03", reach=0, clicks=3)]) == []


def test_review_periods_follow_the_client_s_quarterly_cadence():
    posts = [post("2026-01-15", likes=1), post("2026-03-20", likes=2), post("2026-05-02", likes=4)]
    assert measured(metric="likes", per="review", posts=posts) == [
        ("2026-03-31", 3, "computed from 2 posts"),
        ("2026-06-30", 4, "computed from 1 post"),
    ]
    assert measured(metric="posts", per="review", cadence="semester", posts=posts) == [
        ("2026-06-30", 3, "computed from 3 posts")
    ]


def test_the_running_period_is_dated_today_and_later_posts_do_not_count_yet():
    assert measured(dt.date(2026, 10, 10), metric="posts") == [
        ("2026-09-30", 4, "computed from 4 posts"),
        ("2026-10-10", 1, "computed from 1 post"),
    ]
    assert measured(dt.date(2026, 10, 5), metric="posts")[-1] == ("2026-09-30", 4, "computed from 4 posts")


def test_the_format_filter_keeps_that_format_only():
    posts = [post("2026-09-02", likes=5, format="reel"), post("2026-09-03", likes=7, format="story")]
    assert measured(metric="likes", format="reel", posts=posts)[0][1] == 5


def test_the_strategy_s_computed_kpis_get_measurements_and_the_others_are_left_alone():
    s = strategy(
        objectives=[objective()],
        channels=[{"id": "instagram", "name": "Instagram"}],
        kpis=[
            kpi([("2026-03-31", 1300)]),
            kpi(
                kpi_id="rate",
                unit="percent",
                baseline=(3, "2026-01-31"),
                target=(5, "2026-12-31"),
                from_posts={"metric": "engagement_rate"},
            ),
        ],
        posts=[p.model_dump() for p in POSTS],
    )
    computed = with_computed_measurements(s, TODAY)
    assert computed.kpis[0] == s.kpis[0]
    assert [(m.date, m.value) for m in computed.kpis[1].measurements] == [
        (dt.date(2026, 9, 30), 7.5),
        (dt.date(2026, 10, 31), 3),
    ]
    assert s.kpis[1].measurements == []  # the file's strategy is not changed
    no_computed = strategy(objectives=[objective()], kpis=[kpi()])
    assert with_computed_measurements(no_computed, TODAY) is no_computed


def test_a_review_decision_on_a_computed_kpi_is_judged_on_the_computed_figures(tmp_path):
    from strategy_bible.strategy.loader import load_yaml
    from strategy_bible.strategy.validation import validate

    text = """\
client: {name: Acme}
period: {start: 2026-01-01, end: 2026-12-31}
channels: [{id: instagram, name: Instagram}]
objectives: [{id: o, title: O, axis: image}]
kpis:
  - id: rate
    name: Engagement
    objective: o
    unit: percent
    baseline: {value: 2, date: 2026-01-01}
    target: {value: 12, date: 2026-12-31}
    from_posts: {metric: engagement_rate}
posts:
  - {date: 2026-06-10, channel: instagram, title: A, reach_organic: 1000, likes: 100}
reviews:
  - id: r
    date: 2026-07-05
    decisions: [{kpi: rate, decision: stop}]
"""
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    # 10 % at the end of June: far ahead of its pace, so the rule says continue, not stop
    [warning] = override_warnings(validate(load_yaml(path, "strategies/acme.yml")))
    assert "(continue)" in warning.message
