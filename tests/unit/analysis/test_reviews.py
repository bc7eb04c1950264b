"""A review's view of its KPIs as they stood then, and what is due on a fixed today."""

import datetime as dt
from pathlib import Path

from strategy_bible.analysis.reviews import as_of, decisions_of, due, history_of, unexplained_overrides
from strategy_bible.analysis.verdict import Decision, Verdict, assess
from strategy_bible.strategy.validation import load_strategy

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"


def kpi(strategy, kpi_id):
    return next(k for k in strategy.kpis if k.id == kpi_id)


def test_a_review_sees_the_measurements_dated_up_to_its_day_only():
    strategy = load_strategy(WHOLE)
    followers = kpi(strategy, "followers")
    # 1300 on 2026-03-31: progress 0.3 of the way, expected 89/364 of the year → ahead: success
    then = as_of(followers, dt.date(2026, 4, 5))
    assert then.latest.value == 1300 and then.progress == 0.3
    assert then.expected == (dt.date(2026, 3, 31) - dt.date(2026, 1, 1)).days / 364
    assert then.verdict is Verdict.SUCCESS
    assert assess(followers).latest.value == 1500  # the later measurement moves today's figures only
    assert as_of(followers, dt.date(2026, 3, 30)).verdict is Verdict.NOT_MEASURED


def test_a_measurement_added_after_a_review_does_not_change_it():
    strategy = load_strategy(WHOLE)
    review = strategy.reviews[0]
    before = decisions_of(review, strategy)[0].rule
    followers = kpi(strategy, "followers")
    later = followers.measurements[0].model_copy(update={"date": dt.date(2026, 4, 30), "value": 100})
    changed = followers.model_copy(update={"measurements": [*followers.measurements, later]})
    strategy = strategy.model_copy(update={"kpis": [changed, *strategy.kpis[1:]]})
    assert decisions_of(review, strategy)[0].rule == before


def test_the_rule_decision_beside_the_one_taken():
    strategy = load_strategy(WHOLE)
    view = decisions_of(strategy.reviews[1], strategy)[0]  # promo-code-sales on 2026-07-05: 2400 of 6000
    assert view.rule.progress == 0.4 and view.rule.expected == (dt.date(2026, 6, 30) - dt.date(2026, 1, 1)).days / 364
    assert view.rule_decision is Decision.OPTIMISE  # 0.4 / 0.495 = 0.81 of the pace: moderate success
    assert view.decision.decision == "optimise" and not view.overrides_rule


def with_decision(strategy, review_index, **changes):
    reviews = list(strategy.reviews)
    decision = reviews[review_index].decisions[0].model_copy(update=changes)
    reviews[review_index] = reviews[review_index].model_copy(update={"decisions": [decision]})
    return strategy.model_copy(update={"reviews": reviews})


def test_stop_or_pivot_is_a_review_s_stop():
    strategy = with_decision(load_strategy(WHOLE), 1, decision="stop")
    followers = kpi(strategy, "promo-code-sales")
    low = followers.model_copy(update={"measurements": [followers.measurements[0].model_copy(update={"value": 100})]})
    strategy = strategy.model_copy(update={"kpis": [k if k.id != "promo-code-sales" else low for k in strategy.kpis]})
    view = decisions_of(strategy.reviews[1], strategy)[0]
    assert view.rule_decision is Decision.STOP_OR_PIVOT and view.rule_word == "stop" and not view.overrides_rule


def test_an_override_without_a_reason_is_warned_with_its_place():
    strategy = with_decision(load_strategy(WHOLE), 1, decision="change", reason=None)
    assert list(unexplained_overrides(strategy)) == [
        (
            ("reviews", 1, "decisions", 0, "decision"),
            "'change' differs from the rule's decision on 2026-07-05 (optimise): say why under reason:",
        )
    ]
    assert list(unexplained_overrides(with_decision(strategy, 1, reason="The code leaked"))) == []
    assert list(unexplained_overrides(load_strategy(WHOLE))) == []


def test_decision_history_of_a_kpi():
    strategy = load_strategy(WHOLE)
    assert [review.id for review, _ in history_of(kpi(strategy, "promo-code-sales"), strategy)] == ["review-2026-q2"]


def test_what_is_due_on_a_fixed_today():
    strategy = load_strategy(WHOLE)
    # quarterly: the last review was on 2026-07-05, so the next was due on 2026-10-05
    on_time = due(strategy, dt.date(2026, 9, 30))
    assert on_time.review_due is None
    late = due(strategy, dt.date(2026, 10, 20))
    assert late.review_due == dt.date(2026, 10, 5)
    assert [k.id for k in late.unmeasured] == [
        "followers",
        "promo-code-sales",
        "reply-time",
        "engagement-rate",
        "community-size",
    ]
    assert due(strategy, dt.date(2025, 12, 1)).anything is False


def test_an_action_past_its_end_and_still_running_is_due():
    strategy = load_strategy(WHOLE)
    action = strategy.actions[0].model_copy(update={"end": dt.date(2026, 6, 30)})
    strategy = strategy.model_copy(update={"actions": [action, *strategy.actions[1:]]})
    assert [a.id for a in due(strategy, dt.date(2026, 7, 1)).overrunning] == ["weekly-live"]
    assert due(strategy, dt.date(2026, 6, 30)).overrunning == []
