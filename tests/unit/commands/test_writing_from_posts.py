"""The writing commands on a KPI computed from the posts: `record` is refused (its measurements are
made at each build), `decide` judges it on the computed figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_bible.commands.deciding import decide
from strategy_bible.commands.editing import EditRefused, record

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"


def test_recording_a_computed_kpi_is_refused_with_a_sentence():
    text = WHOLE.read_text(encoding="utf-8")
    with pytest.raises(EditRefused) as refused:
        record(text, "engagement-rate", dt.date(2026, 9, 30), 7.5, shown="strategies/acme.yml")
    assert str(refused.value) == (
        "kpis[engagement-rate] is computed from the posts (from_posts: engagement_rate): its measurements are "
        "made at each build, not recorded; add or update the posts instead"
    )


def test_a_typed_kpi_of_the_same_file_is_still_recorded():
    edit = record(WHOLE.read_text(encoding="utf-8"), "followers", dt.date(2026, 9, 30), 1700)
    assert "      - {date: 2026-09-30, value: 1700}\n" in edit.text


def test_decide_judges_a_computed_kpi_on_the_figures_computed_from_the_posts():
    text = WHOLE.read_text(encoding="utf-8")
    # 8.5 % at the end of Q1 from 5 % towards 10 %: well ahead of the pace, so the rule says continue
    with pytest.raises(EditRefused) as refused:
        decide(text, "engagement-rate", "stop", day=dt.date(2026, 4, 5))
    assert "the rule's decision for engagement-rate on 2026-04-05 is 'continue', not 'stop'" in str(refused.value)
    assert decide(text, "engagement-rate", "continue", day=dt.date(2026, 4, 5)).rule == "continue"
