"""Issue 23, "Data entry": careful data entry, run as a user runs the commands.

A measurement dated after today is refused by ``record``, a warning of ``validate`` and counts in no
verdict; figures written the French way are read; ``record`` says where the KPI stands; the
starter's placeholder texts are warnings and stop ``publish``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from strategy_bible.commands.share_links import token

from support import FIXTURES, command_in_process, make_project

EXAMPLE = FIXTURES / "valid" / "contract-example.yml"
FILE = "strategies/acme.yml"
TODAY = dt.date(2026, 3, 31)
SECRET = "a-test-secret-that-is-long-enough-0123456789"


def command(cwd: Path, *args: str, today: dt.date = TODAY) -> subprocess.CompletedProcess:
    """The command (in this process: what it writes and says is tested here), on a day fixed by
    SOURCE_DATE_EPOCH (the build's "now"), outside CI, with the secret publish needs."""
    env = {"STRATEGY_BIBLE_SECRET": SECRET, "SOURCE_DATE_EPOCH": str(calendar.timegm(today.timetuple()) + 12 * 3600)}
    return command_in_process(cwd, *args, env=env, unset=("CI", "GITHUB_ACTIONS"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    (tmp_path / FILE).write_bytes(EXAMPLE.read_bytes())
    return tmp_path


# --- item 8: a measurement after today ---------------------------------------------------------


def test_record_refuses_a_measurement_dated_after_today(project):
    before = (project / FILE).read_bytes()
    result = command(project, "record", FILE, "ig-followers", "2000", "--date", "2027-03-31")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "2027-03-31 is after today (2026-03-31)" in result.stderr
    assert (project / FILE).read_bytes() == before
    assert command(project, "record", FILE, "ig-followers", "1400", "--date", "2026-03-31").returncode == 0


def test_validate_warns_of_a_measurement_after_today_at_its_date(project):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      - {date: 2026-01-31, value: 1260}\n",
        "      - {date: 2026-01-31, value: 1260}\n      - {date: 2027-03-31, value: 2000}\n",
    )
    (project / FILE).write_text(text, encoding="utf-8")
    line = text.splitlines().index("      - {date: 2027-03-31, value: 2000}") + 1
    result = command(project, "validate", "--strict", FILE)
    assert result.returncode == 1
    assert (
        f"{FILE}:{line}:16: warning: kpis[ig-followers].measurements[#3].date: 2027-03-31 is after today "
        "(2026-03-31): this measurement counts in no verdict before its day; check its date (its year?)"
    ) in result.stderr.splitlines()
    assert command(project, "validate", "--strict", FILE, today=dt.date(2027, 4, 1)).returncode == 0


# --- item 9: figures written the French way, and where the KPI stands after record ---------------


def test_record_and_spend_read_the_decimal_comma_and_spaced_thousands(project):
    recorded = command(project, "record", FILE, "reach-revenue", "1\u202f234,5", "--date", "2026-03-31")
    assert recorded.returncode == 0, recorded.stderr
    assert "{date: 2026-03-31, value: 1234.5}" in (project / FILE).read_text(encoding="utf-8")
    (project / "strategies" / "whole.yml").write_bytes((FIXTURES / "valid" / "whole-bible.yml").read_bytes())
    spent = command(project, "spend", "strategies/whole.yml", "ads-afterworks", "1 200,5")
    assert spent.returncode == 0, spent.stderr
    assert "means[ads-afterworks].spent = 1200.5 (was 900)" in spent.stdout
    ambiguous = command(project, "record", FILE, "ig-followers", "1,400", "--date", "2026-03-31")
    assert ambiguous.returncode == 1 and "'1,400' could be 1400 or 1.400" in ambiguous.stderr


def test_record_prints_the_kpis_new_progress_and_verdict(project):
    result = command(project, "record", FILE, "ig-followers", "1 400", "--date", "2026-03-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{FILE}: kpis[ig-followers] +2026-03-31 = 1400",
        "kpis[ig-followers]: 1400 on 2026-03-31, 25% of the way from 1200 to 2000 (the pace expects 25%): "
        "success, so continue",
    ]


# --- item 13: the starter's placeholder texts --------------------------------------------------


def test_the_starters_placeholders_are_located_warnings_and_stop_publish(tmp_path):
    project = make_project(tmp_path / "p", {})
    assert command(project, "new", "boulangerie-martin").returncode == 0
    path = "strategies/boulangerie-martin.yml"
    text = (project / path).read_text(encoding="utf-8")
    sector = text.splitlines().index("  sector: Secteur d'activité du client") + 1

    checked = command(project, "validate", "--strict", "strategies")
    assert checked.returncode == 1
    assert (
        f"{path}:{sector}:11: warning: client.sector: 'Secteur d'activité du client' is the starter's placeholder "
        "text: write the client's own, or remove the key"
    ) in checked.stderr.splitlines()
    assert checked.stderr.count("is the starter's placeholder text") == 11

    refused = command(project, "publish", "--out", "public")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert (
        f"boulangerie-martin: 10 placeholder texts of the starter left (`strategy-bible validate {path}` says where)"
    ) in refused.stderr  # the notes are internal: never published
    assert token(SECRET, "boulangerie-martin") not in refused.stderr + refused.stdout
    assert not (project / "public").exists()

    allowed = command(project, "publish", "--out", "public", "--allow-placeholders")
    assert allowed.returncode == 0, allowed.stderr
    assert (project / "public" / token(SECRET, "boulangerie-martin") / "index.html").is_file()


def test_decide_judges_no_measurement_dated_after_today(project):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      - {date: 2026-01-31, value: 1260}\n",
        "      - {date: 2026-01-31, value: 1260}\n      - {date: 2027-03-31, value: 1000}\n",
    )
    (project / FILE).write_text(text, encoding="utf-8")
    result = command(project, "decide", FILE, "ig-followers", "continue", "--date", "2027-04-01")
    assert result.returncode == 0, result.stderr  # the typo's 'stop' would ask for a reason
    assert "the rule's decision on 2027-04-01: 'continue'" in result.stdout
