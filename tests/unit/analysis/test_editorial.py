"""The pillar mix, recomputed by hand from the whole-bible example."""

from pathlib import Path

from strategy_bible.analysis.editorial import axes_without_channel, channel_roles, format_mix, pillar_mix
from strategy_bible.strategy.model import AXES
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import for_client

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"


def test_each_pillar_share_of_the_posts_that_name_one_and_its_median_engagement():
    mix = {figures.pillar.id: figures for figures in pillar_mix(load_strategy(WHOLE))}
    # posts: a reel (behind-the-scenes, 102 interactions / 1200 reached), a post (afterworks, 40 / 800)
    assert (mix["behind-the-scenes"].posts, mix["behind-the-scenes"].actual_share) == (1, 0.5)
    assert mix["behind-the-scenes"].target_share == 0.4
    assert mix["behind-the-scenes"].median_engagement_rate == 102 / 1200
    assert (mix["afterworks"].actual_share, mix["afterworks"].median_engagement_rate) == (0.5, 40 / 800)
    assert (mix["investor-teasers"].posts, mix["investor-teasers"].actual_share) == (0, 0.0)
    assert mix["investor-teasers"].median_engagement_rate is None


def test_no_post_naming_a_pillar_gives_no_actual_share():
    strategy = load_strategy(WHOLE)
    strategy = strategy.model_copy(update={"posts": [p.model_copy(update={"pillar": None}) for p in strategy.posts]})
    assert {f.actual_share for f in pillar_mix(strategy)} == {None}


def test_a_client_build_counts_client_visible_pillars_only():
    assert [f.pillar.id for f in pillar_mix(for_client(load_strategy(WHOLE)))] == ["behind-the-scenes", "afterworks"]


def test_median_engagement_per_format():
    assert [(f.format, f.posts, f.median_engagement_rate) for f in format_mix(load_strategy(WHOLE).posts)] == [
        ("reel", 1, 102 / 1200),
        ("post", 1, 40 / 800),
    ]


def test_channel_roles_and_axes_no_channel_serves():
    strategy = load_strategy(WHOLE)
    roles = {role.channel.id: [o.id for o in role.objectives] for role in channel_roles(strategy)}
    assert roles == {"instagram": ["local-notoriety", "investor-story"], "linkedin": ["shop-sales"]}
    assert axes_without_channel(strategy, AXES) == []
    lonely = strategy.model_copy(update={"channels": [strategy.channels[1]]})
    assert axes_without_channel(lonely, AXES) == ["visibility", "image", "notoriety"]
