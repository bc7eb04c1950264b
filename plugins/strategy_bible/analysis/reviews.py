"""The decision log: each review's view of its KPIs, as they stood on the review date, and what is
due now (contract, "A review's view of a KPI").

A review's figures use the measurements dated on or before its date only, so a measurement
recorded later never changes what a past review showed. "Today" is the build's date
(:func:`strategy_bible.analysis.clock.build_time`, fixed by ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from strategy_bible.analysis.computed_kpis import build_day, with_computed_measurements
from strategy_bible.analysis.periods import MONTHS, period_of
from strategy_bible.analysis.verdict import Decision, KpiStatus, Thresholds, assess
from strategy_bible.strategy.dates import months_after
from strategy_bible.strategy.model import Action, DecisionTaken, Kpi, Review, ReviewDecision, Strategy
from strategy_bible.strategy.problems import Problem, Worded
from strategy_bible.strategy.rules import Finding, at
from strategy_bible.strategy.validation import Validated


def as_of(kpi: Kpi, day: dt.date, thresholds: Thresholds = Thresholds()) -> KpiStatus:
    """The verdict rule applied to the measurements dated on or before ``day`` only."""
    earlier = [m for m in kpi.measurements if m.date <= day]
    return assess(kpi.model_copy(update={"measurements": earlier}), thresholds)


@dataclass(frozen=True)
class DecisionView:
    decision: ReviewDecision
    kpi: Kpi | None
    """None when the KPI is not in this strategy (a client build removed it: it is never shown)."""
    rule: KpiStatus | None

    @property
    def rule_decision(self) -> Decision | None:
        return self.rule.decision if self.rule else None

    @property
    def rule_word(self) -> DecisionTaken | None:
        """The rule's decision in the words of a review: ``stop`` for stop or pivot."""
        return taken_word(self.rule_decision) if self.rule_decision else None

    @property
    def overrides_rule(self) -> bool:
        """The decision taken differs from the rule's (only when the rule gives one)."""
        return self.rule_word is not None and self.rule_word != self.decision.decision


def taken_word(decision: Decision) -> DecisionTaken:
    """A rule's decision as a review records it: stop-or-pivot is ``stop``, as in the contract."""
    words: dict[Decision, DecisionTaken] = {
        Decision.CONTINUE: "continue",
        Decision.OPTIMISE: "optimise",
        Decision.CHANGE: "change",
        Decision.STOP_OR_PIVOT: "stop",
    }
    return words[decision]


def decisions_of(review: Review, strategy: Strategy, thresholds: Thresholds = Thresholds()) -> list[DecisionView]:
    kpis = {kpi.id: kpi for kpi in strategy.kpis}
    views = []
    for decision in review.decisions:
        kpi = kpis.get(decision.kpi)
        views.append(DecisionView(decision, kpi, as_of(kpi, review.date, thresholds) if kpi else None))
    return views


def newest_first(strategy: Strategy) -> list[Review]:
    return sorted(strategy.reviews, key=lambda review: review.date, reverse=True)


def history_of(
    kpi: Kpi, strategy: Strategy, thresholds: Thresholds = Thresholds()
) -> list[tuple[Review, DecisionView]]:
    """Every decision taken on ``kpi``, oldest first: its decision history."""
    # Only this KPI's decisions are judged: decisions_of would judge every KPI of every review.
    return [
        (review, DecisionView(decision, kpi, as_of(kpi, review.date, thresholds)))
        for review in sorted(strategy.reviews, key=lambda r: r.date)
        for decision in review.decisions
        if decision.kpi == kpi.id
    ]


def unexplained_overrides(strategy: Strategy, thresholds: Thresholds = Thresholds()) -> Iterator[Finding]:
    """Warnings: a decision that differs from the rule's at the review date without a reason."""
    for index, review in enumerate(strategy.reviews):
        for d, view in enumerate(decisions_of(review, strategy, thresholds)):
            if view.overrides_rule and view.decision.reason is None:
                yield (
                    at("reviews", index, "decisions", d, "decision"),
                    Worded(
                        f"'{view.decision.decision}' differs from the rule's decision on {review.date} "
                        f"({view.rule_word}): say why under reason:",
                        "advice.unexplained_override",
                        taken=view.decision.decision,
                        date=review.date,
                        rule=view.rule_word,
                    ),
                )


def override_warnings(validated: Validated, thresholds: Thresholds = Thresholds()) -> list[Problem]:
    """:func:`unexplained_overrides` placed in the file, for ``validate`` and the build (which add
    them to the file's other warnings, with their own thresholds)."""
    strategy = validated.strategy
    if any(kpi.from_posts is not None for kpi in strategy.kpis):  # judged on the figures the pages show
        strategy = with_computed_measurements(strategy, build_day())
    return [validated.places.warning(path, message) for path, message in unexplained_overrides(strategy, thresholds)]


def future_measurements(strategy: Strategy, today: dt.date) -> Iterator[Finding]:
    """Measurements dated after ``today``: not counted in any verdict before their day, and most
    often a year typed wrong (``record`` refuses them)."""
    for k, kpi in enumerate(strategy.kpis):
        for m, measurement in enumerate(kpi.measurements):
            if measurement.date > today:
                yield (
                    at("kpis", k, "measurements", m, "date"),
                    Worded(
                        f"{measurement.date} is after today ({today}): this measurement counts in no verdict "
                        "before its day; check its date (its year?)",
                        "advice.future_measurement",
                        date=measurement.date,
                        today=today,
                    ),
                )


def future_warnings(validated: Validated) -> list[Problem]:
    """:func:`future_measurements` placed in the file: ``validate``'s, not a build's (a build on a
    fixed past day, ``SOURCE_DATE_EPOCH``, would fail ``--strict`` on every later figure)."""
    return [
        validated.places.warning(path, message)
        for path, message in future_measurements(validated.strategy, build_day())
    ]


def with_review_warnings(validated: Validated, thresholds: Thresholds = Thresholds()) -> list[Problem]:
    """Every warning of a valid file: the advice found while validating and the review warning."""
    return sorted([*validated.warnings, *override_warnings(validated, thresholds)])


# --- what is due -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    review_due: dt.date | None
    """When the next review was due, if that day has passed."""
    unmeasured: list[Kpi]
    """KPIs still running with no measurement in the current review period."""
    overrunning: list[Action]
    """Actions past their end and still running."""

    @property
    def anything(self) -> bool:
        return bool(self.review_due or self.unmeasured or self.overrunning)


def due(strategy: Strategy, today: dt.date) -> Due:
    period = strategy.period
    if today < period.start:
        return Due(None, [], [])
    last = max((review.date for review in strategy.reviews if review.date <= today), default=None)
    next_review = months_after(last or period.start, MONTHS[period.cadence])
    current = period_of(today, period.cadence)
    unmeasured = [
        kpi
        for kpi in strategy.kpis
        if kpi.baseline.date <= today <= kpi.target.date and not any(current.contains(m.date) for m in kpi.measurements)
    ]
    overrunning = [a for a in strategy.actions if a.status == "running" and a.end is not None and a.end < today]
    return Due(next_review if next_review < today else None, unmeasured, overrunning)
