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


def test_errors_inside_internal_version_2_items_are_hidden(tmp_path):
    """Internal pillars, calendar items, means items, moderation cases, crisis levels and reviews,
    and a pillar serving only internal objectives, are internal parts of the file too."""
    text = HEAD + (
        "  - id: secret-plan\n    title: Secret plan\n    axis: image\n    visibility: internal\n"
        "editorial:\n  pillars:\n"
        "    - {id: investor-teasers, name: Investor teasers, objectives: [secret-plan], share: many}\n"
        "calendar:\n"
        "  - {id: deck-post, date: 2026-03-01, channel: linkedin, title: Deck, status: sent, visibility: internal}\n"
        "means:\n  currency: EUR\n  items:\n"
        "    - {id: deck-design, label: Deck design, planned: lots, funds: [x], visibility: internal}\n"
        "community:\n  crisis:\n"
        "    - {id: takeover-leak, level: 0, name: Takeover leak, decides: A, backup: B, visibility: internal}\n"
        "reviews:\n"
        "  - {id: partners-review, date: soon, visibility: internal}\n"
    )
    found = shown(tmp_path, text)
    assert found and all(INSIDE_INTERNAL in line for line in found), found
    for secret in ("investor-teasers", "deck-post", "deck-design", "takeover-leak", "partners-review", "Takeover"):
        assert not any(secret in line for line in found), (secret, found)
