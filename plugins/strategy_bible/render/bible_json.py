"""``bible.json``: one client's bible for spreadsheets, dashboards and scripts (contract, "The
machine-readable bible").

The strategy as the bible shows it, with every derived figure, following the build's audience: a
client build's file is made from the client's view, so it holds nothing internal and no figure an
internal item would change. Rates and shares are fractions (0.78), money is in the means'
currency, a figure that does not exist is ``null``; figures are not rounded. The shape is a set of
pydantic models, so the published JSON Schema (``schema/bible.schema.json``) comes from the same
definition as the file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from strategy_bible.analysis.rates import fill_rate, show_up_rate
from strategy_bible.analysis.reviews import decisions_of, taken_word
from strategy_bible.render.client_view import ClientView
from strategy_bible.strategy.model import DecisionTaken
from strategy_bible.strategy.schema import SCHEMA_DIALECT

VerdictWord = Literal["success", "moderate-success", "moderate-failure", "failure", "not-measured", "too-early"]
DecisionWord = DecisionTaken
Figure = int | float
"""A number as computed: a whole number stays whole (1500, not 1500.0)."""
Fraction = Figure
Money = Figure


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClientOut(_Out):
    slug: str
    name: str


class ObjectiveOut(_Out):
    id: str
    title: str
    axis: str
    status: str = Field(description="The roll-up of its KPIs: a verdict, or no-kpi")
    cost: Money | None = Field(description="What the actions and events serving it cost")


class KpiOut(_Out):
    id: str
    name: str
    objective: str
    unit: str
    verdict: VerdictWord
    decision: DecisionWord | None = Field(description="The rule's decision; stop means stop or pivot")
    progress: Fraction | None
    expected: Fraction | None
    latest: Figure | None = Field(description="The latest measurement, in the KPI's unit (31 for 31 %)")
    latest_date: dt.date | None
    cost_per_result: Money | None
    return_: Figure | None = Field(alias="return", description="Attributed revenue gained per unit spent")

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class EventOut(_Out):
    id: str
    title: str
    fill_rate: Fraction | None
    show_up_rate: Fraction | None
    cost: Money | None
    cost_per_registration: Money | None
    cost_per_attendee: Money | None


class MeansOut(_Out):
    currency: str | None
    planned: Money
    spent: Money
    remaining: Money
    consumption: Fraction | None
    hours: Figure


class PillarOut(_Out):
    id: str
    name: str
    target_share: Fraction | None
    actual_share: Fraction | None
    median_engagement_rate: Fraction | None


class DecisionOut(_Out):
    kpi: str
    decision: DecisionWord
    rule_verdict: VerdictWord | None = Field(description="The rule's verdict with the measurements up to the review")
    rule_decision: DecisionWord | None
    reason: str | None
    confidence: int | None


class ReviewOut(_Out):
    id: str
    date: dt.date
    decisions: list[DecisionOut]


class BibleOut(_Out):
    """One client's bible with every derived figure (``bible.json``)."""

    model_config = ConfigDict(title="Strategy Bible: bible.json")

    audience: Literal["client", "internal"]
    client: ClientOut
    objectives: list[ObjectiveOut]
    kpis: list[KpiOut]
    events: list[EventOut]
    means: MeansOut | None = Field(description="null when the file (or the client build) has no means item")
    pillars: list[PillarOut]
    reviews: list[ReviewOut]


def bible(view: ClientView) -> BibleOut:
    strategy, costs = view.strategy, view.costs  # the view's: made once per client
    totals = costs.totals()
    kpis = []
    for kpi in strategy.kpis:
        status = view.status[kpi.id]
        kpis.append(
            KpiOut.model_validate(
                {
                    "id": kpi.id,
                    "name": kpi.name,
                    "objective": kpi.objective,
                    "unit": kpi.unit,
                    "verdict": status.verdict.value,
                    "decision": taken_word(status.decision) if status.decision else None,
                    "progress": status.progress,
                    "expected": status.expected,
                    "latest": status.latest.value if status.latest else None,
                    "latest_date": status.latest.date if status.latest else None,
                    "cost_per_result": costs.cost_per_result(kpi),
                    "return": costs.return_of(kpi),  # a Python keyword: given by its JSON name
                }
            )
        )
    return BibleOut(
        audience=view.audience.value,
        client=ClientOut(slug=view.slug, name=strategy.client.name),
        objectives=[
            ObjectiveOut(
                id=o.id,
                title=o.title,
                axis=o.axis,
                status=view.objective_status(o).status,
                cost=costs.objective_cost(o.id),
            )
            for o in strategy.objectives
        ],
        kpis=kpis,
        events=[
            EventOut(
                id=e.id,
                title=e.title,
                fill_rate=fill_rate(e),
                show_up_rate=show_up_rate(e),
                cost=costs.cost_of(e.id),
                cost_per_registration=costs.cost_per_registration(e),
                cost_per_attendee=costs.cost_per_attendee(e),
            )
            for e in strategy.events
        ],
        means=MeansOut(
            currency=costs.currency,
            planned=totals.planned,
            spent=totals.spent,
            remaining=totals.remaining,
            consumption=totals.consumption,
            hours=totals.hours,
        )
        if totals
        else None,
        pillars=[
            PillarOut(
                id=f.pillar.id,
                name=f.pillar.name,
                target_share=f.target_share,
                actual_share=f.actual_share,
                median_engagement_rate=f.median_engagement_rate,
            )
            for f in view.pillar_mix
        ],
        reviews=[
            ReviewOut(
                id=review.id,
                date=review.date,
                decisions=[
                    DecisionOut(
                        kpi=d.decision.kpi,
                        decision=d.decision.decision,
                        rule_verdict=d.rule.verdict.value if d.rule else None,
                        rule_decision=d.rule_word,
                        reason=d.decision.reason,
                        confidence=d.decision.confidence,
                    )
                    for d in decisions_of(review, strategy, view.thresholds)
                ],
            )
            for review in strategy.reviews
        ],
    )


def bible_json(view: ClientView) -> bytes:
    return (bible(view).model_dump_json(indent=2, by_alias=True) + "\n").encode("utf-8")


def bible_schema() -> str:
    schema = BibleOut.model_json_schema(by_alias=True, mode="serialization")
    return json.dumps({"$schema": SCHEMA_DIALECT, **schema}, indent=2, ensure_ascii=False) + "\n"
