"""Issue 23, item 11: `strategy-bible attend` (an event's registrations and attendees) and
`strategy-bible calendar` (a calendar item's status), with `record`'s guarantees: one change,
every other byte kept, the file validated, a refusal in one line that leaves the file alone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support import FIXTURES, command_in_process

WHOLE = FIXTURES / "valid" / "whole-bible.yml"
FILE = "strategies/acme.yml"


def command(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The command in this process: what it writes and says is tested here, a writing command's
    process in test_writing_commands.py."""
    return command_in_process(cwd, *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    (tmp_path / FILE).write_bytes(WHOLE.read_bytes())
    return tmp_path


def refused(project: Path, *args: str) -> str:
    before = (project / FILE).read_bytes(), (project / FILE).stat().st_mtime_ns
    result = command(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert ((project / FILE).read_bytes(), (project / FILE).stat().st_mtime_ns) == before
    return result.stderr


def test_attend_sets_registrations_and_attendees_and_nothing_else(project):
    result = command(project, "attend", FILE, "afterwork-november", "--registrations", "38", "--attendees", "30")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{FILE}: events[afterwork-november] registrations = 38 (was 32), attendees = 30 (was 25)\n"
    expected = WHOLE.read_text(encoding="utf-8").replace(
        "    registrations: 32\n    attendees: 25\n", "    registrations: 38\n    attendees: 30\n", 1
    )
    assert (project / FILE).read_text(encoding="utf-8") == expected


def test_attend_adds_the_keys_an_event_does_not_have_yet(project):
    text = WHOLE.read_text(encoding="utf-8").replace("    registrations: 32\n    attendees: 25\n", "", 1)
    (project / FILE).write_text(text, encoding="utf-8")
    assert command(project, "attend", FILE, "afterwork-november", "--attendees", "12").returncode == 0
    after = (project / FILE).read_text(encoding="utf-8")
    assert after.count("\n") == text.count("\n") + 1 and "    attendees: 12\n" in after


def test_attend_refusals(project):
    assert "has no event 'afterwork-novembr' (did you mean 'afterwork-november'?)" in refused(
        project, "attend", FILE, "afterwork-novembr", "--attendees", "5"
    )
    assert "nothing to set: give --registrations N, --attendees N or both" in refused(
        project, "attend", FILE, "afterwork-november"
    )
    assert "--attendees must be a whole number of 0 or more, not -3" in refused(
        project, "attend", FILE, "afterwork-november", "--attendees=-3"
    )


def test_calendar_sets_a_status_and_nothing_else(project):
    result = command(project, "calendar", FILE, "summer-terrace", "--status", "published")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{FILE}: calendar[summer-terrace].status = published (was approved)\n"
    before = WHOLE.read_text(encoding="utf-8")
    at = before.index("  - id: summer-terrace")
    expected = before[:at] + before[at:].replace("    status: approved\n", "    status: published\n", 1)
    assert (project / FILE).read_text(encoding="utf-8") == expected
    again = command(project, "calendar", FILE, "summer-terrace", "--status", "published")
    assert again.returncode == 0 and "is published already; nothing to change" in again.stdout


def test_calendar_adds_a_missing_status_and_refuses_a_wrong_one(project):
    text = WHOLE.read_text(encoding="utf-8")
    at = text.index("  - id: summer-terrace")
    text = text[:at] + text[at:].replace("    status: approved\n", "", 1)
    (project / FILE).write_text(text, encoding="utf-8")
    result = command(project, "calendar", FILE, "summer-terrace", "--status", "approved")
    assert result.returncode == 0 and "(was idea)" in result.stdout, result.stderr
    assert (project / FILE).read_text(encoding="utf-8").replace("    status: approved\n", "") == text.replace(
        "    status: approved\n", ""
    )
    assert "'aproved' is not a status; use idea, draft, approved, published, dropped (did you mean 'approved'?)" in (
        refused(project, "calendar", FILE, "summer-terrace", "--status", "aproved")
    )
    assert "has no calendar item 'summer-terase' (did you mean 'summer-terrace'?)" in refused(
        project, "calendar", FILE, "summer-terase", "--status", "draft"
    )
