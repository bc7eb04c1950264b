"""Event rates and per-post engagement (seed 004: per post, against reach, never per follower)."""

from __future__ import annotations

import pytest

from strategy_bible.analysis.rates import (
    channel_rates,
    click_rate,
    engagement_rate,
    event_totals,
    fill_rate,
    show_up_rate,
)

from builders import objective, strategy


def event(**figures):
    return strategy(
        objectives=[objective()],
        events=[{"id": "e", "title": "E", "start": "2026-03-14", "objectives": ["o"], **figures}],
    ).events[0]


def test_fill_and_show_up_rates():
    breakfast = event(capacity=40, registrations=38, attendees=31)
    assert fill_rate(breakfast) == pytest.approx(0.95)
    assert show_up_rate(breakfast) == pytest.approx(31 / 38)


def test_walk_ins_push_show_up_above_one_and_missing_figures_give_none():
    assert show_up_rate(event(registrations=20, attendees=26)) == pytest.approx(1.3)
    assert fill_rate(event(registrations=20)) is None
    assert fill_rate(event(capacity=0, registrations=3)) is None
    assert show_up_rate(event(registrations=0, attendees=4)) is None
    assert show_up_rate(event(registrations=10)) is None


def test_totals_count_each_rate_over_the_events_where_it_exists():
    events = [
        event(capacity=40, registrations=38, attendees=31),
        event(capacity=60, registrations=30),
        event(registrations=10, attendees=12),
    ]
    totals = event_totals(events)
    assert (totals.capacity, totals.registrations, totals.attendees) == (100, 78, 43)
    assert totals.fill_rate == pytest.approx(68 / 100)
    assert totals.show_up_rate == pytest.approx(43 / 48)  # the future event is left out


def posts():
    return strategy(
        channels=[{"id": "ig", "name": "Instagram"}, {"id": "li", "name": "LinkedIn"}],
        posts=[
            {
                "date": "2026-03-01",
                "channel": "ig",
                "title": "A",
                "reach_organic": 800,
                "reach_paid": 200,
                "likes": 50,
                "comments": 10,
                "shares": 5,
                "clicks": 35,
            },
            {"date": "2026-03-08", "channel": "ig", "title": "B", "reach_organic": 1000, "likes": 20, "clicks": 10},
            {
                "date": "2026-03-15",
                "channel": "ig",
                "url": "https://example.org/c",
                "reach_organic": 500,
                "likes": 100,
                "shares": 50,
            },
            {"date": "2026-03-02", "channel": "li", "title": "D", "reach_organic": 0},
        ],
    ).posts


def test_engagement_and_click_rates_per_post():
    a, _b, c, d = posts()
    assert engagement_rate(a) == pytest.approx(100 / 1000)
    assert click_rate(a) == pytest.approx(35 / 1000)
    assert engagement_rate(c) == pytest.approx(0.3)
    assert engagement_rate(d) is None and click_rate(d) is None  # nobody reached


def test_channel_medians_resist_one_viral_post():
    instagram, linkedin = channel_rates(posts())
    assert (instagram.channel, instagram.posts) == ("ig", 3)
    assert instagram.median_engagement_rate == pytest.approx(0.1)  # of 0.1, 0.03 and 0.3
    assert instagram.median_click_rate == pytest.approx(0.01)  # of 0.035, 0.01 and 0
    assert instagram.paid_share == pytest.approx(200 / 2500)
    assert (linkedin.posts, linkedin.median_engagement_rate, linkedin.paid_share) == (1, None, None)
