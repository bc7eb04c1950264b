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


@contextmanager
def mkdocs_serve(project: Path, log: Path, *options: str, engine: str = "mkdocs") -> Iterator[str]:
    """``mkdocs serve OPTIONS`` of ``project`` on a free port, its output in ``log``, without the
    audience and focus of the environment; yields the base URL once the home answers. ``engine``:
    the module that serves (``properdocs``, MkDocs' maintained fork, takes the same options)."""
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
