"""`strategy-bible decide`, run as a user runs it, and the review warning in `validate`.

A decision is spliced in: the file is the same bytes with only the new lines added; a refusal exits
with 1, says why and leaves the file as it was.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support import FIXTURES, REPO, command_in_process

WHOLE = FIXTURES / "valid" / "whole-bible.yml"
NO_REVIEWS = FIXTURES / "valid" / "contract-example.yml"
FILE = "strategies/acme.yml"


def command(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command in this process: what it writes and says is tested here, its process in
    test_writing_commands.py."""
    return command_in_process(cwd, *args, env=env)


def project(root: Path, source: Path) -> Path:
    (root / "strategies").mkdir()
    (root / FILE).write_bytes(source.read_bytes())
    return root


def decided(root: Path, *args: str) -> str:
    result = command(root, "decide", FILE, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def refused(root: Path, *args: str) -> str:
    before = (root / FILE).read_bytes(), (root / FILE).stat().st_mtime_ns
    result = command(root, "decide", FILE, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert ((root / FILE).read_bytes(), (root / FILE).stat().st_mtime_ns) == before
    return result.stderr


def test_a_decision_joins_the_review_of_its_date_and_nothing_else_changes(tmp_path: Path) -> None:
    root = project(tmp_path, WHOLE)
    before = WHOLE.read_text(encoding="utf-8")
    out = decided(
        root, "followers", "stop", "--date", "2026-07-05", "--reason", "Lives: « plus assez »", "--confidence", "4"
    )
    assert "reviews[review-2026-q2] followers: stop" in out
    assert "the rule's decision on 2026-07-05: 'continue'" in out
    anchor = "        start: [afterwork-ads]\n"
    added = (
        "      - kpi: followers\n"
        "        decision: stop\n"
        '        reason: "Lives: « plus assez »"\n'
        "        confidence: 4\n"
    )
    assert (root / FILE).read_text(encoding="utf-8") == before.replace(anchor, anchor + added, 1)


def test_a_new_date_makes_a_review_at_the_end_of_reviews(tmp_path: Path) -> None:
    root = project(tmp_path, WHOLE)
    before = WHOLE.read_bytes()
    decided(root, "reply-time", "continue", "--date", "2026-10-01")
    after = (root / FILE).read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == (
        b"  - id: review-2026-10-01\n"
        b"    date: 2026-10-01\n"
        b"    decisions:\n"
        b"      - kpi: reply-time\n"
        b"        decision: continue\n"
    )


def test_a_file_without_reviews_gets_them_kept_byte_for_byte_with_crlf(tmp_path: Path) -> None:
    root = project(tmp_path, NO_REVIEWS)
    original = NO_REVIEWS.read_bytes().replace(b"\n", b"\r\n")
    (root / FILE).write_bytes(original)
    out = decided(root, "ig-followers", "optimise", "--review", "kick-off", "--date", "2026-03-02", "--reason", "Slow")
    assert "reviews[kick-off]" in out
    after = (root / FILE).read_bytes()
    assert after.startswith(original)
    assert after[len(original) :] == (
        b"reviews:\r\n"
        b"  - id: kick-off\r\n"
        b"    date: 2026-03-02\r\n"
        b"    decisions:\r\n"
        b"      - kpi: ig-followers\r\n"
        b"        decision: optimise\r\n"
        b"        reason: Slow\r\n"
    )
    assert command(root, "validate").returncode == 0


def test_the_example_keeps_every_byte(tmp_path: Path) -> None:
    example = REPO / "strategies" / "brasserie-du-canal.yml"
    root = project(tmp_path, example)
    decided(root, "abonnes-instagram", "continue", "--review", "revue-t3-2026", "--confidence", "8")
    before, after = example.read_text(encoding="utf-8"), (root / FILE).read_text(encoding="utf-8")
    anchor = "        stop: [jeu-concours-velo]\n"
    assert after == before.replace(
        anchor, anchor + "      - kpi: abonnes-instagram\n        decision: continue\n        confidence: 8\n", 1
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("folowers", "continue"), "no KPI 'folowers' (did you mean 'followers'?)"),
        (
            ("followers", "contine"),
            "'contine' is not a decision; use continue, optimise, change, stop (or continuer, optimiser, changer, "
            "arrêter) (did you mean 'continue'?)",
        ),
        (
            ("followers", "continue", "--confidence", "0"),
            "confidence 0 is not allowed; use a whole number from 1 to 10",
        ),
        (("followers", "continue", "--confidence", "11"), "confidence 11 is not allowed"),
        (
            ("followers", "optimise", "--date", "2026-04-05", "--reason", "x"),
            "reviews[review-2026-q1] already has a decision on followers (continue); one decision per KPI per "
            "review: add --replace to amend it",
        ),
        (
            ("followers", "stop", "--date", "2026-07-05", "--reason", "x", "--replace"),
            "reviews[review-2026-q2] has no decision on followers to replace",
        ),
        (
            ("followers", "stop", "--date", "2026-07-05"),
            "the rule's decision for followers on 2026-07-05 is 'continue', not 'stop': say why with --reason",
        ),
        (("followers", "continue", "--date", "2026-13-01"), "2026-13-01"),
        (
            ("followers", "continue", "--review", "review-2026-q3", "--date", "2026-04-05"),
            "the review of 2026-04-05 is 'review-2026-q1'",
        ),
    ],
)
def test_refusals_leave_the_file_alone(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    root = project(tmp_path, WHOLE)
    assert says in refused(root, *args)


def test_force_records_an_override_without_reason_and_validate_warns_at_its_place(tmp_path: Path) -> None:
    root = project(tmp_path, WHOLE)
    assert command(root, "validate").returncode == 0
    decided(root, "followers", "stop", "--date", "2026-07-05", "--force")
    text = (root / FILE).read_text(encoding="utf-8").splitlines()
    line = text.index("        decision: stop") + 1
    result = command(root, "validate")
    assert result.returncode == 0
    assert (
        f"strategies/acme.yml:{line}:19: warning: reviews[review-2026-q2].decisions[#2].decision: 'stop' differs "
        "from the rule's decision on 2026-07-05 (continue): say why under reason:"
    ) in result.stderr
    assert command(root, "validate", "--strict").returncode == 1


def test_validate_judges_with_the_thresholds_of_mkdocs_yml(tmp_path: Path) -> None:
    """promo-code-sales runs at 0.8 of its expected pace on 2026-07-10: 'optimise' with the default
    thresholds, 'change' once a moderate success needs 0.85 of the pace."""
    root = project(tmp_path, WHOLE)
    decided(root, "promo-code-sales", "optimise", "--date", "2026-07-10")
    assert "warning" not in command(root, "validate").stderr
    (root / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(
            "      strategies_dir: strategies\n",
            "      strategies_dir: strategies\n      verdict_moderate_success: 0.85\n",
        ),
        encoding="utf-8",
    )
    result = command(root, "validate")
    assert "'optimise' differs from the rule's decision on 2026-07-10 (change)" in result.stderr
    assert refused(root, "promo-code-sales", "optimise", "--date", "2026-07-11").count("is 'change'") == 1


# --- issue 23, item 10: amend a decision, the pages' French words, the review's attendees and summary


def test_replace_amends_the_decision_in_place_and_keeps_its_reason(tmp_path: Path) -> None:
    root = project(tmp_path, WHOLE)
    before = WHOLE.read_text(encoding="utf-8")
    out = decided(root, "followers", "Optimiser", "--date", "2026-04-05", "--replace", "--confidence", "5", "--force")
    assert "reviews[review-2026-q1] followers: optimise, was continue" in out
    old = "        decision: continue\n        reason: On pace since the first lives.\n        confidence: 7\n"
    new = "        decision: optimise\n        reason: On pace since the first lives.\n        confidence: 5\n"
    assert (root / FILE).read_text(encoding="utf-8") == before.replace(old, new, 1)


@pytest.mark.parametrize(("typed", "word"), [("continuer", "continue"), ("ARRÊTER", "stop"), ("arreter", "stop")])
def test_the_french_words_of_the_pages_are_decisions(tmp_path: Path, typed: str, word: str) -> None:
    root = project(tmp_path, WHOLE)
    decided(root, "reply-time", typed, "--date", "2026-10-01", "--force")
    assert (root / FILE).read_text(encoding="utf-8").endswith(f"        decision: {word}\n")


def test_attendees_and_summary_go_into_a_new_review_and_replace_an_existing_ones(tmp_path: Path) -> None:
    root = project(tmp_path, WHOLE)
    before = WHOLE.read_bytes()
    decided(
        root,
        "reply-time",
        "continue",
        "--date",
        "2026-10-01",
        "--attendees",
        "Léa, M. Dupont",
        "--summary",
        "Bilan : bon",
    )
    assert (root / FILE).read_bytes()[len(before) :] == (
        "  - id: review-2026-10-01\n"
        "    date: 2026-10-01\n"
        "    attendees: [Léa, M. Dupont]\n"
        '    summary: "Bilan : bon"\n'
        "    decisions:\n"
        "      - kpi: reply-time\n"
        "        decision: continue\n"
    ).encode()
    text = (root / FILE).read_text(encoding="utf-8")
    decided(
        root, "reply-time", "continue", "--date", "2026-04-05", "--attendees", "Léa", "--summary", "Revu", "--force"
    )
    after = (root / FILE).read_text(encoding="utf-8")
    assert after.startswith(
        text.split("  - id: review-2026-q1\n")[0]
        + "  - id: review-2026-q1\n    date: 2026-04-05\n    attendees: [Léa]\n    summary: Revu\n"
    )
