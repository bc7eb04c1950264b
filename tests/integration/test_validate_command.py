"""`strategy-bible validate` and `strategy-bible schema`, run as a user runs them, on broken files
of every kind the loader refuses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support import REPO, command_in_process

VALID = (REPO / "strategies" / "librairie-des-pentes.yml").read_text(encoding="utf-8")


def strategy_bible(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command in this process: what it says and its exit code are tested here; a command's
    start (over a second of CPU each) is tested by every file that runs it in its own process."""
    return command_in_process(cwd, *args)


BROKEN: dict[str, tuple[bytes, list[str]]] = {
    # name: (file content, texts the message must hold: file:line:column, then the key or value)
    "latin1": ("client:\n  name: Caf\xe9\n".encode("latin-1"), ["strategies/latin1.yml:2:12:", "not UTF-8"]),
    "empty": (b"# nothing yet\n", ["strategies/empty.yml:1:1:", "the file is empty"]),
    "duplicate": (
        VALID.replace("  sector: Librairie", "  name: Autre nom\n  sector: Librairie", 1).encode(),
        ["strategies/duplicate.yml:5:3:", "client.name: duplicate key 'name' (already given at line 4"],
    ),
    "tabs": (
        VALID.replace("\n  name: Librairie des Pentes", "\n\tname: Librairie des Pentes", 1).encode(),
        ["strategies/tabs.yml:4:1:", "a tab is used for indentation"],
    ),
    "alias-bomb": (
        (
            "client: {name: X}\nperiod: {start: 2026-01-01, end: 2026-12-31}\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}]\n"
                for i in range(8)
            )
        ).encode(),
        ["strategies/alias-bomb.yml:", "once aliases (*name) are expanded"],
    ),
    "a-list": (b"- client: X\n- period: Y\n", ["strategies/a-list.yml:1:1:", "this file holds a list"]),
    "unknown-key": (
        VALID.replace("  sector:", "  secteur:", 1).encode(),
        ["strategies/unknown-key.yml:5:3:", "client.secteur: unknown key 'secteur' (did you mean 'sector'?)"],
    ),
    "missing-id": (
        VALID.replace("objective: coups-de-coeur", "objective: coup-de-coeur", 1).encode(),
        [
            "strategies/missing-id.yml:70:16:",
            "no objective has the id 'coup-de-coeur' (did you mean 'coups-de-coeur'?)",
        ],
    ),
    "french-colon": (
        VALID.replace("title: Remplir les rencontres d'auteurs", "title: Rencontres : remplir la salle", 1).encode(),
        ["strategies/french-colon.yml:", "must be put in quotes"],
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_file_is_refused_with_file_line_and_key(tmp_path, name):
    content, expected = BROKEN[name]
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / f"{name}.yml").write_bytes(content)
    result = strategy_bible("validate", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    for text in expected:
        assert text in result.stderr, (text, result.stderr)
    assert "Traceback" not in result.stderr
    assert "1 invalid" in result.stdout


def test_all_errors_of_a_file_come_at_once(tmp_path):
    text = VALID.replace("axis: image", "axis: imag", 1).replace("objective: coups-de-coeur", "objective: nope", 1)
    text = text.replace("capacity: 40", "capacity: -4", 1)
    (tmp_path / "broken.yml").write_text(text, encoding="utf-8")
    result = strategy_bible("validate", "broken.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert "(3 errors)" in result.stdout
    for fragment in ["axis: 'imag' is not allowed", "no objective has the id 'nope'", "expected 0 or more, got -4"]:
        assert fragment in result.stderr


def test_the_examples_are_valid_without_warnings():
    result = strategy_bible("validate", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 files checked: 3 valid"


def test_a_missing_path_is_a_usage_error(tmp_path):
    result = strategy_bible("validate", "nowhere.yml", cwd=tmp_path)
    assert result.returncode == 2 and "no such file or folder: nowhere.yml" in result.stderr


def test_schema_prints_the_json_schema():
    result = strategy_bible("schema", cwd=REPO)
    schema = json.loads(result.stdout)
    assert {"client", "period", "objectives", "kpis", "events", "posts"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_two_files_of_one_client_are_refused_by_validate_and_by_the_build_alike(tmp_path):
    from support import make_project, mkdocs_in_process

    project = make_project(tmp_path / "p", {"ok": VALID})
    (project / "strategies" / "ok.yaml").write_text(VALID, encoding="utf-8")
    message = (
        "'strategies/ok.yaml' and 'strategies/ok.yml' are two files of one client, 'ok' (a client is named "
        "by its file name, .yml or .yaml); keep one of them"
    )
    expected = [f"strategies/ok.yaml:1:1: {message}", f"strategies/ok.yml:1:1: {message}"]

    checked = strategy_bible("validate", cwd=project)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == expected
    assert checked.stdout == "2 files checked: 0 valid, 2 invalid (2 errors)\n"
    one = strategy_bible("validate", "strategies/ok.yml", cwd=project)
    assert one.returncode == 1 and one.stderr.splitlines() == expected[1:]

    built = mkdocs_in_process(project, "build", check=False)
    assert built.returncode == 1
    assert "\n".join(expected) in built.stderr


def test_validate_reads_the_files_a_build_reads(tmp_path):
    """Hidden files (an editor's swap file, the writing commands' lock) are no client; what is not a
    regular file under a strategy name is refused, not skipped."""
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "ok.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "strategies" / ".ok.yml.lock").write_text("", encoding="utf-8")
    (tmp_path / "strategies" / ".ok.yml.swp").write_text("", encoding="utf-8")
    (tmp_path / "strategies" / "archive.yml").mkdir()
    result = strategy_bible("validate", cwd=tmp_path)
    assert result.stdout == "2 files checked: 1 valid, 1 invalid (1 error)\n"
    assert result.stderr == (
        "strategies/archive.yml:1:1: this is not a regular file but a folder; a strategy file is a plain text file\n"
    )
