"""The editorial line in figures: each pillar's share of the published posts against its target,
and the median engagement rate per pillar and per format (contract, "Pillar mix").

Only posts count, never calendar items: the calendar is what is planned, the posts are what was
published. A client build passes the client's strategy, so its figures count client-visible items
only (a post naming an internal pillar names none there).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strategy_bible.analysis.rates import engagement_rate, feed_posts, median_rate
from strategy_bible.strategy.model import Axis, Channel, Objective, Pillar, Post, Strategy


@dataclass(frozen=True)
class PillarFigures:
    pillar: Pillar
    posts: int
    """Posts that name this pillar."""
    target_share: float | None
    """The pillar's ``share`` as a fraction (40 → 0.4), or None when it has none."""
    actual_share: float | None
    """Its share of the posts that name a pillar; None when no post names one."""
    median_engagement_rate: float | None


@dataclass(frozen=True)
class FormatFigures:
    format: str
    posts: int
    median_engagement_rate: float | None


def median_engagement(posts: Iterable[Post]) -> float | None:
    return median_rate(engagement_rate, posts)


def pillar_mix(strategy: Strategy) -> list[PillarFigures]:
    pillars = strategy.editorial.pillars if strategy.editorial else []
    named = [post for post in strategy.posts if post.pillar is not None]
    figures = []
    for pillar in pillars:
        own = [post for post in named if post.pillar == pillar.id]
        figures.append(
            PillarFigures(
                pillar,
                len(own),
                pillar.share / 100 if pillar.share is not None else None,
                len(own) / len(named) if named else None,
                median_engagement(feed_posts(own)),  # stories have their own row in the format mix
            )
        )
    return figures


def format_mix(posts: Sequence[Post]) -> list[FormatFigures]:
    """Per format named by a post, in order of first appearance."""
    by_format: dict[str, list[Post]] = {}
    for post in posts:
        if post.format is not None:
            by_format.setdefault(post.format, []).append(post)
    return [FormatFigures(name, len(items), median_engagement(items)) for name, items in by_format.items()]


@dataclass(frozen=True)
class ChannelRole:
    channel: Channel
    objectives: list[Objective]
    """The objectives it serves: those on one of its axes, and those of the actions run on it."""


def channel_roles(strategy: Strategy) -> list[ChannelRole]:
    roles = []
    for channel in strategy.channels:
        served = {a for action in strategy.actions if action.channel == channel.id for a in action.objectives}
        objectives = [o for o in strategy.objectives if o.axis in channel.axes or o.id in served]
        roles.append(ChannelRole(channel, objectives))
    return roles


def axes_without_channel(strategy: Strategy, axes: Iterable[Axis]) -> list[Axis]:
    """The axes of the method that no channel declares it serves (only when some channel declares axes)."""
    declared = {axis for channel in strategy.channels for axis in channel.axes}
    return [axis for axis in axes if axis not in declared] if declared else []
