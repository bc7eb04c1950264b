"""Rates: offline events (contract, "Derived event figures") and posts (engagement per post)."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from strategy_bible.strategy.model import Event, Post


def fill_rate(event: Event) -> float | None:
    """Registrations / capacity; none when capacity is missing or 0."""
    if not event.capacity or event.registrations is None:
        return None
    return event.registrations / event.capacity


def show_up_rate(event: Event) -> float | None:
    """Attendees / registrations; none when registrations are missing or 0; above 1 with walk-ins."""
    if not event.registrations or event.attendees is None:
        return None
    return event.attendees / event.registrations


@dataclass(frozen=True)
class EventTotals:
    capacity: int
    registrations: int
    attendees: int
    fill_rate: float | None
    show_up_rate: float | None


def event_totals(events: Iterable[Event]) -> EventTotals:
    """Sums, and rates over the events where each rate is defined (so a future event with no
    attendance yet does not drag the show-up rate down)."""
    events = list(events)
    filled = [e for e in events if fill_rate(e) is not None]
    showed = [e for e in events if show_up_rate(e) is not None]
    # `or 0`: never None in `filled` and `showed` (their rate is defined); it tells the type checker so.
    seats = sum(e.capacity or 0 for e in filled)
    registered = sum(e.registrations or 0 for e in showed)
    return EventTotals(
        capacity=sum(e.capacity or 0 for e in events),
        registrations=sum(e.registrations or 0 for e in events),
        attendees=sum(e.attendees or 0 for e in events),
        fill_rate=sum(e.registrations or 0 for e in filled) / seats if seats else None,
        show_up_rate=sum(e.attendees or 0 for e in showed) / registered if registered else None,
    )


# --- posts: engagement measured per post, never per follower (seed 004) ------------------------


def reach(post: Post) -> int:
    return post.reach_organic + post.reach_paid


def interactions(post: Post) -> int | None:
    """Likes + comments + shares + clicks; None (unknown) when one of them is unknown (``null``: the
    export had no such column), never a sum that counts the unknown one as 0."""
    counts = (post.likes, post.comments, post.shares, post.clicks)
    return None if None in counts else sum(c for c in counts if c is not None)


def engagement_rate(post: Post) -> float | None:
    """(likes + comments + shares + clicks) / reach; none when nobody was reached or a count is unknown."""
    together = interactions(post)
    return together / reach(post) if reach(post) and together is not None else None


def click_rate(post: Post) -> float | None:
    """Clicks / reach: the interaction that brings traffic; none when clicks are unknown."""
    return post.clicks / reach(post) if reach(post) and post.clicks is not None else None


def feed_posts(posts: Iterable[Post]) -> list[Post]:
    """The posts a channel's medians count: stories (``format: story``) are left out, as they live a
    day, are seen full screen and are counted otherwise; a KPI asks for them with
    ``from_posts: {format: story}``."""
    return [post for post in posts if post.format != "story"]


@dataclass(frozen=True)
class ChannelRates:
    channel: str
    posts: int
    median_engagement_rate: float | None
    median_click_rate: float | None
    paid_share: float | None
    """Share of the channel's reach that was paid for."""


def median_rate(rate: Callable[[Post], float | None], posts: Iterable[Post]) -> float | None:
    """The median of a per-post rate over the posts that have one (a median, so one viral post
    does not stand for the rest); None when none has."""
    rates = [r for r in map(rate, posts) if r is not None]
    return statistics.median(rates) if rates else None


def channel_rates(posts: Iterable[Post]) -> list[ChannelRates]:
    """Per channel, in order of first appearance: its posts and paid share (stories included), and the
    medians of the per-post rates of its feed posts (a median, so one viral post does not stand for the
    channel; stories left out, see :func:`feed_posts`; a post whose rate is unknown left out of it)."""
    by_channel: dict[str, list[Post]] = {}
    for post in posts:
        by_channel.setdefault(post.channel, []).append(post)
    result = []
    for channel, items in by_channel.items():
        total_reach = sum(map(reach, items))
        result.append(
            ChannelRates(
                channel,
                len(items),
                median_rate(engagement_rate, feed_posts(items)),
                median_rate(click_rate, feed_posts(items)),
                sum(p.reach_paid for p in items) / total_reach if total_reach else None,
            )
        )
    return result
