"""Which errors of a broken file a client may read: judged from the composed YAML nodes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problem_visibility import (
    ABOUT_INTERNAL,
    INSIDE_INTERNAL,
    SYNTAX_ERROR,
    InternalParts,
    problems_for_client,
)
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import for_client

from internal_items import DERIVED, INSIDE_DERIVED
from support import FIXTURES, REPO

EXAMPLES = sorted((REPO / "strategies").glob("*.yml"))

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


def test_a_date_that_does_not_exist_hides_no_other_error_from_the_client(tmp_path):
    """As in the terminal: every error at once, items named by id (the loader's unreadable date
    used to be the client page's only error, named by index)."""
    text = HEAD.replace("axis: image", "axis: imag") + "events:\n  - id: fair\n    title: Fair\n    start: 2026-02-30\n"
    assert shown(tmp_path, text) == [
        "6: objectives[public].axis: 'imag' is not allowed; use visibility, traffic, image or notoriety "
        "(did you mean 'image'?)",
        '10: events[fair].start: "2026-02-30" is not a date: February 2026 has 28 days',
    ]


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


# --- items a client build hides by derivation: their errors are masked by the same rules -----------


def line_of(text: str, part: str) -> int:
    return text[: text.index(part)].count("\n") + 1


@pytest.mark.parametrize("case", list(INSIDE_DERIVED))
def test_an_error_inside_an_item_internal_by_derivation_is_masked(tmp_path, case):
    old, new = INSIDE_DERIVED[case]
    text = DERIVED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    assert shown(tmp_path, text) == [f"{line_of(text, new)}: {INSIDE_INTERNAL}"]


@pytest.mark.parametrize(
    ("old", "new", "shown_in_full"),
    [
        ("label: Publicité, planned: 100,", "label: Publicité, planned: lots,", "means.items[public-ads].planned"),
        ("decision: continue}", "decision: maybe}", "reviews[public-review].decisions[#1].decision: 'maybe'"),
    ],
)
def test_errors_of_client_items_beside_derived_ones_keep_their_words(tmp_path, old, new, shown_in_full):
    """A means item funding a client action too, and a decision about a client KPI, are the client's."""
    [problem] = shown(tmp_path, DERIVED.read_text(encoding="utf-8").replace(old, new))
    assert shown_in_full in problem


@pytest.mark.parametrize(
    "path",
    [DERIVED, *(FIXTURES / "valid" / name for name in ("whole-bible.yml", "confidential.yml")), *EXAMPLES],
    ids=lambda path: path.stem,
)
def test_what_a_client_serve_masks_is_what_a_client_build_hides(path):
    """The items whose errors are masked (read from the YAML nodes, which a broken file has too) are
    the items a client build leaves out of the validated strategy: the same rules decide both."""
    strategy = load_strategy(path)
    hidden = _ids(strategy) - _ids(for_client(strategy))
    assert InternalParts.of(compose(path.read_text(encoding="utf-8"))).ids == hidden


def _ids(strategy: Strategy) -> set[str]:
    return set(re.findall(r'"id":"([^"]+)"', strategy.model_dump_json()))


def test_an_alias_bomb_is_judged_in_bounded_time(tmp_path):
    """Nine aliases of nine aliases…: 43 million values once expanded, a few hundred nodes. The
    loader refuses it at once; judging its errors for a client must not walk every expansion (a
    client serve would hang on it)."""
    lines = [
        "client: {name: Acme}",
        "period: {start: 2026-01-01, end: 2026-12-31}",
        "a0: &a0 [x, x, x, x, x, x, x, x, x]",
    ]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    path = tmp_path / "acme.yml"
    path.write_text("\n".join([*lines, "objectives: *a8", ""]), encoding="utf-8")
    judged = subprocess.run(
        [sys.executable, "-c", JUDGE, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert judged.returncode == 0, judged.stderr
    assert "see the terminal" in judged.stdout or "alias" in judged.stdout, judged.stdout


JUDGE = """
import sys, threading, os
from pathlib import Path
from strategy_bible.strategy.problem_visibility import problems_for_client
threading.Timer(20, lambda: os._exit(3)).start()  # stuck: fail quickly instead of at the timeout
print(problems_for_client(Path(sys.argv[1]), "strategies/acme.yml"))
os._exit(0)
"""
