"""Numbers of thousands of digits, wherever a number is read: each command refuses them in one
located sentence. Python turns no whole number of more than 4,300 digits into text or back
(``ValueError: Exceeds the limit``), and YAML reads ``0x`` followed by 4,000 ``f`` as one: each
case here was a traceback before numbers were bounded on their text, before being read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_publish_command import SECRET
from test_publish_command import command as with_secret
from test_writing_commands import command

from support import FIXTURES, REPO, make_project, mkdocs_in_process

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")
HEX = "0x" + "f" * 4000
DIGITS = "1" * 5000
STRATEGY = "strategies/brasserie-du-canal.yml"
EXPORTS = FIXTURES / "exports"


def clean_refusal(result, *located: str) -> str:
    """Exit 1, no traceback, and each of ``located`` (a regular expression) in what it printed."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "Traceback" not in output and "Exceeds the limit" not in output, output[-3000:]
    for pattern in located:
        assert re.search(pattern, output), f"{pattern!r} not in:\n{output[-3000:]}"
    return output


def test_validate_refuses_a_capacity_of_4000_hex_digits_at_its_place(tmp_path):
    (tmp_path / "acme.yml").write_text(CONTRACT.replace("capacity: 40", f"capacity: {HEX}"), encoding="utf-8")
    clean_refusal(
        command(tmp_path, "validate", "acme.yml"),
        r"acme\.yml:83:15: events\[breakfast-march\]\.capacity: number too large: it is written with 4,000 digits; "
        r"a number has at most 30",
    )


def test_a_build_stops_on_it_with_the_same_sentence(tmp_path):
    project = make_project(tmp_path / "p", {"acme": CONTRACT.replace("capacity: 40", f"capacity: {HEX}")})
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "strategies/acme.yml:83:15: events[breakfast-march].capacity: number too large" in result.stderr


@pytest.fixture
def importing(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    shutil.copy(REPO / STRATEGY, tmp_path / STRATEGY)
    shutil.copytree(EXPORTS, tmp_path / "exports")
    return tmp_path


def test_import_refuses_a_meta_count_of_5000_digits_at_its_line(importing):
    export = importing / "exports" / "huge.csv"
    lines = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines) if line.startswith("18034567890123457,"))
    assert ',"6,120",' in lines[row]
    lines[row] = lines[row].replace(',"6,120",', f",{DIGITS},")
    export.write_text("".join(lines), encoding="utf-8")
    before = (importing / STRATEGY).read_bytes()
    clean_refusal(
        command(importing, "import", "exports/huge.csv", "--into", STRATEGY),
        r"exports/huge\.csv:\d+: column 'Reach': '1{30,}…': number too large: it is written with 5,000 digits",
    )
    assert (importing / STRATEGY).read_bytes() == before


def test_import_refuses_a_ga4_figure_of_5000_digits(importing):
    report = importing / "exports" / "huge-ga4.csv"
    report.write_text(
        (EXPORTS / "ga4-acquisition.csv")
        .read_text(encoding="utf-8")
        .replace("Organic Social,512,", f"Organic Social,{DIGITS},"),
        encoding="utf-8",
    )
    clean_refusal(
        command(
            importing,
            "import",
            "exports/huge-ga4.csv",
            "--map",
            "exports/ga4-organic-social.map.yml",
            "--into",
            STRATEGY,
        ),
        r"number too large: it is written with 5,000 digits",
    )


def test_import_refuses_a_mapping_whose_header_row_has_4000_hex_digits(importing):
    mapping = importing / "exports" / "huge.map.yml"
    mapping.write_text(
        (EXPORTS / "custom-posts.map.yml").read_text(encoding="utf-8") + f"header_row: {HEX}\n", encoding="utf-8"
    )
    clean_refusal(
        command(
            importing,
            "import",
            "exports/custom-ambiguous-dates.csv",
            "--map",
            "exports/huge.map.yml",
            "--into",
            STRATEGY,
        ),
        r"exports/huge\.map\.yml:9:13: header_row: number too large: it is written with 4,000 digits",
    )


def test_check_refuses_a_task_number_of_5000_digits(tmp_path):
    (tmp_path / "acme.yml").write_text(CONTRACT, encoding="utf-8")
    output = clean_refusal(command(tmp_path, "check", "acme.yml", "weekly-live", DIGITS), r"has no task 1{9}…")
    assert len(output) < 2000  # the task list, not the 5,000 digits


@pytest.mark.parametrize("args", [("record", "acme.yml", "ig-followers"), ("spend", "acme.yml", "ads-afterworks")])
def test_record_and_spend_refuse_a_figure_of_5000_digits_in_one_short_line(tmp_path, args):
    (tmp_path / "acme.yml").write_text(CONTRACT, encoding="utf-8")
    output = clean_refusal(
        command(tmp_path, *args, DIGITS), r"'1{9}…': number too large: it is written with 5,000 digits"
    )
    assert len(output) < 600


def test_decide_refuses_a_confidence_of_5000_digits_in_one_short_line(tmp_path):
    (tmp_path / "acme.yml").write_text(CONTRACT, encoding="utf-8")
    result = command(tmp_path, "decide", "acme.yml", "ig-followers", "continue", "--confidence", DIGITS)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--confidence" in result.stderr and "number too large" in result.stderr and len(result.stderr) < 600


@pytest.mark.parametrize("args", [("links",), ("publish", "--out", "public")])
def test_links_and_publish_refuse_a_rotation_of_5000_digits(tmp_path, args):
    project = make_project(tmp_path / "p", {"acme": CONTRACT})
    (project / "share-links.yml").write_text(f"acme: {DIGITS}\n", encoding="utf-8")
    output = clean_refusal(
        with_secret(project, *args), r"share-links\.yml:1:7: number too large: it is written with 5,000 digits"
    )
    assert SECRET not in output and len(output) < 2000
