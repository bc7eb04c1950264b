"""`strategy-bible record`, `check` and `new`, run as a user runs them.

Every refusal exits with 1, says why, and leaves the file exactly as it was (same bytes, same
modification time); a success prints one line and changes only the lines it is about.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_bible.strategy.loader import MAX_BYTES

from support import FIXTURES, command_in_process, make_project, mkdocs

EXAMPLE = FIXTURES / "valid" / "contract-example.yml"
FILE = "strategies/acme.yml"


def command(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The command in this process (what it writes and says); ``start`` runs it in its own, for
    the tests of writers running at the same time."""
    return command_in_process(cwd, *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    (tmp_path / FILE).write_bytes(EXAMPLE.read_bytes())
    return tmp_path


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def refused(project: Path, *args: str, path: str = FILE) -> str:
    """Run a command that must be refused; the file must not have changed. Returns stderr."""
    before = state(project / path)
    result = command(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert state(project / path) == before
    return result.stderr


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


# --- record --------------------------------------------------------------------------------------


def test_record_adds_one_line_and_replace_changes_it(project):
    original = lines(project / FILE)
    result = command(
        project,
        "record",
        FILE,
        "ig-followers",
        "1400",
        "--date",
        "2026-03-31",
        "--note",
        "Live : partagé par la mairie",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "strategies/acme.yml: kpis[ig-followers] +2026-03-31 = 1400 (note: Live : partagé par la mairie)\n"
    )
    # The example's measurements are in reverse date order: the newest goes first.
    at = original.index("    measurements:\n") + 1
    added = '      - {date: 2026-03-31, value: 1400, note: "Live : partagé par la mairie"}\n'
    assert lines(project / FILE) == [*original[:at], added, *original[at:]]

    duplicate = refused(project, "record", FILE, "ig-followers", "1500", "--date", "2026-03-31")
    assert "kpis[ig-followers] already has a measurement on 2026-03-31: 1400; add --replace to replace it" in duplicate

    replaced = command(project, "record", FILE, "ig-followers", "1450.5", "--date", "2026-03-31", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout.startswith("strategies/acme.yml: kpis[ig-followers] 2026-03-31 = 1450.5 (was 1400)\n")
    assert lines(project / FILE) == [*original[:at], added.replace("1400", "1450.5"), *original[at:]]
    assert command(project, "validate", FILE).returncode == 0


def test_record_a_negative_value_and_today_by_default(project):
    import datetime as dt

    result = command(project, "record", FILE, "reach-revenue", "-3")
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    assert f"kpis[reach-revenue] +{today} = -3" in result.stdout
    assert f"{{date: {today}, value: -3}}" in (project / FILE).read_text(encoding="utf-8")


def test_record_refusals_say_why_and_leave_the_file_alone(project):
    unknown = refused(project, "record", FILE, "ig-follower", "1400")
    assert (
        "strategies/acme.yml has no KPI 'ig-follower' (did you mean 'ig-followers'?); KPIs: ig-followers, reach-revenue"
    ) in unknown
    assert "'14 00' is not a number; write digits: for example 1400, -3, 12.5, or the French way 12,5" in refused(
        project, "record", FILE, "ig-followers", "14 00"
    )
    assert "'31/03/2026' is not a date; write it as YYYY-MM-DD" in refused(
        project, "record", FILE, "ig-followers", "1400", "--date", "31/03/2026"
    )
    assert "'weekly-live' is an action (actions), not a KPI" in refused(project, "record", FILE, "weekly-live", "1")
    missing = command(project, "record", "strategies/none.yml", "ig-followers", "1")
    assert missing.returncode == 1 and "no such file: strategies/none.yml" in missing.stderr


def test_an_invalid_file_is_not_edited_and_its_problems_are_shown(project):
    text = EXAMPLE.read_text(encoding="utf-8").replace("objective: brand-awareness\n", "objective: brand-awarenes\n")
    (project / FILE).write_text(text, encoding="utf-8")
    message = refused(project, "record", FILE, "ig-followers", "1400", "--date", "2026-03-31")
    assert "strategies/acme.yml is not a valid strategy, so it was not changed; fix these problems first:" in message
    line = text.splitlines().index("    objective: brand-awarenes") + 1
    expected = (
        f"strategies/acme.yml:{line}:16: kpis[reach-revenue].objective: no objective has the id "
        "'brand-awarenes' (did you mean 'brand-awareness'?)"
    )
    assert expected in message.splitlines()
    assert expected in command(project, "validate", FILE).stderr  # as `validate` prints it
    assert "not a valid strategy" in refused(project, "check", FILE, "weekly-live", "1")


def test_a_change_that_would_make_the_file_invalid_is_not_written(project):
    # A file just under the size limit: one more measurement would take it over.
    text = EXAMPLE.read_text(encoding="utf-8")
    padding = MAX_BYTES - len(text.encode("utf-8")) - 2
    text += "#" + "x" * padding + "\n"
    (project / FILE).write_text(text, encoding="utf-8")
    message = refused(project, "record", FILE, "ig-followers", "1400", "--date", "2026-03-31")
    assert "the change would make strategies/acme.yml invalid, so nothing was written:" in message
    assert f"a strategy file may hold at most {MAX_BYTES:,}" in message


# --- check ---------------------------------------------------------------------------------------


def test_check_ticks_a_plain_task_then_says_it_is_done_already(project):
    original = lines(project / FILE)
    result = command(project, "check", FILE, "weekly-live", "book")
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'strategies/acme.yml: actions[weekly-live] ticked task 1 "Book the Friday slot"\n'
    at = original.index("      - Book the Friday slot\n")
    assert lines(project / FILE) == (
        [*original[:at], "      - task: Book the Friday slot\n", "        done: true\n", *original[at + 1 :]]
    )
    before = state(project / FILE)
    again = command(project, "check", FILE, "weekly-live", "1")
    assert again.returncode == 0
    assert "is already ticked; nothing to change" in again.stdout
    assert state(project / FILE) == before


def test_check_undo_and_events(project):
    original = lines(project / FILE)
    undone = command(project, "check", FILE, "breakfast-march", "Order the coffee", "--undo")
    assert undone.returncode == 0, undone.stderr
    assert 'events[breakfast-march] unticked task 2 "Order the coffee"' in undone.stdout
    at = original.index("      - task: Order the coffee\n") + 1
    assert lines(project / FILE) == [*original[:at], "        done: false\n", *original[at + 1 :]]


def test_check_refusals(project):
    unknown = refused(project, "check", FILE, "weekly-liv", "1")
    assert (
        "strategies/acme.yml has no action or event 'weekly-liv' (did you mean 'weekly-live'?); "
        "actions and events: weekly-live, breakfast-march"
    ) in unknown
    ambiguous = refused(project, "check", FILE, "weekly-live", "the")
    assert (
        "'the' matches several tasks of actions[weekly-live] (1, 2); give the task's number or its whole text:\n"
        "  1. [ ] Book the Friday slot\n  2. [x] Write the live script"
    ) in ambiguous
    absent = refused(project, "check", FILE, "breakfast-march", "7")
    assert "events[breakfast-march] has no task 7; its tasks:\n  1. [ ] Print the invitations" in absent


# --- new -----------------------------------------------------------------------------------------


def test_new_writes_a_starter_that_validates_builds_and_takes_edits(tmp_path):
    project = make_project(tmp_path / "p", {})
    result = command(project, "new", "boulangerie-martin")
    assert result.returncode == 0, result.stderr
    path = project / "strategies" / "boulangerie-martin.yml"
    assert result.stdout.startswith("strategies/boulangerie-martin.yml: new strategy for Boulangerie Martin")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/strategy.schema.json\n")
    assert "  name: Boulangerie Martin\n" in text
    for axis in ("visibility", "traffic", "image", "notoriety"):
        assert f"#   {axis} " in text  # the four axes explained

    checked = command(project, "validate", "strategies")  # --strict: its placeholders are warnings
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "1 file checked: 1 valid, 11 warnings\n"
    assert all("is the starter's placeholder text" in line for line in checked.stderr.splitlines())
    built = mkdocs(project, "build")  # not --strict: the placeholders are warnings until replaced
    assert "is the starter's placeholder text" in built.stderr
    assert (project / "site" / "clients" / "boulangerie-martin" / "kpis" / "index.html").is_file()

    # The starter takes the writing commands as its comments tell.
    assert (
        command(
            project, "record", str(path.relative_to(project)), "abonnes-instagram", "1080", "--date", "2026-01-31"
        ).returncode
        == 0
    )
    assert command(project, "check", str(path.relative_to(project)), "live-hebdomadaire", "1").returncode == 0
    assert command(project, "validate", "strategies").returncode == 0


def test_new_with_a_name_and_a_folder(tmp_path):
    result = command(tmp_path, "new", "cafe-lea", "--name", 'Café "Chez Léa": le meilleur', "--dir", "clients")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "clients" / "cafe-lea.yml").read_text(encoding="utf-8")
    assert '  name: "Café \\"Chez Léa\\": le meilleur"\n' in text
    assert command(tmp_path, "validate", "clients").returncode == 0


def test_new_refuses_an_existing_file_and_a_bad_slug(project):
    existing = refused(project, "new", "acme")
    assert "strategies/acme.yml already exists, so nothing was written: edit it, or choose another slug" in existing
    bad = command(project, "new", "Acme_Bakery")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert (
        "'Acme_Bakery' is not allowed as a slug (the file name): use lower-case letters, digits and hyphens"
        in bad.stderr
    )
    assert sorted(p.name for p in (project / "strategies").iterdir()) == ["acme.yml"]


# --- one writer at a time, whatever happens to the others -------------------------------------------


def start(cwd: Path, *args: str, python: str | None = None) -> subprocess.Popen:
    """A command started in the background (``python``: a script run instead of the command line),
    on 2027-01-01 (SOURCE_DATE_EPOCH): every day of 2026 it records is past (record refuses a later one)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798761600"}
    argv = ["-c", python, *args] if python is not None else ["-m", "strategy_bible.commands.cli", *args]
    return subprocess.Popen(
        [sys.executable, *argv], cwd=cwd, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def leftovers(folder: Path) -> list[str]:
    """What the writing commands may leave beside a file, besides its lock: temporary files."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock"))


def test_writers_started_together_lose_nothing(project):
    """Every success reported is in the file: 8 measurements and 4 ticks written at the same time.
    Twelve processes started at once overlap enough: with the lock made a no-op, a measurement is
    lost and this test fails. Each more costs the suite over a second of CPU (its start)."""
    from strategy_bible.strategy.validation import load_strategy

    records = [
        (kpi, f"2026-{month:02d}-15", str(100 + month))
        for kpi in ("ig-followers", "reach-revenue")
        for month in range(9, 13)
    ]
    checks = [
        ("weekly-live", "1"),
        ("weekly-live", "2", "--undo"),
        ("breakfast-march", "1"),
        ("breakfast-march", "2", "--undo"),
    ]
    writers = [start(project, "record", FILE, kpi, value, "--date", day) for kpi, day, value in records] + [
        start(project, "check", FILE, *check) for check in checks
    ]
    results = [(writer.wait(timeout=300), *writer.communicate()) for writer in writers]
    strategy = load_strategy(project / FILE)
    recorded = {(kpi.id, m.date.isoformat(), m.value) for kpi in strategy.kpis for m in kpi.measurements}
    said = {
        (kpi, day, int(value)) for (kpi, day, value), (code, _, _) in zip(records, results, strict=False) if code == 0
    }
    assert said - recorded == set()  # every success reported is in the file…
    assert [(code, err) for code, _, err in results if code != 0] == []  # …and all succeeded: none was in the way
    assert [[task.done for task in item.checklist] for item in (strategy.actions[0], strategy.events[0])] == [
        [True, False],
        [True, False],
    ]
    assert leftovers(project / "strategies") == []
    checked = command(project, "validate", "strategies").stdout  # December's figures may be after today: warnings
    assert checked.startswith("1 file checked: 1 valid") and "invalid" not in checked  # no lock file read


WAITING_SAYS_SO = """
import sys, filelock
acquire = filelock.FileLock.acquire
def acquire_saying_so(self, *args, **kwargs):
    print("waiting for the lock", file=sys.stderr, flush=True)
    return acquire(self, *args, **kwargs)
filelock.FileLock.acquire = acquire_saying_so
from strategy_bible.commands.cli import main
main(sys.argv[1:])
"""


def test_a_writer_waits_for_the_lock_and_one_killed_meanwhile_leaves_nothing(project):
    from strategy_bible.commands.file_lock import locked

    path = project / FILE
    original = path.read_bytes()
    with locked(path):  # another writer, in the middle of its write
        killed = start(project, "record", FILE, "ig-followers", "1500", "--date", "2026-04-30", python=WAITING_SAYS_SO)
        waiting = start(project, "record", FILE, "ig-followers", "1600", "--date", "2026-05-31", python=WAITING_SAYS_SO)
        for writer in (killed, waiting):
            assert writer.stderr.readline() == "waiting for the lock\n", writer.communicate()
        assert killed.poll() is None and waiting.poll() is None
        killed.kill()
        assert killed.wait(timeout=60) == -9
        assert path.read_bytes() == original
    assert waiting.wait(timeout=60) == 0, waiting.communicate()[1]
    text = path.read_text(encoding="utf-8")
    assert "2026-05-31" in text and "2026-04-30" not in text
    assert leftovers(project / "strategies") == []


KILLED_BEFORE_RENAME = """
import os, signal, sys
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # the temporary file is written, not renamed
from strategy_bible.commands.cli import main
main(sys.argv[1:])
"""


def test_writers_killed_before_their_rename_leave_the_file_whole_and_no_pile_of_temporaries(project):
    path = project / FILE
    original = path.read_bytes()
    for month in (4, 5, 6):
        writer = start(
            project,
            "record",
            FILE,
            "ig-followers",
            "1500",
            "--date",
            f"2026-{month:02d}-30",
            python=KILLED_BEFORE_RENAME,
        )
        assert writer.wait(timeout=60) == -9, writer.communicate()
        assert path.read_bytes() == original
        assert len(leftovers(project / "strategies")) <= 1  # one temporary file at most, reused by the next write
    assert command(project, "record", FILE, "ig-followers", "1600", "--date", "2026-07-31").returncode == 0
    assert leftovers(project / "strategies") == []
    assert command(project, "validate", FILE).returncode == 0


def test_record_through_a_symbolic_link_writes_the_file_it_points_to(project):
    shared = project / "shared"
    shared.mkdir()
    (project / FILE).rename(shared / "acme.yml")
    (project / FILE).symlink_to(Path("..") / "shared" / "acme.yml")
    result = command(project, "record", FILE, "ig-followers", "1400", "--date", "2026-03-31")
    assert result.returncode == 0, result.stderr
    assert (project / FILE).is_symlink() and (project / FILE).resolve() == shared / "acme.yml"
    assert "{date: 2026-03-31, value: 1400}" in (shared / "acme.yml").read_text(encoding="utf-8")
    assert command(project, "check", FILE, "weekly-live", "1").returncode == 0
    assert "task: Book the Friday slot" in (shared / "acme.yml").read_text(encoding="utf-8")
    assert sorted(p.name for p in shared.iterdir()) == [".acme.yml.lock", "acme.yml"]  # locked where it is written
    assert sorted(p.name for p in (project / "strategies").iterdir()) == ["acme.yml"]


def test_record_and_check_a_file_with_carriage_return_line_endings(project):
    """Old Mac line endings (a carriage return alone), which `validate` accepts."""
    path = project / FILE
    path.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r"))
    assert command(project, "record", FILE, "ig-followers", "1400", "--date", "2026-03-31").returncode == 0
    assert command(project, "check", FILE, "weekly-live", "1").returncode == 0
    assert b"\n" not in path.read_bytes()
    expected = project / "lf.yml"
    expected.write_bytes(EXAMPLE.read_bytes())
    assert command(project, "record", "lf.yml", "ig-followers", "1400", "--date", "2026-03-31").returncode == 0
    assert command(project, "check", "lf.yml", "weekly-live", "1").returncode == 0
    assert path.read_bytes() == expected.read_bytes().replace(b"\n", b"\r")


def test_new_waits_for_the_lock_and_never_overwrites_a_file_written_meanwhile(project):
    from strategy_bible.commands.atomic import write_atomically
    from strategy_bible.commands.file_lock import locked

    path = project / "strategies" / "cafe.yml"
    with locked(path):  # another command, creating the same client
        writer = start(project, "new", "cafe", python=WAITING_SAYS_SO)
        assert writer.stderr.readline() == "waiting for the lock\n", writer.communicate()
        write_atomically(path, EXAMPLE.read_bytes())
    assert writer.wait(timeout=60) == 1
    assert "strategies/cafe.yml already exists, so nothing was written" in writer.communicate()[1]
    assert path.read_bytes() == EXAMPLE.read_bytes()
