"""The contract's KPI verdict rule, including its worked example."""

from __future__ import annotations

import pytest

from strategy_bible.analysis.verdict import Decision, Thresholds, Verdict, assess, ladder, pace_ratio, rollup

from builders import kpi, objective, strategy


def status(measurements, thresholds=Thresholds(), **kwargs):
    return assess(strategy(objectives=[objective()], kpis=[kpi(measurements, **kwargs)]).kpis[0], thresholds)


def test_worked_example_success():
    result = status([("2026-01-31", 1260), ("2026-02-28", 1330)])
    assert result.progress == pytest.approx(130 / 800) == pytest.approx(0.1625)
    assert result.expected == pytest.approx(59 / 365)
    assert (result.verdict, result.decision) == (Verdict.SUCCESS, Decision.CONTINUE)


def test_worked_example_moderate_failure():
    result = status([("2026-02-28", 1290)])
    assert result.progress == pytest.approx(0.1125)
    assert (result.verdict, result.decision) == (Verdict.MODERATE_FAILURE, Decision.CHANGE)


@pytest.mark.parametrize(
    "value, verdict, decision",
    [
        # at 2026-07-02 (day 183 of 365): expected ≈ 0.5014
        (1602, Verdict.SUCCESS, Decision.CONTINUE),  # progress 0.5025 ≥ expected
        (1501, Verdict.MODERATE_SUCCESS, Decision.OPTIMISE),  # 0.37625 ≥ 0.75 × 0.5014 = 0.3760
        (1500, Verdict.MODERATE_FAILURE, Decision.CHANGE),  # 0.375 < 0.3760
        (1361, Verdict.MODERATE_FAILURE, Decision.CHANGE),  # 0.20125 ≥ 0.40 × 0.5014 = 0.2005
        (1360, Verdict.FAILURE, Decision.STOP_OR_PIVOT),  # 0.2 < 0.2005
        (1100, Verdict.FAILURE, Decision.STOP_OR_PIVOT),  # went backwards
    ],
)
def test_thresholds_at_their_boundaries(value, verdict, decision):
    result = status([("2026-07-02", value)])
    assert (result.verdict, result.decision) == (verdict, decision)


def test_no_measurement_is_not_measured_without_decision():
    result = status([])
    assert (result.verdict, result.decision, result.latest) == (Verdict.NOT_MEASURED, None, None)


def test_measured_on_the_baseline_date_is_too_early():
    result = status([("2025-12-31", 1300)])
    assert (result.verdict, result.decision) == (Verdict.TOO_EARLY, None)


def test_history_before_the_baseline_is_too_early():
    assert status([("2025-06-30", 900)]).verdict is Verdict.TOO_EARLY


def test_target_reached_early_is_success():
    result = status([("2026-02-01", 2100)])
    assert result.progress > 1 and result.verdict is Verdict.SUCCESS


def test_past_the_target_date_expected_is_capped_at_one():
    result = status([("2027-06-30", 1900)])
    assert result.expected == 1
    assert result.verdict is Verdict.MODERATE_SUCCESS  # 0.875 ≥ 0.75


def test_latest_is_the_last_by_date_not_by_position():
    result = status([("2026-02-28", 1330), ("2026-01-31", 1000)])
    assert result.latest.value == 1330


def test_lower_is_better():
    # Response time from 10 h to 2 h over the year; 6 h at mid-year is exactly on pace.
    result = status([("2026-07-02", 6)], baseline=(10, "2025-12-31"), target=(2, "2026-12-31"), direction="down")
    assert result.progress == pytest.approx(0.5)
    assert result.verdict is Verdict.MODERATE_SUCCESS  # 0.5 < 0.5014 expected, ≥ 0.75 of it
    assert (
        status([("2026-07-02", 12)], baseline=(10, "2025-12-31"), target=(2, "2026-12-31"), direction="down").verdict
        is Verdict.FAILURE
    )


def test_thresholds_are_settings():
    strict = Thresholds(moderate_success=0.95, moderate_failure=0.9)
    assert status([("2026-07-02", 1501)], strict).verdict is Verdict.FAILURE


@pytest.mark.parametrize("success, failure", [(0.4, 0.75), (1.2, 0.4), (0.75, 0), (0.5, 0.5)])
def test_thresholds_must_be_ordered(success, failure):
    with pytest.raises(ValueError):
        Thresholds(success, failure)


@pytest.mark.parametrize("thresholds", [Thresholds(), Thresholds(0.45, 0.2), Thresholds(0.9, 0.1)])
def test_one_ladder_judges_a_kpi_and_a_rollup(thresholds):
    """The thresholds are written once: a KPI's verdict and a roll-up's both come from ``ladder``."""
    for value in range(1100, 2100, 7):
        kpi_status = status([("2026-07-02", value)], thresholds)
        assert kpi_status.verdict is ladder(kpi_status.progress, kpi_status.expected, thresholds)
        ratio = pace_ratio(kpi_status)
        assert rollup([kpi_status], thresholds).status == ladder(ratio, 1.0, thresholds).value
