"""Derived figures of offline events (contract, "Derived event figures")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Event


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
    seats = sum(e.capacity for e in filled)
    registered = sum(e.registrations for e in showed)
    return EventTotals(
        capacity=sum(e.capacity or 0 for e in events),
        registrations=sum(e.registrations or 0 for e in events),
        attendees=sum(e.attendees or 0 for e in events),
        fill_rate=sum(e.registrations for e in filled) / seats if seats else None,
        show_up_rate=sum(e.attendees for e in showed) / registered if registered else None,
    )
