"""Hand-built model objects for unit tests of the analysis layer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from strategy_bible.strategy.model import Strategy


def strategy(**sections: Any) -> Strategy:
    data = {"client": {"name": "Acme"}, "period": {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}}
    data.update(sections)
    return Strategy.model_validate(data)


def kpi(
    measurements: list[tuple[str, float]] = (),
    *,
    baseline=(1200, "2025-12-31"),
    target=(2000, "2026-12-31"),
    direction: str = "up",
    objective: str = "o",
    kpi_id: str = "k",
    **extra: Any,
) -> dict:
    return {
        "id": kpi_id,
        "name": "Followers",
        "objective": objective,
        "direction": direction,
        "baseline": {"value": baseline[0], "date": baseline[1]},
        "target": {"value": target[0], "date": target[1]},
        "measurements": [{"date": d, "value": v} for d, v in measurements],
        **extra,
    }


def objective(objective_id: str = "o", **extra: Any) -> dict:
    return {"id": objective_id, "title": f"Objective {objective_id}", "axis": "notoriety", **extra}
