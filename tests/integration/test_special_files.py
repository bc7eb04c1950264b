"""Paths that are not strategy files to read: a huge sparse file, a device, a named pipe.

`validate`, `record` and `mkdocs build` refuse each at once, with the file and the reason, without
reading more than the size limit: the commands run here with little memory (a file read whole would
end in a MemoryError) and a time-out (a named pipe opened for reading would wait for ever).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_bible.strategy.loader import MAX_BYTES

from support import FIXTURES, make_project

MEMORY = 768 * 2**20
"""Address space of each command: enough to build a small bible, far from the sparse file's size."""
SPARSE = 2 * 2**30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )


def sparse(path: Path) -> str:
    with path.open("wb") as handle:
        handle.truncate(SPARSE)  # a hole: nothing on disk, 2 GiB when read
    return f"the file is {SPARSE:,} bytes; a strategy file may hold at most {MAX_BYTES:,}"


def device(path: Path) -> str:
    path.symlink_to("/dev/zero")  # reads never end
    return "this is not a regular file but a device; a strategy file is a plain text file"


def pipe(path: Path) -> str:
    os.mkfifo(path)  # opening it for reading waits for a writer
    return "this is not a regular file but a named pipe; a strategy file is a plain text file"


KINDS = {"sparse-2GiB": sparse, "dev-zero": device, "fifo": pipe}


@pytest.fixture(params=KINDS)
def special(request, tmp_path: Path) -> tuple[Path, str]:
    """A project with one valid client and ``strategies/odd.yml``, a special file; the message expected."""
    project = make_project(tmp_path / "p", {"acme": FIXTURES / "valid" / "contract-example.yml"})
    return project, KINDS[request.param](project / "strategies" / "odd.yml")


def test_validate_refuses_it(special):
    project, message = special
    for args in ([], ["strategies/odd.yml"]):
        result = run(project, "strategy_bible.commands.cli", "validate", *args)
        assert result.returncode == 1, result.stderr
        assert f"strategies/odd.yml:1:1: {message}\n" in result.stderr
        assert "Traceback" not in result.stderr


def test_record_refuses_it(special):
    project, message = special
    result = run(project, "strategy_bible.commands.cli", "record", "strategies/odd.yml", "ig-followers", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"strategies/odd.yml:1:1: {message}\n" in result.stderr
    assert sorted(p.name for p in (project / "strategies").iterdir()) == ["acme.yml", "odd.yml"]  # no lock made


def test_mkdocs_build_refuses_it(special):
    project, message = special
    result = run(project, "mkdocs", "build")
    assert result.returncode == 1
    assert f"strategies/odd.yml:1:1: {message}" in result.stderr


def test_validate_refuses_dev_zero_given_by_its_name(tmp_path):
    result = run(tmp_path, "strategy_bible.commands.cli", "validate", "/dev/zero")
    assert result.returncode == 1
    assert (
        result.stderr
        == "/dev/zero:1:1: this is not a regular file but a device; a strategy file is a plain text file\n"
    )
