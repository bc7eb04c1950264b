"""Every money figure recomputed by hand from the whole-bible example (contract, "Derived figures")."""

from pathlib import Path

import pytest

from strategy_bible.analysis.costs import Costs, gain_of
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import for_client

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"
# means: ads-afterworks spent 900 over [afterwork-ads, afterwork-november]; live-kit 340 over
# [weekly-live]; deck-design (internal) 0 spent, 800 planned, over [investor-deck].


def costs(strategy=None) -> Costs:
    return Costs(strategy or load_strategy(WHOLE))


def kpi(strategy, kpi_id):
    return next(k for k in strategy.kpis if k.id == kpi_id)


def test_a_split_item_funds_each_of_its_ids_evenly():
    c = costs()
    assert c.cost_of("afterwork-ads") == 450 and c.cost_of("afterwork-november") == 450
    assert c.cost_of("weekly-live") == 340
    assert c.cost_of("afterwork-ads", planned=True) == 750
    assert c.cost_of("investor-deck") == 0  # funded, nothing spent yet


def test_an_objective_costs_what_serves_it():
    c = costs()
    assert c.objective_cost("shop-sales") == 900  # the afterwork ads and the afterwork event
    assert c.objective_cost("local-notoriety") == 340
    assert c.objective_cost("investor-story") == 0


def test_cost_per_result_and_the_return_of_attributed_revenue():
    strategy = load_strategy(WHOLE)
    c = costs(strategy)
    assert c.cost_per_result(kpi(strategy, "followers")) == pytest.approx(340 / 500)  # 1500 - 1000
    assert c.cost_per_result(kpi(strategy, "promo-code-sales")) == pytest.approx(900 / 2400)
    assert c.return_of(kpi(strategy, "promo-code-sales")) == pytest.approx(2400 / 900)
    assert c.return_of(kpi(strategy, "followers")) is None  # not attributed: no return
    assert c.cost_per_result(kpi(strategy, "reply-time")) is None  # no measurement
    assert c.cost_per_result(kpi(strategy, "community-size")) is None  # nothing measured, nothing spent


def test_no_gain_and_direction_down():
    strategy = load_strategy(WHOLE)
    followers = kpi(strategy, "followers")
    fewer = followers.model_copy(update={"measurements": [followers.measurements[0].model_copy(update={"value": 900})]})
    assert gain_of(fewer) == -100 and costs(strategy).cost_per_result(fewer) is None
    reply = kpi(strategy, "reply-time")
    faster = reply.model_copy(update={"measurements": [followers.measurements[0].model_copy(update={"value": 7})]})
    assert gain_of(faster) == 5  # 12 hours down to 7: a gain of 5
    assert costs(strategy).cost_per_result(faster) == pytest.approx(340 / 5)


def test_event_costs_per_registration_and_per_attendee():
    strategy = load_strategy(WHOLE)
    event = strategy.events[0]
    assert costs(strategy).cost_per_registration(event) == pytest.approx(450 / 32)
    assert costs(strategy).cost_per_attendee(event) == pytest.approx(450 / 25)
    assert costs(strategy).cost_per_attendee(event.model_copy(update={"attendees": 0})) is None


def test_totals_in_all_and_by_kind():
    c = costs()
    totals = c.totals()
    assert (totals.planned, totals.spent, totals.remaining, totals.hours) == (2600, 1240, 1360, 12)
    assert totals.consumption == pytest.approx(1240 / 2600)
    by_kind = c.totals_by_kind()
    assert by_kind["production"].over_budget and by_kind["production"].consumption == pytest.approx(340 / 300)
    assert set(by_kind) == {"ads", "production", "people"}


def test_a_client_build_counts_client_visible_items_only():
    client = costs(for_client(load_strategy(WHOLE)))
    assert (client.totals().planned, client.totals().spent) == (1800, 1240)
    assert "deck-design" not in str(client.items)


def test_a_means_item_that_also_funds_an_internal_action_is_split_among_the_visible_ones(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(
        WHOLE.read_text(encoding="utf-8").replace(
            "funds: [afterwork-ads, afterwork-november]", "funds: [afterwork-ads, afterwork-november, investor-deck]"
        ),
        encoding="utf-8",
    )
    full, client = costs(load_strategy(path)), costs(for_client(load_strategy(path)))
    assert full.cost_of("afterwork-ads") == 300 and client.cost_of("afterwork-ads") == 450
    assert client.totals().spent == 1240  # the item still counts in full


def test_without_means_there_is_no_money_figure_at_all(tmp_path):
    strategy = load_strategy(WHOLE)
    bare = strategy.model_copy(update={"means": None})
    c = costs(bare)
    assert (c.totals(), c.cost_of("weekly-live"), c.objective_cost("shop-sales")) == (None, None, None)
    assert c.cost_per_result(kpi(bare, "followers")) is None
    assert c.cost_per_registration(bare.events[0]) is None


def test_the_page_is_told_why_a_kpi_has_no_cost_per_result():
    strategy = load_strategy(WHOLE)
    c = costs(strategy)
    followers = kpi(strategy, "followers")
    assert c.why_no_result(followers) is None  # it has one
    assert c.why_no_result(kpi(strategy, "reply-time")) == "no-measurement"
    fewer = followers.model_copy(update={"measurements": [followers.measurements[0].model_copy(update={"value": 900})]})
    assert c.why_no_result(fewer) == "no-gain"
    unfunded = followers.model_copy(update={"objective": "investor-story"})
    assert c.why_no_result(unfunded) == "nothing-spent"
    no_money = strategy.model_copy(update={"means": None})
    assert Costs(no_money).why_no_result(followers) is None  # no money figures at all
