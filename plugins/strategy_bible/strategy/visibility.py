"""Who a build is for, and what a client may see.

A *client* build must hold no trace of internal items: this module returns a copy of the
strategy without them, so nothing downstream (pages, search index, downloads) can leak what it
never receives. The contract's rules (section "Visibility"):

- ``visibility: internal`` items (posts too) and ``notes`` are removed (with an internal objective,
  its ``why``);
- references from client items to internal ones are removed;
- a client action, event or KPI whose every objective is internal is treated as internal;
- a client objective whose parent is internal shows as a top-level objective.

Warnings name internal items too: :func:`visible_to` gives them to the internal readership only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from strategy_bible.strategy.model import Strategy
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
    return strategy.model_copy(
        update={
            "objectives": objectives,
            "actions": actions,
            "kpis": kpis,
            "events": events,
            "posts": [p for p in strategy.posts if p.visibility == "client"],
            "notes": None,
        }
    )
