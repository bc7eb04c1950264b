"""The SMART check of an objective: five marks, each with its reason.

- **S**pecific: a title and a *why* (the expectation behind it).
- **M**easurable: at least one KPI (its own or a sub-objective's) with a baseline and a target.
- **A**chievable: for each measured KPI, the pace still needed to reach the target by its date,
  compared with the pace measured so far; more than three times the measured pace is "ambitious".
- **R**ealistic: the KPIs measured so far move towards their targets (a plan whose figures go the
  other way is not realistic as it is run).
- **T**ime-bound: a deadline, or KPI target dates.

A mark is True, False, or None when it cannot be judged yet (no measurement). Reasons are label
keys with fields, so the words follow the site's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strategy_bible.analysis.verdict import KpiStatus
from strategy_bible.strategy.model import Kpi, Objective

AMBITIOUS = 3.0
"""A target needing more than this many times the measured pace is flagged."""


@dataclass(frozen=True)
class Mark:
    letter: str
    name: str
    ok: bool | None
    reason: str
    """Label key (``smart.reason.…``)."""
    fields: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Pace:
    measured: float
    """Share of the way covered per day so far, from the baseline to the latest measurement."""
    needed: float | None
    """Share of the way still to cover per day until the target date (None: target reached)."""

    @property
    def ratio(self) -> float | None:
        if self.needed is None:
            return None
        return self.needed / self.measured if self.measured > 0 else float("inf")


def pace(kpi: Kpi, status: KpiStatus) -> Pace | None:
    """None when the KPI has no measurement after its baseline date."""
    latest, progress = status.latest, status.progress
    if latest is None or progress is None or latest.date <= kpi.baseline.date:
        return None
    measured = progress / (latest.date - kpi.baseline.date).days
    if progress >= 1:
        return Pace(measured, None)
    days_left = (kpi.target.date - latest.date).days
    needed = (1 - progress) / days_left if days_left > 0 else float("inf")
    return Pace(measured, needed)


def smart_marks(objective: Objective, kpis: Sequence[Kpi], statuses: dict[str, KpiStatus]) -> list[Mark]:
    """``kpis``: the KPIs that judge the objective (its own and its sub-objectives')."""
    paces = {kpi.id: pace(kpi, statuses[kpi.id]) for kpi in kpis}
    measured = [(kpi, p) for kpi in kpis if (p := paces[kpi.id]) is not None]
    return [
        _specific(objective),
        Mark(
            "M",
            "measurable",
            bool(kpis),
            "smart.measurable.ok" if kpis else "smart.measurable.no_kpi",
            {"count": len(kpis)},
        ),
        _achievable(measured),
        _realistic(measured),
        _time_bound(objective, kpis),
    ]


def _specific(objective: Objective) -> Mark:
    if objective.why:
        return Mark("S", "specific", True, "smart.specific.ok")
    return Mark("S", "specific", False, "smart.specific.no_why")


def _achievable(measured: list[tuple[Kpi, Pace]]) -> Mark:
    if not measured:
        return Mark("A", "achievable", None, "smart.unknown")
    ambitious = [(kpi, p.ratio) for kpi, p in measured if p.ratio is not None and p.ratio > AMBITIOUS]
    if ambitious:
        kpi, ratio = max(ambitious, key=lambda item: item[1])
        key = "smart.achievable.stalled" if ratio == float("inf") else "smart.achievable.ambitious"
        return Mark("A", "achievable", False, key, {"kpi": kpi.name, "ratio": ratio})
    return Mark("A", "achievable", True, "smart.achievable.ok", {"limit": AMBITIOUS})


def _realistic(measured: list[tuple[Kpi, Pace]]) -> Mark:
    if not measured:
        return Mark("R", "realistic", None, "smart.unknown")
    backwards = [kpi for kpi, p in measured if p.measured <= 0]
    if backwards:
        return Mark("R", "realistic", False, "smart.realistic.backwards", {"kpi": backwards[0].name})
    return Mark("R", "realistic", True, "smart.realistic.ok")


def _time_bound(objective: Objective, kpis: Sequence[Kpi]) -> Mark:
    if objective.deadline:
        return Mark("T", "time-bound", True, "smart.time.deadline", {"date": objective.deadline})
    if kpis:
        return Mark("T", "time-bound", True, "smart.time.targets", {"date": max(k.target.date for k in kpis)})
    return Mark("T", "time-bound", False, "smart.time.none")
