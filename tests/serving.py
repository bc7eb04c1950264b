"""A real ``mkdocs serve`` for the tests that edit files while it runs: start it on a free port,
fetch its pages, wait for a rebuild to show."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """The status and the text of ``url`` (HTML entities decoded); 0 while the server is not up."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, html.unescape(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not answering yet
        return 0, ""


def wait_for(check, what: str, log: Path, seconds: float = 60) -> None:
    """Poll until ``check()`` holds; MkDocs' watcher polls every half second, then rebuilds."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not seen after {seconds} s\n{log.read_text()}")
        time.sleep(0.3)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


NO_EARLY_MAKING = "      workers: 0\n"
"""In the plugin's settings: no worker process, so no early making (plugin/early_making.py)."""


@contextmanager
def mkdocs_serve(
    project: Path, log: Path, *options: str, engine: str = "mkdocs", early_making: bool = False
) -> Iterator[str]:
    """``mkdocs serve OPTIONS`` of ``project`` on a free port, its output in ``log``, without the
    audience and focus of the environment; yields the base URL once the home answers. ``engine``:
    the module that serves (``properdocs``, MkDocs' maintained fork, takes the same options).
    Without ``early_making``, the project's settings say ``workers: 0`` (unless they name a number):
    the two worker processes a serve keeps for it (over a second of CPU each to start) serve only
    the tests that are about them; tests/integration/test_early_making.py proves that a client made
    early is the one the rebuild makes, byte for byte."""
    if not early_making:
        without_early_making(project / "mkdocs.yml")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", engine, "serve", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: server.poll() is None and fetch(url)[0] == 200, "the first page", log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def without_early_making(config: Path) -> None:
    """``workers: 0`` in the plugin's settings of ``config``, unless they name a number already."""
    text = config.read_text(encoding="utf-8")
    if "      workers:" not in text:
        anchor = "      strategies_dir: strategies\n"
        assert anchor in text, f"{config}: no strategy-bible settings to add workers: 0 to"
        config.write_text(text.replace(anchor, anchor + NO_EARLY_MAKING, 1), encoding="utf-8")
