"""With which means: what each action, event and objective cost, and what a result cost
(contract, "Derived figures (version 2)").

No made-up ROI: a KPI's *cost per result* is its objective's cost over the KPI's gain, and a
financial *return* is computed only for revenue really attributed to social media
(``attributed: true``). A strategy with no means item has no money figures at all (None), so a
page never shows a cost of 0 that nobody recorded. A client build passes the client's strategy:
its means items fund client-visible ids only and its actions serve client-visible objectives
only, so every split below is among what the client sees, and nothing internal can be inferred.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from strategy_bible.analysis.verdict import latest_measurement
from strategy_bible.strategy.model import Action, Event, Kpi, MeansItem, Strategy


@dataclass(frozen=True)
class Totals:
    planned: float
    spent: float
    hours: float

    @property
    def remaining(self) -> float:
        return self.planned - self.spent

    @property
    def consumption(self) -> float | None:
        """Spent over planned; None when nothing was planned."""
        return self.spent / self.planned if self.planned else None

    @property
    def over_budget(self) -> bool:
        return self.spent > self.planned


def totals(items: Iterable[MeansItem]) -> Totals:
    items = list(items)
    return Totals(
        sum(item.planned for item in items),
        sum(item.spent for item in items),
        sum(item.hours or 0 for item in items),
    )


@dataclass(frozen=True)
class Costs:
    """Every money figure of one strategy (a client's view makes one: ``ClientView.costs``)."""

    strategy: Strategy

    @property
    def items(self) -> list[MeansItem]:
        return self.strategy.means.items if self.strategy.means else []

    @property
    def has_money(self) -> bool:
        return bool(self.items)

    @property
    def currency(self) -> str | None:
        return self.strategy.means.currency if self.has_money and self.strategy.means else None

    def totals(self) -> Totals | None:
        return totals(self.items) if self.has_money else None

    def totals_by_kind(self) -> dict[str, Totals]:
        kinds: dict[str, list[MeansItem]] = {}
        for item in self.items:
            kinds.setdefault(item.kind, []).append(item)
        return {kind: totals(items) for kind, items in kinds.items()}

    def funding_of(self, funded_id: str) -> list[MeansItem]:
        return [item for item in self.items if funded_id in item.funds]

    def cost_of(self, funded_id: str, *, planned: bool = False) -> float | None:
        """An action's or event's cost: each item that funds it, split evenly among what it funds."""
        if not self.has_money:
            return None
        return sum((item.planned if planned else item.spent) / len(item.funds) for item in self.funding_of(funded_id))

    def objective_cost(self, objective_id: str) -> float | None:
        """The actions and events that serve it, each split evenly among the objectives it serves.
        Not rolled up to parent objectives."""
        if not self.has_money:
            return None
        serving: list[Action | Event] = [*self.strategy.actions, *self.strategy.events]
        return sum(
            (self.cost_of(item.id) or 0) / len(item.objectives) for item in serving if objective_id in item.objectives
        )

    def cost_per_result(self, kpi: Kpi) -> float | None:
        """What each unit of the KPI's gain cost: its objective's whole cost over the gain."""
        cost, gain = self.objective_cost(kpi.objective), gain_of(kpi)
        if cost is None or not cost or gain is None or gain <= 0:
            return None
        return cost / gain

    def return_of(self, kpi: Kpi) -> float | None:
        """Attributed revenue gained per unit of money spent on its objective (3.2 = 3.2 × the means)."""
        if not kpi.attributed:
            return None
        cost, gain = self.objective_cost(kpi.objective), gain_of(kpi)
        if cost is None or not cost or gain is None or gain <= 0:
            return None
        return gain / cost

    def why_no_result(self, kpi: Kpi) -> str | None:
        """Why a KPI has no cost per result (nor return): ``no-measurement``, ``no-gain`` or
        ``nothing-spent``; None when it has one, or when the strategy records no money at all."""
        if not self.has_money:
            return None
        gain = gain_of(kpi)
        if gain is None:
            return "no-measurement"
        if gain <= 0:
            return "no-gain"
        if not self.objective_cost(kpi.objective):
            return "nothing-spent"
        return None

    def cost_per_registration(self, event: Event) -> float | None:
        return _per(self.cost_of(event.id), event.registrations)

    def cost_per_attendee(self, event: Event) -> float | None:
        return _per(self.cost_of(event.id), event.attendees)


def gain_of(kpi: Kpi) -> float | None:
    """Latest minus baseline in the better direction (a fall counts for ``direction: down``); None
    when nothing is measured."""
    latest = latest_measurement(kpi)
    if latest is None:
        return None
    return latest.value - kpi.baseline.value if kpi.direction == "up" else kpi.baseline.value - latest.value


def _per(cost: float | None, count: int | None) -> float | None:
    return cost / count if cost and count else None
