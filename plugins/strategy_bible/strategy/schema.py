"""The JSON Schema of the strategy file format, for editors' completion and checks."""

from __future__ import annotations

import json
from typing import Any

from strategy_bible.strategy.model import Strategy

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def strategy_schema() -> dict[str, Any]:
    schema = Strategy.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **schema}


def strategy_schema_json() -> str:
    return json.dumps(strategy_schema(), indent=2, ensure_ascii=False) + "\n"
