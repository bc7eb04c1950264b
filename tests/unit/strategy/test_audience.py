"""What a client build may see: the contract's visibility rules."""

from __future__ import annotations

from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import Readership, for_client, visible_to

from builders import kpi, objective, strategy


def sample():
    return strategy(
        objectives=[
            objective("public"),
            objective("hidden", visibility="internal", why="The founder wants to sell in 2027."),
            objective("child-of-hidden", parent="hidden"),
            objective("child-of-public", parent="public"),
        ],
        actions=[
            {"id": "both", "title": "Both", "objectives": ["public", "hidden"]},
            {"id": "only-hidden", "title": "Only hidden", "objectives": ["hidden"]},
            {"id": "secret-action", "title": "Secret", "objectives": ["public"], "visibility": "internal"},
        ],
        kpis=[
            kpi(kpi_id="k-public", objective="public"),
            kpi(kpi_id="k-hidden", objective="hidden"),
            kpi(kpi_id="k-secret", objective="public", visibility="internal"),
        ],
        events=[
            {"id": "no-objective", "title": "Open day", "start": "2026-05-01"},
            {"id": "hidden-event", "title": "Board", "start": "2026-05-01", "objectives": ["hidden"]},
            {"id": "mixed-event", "title": "Mixed", "start": "2026-05-01", "objectives": ["hidden", "public"]},
            {"id": "secret-event", "title": "Secret", "start": "2026-05-01", "visibility": "internal"},
        ],
        notes="Never show this.",
    )


def ids(items):
    return [item.id for item in items]


def test_internal_items_and_notes_are_gone():
    seen = for_client(sample())
    assert ids(seen.objectives) == ["public", "child-of-hidden", "child-of-public"]
    assert seen.notes is None
    assert '"hidden"' not in seen.model_dump_json()
    assert "sell in 2027" not in seen.model_dump_json()


def test_references_to_internal_items_disappear():
    seen = for_client(sample())
    assert [a.objectives for a in seen.actions] == [["public"]]
    assert ids(seen.actions) == ["both"]
    assert [e.objectives for e in seen.events if e.id == "mixed-event"] == [["public"]]


def test_items_whose_every_objective_is_internal_are_internal():
    seen = for_client(sample())
    assert "only-hidden" not in ids(seen.actions)
    assert ids(seen.kpis) == ["k-public"]
    assert "hidden-event" not in ids(seen.events)


def test_event_serving_no_objective_stays_visible():
    assert "no-objective" in ids(for_client(sample()).events)


def test_child_of_internal_parent_becomes_top_level():
    seen = {o.id: o for o in for_client(sample()).objectives}
    assert seen["child-of-hidden"].parent is None
    assert seen["child-of-public"].parent == "public"


WARNING = Problem("strategies/acme.yml", 5, 7, "objectives[hidden].id", "the objective 'hidden' has no KPI")


def test_internal_audience_sees_everything_unchanged():
    original = sample()
    seen = visible_to(Readership.INTERNAL, original, [WARNING])
    assert seen.strategy is original and seen.warnings == (WARNING,)


def test_a_client_sees_the_filtered_strategy_and_no_warning():
    """Warnings name internal items: a client's readership never receives them."""
    seen = visible_to(Readership.CLIENT, sample(), [WARNING])
    assert seen.strategy == for_client(sample()) and seen.warnings == ()
    assert seen.readership is Readership.CLIENT
