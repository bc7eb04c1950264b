"""`strategy-bible spend`, run as a user runs it: only the spent amount changes, byte for byte; every
refusal exits 1, says why and leaves the file as it was (same bytes, same modification time)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from test_writing_commands import WAITING_SAYS_SO, command, leftovers, refused, start, state

from support import FIXTURES, REPO

FILE = "strategies/acme.yml"
WHOLE = FIXTURES / "valid" / "whole-bible.yml"
BRASSERIE = REPO / "strategies" / "brasserie-du-canal.yml"


def project_with(tmp_path: Path, source: Path | str) -> Path:
    (tmp_path / "strategies").mkdir()
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    return tmp_path


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed (``-``) and added (``+``), nothing else."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_spend_sets_the_amount_and_changes_nothing_else(tmp_path):
    project = project_with(tmp_path, BRASSERIE)
    before = (project / FILE).read_text(encoding="utf-8")
    result = command(project, "spend", FILE, "publicite-instagram", "1320")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{FILE}: means[publicite-instagram].spent = 1320 (was 1250), planned 1800\n"
    after = (project / FILE).read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-      spent: 1250", "+      spent: 1320"]
    assert after == before.replace("      spent: 1250\n", "      spent: 1320\n", 1)


def test_add_adds_in_decimal_and_says_when_the_item_is_over_budget(tmp_path):
    project = project_with(tmp_path, BRASSERIE)
    for amount in ("0.1", "0.2"):
        assert command(project, "spend", FILE, "lots-concours", amount, "--add").returncode == 0
    text = (project / FILE).read_text(encoding="utf-8")
    assert "      spent: 240.3\n" in text  # 240 + 0.1 + 0.2, not 240.30000000000001
    result = command(project, "spend", FILE, "lots-concours", "59.7", "--add")
    assert result.stdout == f"{FILE}: means[lots-concours].spent = 300 (was 240.3), planned 240; over budget by 60\n"


def test_a_missing_spent_key_is_added_in_the_items_style(tmp_path):
    project = project_with(tmp_path, WHOLE)
    before = (project / FILE).read_text(encoding="utf-8")
    assert command(project, "spend", FILE, "deck-design", "120").returncode == 0  # an item without spent:
    after = (project / FILE).read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+      spent: 120"]
    assert "      visibility: internal\n      spent: 120\n" in after  # at the end of the item, same column


def test_a_flow_item_gets_its_spent_amount_in_flow_style(tmp_path):
    flow = WHOLE.read_text(encoding="utf-8").replace(
        "    - id: live-kit\n      label: Phone gimbal and microphone\n      kind: production\n"
        "      planned: 300\n      spent: 340\n      funds: [weekly-live]\n",
        "    - {id: live-kit, label: Phone gimbal and microphone, kind: production, planned: 300, funds: [weekly-live]}\n",
    )
    assert flow != WHOLE.read_text(encoding="utf-8")
    project = project_with(tmp_path, flow)
    assert command(project, "spend", FILE, "live-kit", "75", "--add").returncode == 0
    after = (project / FILE).read_text(encoding="utf-8")
    assert changed_lines(flow, after) == [
        "-    - {id: live-kit, label: Phone gimbal and microphone, kind: production, planned: 300, funds: [weekly-live]}",
        "+    - {id: live-kit, label: Phone gimbal and microphone, kind: production, planned: 300, funds: [weekly-live], spent: 75}",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("ads-afterwork", "10"),
            "has no means item 'ads-afterwork' (did you mean 'ads-afterworks'?); means items: ads-afterworks, live-kit, deck-design",
        ),
        (("ads-afterworks", "-5"), "the amount must be 0 or more, not -5"),
        (("ads-afterworks", "-5", "--add"), "the amount must be 0 or more, not -5"),
        (("ads-afterworks", "12 €"), "'12 €' is not a number"),
        (("ads-afterworks", "abc"), "'abc' is not a number"),
    ],
)
def test_refusals_say_why_and_write_nothing(tmp_path, args, says):
    project = project_with(tmp_path, WHOLE)
    error = refused(project, "spend", FILE, *args)
    assert says in error and error.count("\n") == 1


def test_a_file_without_means_is_refused(tmp_path):
    project = project_with(tmp_path, FIXTURES / "valid" / "contract-example.yml")
    assert "has no means items; write a means section (currency and items) first" in refused(
        project, "spend", FILE, "ads", "10"
    )


def test_a_change_that_would_make_the_file_invalid_is_refused(tmp_path):
    project = project_with(tmp_path, WHOLE)
    error = refused(project, "spend", FILE, "ads-afterworks", "1e400")  # beyond what the model reads
    assert "Traceback" not in error


def test_spend_waits_for_another_writer(tmp_path):
    from strategy_bible.commands.file_lock import locked

    project = project_with(tmp_path, WHOLE)
    path = project / FILE
    original = state(path)
    with locked(path):  # another writer, in the middle of its write
        waiting = start(project, "spend", FILE, "live-kit", "400", python=WAITING_SAYS_SO)
        assert waiting.stderr.readline() == "waiting for the lock\n", waiting.communicate()
        assert state(path) == original
    assert waiting.wait(timeout=60) == 0, waiting.communicate()[1]
    assert "      spent: 400\n" in path.read_text(encoding="utf-8")
    assert leftovers(project / "strategies") == []
