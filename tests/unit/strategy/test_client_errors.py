"""Which errors of a broken file a client may read: judged from the composed YAML nodes."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.strategy.problem_visibility import (
    ABOUT_INTERNAL,
    INSIDE_INTERNAL,
    SYNTAX_ERROR,
    problems_for_client,
)

HEAD = """client: {name: Acme}
period: {start: 2026-01-01, end: 2026-12-31}
objectives:
  - id: public
    title: Public
    axis: image
"""


def shown(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    return [
        f"{p.line}: {p.key}: {p.message}" if p.key else f"{p.line}: {p.message}"
        for p in problems_for_client(path, "strategies/acme.yml")
    ]


def test_a_misspelt_visibility_key_still_hides_the_item(tmp_path):
    assert shown(
        tmp_path, HEAD + "  - id: secret-plan\n    title: Secret plan\n    axis: imag\n    visibilty: internal\n"
    ) == [f"9: {INSIDE_INTERNAL}", f"10: {INSIDE_INTERNAL}"]


def test_a_visibility_that_is_not_client_hides_the_item(tmp_path):
    assert shown(
        tmp_path, HEAD + "  - id: secret-plan\n    title: Secret plan\n    axis: imag\n    visibility: interne\n"
    ) == [f"9: {INSIDE_INTERNAL}", f"10: {INSIDE_INTERNAL}"]


def test_errors_of_client_items_keep_their_words(tmp_path):
    [problem] = shown(
        tmp_path, HEAD + "events:\n  - id: fair\n    title: Fair\n    start: 2026-03-01\n    capacity: many\n"
    )
    assert problem.startswith("11: events[fair].capacity: expected a whole number")  # an event serving no objective


def test_a_kpi_of_an_internal_objective_is_internal(tmp_path):
    text = HEAD + (
        "  - id: secret-plan\n    title: Secret plan\n    axis: image\n    visibility: internal\n"
        "kpis:\n  - id: secret-count\n    name: Buyers\n    objective: secret-plan\n"
        "    baseline: {value: 0, date: 2026-01-01}\n    target: {value: x, date: 2026-12-31}\n"
    )
    assert shown(tmp_path, text) == [f"16: {INSIDE_INTERNAL}"]


def test_an_error_of_a_client_item_naming_an_internal_id_is_hidden(tmp_path):
    text = HEAD + (
        "  - id: secret-plan\n    title: Racheter le concurrent d'en face\n"
        "    axis: image\n    visibility: internal\n  - id: other\n    title: Other\n    axis: image\n"
        "    parent: secret-plann\n"
    )
    assert shown(tmp_path, text) == [f"14: {ABOUT_INTERNAL}"]  # "did you mean 'secret-plan'?"


def test_a_syntax_error_shows_its_place_only(tmp_path):
    assert shown(tmp_path, HEAD + "    why: Public : but unquoted\n") == [f"7: {SYNTAX_ERROR}"]
