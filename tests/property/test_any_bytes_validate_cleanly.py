"""Property: whatever the bytes of a file, `validate` answers with its own clear errors, never a
Python exception, and `strategy-bible validate` exits with 0 or 1 and prints no traceback.

Inputs: arbitrary bytes, arbitrary text, and the contract's example file broken the ways people
and tools break files (a value replaced by something nasty, a line deleted, duplicated,
re-indented or cut, characters inserted; see :func:`shapes.mutated`). A broken file that still
validates must still build (the same check as test_valid_files_build.py).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_bible.commands.cli import main
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.loader import load_yaml_bytes
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import validate

from in_process import made
from shapes import BIDI, mutated

CONTRACT = Path(__file__).resolve().parents[1] / "fixtures/valid/contract-example.yml"
TEXT = CONTRACT.read_text(encoding="utf-8")
SHOWN = "strategies/acme.yml"
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PLACED = re.compile(r"^(strategies/acme\.yml|\S+\.yml):\d+:\d+: .+$")
FILES = st.one_of(st.binary(max_size=2000), st.text(max_size=400).map(str.encode), mutated(TEXT).map(str.encode))


def check(raw: bytes):
    """The loading and validation API: a result, or InvalidStrategy with placed, clean problems."""
    try:
        result = validate(load_yaml_bytes(raw, Path("acme.yml"), SHOWN))
    except InvalidStrategy as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message.strip()
            assert not set(str(problem)) & set(BIDI)
        return None
    return result


@PROPERTY
@given(raw=FILES)
def test_validate_answers_any_bytes_with_its_own_errors(raw):
    check(raw)


@PROPERTY
@given(text=mutated(TEXT), language=st.sampled_from(["fr", "en"]))
def test_a_broken_file_is_refused_or_builds(text, language):
    result = check(text.encode("utf-8"))
    if result is not None:
        made(result, language, SitePlan(single_client=True, home=None))


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(PROPERTY, max_examples=60)
@given(raw=FILES)
def test_the_validate_command_exits_0_or_1_without_a_traceback(folder, raw):
    path = folder / "acme.yml"
    path.write_bytes(raw)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    *problems, summary = result.output.rstrip("\n").split("\n")
    assert summary.startswith("1 file checked: ")
    for line in problems:
        assert line.startswith(str(path)) and re.match(r"^.+:\d+:\d+: ", line), line
