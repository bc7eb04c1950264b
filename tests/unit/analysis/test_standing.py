"""Where a client stands on a day: judged on what was known that day, with the next review by the
cadence and the budget only for today's summary."""

from __future__ import annotations

import datetime as dt

from strategy_bible.analysis.standing import HEADLINE_KPIS, next_review_after, standing
from strategy_bible.analysis.verdict import Verdict

from builders import kpi, objective, strategy

DAY = dt.date(2026, 10, 15)


def test_a_measurement_dated_after_the_day_counts_neither_in_the_verdict_nor_in_the_as_of_date():
    s = strategy(
        objectives=[objective()],
        kpis=[kpi([("2026-06-30", 1400), ("2027-06-30", 2000)])],  # a year typo: the target "reached"
    )
    st = standing(s, DAY)
    head = st.headline[0]
    assert head.status.latest is not None and head.status.latest.value == 1400
    assert head.status.verdict is Verdict.MODERATE_FAILURE  # a quarter of the way at half the time
    assert st.as_of == dt.date(2026, 6, 30)


def test_the_as_of_date_is_the_newest_measurement_or_post():
    s = strategy(
        channels=[{"id": "ig", "name": "Instagram"}],
        objectives=[objective()],
        kpis=[kpi([("2026-09-30", 1700)])],
        posts=[{"date": "2026-10-07", "channel": "ig", "title": "A post", "reach_organic": 100}],
    )
    assert standing(s, DAY).as_of == dt.date(2026, 10, 7)
    assert standing(s, dt.date(2026, 10, 1)).as_of == dt.date(2026, 9, 30)


def test_no_figure_yet_has_no_as_of_date_and_no_verdict():
    st = standing(strategy(objectives=[objective()], kpis=[kpi()]), DAY)
    assert st.as_of is None
    assert st.overall.assessed == 0
    assert st.headline[0].change is None


def test_the_change_is_since_the_period_before_the_newest_measurement():
    s = strategy(objectives=[objective()], kpis=[kpi([("2026-06-30", 1500), ("2026-09-30", 1700)])])
    s = s.model_copy(update={"period": s.period.model_copy(update={"cadence": "quarterly"})})
    change = standing(s, DAY).headline[0].change
    assert change is not None and change.delta == 200


def test_the_headline_keeps_the_first_kpis_of_the_file_and_counts_the_others():
    kpis = [kpi(kpi_id=f"k{i}") for i in range(HEADLINE_KPIS + 3)]
    st = standing(strategy(objectives=[objective()], kpis=kpis), DAY)
    assert [h.kpi.id for h in st.headline] == [f"k{i}" for i in range(HEADLINE_KPIS)]
    assert st.more == 3


def test_the_next_review_follows_the_cadence_from_the_latest_review_or_the_start():
    quarterly = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31), "cadence": "quarterly"}
    s = strategy(period=quarterly)
    assert next_review_after(s, DAY) == dt.date(2026, 4, 1)
    assert standing(s, DAY).next_review_overdue
    reviewed = strategy(period=quarterly, reviews=[{"id": "r1", "date": "2026-10-05"}])
    assert next_review_after(reviewed, DAY) == dt.date(2027, 1, 5)
    assert not standing(reviewed, DAY).next_review_overdue
    # a past review's next review is the one held after it
    two = strategy(period=quarterly, reviews=[{"id": "r1", "date": "2026-07-06"}, {"id": "r2", "date": "2026-10-05"}])
    assert next_review_after(two, dt.date(2026, 7, 6)) == dt.date(2026, 10, 5)
    assert standing(two, dt.date(2026, 7, 6)).review.id == "r1"


def test_the_budget_is_today_s_only():
    s = strategy(
        objectives=[objective()],
        actions=[{"id": "a", "title": "Ads", "objectives": ["o"]}],
        means={
            "currency": "EUR",
            "items": [{"id": "m", "label": "Ads", "kind": "ads", "planned": 1000, "spent": 400, "funds": ["a"]}],
        },
    )
    budget = standing(s, DAY).budget
    assert budget is not None and (budget.spent, budget.planned) == (400, 1000)
    assert standing(s, DAY, with_budget=False).budget is None
