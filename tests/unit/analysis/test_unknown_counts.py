"""A count the export does not carry (``clicks: null``: Instagram gives no clicks, stories no comments)
is unknown, never 0: every rate that needs it is unknown, and medians leave that post out instead of
being dragged towards 0 (issue 23, item 4). Stories stay out of a channel's medians (item 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from strategy_bible.analysis.computed_kpis import computed_measurements, with_computed_measurements
from strategy_bible.analysis.editorial import pillar_mix
from strategy_bible.analysis.rates import channel_rates, click_rate, engagement_rate, interactions
from strategy_bible.render.bible_json import bible_json
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.downloads import kpis_csv
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.model import FromPosts
from strategy_bible.strategy.visibility import Readership, visible_to

from builders import kpi, objective, strategy


def posts(*rows: dict) -> list:
    return strategy(objectives=[objective()], posts=[{"channel": "ig", "title": "p", **row} for row in rows]).posts


def test_a_post_whose_clicks_are_unknown_has_no_click_rate_nor_engagement_rate():
    known, unknown = posts(
        {"date": "2026-10-01", "reach_organic": 1000, "likes": 50, "clicks": 7},
        {"date": "2026-10-02", "reach_organic": 1000, "likes": 50, "clicks": None},
    )
    assert click_rate(known) == pytest.approx(0.007)
    assert (unknown.clicks, interactions(unknown), click_rate(unknown), engagement_rate(unknown)) == (
        None,
        None,
        None,
        None,
    )


def test_a_count_left_out_is_still_0_as_the_contract_says():
    (post,) = posts({"date": "2026-10-01", "reach_organic": 1000, "likes": 50})
    assert (post.clicks, click_rate(post)) == (0, 0)


def test_the_channels_median_click_rate_skips_posts_without_clicks_instead_of_counting_them_0():
    facebook = [{"date": f"2026-10-0{n}", "reach_organic": 1000, "clicks": 7} for n in (1, 2)]
    instagram = [{"date": f"2026-10-0{n}", "reach_organic": 1000, "clicks": None} for n in (3, 4, 5)]
    (rates,) = channel_rates(posts(*facebook, *instagram))
    assert rates.median_click_rate == pytest.approx(0.007)  # 0 with the three unknown clicks as 0


def test_stories_stay_out_of_the_channels_medians_and_of_a_pillars():
    mixed = posts(
        {"date": "2026-10-01", "reach_organic": 1000, "likes": 40, "pillar": "p"},
        {"date": "2026-10-02", "reach_organic": 1000, "likes": 1, "format": "story", "pillar": "p"},
        {"date": "2026-10-03", "reach_organic": 1000, "likes": 2, "format": "story", "pillar": "p"},
    )
    (rates,) = channel_rates(mixed)
    assert rates.median_engagement_rate == pytest.approx(0.04)
    bible = strategy(
        objectives=[objective()],
        editorial={"pillars": [{"id": "p", "name": "P", "objectives": ["o"]}]},
        posts=[p.model_dump(exclude_unset=True) for p in mixed],
    )
    assert pillar_mix(bible)[0].median_engagement_rate == pytest.approx(0.04)


def test_a_kpi_on_stories_counts_the_stories():
    mixed = posts(
        {"date": "2026-10-01", "reach_organic": 1000, "likes": 40},
        {"date": "2026-10-02", "reach_organic": 1000, "likes": 10, "format": "story"},
    )
    (story,) = computed_measurements(
        FromPosts(metric="engagement_rate", format="story"), mixed, "monthly", dt.date(2026, 12, 31)
    )
    assert story.value == 1


def test_a_computed_click_rate_is_the_median_of_the_posts_whose_clicks_are_known():
    mixed = posts(
        {"date": "2026-10-01", "reach_organic": 1000, "clicks": 7},
        {"date": "2026-10-02", "reach_organic": 1000, "clicks": None},
        {"date": "2026-10-03", "reach_organic": 1000, "clicks": None},
        {"date": "2026-11-01", "reach_organic": 1000, "clicks": None},
    )
    measured = computed_measurements(FromPosts(metric="click_rate"), mixed, "monthly", dt.date(2026, 12, 31))
    assert [(m.date, m.value, m.note) for m in measured] == [(dt.date(2026, 10, 31), 0.7, "computed from 1 post")]


def test_kpis_csv_and_bible_json_say_unknown_never_0():
    bible = strategy(
        objectives=[objective()],
        channels=[{"id": "ig", "name": "Instagram"}],
        kpis=[
            kpi(
                baseline=(0.5, "2025-12-31"),
                target=(1, "2026-12-31"),
                unit="percent",
                from_posts={"metric": "click_rate"},
            )
        ],
        editorial={"pillars": [{"id": "p", "name": "P", "objectives": ["o"]}]},
        posts=[
            {
                "date": "2026-10-01",
                "channel": "ig",
                "title": "a",
                "reach_organic": 1000,
                "likes": 9,
                "clicks": None,
                "pillar": "p",
            },
            {
                "date": "2026-10-02",
                "channel": "ig",
                "title": "b",
                "reach_organic": 900,
                "likes": 5,
                "clicks": None,
                "pillar": "p",
            },
        ],
    )
    measured = with_computed_measurements(bible, dt.date(2026, 12, 31))
    view = ClientView("acme", "acme.yml", visible_to(Readership.CLIENT, measured))
    (row,) = csv.DictReader(io.StringIO(kpis_csv(view, Labels("en"), decimal_comma=False).decode("utf-8-sig")))
    assert row["latest_value"] == ""  # was 0: every post's clicks counted as 0
    data = json.loads(bible_json(view))
    assert data["kpis"][0]["latest"] is None
    assert data["pillars"][0]["median_engagement_rate"] is None


def test_a_channels_posts_and_paid_share_still_count_its_stories():
    mixed = posts(
        {"date": "2026-10-01", "reach_organic": 1000, "likes": 40},
        {"date": "2026-10-02", "reach_organic": 500, "reach_paid": 500, "likes": 1, "format": "story"},
    )
    (rates,) = channel_rates(mixed)
    assert (rates.posts, rates.paid_share) == (2, 0.25)
