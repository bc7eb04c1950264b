"""The KPI verdict and its decision (the contract's default rule), and the roll-up of several KPIs.

For a KPI with baseline ``b`` (date ``tb``), target ``t`` (date ``tt``) and latest measurement
``v`` (date ``tv``)::

    progress = (v - b) / (t - b)                     # also right when lower is better (t < b)
    expected = clamp((tv - tb) / (tt - tb), 0, 1)    # the linear pace at tv, in days

then the first line that holds: no measurement → not measured; expected == 0 → too early;
progress >= 1 or progress >= expected → success (continue); progress >= 0.75 × expected →
moderate success (optimise); progress >= 0.40 × expected → moderate failure (change);
otherwise failure (stop or pivot). The two ratios are settings (:class:`Thresholds`).

An objective, an axis or a whole client is judged by its KPIs' mean *pace ratio* — each assessed
KPI's progress over its expected pace, between 0 (went backwards) and 1 (on or ahead of pace) —
on the same ladder (:func:`ladder`) with an expected pace of 1, so for one KPI the roll-up is that
KPI's own verdict. An objective's KPIs are its own and its sub-objectives', each counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from strategy_bible.strategy.model import Kpi, Measurement


class Verdict(str, Enum):
    NOT_MEASURED = "not-measured"
    TOO_EARLY = "too-early"
    SUCCESS = "success"
    MODERATE_SUCCESS = "moderate-success"
    MODERATE_FAILURE = "moderate-failure"
    FAILURE = "failure"


class Decision(str, Enum):
    CONTINUE = "continue"
    OPTIMISE = "optimise"
    CHANGE = "change"
    STOP_OR_PIVOT = "stop-or-pivot"


DECISION_OF = {
    Verdict.SUCCESS: Decision.CONTINUE,
    Verdict.MODERATE_SUCCESS: Decision.OPTIMISE,
    Verdict.MODERATE_FAILURE: Decision.CHANGE,
    Verdict.FAILURE: Decision.STOP_OR_PIVOT,
}

VERDICTS_BEST_FIRST = (
    Verdict.SUCCESS,
    Verdict.MODERATE_SUCCESS,
    Verdict.MODERATE_FAILURE,
    Verdict.FAILURE,
    Verdict.TOO_EARLY,
    Verdict.NOT_MEASURED,
)


@dataclass(frozen=True)
class Thresholds:
    """Share of the expected pace a KPI must reach for each verdict below success."""

    moderate_success: float = 0.75
    moderate_failure: float = 0.40

    def __post_init__(self) -> None:
        if not 0 < self.moderate_failure < self.moderate_success < 1:
            raise ValueError(
                f"verdict thresholds must satisfy 0 < moderate failure ({self.moderate_failure}) "
                f"< moderate success ({self.moderate_success}) < 1"
            )


@dataclass(frozen=True)
class KpiStatus:
    """Where one KPI stands at its latest measurement."""

    latest: Measurement | None
    progress: float | None
    """Share of the way from baseline to target covered (1.0 = target reached; negative = went backwards)."""
    expected: float | None
    """Share of the way the linear pace expects at the latest measurement's date (0 to 1)."""
    verdict: Verdict
    decision: Decision | None

    @property
    def on_track(self) -> bool:
        return self.verdict is Verdict.SUCCESS


def latest_measurement(kpi: Kpi) -> Measurement | None:
    return max(kpi.measurements, key=lambda m: m.date, default=None)


def assess(kpi: Kpi, thresholds: Thresholds = Thresholds()) -> KpiStatus:
    latest = latest_measurement(kpi)
    if latest is None:
        return KpiStatus(None, None, None, Verdict.NOT_MEASURED, None)
    progress = progress_at(kpi, latest.value)
    expected = expected_pace(kpi, latest.date)
    if expected == 0:
        return KpiStatus(latest, progress, expected, Verdict.TOO_EARLY, None)
    verdict = ladder(progress, expected, thresholds)
    return KpiStatus(latest, progress, expected, verdict, DECISION_OF[verdict])


def ladder(progress: float, expected: float, thresholds: Thresholds) -> Verdict:
    """The one verdict ladder, for a KPI and for a roll-up: success at or ahead of the expected pace
    (or at the target), then the two thresholds' shares of it."""
    if progress >= 1 or progress >= expected:
        return Verdict.SUCCESS
    if progress >= thresholds.moderate_success * expected:
        return Verdict.MODERATE_SUCCESS
    if progress >= thresholds.moderate_failure * expected:
        return Verdict.MODERATE_FAILURE
    return Verdict.FAILURE


def progress_at(kpi: Kpi, value: float) -> float:
    return (value - kpi.baseline.value) / (kpi.target.value - kpi.baseline.value)


def expected_pace(kpi: Kpi, when: dt.date) -> float:
    span = (kpi.target.date - kpi.baseline.date).days
    return min(max((when - kpi.baseline.date).days / span, 0.0), 1.0)


# --- several KPIs: an objective, an axis, a client ---------------------------------------------

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
    judged = list(statuses)
    if not judged:
        return Rollup(NO_KPI, None, 0, 0)
    ratios = [r for r in map(pace_ratio, judged) if r is not None]
    if not ratios:
        not_measured = any(s.verdict is Verdict.NOT_MEASURED for s in judged)
        return Rollup((Verdict.NOT_MEASURED if not_measured else Verdict.TOO_EARLY).value, None, len(judged), 0)
    score = sum(ratios) / len(ratios)
    return Rollup(ladder(score, 1.0, thresholds).value, score, len(judged), len(ratios))
