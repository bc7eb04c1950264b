"""Helpers shared by the tests: temporary bible projects, real `mkdocs build` runs, a local HTTP
server, and the chromium that playwright drives."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from strategy_bible.commands.pdf_printing import ARGUMENTS
from strategy_bible.plugin.config import AUDIENCE_VARIABLE, CLIENTS_VARIABLE

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("STRATEGY_BIBLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ARGUMENTS
"""The tests launch chromium as `strategy-bible pdf` does."""


# --- projects and builds ---------------------------------------------------------------------


def make_project(
    root: Path,
    strategies: dict[str, str | Path] | None = None,
    *,
    plugin_config: str = "",
    mkdocs_extra: str = "",
    pages: bool = True,
) -> Path:
    """A bible project in ``root``: the repository's mkdocs.yml and pages, and the given strategy
    files (``{"slug": text or path}``) — the repository's examples when none are given."""
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if plugin_config:
        config = config.replace(
            "      strategies_dir: strategies\n", "      strategies_dir: strategies\n" + plugin_config
        )
    (root / "mkdocs.yml").write_text(config + mkdocs_extra, encoding="utf-8")
    if pages:
        shutil.copytree(REPO / "pages", root / "pages")
    else:
        (root / "pages").mkdir()
    target = root / "strategies"
    if strategies is None:
        shutil.copytree(REPO / "strategies", target)
    else:
        target.mkdir()
        for slug, source in strategies.items():
            text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
            (target / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


def mkdocs(
    project: Path, *args: str, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs`` command on a project, as a user would."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for name in (AUDIENCE_VARIABLE, CLIENTS_VARIABLE):
        if env is None or name not in env:
            environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def mkdocs_in_process(
    project: Path, *args: str, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """``mkdocs()`` in this process (MkDocs' own click command under click's runner), for the tests
    that read what a build printed and its exit code, not its process: a start is over a second of
    CPU. MkDocs' log handler, its duplicate filter (it would hide a message an earlier build gave)
    and its warnings settings are put back afterwards. An exception other than the command's exit
    is written to stderr as Python's traceback, with exit code 1, as the real command would."""
    import logging
    import traceback
    import warnings

    from click.testing import CliRunner
    from mkdocs.__main__ import cli
    from mkdocs.commands import build as mkdocs_build

    logger = logging.getLogger("mkdocs")
    kept = (logger.level, logger.propagate, list(logger.handlers), list(mkdocs_build.log.filters))
    with command_environment(project, env), warnings.catch_warnings():
        try:
            result = CliRunner().invoke(cli, list(args))
        finally:
            logger.setLevel(kept[0])
            logger.propagate = kept[1]
            logger.handlers[:] = kept[2]
            mkdocs_build.log.filters[:] = kept[3]
    stderr, code = result.stderr, result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
        code = 1
    if check and code != 0:
        raise AssertionError(f"mkdocs {' '.join(args)} failed ({code}):\n{stderr}")
    return subprocess.CompletedProcess(["mkdocs", *args], code, result.stdout, stderr)


def build(project: Path, *args: str, env: dict[str, str] | None = None, strict: bool = True) -> Path:
    """``mkdocs build --strict [-d SITE]`` of a project (``strict=False``: without --strict), as
    the command runs it but in this process: a command's start (over a second of CPU: Python,
    MkDocs, the theme) is not what the tests that only read the built site are about, and they
    build hundreds of times. An error raises, and a warning too when strict.
    ``mkdocs(project, "build", ...)`` runs the real command (its output, its exit code)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    options = dict(zip(args[::2], args[1::2], strict=True))
    site = project / options.pop("-d", "site")
    assert not options, f"build() takes -d only, not {options}"
    with command_environment(project, env):
        config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    return site


@contextmanager
def command_environment(project: Path, env: dict[str, str] | None) -> Iterator[None]:
    """In ``project`` with ``env`` as ``mkdocs()`` would run the command (no audience or clients
    variable of the shell's unless given), all put back afterwards."""
    before, folder = dict(os.environ), Path.cwd()
    for name in (AUDIENCE_VARIABLE, CLIENTS_VARIABLE):
        os.environ.pop(name, None)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(before)


# --- serving ---------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free localhost port; yields the base URL (ending with '/')."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def json_ready(value: Any) -> Any:
    """Loaded YAML as JSON would hold it (dates as ISO text), to check it against the JSON Schema."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# --- PDFs ---------------------------------------------------------------------------------------


def strategy_bible(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``strategy-bible`` command in a project, as a user would (no audience or
    clients variable of the shell's leaks in)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STRATEGY_BIBLE_CHROMIUM": CHROMIUM, **(env or {})}
    for name in (AUDIENCE_VARIABLE, CLIENTS_VARIABLE):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def command_in_process(
    project: Path, *args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """``strategy_bible()`` in this process (click's test runner), for the tests of what a command
    writes and says rather than of its process: a command's start is over a second of CPU. An
    exception other than the command's own exit is raised, as a traceback would show. ``unset``:
    variables of the shell's the command must not see."""
    from click.testing import CliRunner

    from strategy_bible.commands.cli import main

    with command_environment(project, {"STRATEGY_BIBLE_CHROMIUM": CHROMIUM, **(env or {})}):
        for name in unset:
            os.environ.pop(name, None)
        result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["strategy-bible", *args], result.exit_code, result.stdout, result.stderr)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pypdf), every run of white space one space, ligatures (ﬀ)
    as their letters. Read once per version of the file: a 45-page PDF takes seconds."""
    state = Path(path).stat()
    return list(_pdf_pages(str(path), state.st_mtime_ns, state.st_size))


@functools.lru_cache(maxsize=16)
def _pdf_pages(path: str, modified: int, size: int) -> tuple[str, ...]:
    from pypdf import PdfReader

    return tuple(" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in PdfReader(path).pages)
