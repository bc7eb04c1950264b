"""Where an objective, an axis or a whole client stands, from the KPIs that judge it.

Each assessed KPI contributes its *pace ratio* — progress over the expected pace, between 0 and 1
(a KPI ahead of pace counts 1, one going backwards counts 0). The mean ratio gets a verdict with
the same thresholds as a single KPI: 1 is success (every KPI on pace), ≥ 0.75 moderate success,
≥ 0.40 moderate failure, below that failure. For one KPI, the roll-up is that KPI's own verdict.

An objective is judged by its own KPIs and those of its sub-objectives, each KPI counted once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from strategy_bible.analysis.verdict import KpiStatus, Thresholds, Verdict

NO_KPI = "no-kpi"


@dataclass(frozen=True)
class Rollup:
    status: str
    """A verdict value (``success``, ``moderate-failure``…) or ``no-kpi``."""
    score: float | None
    kpis: int
    assessed: int

    @property
    def failing(self) -> bool:
        return self.status in (Verdict.FAILURE.value, Verdict.MODERATE_FAILURE.value)


def pace_ratio(status: KpiStatus) -> float | None:
    if status.progress is None or not status.expected:
        return None
    return max(0.0, min(status.progress / status.expected, 1.0)) if status.progress < 1 else 1.0


def rollup(statuses: Iterable[KpiStatus], thresholds: Thresholds = Thresholds()) -> Rollup:
    statuses = list(statuses)
    if not statuses:
        return Rollup(NO_KPI, None, 0, 0)
    ratios = [r for r in map(pace_ratio, statuses) if r is not None]
    if not ratios:
        not_measured = any(s.verdict is Verdict.NOT_MEASURED for s in statuses)
        return Rollup((Verdict.NOT_MEASURED if not_measured else Verdict.TOO_EARLY).value, None, len(statuses), 0)
    score = sum(ratios) / len(ratios)
    if score >= 1:
        verdict = Verdict.SUCCESS
    elif score >= thresholds.moderate_success:
        verdict = Verdict.MODERATE_SUCCESS
    elif score >= thresholds.moderate_failure:
        verdict = Verdict.MODERATE_FAILURE
    else:
        verdict = Verdict.FAILURE
    return Rollup(verdict.value, score, len(statuses), len(ratios))
