"""Advice on a valid strategy: what the method expects but the contract does not enforce.

These are warnings: shown on the pages of an internal build and failing ``mkdocs build --strict``,
never shown to a client. Each yields ``(path, message)`` like :mod:`strategy_bible.strategy.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator

from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.rules import Finding


def advise(strategy: Strategy) -> Iterator[Finding]:
    yield from _objectives_without_kpi(strategy)
    yield from _events_without_objective(strategy)


def _objectives_without_kpi(strategy: Strategy) -> Iterator[Finding]:
    """To each objective its KPI: an objective is judged by its own KPIs or by its sub-objectives'."""
    children: dict[str, list[str]] = {}
    for objective in strategy.objectives:
        if objective.parent:
            children.setdefault(objective.parent, []).append(objective.id)
    measured = {kpi.objective for kpi in strategy.kpis}

    def has_kpi(objective_id: str, seen: frozenset[str] = frozenset()) -> bool:
        return objective_id in measured or any(
            has_kpi(child, seen | {objective_id}) for child in children.get(objective_id, []) if child not in seen
        )

    for index, objective in enumerate(strategy.objectives):
        if not has_kpi(objective.id):
            yield (
                ("objectives", index, "id"),
                (
                    f"the objective '{objective.id}' has no KPI, so it cannot be judged (to each objective its KPI): "
                    f"add a KPI with objective: {objective.id}"
                ),
            )


def _events_without_objective(strategy: Strategy) -> Iterator[Finding]:
    """Everything flows from the objectives: an event that serves none cannot be judged either."""
    for index, event in enumerate(strategy.events):
        if not event.objectives:
            yield (
                ("events", index, "id"),
                (f"the event '{event.id}' serves no objective: list the objectives it serves under objectives:"),
            )
