"""Who a build is for, and what a client may see.

A *client* build must hold no trace of internal items: this module returns a copy of the
strategy without them, so nothing downstream (pages, search index, downloads) can leak what it
never receives. The contract's rules (section "Visibility"):

- ``visibility: internal`` items (posts too) and ``notes`` are removed (with an internal objective,
  its ``why``);
- references from client items to internal ones are removed;
- a client action, event or KPI whose every objective is internal is treated as internal;
- a client objective whose parent is internal shows as a top-level objective;
- version 2: internal pillars, calendar items, means items, moderation cases, crisis levels and
  reviews go; a pillar whose every objective is internal, a means item that funds only internal
  actions or events, and a decision about an internal KPI go too.

Warnings name internal items too: :func:`visible_to` gives them to the internal readership only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from strategy_bible.strategy.model import Action, Event, Kpi, Strategy
from strategy_bible.strategy.problems import Problem


class Readership(str, Enum):
    CLIENT = "client"
    INTERNAL = "internal"


@dataclass(frozen=True)
class Visible:
    """What one readership may see of a strategy file, and all a view of it is made from: made by
    :func:`visible_to`, so a client's never held the unfiltered strategy or the warnings."""

    readership: Readership
    strategy: Strategy
    warnings: tuple[Problem, ...] = ()


def visible_to(readership: Readership, strategy: Strategy, warnings: Iterable[Problem] = ()) -> Visible:
    """The strategy as ``readership`` may see it; the warnings for the internal readership only."""
    if readership is Readership.INTERNAL:
        return Visible(readership, strategy, tuple(warnings))
    return Visible(readership, for_client(strategy))


def for_client(strategy: Strategy) -> Strategy:
    objectives = [o for o in strategy.objectives if o.visibility == "client"]
    visible = {o.id for o in objectives}

    def kept(ids: list[str]) -> list[str]:
        return [i for i in ids if i in visible]

    objectives = [
        o if o.parent is None or o.parent in visible else o.model_copy(update={"parent": None}) for o in objectives
    ]
    actions = [
        a.model_copy(update={"objectives": kept(a.objectives)})
        for a in strategy.actions
        if a.visibility == "client" and kept(a.objectives)
    ]
    kpis = [k for k in strategy.kpis if k.visibility == "client" and k.objective in visible]
    # An event serving no objective at all is client-visible: only "every objective internal" hides it.
    events = [
        e.model_copy(update={"objectives": kept(e.objectives)})
        for e in strategy.events
        if e.visibility == "client" and (not e.objectives or kept(e.objectives))
    ]
    sections = _bible_sections_for_client(strategy, visible, actions, kpis, events)
    return strategy.model_copy(
        update={
            "objectives": objectives,
            "actions": actions,
            "kpis": kpis,
            "events": events,
            "notes": None,
            **sections,
        }
    )


def _bible_sections_for_client(
    strategy: Strategy, objectives: set[str], actions: list[Action], kpis: list[Kpi], events: list[Event]
) -> dict[str, Any]:
    """The version 2 sections as a client may see them (contract, "Visibility"): internal pillars,
    calendar items, means items, moderation cases, crisis levels and reviews go, and every
    reference to what went goes with it. A pillar whose every objective is internal is internal; a
    means item that funds only internal actions or events is internal (one that also funds visible
    ones keeps its whole amounts, split later among the visible ones only)."""
    action_ids = {a.id for a in actions}
    funded = action_ids | {e.id for e in events}
    kpi_ids = {k.id for k in kpis}

    editorial = strategy.editorial
    pillars = []
    if editorial is not None:
        for pillar in editorial.pillars:
            serves = [o for o in pillar.objectives if o in objectives]
            if pillar.visibility == "client" and serves:
                pillars.append(pillar.model_copy(update={"objectives": serves}))
        editorial = editorial.model_copy(update={"pillars": pillars})
    pillar_ids = {p.id for p in pillars}

    def only(value: str | None, visible: set[str]) -> str | None:
        return value if value in visible else None

    posts = [
        p.model_copy(update={"pillar": only(p.pillar, pillar_ids), "action": only(p.action, action_ids)})
        for p in strategy.posts
        if p.visibility == "client"
    ]
    calendar = [
        c.model_copy(update={"pillar": only(c.pillar, pillar_ids), "action": only(c.action, action_ids)})
        for c in strategy.calendar
        if c.visibility == "client"
    ]
    means = strategy.means
    if means is not None:
        items = [
            item.model_copy(update={"funds": [f for f in item.funds if f in funded]})
            for item in means.items
            if item.visibility == "client" and any(f in funded for f in item.funds)
        ]
        means = means.model_copy(update={"items": items})
    community = strategy.community
    if community is not None:
        community = community.model_copy(
            update={
                "moderation": [m for m in community.moderation if m.visibility == "client"],
                "crisis": [c for c in community.crisis if c.visibility == "client"],
            }
        )
    reviews = [
        r.model_copy(
            update={
                "decisions": [
                    d.model_copy(
                        update={
                            "start": [a for a in d.start if a in action_ids],
                            "stop": [a for a in d.stop if a in action_ids],
                        }
                    )
                    for d in r.decisions
                    if d.kpi in kpi_ids
                ]
            }
        )
        for r in strategy.reviews
        if r.visibility == "client"
    ]
    return {
        "posts": posts,
        "editorial": editorial,
        "calendar": calendar,
        "means": means,
        "community": community,
        "reviews": reviews,
    }
