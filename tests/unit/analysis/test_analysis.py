"""Roll-ups, SMART marks, review periods and changes, on hand-built strategies."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_bible.analysis.periods import latest_period, period_change, period_of, year_over_year
from strategy_bible.analysis.verdict import NO_KPI, Thresholds, assess, rollup
from strategy_bible.render.client_view import ClientView
from strategy_bible.strategy.visibility import Readership, visible_to

from builders import kpi, objective, strategy


def view(**sections) -> ClientView:
    return ClientView("acme", "strategies/acme.yml", visible_to(Readership.INTERNAL, strategy(**sections)))


# --- roll-ups ----------------------------------------------------------------------------------


def statuses(*values, when="2026-07-02"):
    s = strategy(objectives=[objective()], kpis=[kpi([(when, v)], kpi_id=f"k{i}") for i, v in enumerate(values)])
    return [assess(k) for k in s.kpis]


def test_rollup_of_one_kpi_is_its_verdict():
    for value in (1602, 1501, 1361, 1360):
        only = statuses(value)
        assert rollup(only).status == only[0].verdict.value


def test_rollup_is_the_mean_pace_ratio():
    # at 2026-07-02 expected ≈ 0.5014: 1602 is on pace (ratio 1), 1200 has not moved (ratio 0)
    mixed = rollup(statuses(1602, 1200))
    assert mixed.score == pytest.approx(0.5)
    assert mixed.status == "moderate-failure"
    assert rollup(statuses(1602, 1700)).status == "success"
    assert rollup(statuses(1602, 1602, 1602, 1200)).status == "moderate-success"  # 0.75


def test_rollup_floors_backwards_kpis_at_zero_and_caps_at_one():
    assert rollup(statuses(900)).score == 0  # went backwards
    assert rollup(statuses(2500)).score == 1  # past the target


def test_rollup_without_kpi_or_measurement():
    assert rollup([]).status == NO_KPI
    unmeasured = strategy(objectives=[objective()], kpis=[kpi([])])
    assert rollup([assess(unmeasured.kpis[0])]).status == "not-measured"
    early = strategy(objectives=[objective()], kpis=[kpi([("2025-12-31", 1300)])])
    assert rollup([assess(early.kpis[0])]).status == "too-early"


def test_rollup_uses_the_thresholds():
    assert rollup(statuses(1602, 1200), Thresholds(0.45, 0.2)).status == "moderate-success"


def test_sub_objectives_roll_up_into_their_parent_and_axes():
    v = view(
        objectives=[
            objective("parent", axis="traffic"),
            objective("child", parent="parent"),
            objective("grandchild", parent="child"),
            objective("alone", axis="image"),
        ],
        kpis=[
            kpi([("2026-07-02", 1602)], objective="grandchild", kpi_id="deep"),
            kpi([("2026-07-02", 1200)], objective="parent", kpi_id="own"),
        ],
    )
    parent = v.get("parent")
    assert [k.id for k in v.kpis_judging(parent)] == ["deep", "own"]
    assert v.objective_status(parent).status == "moderate-failure"
    assert v.objective_status(v.get("child")).status == "success"
    assert v.objective_status(v.get("alone")).status == NO_KPI
    assert v.axis_status("traffic").status == "moderate-failure"  # the sub-objectives sit under their parent
    assert v.axis_status("image").status == NO_KPI


def test_conversion_diagnostic_when_traffic_or_conversion_fails():
    v = view(
        objectives=[
            objective("visits", axis="traffic"),
            objective("sales", axis="image", goal="conversion"),
            objective("fame", axis="notoriety"),
        ],
        kpis=[
            kpi([("2026-07-02", 1250)], objective="visits", kpi_id="a"),
            kpi([("2026-07-02", 1250)], objective="sales", kpi_id="b"),
            kpi([("2026-07-02", 1250)], objective="fame", kpi_id="c"),
        ],
    )
    assert [o.id for o in v.strategy.objectives if v.needs_conversion_diagnostic(o)] == ["visits", "sales"]
    healthy = view(
        objectives=[objective("visits", axis="traffic")], kpis=[kpi([("2026-07-02", 1700)], objective="visits")]
    )
    assert not healthy.needs_conversion_diagnostic(healthy.get("visits"))


# --- SMART -------------------------------------------------------------------------------------


def marks(objective_extra=None, measurements=(("2026-07-02", 1602),), **kpi_extra):
    v = view(objectives=[objective(**(objective_extra or {}))], kpis=[kpi(list(measurements), **kpi_extra)])
    return {m.letter: m for m in v.smart(v.get("o"))}


def test_smart_all_good():
    found = marks({"why": "Open a second shop", "deadline": "2026-12-31"})
    assert {letter: m.ok for letter, m in found.items()} == {"S": True, "M": True, "A": True, "R": True, "T": True}
    assert found["T"].reason == "smart.time.deadline"


def test_smart_not_specific_without_why_and_time_bound_by_kpi_dates():
    found = marks()
    assert (found["S"].ok, found["S"].reason) == (False, "smart.specific.no_why")
    assert (found["T"].ok, found["T"].reason, found["T"].fields) == (
        True,
        "smart.time.targets",
        {"date": dt.date(2026, 12, 31)},
    )


def test_smart_ambitious_above_three_times_the_measured_pace():
    # Half a year for 10 % of the way (1200 → 1280), half a year left for the other 90 %: 9 times the pace.
    found = marks(measurements=[("2026-07-02", 1280)])
    assert found["A"].ok is False and found["A"].reason == "smart.achievable.ambitious"
    assert found["A"].fields["ratio"] == pytest.approx(9.07, abs=0.05)
    assert found["R"].ok is True
    # 1450: 31 % of the way in half a year, 69 % left: about 2.2 times — achievable.
    assert marks(measurements=[("2026-07-02", 1450)])["A"].ok is True


def test_smart_backwards_is_not_realistic_and_stalled_is_ambitious():
    found = marks(measurements=[("2026-07-02", 1100)])
    assert (found["R"].ok, found["R"].reason) == (False, "smart.realistic.backwards")
    assert (found["A"].ok, found["A"].reason) == (False, "smart.achievable.stalled")


def test_smart_unknown_without_measurement_and_not_measurable_without_kpi():
    found = marks(measurements=[])
    assert found["A"].ok is None and found["R"].ok is None
    v = view(objectives=[objective(why="x")])
    no_kpi = {m.letter: m for m in v.smart(v.get("o"))}
    assert (no_kpi["M"].ok, no_kpi["T"].ok) == (False, False)


def test_target_already_reached_is_achievable():
    assert marks(measurements=[("2026-05-01", 2100)])["A"].ok is True


# --- review periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cadence, start, end",
    [
        ("monthly", "2026-10-01", "2026-10-31"),
        ("quarterly", "2026-10-01", "2026-12-31"),
        ("semester", "2026-07-01", "2026-12-31"),
        ("yearly", "2026-01-01", "2026-12-31"),
    ],
)
def test_period_of_a_day(cadence, start, end):
    period = period_of(dt.date(2026, 10, 17), cadence)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


def test_previous_period_and_a_year_before_cross_years():
    january = period_of(dt.date(2026, 1, 15), "monthly")
    assert january.previous() == period_of(dt.date(2025, 12, 1), "monthly")
    q1 = period_of(dt.date(2026, 2, 1), "quarterly")
    assert q1.previous().start == dt.date(2025, 10, 1)
    assert q1.a_year_before().start == dt.date(2025, 1, 1)
    assert period_of(dt.date(2026, 2, 1), "semester").previous().start == dt.date(2025, 7, 1)
    assert period_of(dt.date(2026, 2, 1), "semester").index == 1


def test_period_change_uses_the_last_measurement_of_each_period():
    s = strategy(
        objectives=[objective()],
        kpis=[kpi([("2026-09-10", 1300), ("2026-09-30", 1350), ("2026-10-15", 1400), ("2026-10-31", 1420)])],
    )
    period = latest_period(s.kpis, "monthly")
    assert period.start == dt.date(2026, 10, 1)
    change = period_change(s.kpis[0], period)
    assert (change.before.value, change.after.value, change.delta) == (1350, 1420, 70)
    assert change.relative == pytest.approx(70 / 1350)
    assert change.better(s.kpis[0]) is True
    quarter = period_change(s.kpis[0], latest_period(s.kpis, "quarterly"))
    assert (quarter.before.value, quarter.after.value) == (1350, 1420)


def test_lower_is_better_change_and_missing_previous():
    s = strategy(
        objectives=[objective()],
        kpis=[
            kpi(
                [("2026-08-31", 8), ("2026-10-31", 6)],
                baseline=(10, "2025-12-31"),
                target=(2, "2026-12-31"),
                direction="down",
            )
        ],
    )
    period = latest_period(s.kpis, "monthly")
    assert period_change(s.kpis[0], period).delta is None  # nothing measured in September
    by_quarter = period_change(s.kpis[0], latest_period(s.kpis, "quarterly"))
    assert (by_quarter.delta, by_quarter.better(s.kpis[0])) == (-2, True)


def test_year_over_year_only_with_data_that_old():
    s = strategy(objectives=[objective()], kpis=[kpi([("2025-10-31", 1000), ("2026-10-31", 1420)])])
    period = latest_period(s.kpis, "monthly")
    change = year_over_year(s.kpis[0], period)
    assert (change.before.value, change.after.value) == (1000, 1420)
    recent = strategy(objectives=[objective()], kpis=[kpi([("2026-10-31", 1420)])])
    assert year_over_year(recent.kpis[0], period) is None


def test_review_lists_events_of_the_period_and_checklist_progress():
    v = view(
        objectives=[objective()],
        kpis=[kpi([("2026-03-31", 1300)])],
        actions=[{"id": "a", "title": "A", "objectives": ["o"], "checklist": ["x", {"task": "y", "done": True}]}],
        events=[
            {
                "id": "in",
                "title": "In",
                "start": "2026-03-14T08:30",
                "objectives": ["o"],
                "checklist": [{"task": "z", "done": True}],
            },
            {"id": "out", "title": "Out", "start": "2026-04-02", "objectives": ["o"]},
        ],
    )
    assert v.review_period.start == dt.date(2026, 3, 1)
    assert [e.id for e in v.events_in(v.review_period)] == ["in"]
    assert (v.tasks().done, v.tasks().total) == (2, 3)
