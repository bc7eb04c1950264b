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

Which items go is decided once, by :func:`hidden_from_client`, for the validated strategy and for
the plain data of a file that does not validate alike: a client ``serve`` masks the errors of
exactly the items a client build leaves out (see :mod:`.problem_visibility`).

Warnings name internal items too: :func:`visible_to` gives them to the internal readership only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from strategy_bible.strategy.model import ContractModel, Strategy
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.rules import ID_SECTIONS, PLACES, RulePath, at, items_at


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


ALWAYS_INTERNAL = ("notes",)
"""Top-level keys a client never sees, whatever they hold."""


@dataclass(frozen=True)
class Hidden:
    """What a client build leaves out of one strategy: the paths of the items (and review decisions)
    that go, ``("means", "items", 2)``, and the ids of the items that stay, by section."""

    paths: frozenset[RulePath]
    shown: dict[str, frozenset[str]]

    def kept(self, strategy: Strategy, section: str) -> list[Any]:
        """The items of ``section`` a client sees, unchanged."""
        place = PLACES[section]
        gone = {path[-1] for path in self.paths if path[:-1] == place}
        return [item for index, item in enumerate(_list(items_at(strategy, section))) if index not in gone]

    def only(self, ids: list[str], *sections: str) -> list[str]:
        """The ids a client sees among ``ids``, which refer to items of ``sections``."""
        return [i for i in ids if any(i in self.shown[section] for section in sections)]

    def one(self, value: str | None, section: str) -> str | None:
        return value if value in self.shown[section] else None

    def __contains__(self, path: object) -> bool:
        return path in self.paths


def hidden_from_client(strategy: Any) -> Hidden:
    """Every item a client build leaves out: the contract's audience rules, in one place.

    ``strategy`` is a :class:`Strategy`, or the plain data of a file that does not validate (dicts,
    lists and texts as the YAML holds them): an item there is internal when its ``visibility`` is
    anything but ``client``, and a reference that is not an id or a list of ids serves nothing."""
    hidden: set[RulePath] = set()
    shown: dict[str, frozenset[str]] = {}

    def sift(section: str, stays: Callable[[Any], bool] = lambda item: True) -> None:
        ids = set()
        for index, item in enumerate(_list(items_at(strategy, section))):
            if not isinstance(item, (Mapping, ContractModel)):
                continue  # not an item at all: its error says so, naming nothing
            if _field(item, "visibility", "client") == "client" and stays(item):
                if section in ID_SECTIONS and isinstance(item_id := _field(item, "id"), str):
                    ids.add(item_id)
            else:
                hidden.add(at(section, index))
        shown[section] = frozenset(ids)

    def serves(item: Any, key: str = "objectives") -> bool:
        return bool(_ids(_field(item, key)) & shown["objectives"])

    sift("objectives")  # a client objective under an internal one stays, at the top level
    sift("actions", serves)
    sift("kpis", lambda kpi: serves(kpi, "objective"))
    sift("events", lambda event: not _ids(_field(event, "objectives")) or serves(event))  # none: the client's
    sift("posts")
    sift("pillars", serves)
    sift("calendar")
    sift("means", lambda item: bool(_ids(_field(item, "funds")) & (shown["actions"] | shown["events"])))
    sift("moderation")
    sift("crisis")
    sift("reviews")
    for index, review in enumerate(_list(items_at(strategy, "reviews"))):
        if at("reviews", index) not in hidden:
            for number, decision in enumerate(_list(_field(review, "decisions"))):
                if not _ids(_field(decision, "kpi")) & shown["kpis"]:
                    hidden.add(at("reviews", index, "decisions", number))
    return Hidden(frozenset(hidden), shown)


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, ContractModel):
        return getattr(item, name, default)
    return item.get(name, default) if isinstance(item, Mapping) else default


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _ids(value: Any) -> set[str]:
    """The ids a reference names: one id, or a list of them; anything else names none that exists."""
    if isinstance(value, str):
        return {value} if value.strip() else set()
    if isinstance(value, (list, tuple)):
        return {v for v in value if isinstance(v, str)}
    return set() if value is None else {""}


def for_client(strategy: Strategy) -> Strategy:
    """The strategy without what :func:`hidden_from_client` says goes, and every reference to it."""
    hidden = hidden_from_client(strategy)
    objectives = [
        o if o.parent is None or o.parent in hidden.shown["objectives"] else o.model_copy(update={"parent": None})
        for o in hidden.kept(strategy, "objectives")
    ]
    actions = [
        a.model_copy(update={"objectives": hidden.only(a.objectives, "objectives")})
        for a in hidden.kept(strategy, "actions")
    ]
    events = [
        e.model_copy(update={"objectives": hidden.only(e.objectives, "objectives")})
        for e in hidden.kept(strategy, "events")
    ]
    return strategy.model_copy(
        update={
            "objectives": objectives,
            "actions": actions,
            "kpis": hidden.kept(strategy, "kpis"),
            "events": events,
            **{name: None for name in ALWAYS_INTERNAL},
            **_bible_sections_for_client(strategy, hidden),
        }
    )


def _bible_sections_for_client(strategy: Strategy, hidden: Hidden) -> dict[str, Any]:
    """The version 2 sections as a client may see them: what goes goes, with every reference to it.
    A means item that also funds visible items keeps its whole amounts (split later among the
    visible ones only)."""
    editorial = strategy.editorial
    if editorial is not None:
        pillars = [
            p.model_copy(update={"objectives": hidden.only(p.objectives, "objectives")})
            for p in hidden.kept(strategy, "pillars")
        ]
        editorial = editorial.model_copy(update={"pillars": pillars})
    posts = [
        p.model_copy(update={"pillar": hidden.one(p.pillar, "pillars"), "action": hidden.one(p.action, "actions")})
        for p in hidden.kept(strategy, "posts")
    ]
    calendar = [
        c.model_copy(update={"pillar": hidden.one(c.pillar, "pillars"), "action": hidden.one(c.action, "actions")})
        for c in hidden.kept(strategy, "calendar")
    ]
    means = strategy.means
    if means is not None:
        items = [
            item.model_copy(update={"funds": hidden.only(item.funds, "actions", "events")})
            for item in hidden.kept(strategy, "means")
        ]
        means = means.model_copy(update={"items": items})
    community = strategy.community
    if community is not None:
        community = community.model_copy(
            update={"moderation": hidden.kept(strategy, "moderation"), "crisis": hidden.kept(strategy, "crisis")}
        )
    reviews = [
        r.model_copy(
            update={
                "decisions": [
                    d.model_copy(
                        update={"start": hidden.only(d.start, "actions"), "stop": hidden.only(d.stop, "actions")}
                    )
                    for number, d in enumerate(r.decisions)
                    if at("reviews", index, "decisions", number) not in hidden
                ]
            }
        )
        for index, r in enumerate(strategy.reviews)
        if at("reviews", index) not in hidden
    ]
    return {
        "posts": posts,
        "editorial": editorial,
        "calendar": calendar,
        "means": means,
        "community": community,
        "reviews": reviews,
    }
