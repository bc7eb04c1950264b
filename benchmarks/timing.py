"""Shared helpers: run a build in a child process and measure it; time the plugin's hooks."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from strategy_bible.plugin import StrategyBiblePlugin

HOOKS = [name for name in dir(StrategyBiblePlugin) if name.startswith("on_")]


@dataclass
class Run:
    seconds: float
    """Wall-clock time."""
    cpu_seconds: float
    """User and system time of the child: less sensitive than wall time to other work on the machine."""
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The current environment, without the plugin's overrides unless given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        env.pop(name, None)
    return {**env, **(extra or {})}


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, capture: bool = False) -> Run:
    """Run a command to its end: wall time, CPU time and peak memory (max RSS) of that child alone
    (``wait4`` reads the usage of that one process; output goes through files, not pipes, so
    nothing but ``wait4`` reaps it)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=environment(env), text=True, stderr=err,
                                 stdout=out if capture else subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode,
                   out.read(), err.read())


def mkdocs_build(config_file: Path, site_dir: Path, env: dict[str, str] | None = None) -> Run:
    """``mkdocs build`` as a user runs it, in its own process; raises if the build fails."""
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)],
                 config_file.parent, env)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build of {config_file} failed:\n{result.stderr[-3000:]}")
    return result


@contextmanager
def timed_hooks(wall: dict[str, float], cpu: dict[str, float]):
    """Add the time spent in each hook of the plugin to ``wall`` and ``cpu`` (by hook name). Patches
    the class: MkDocs registers the bound methods when the configuration is loaded, so enter this
    before ``load_config``."""
    originals = {name: getattr(StrategyBiblePlugin, name) for name in HOOKS}

    def timer(name, method):
        @wraps(method)  # keeps the priority MkDocs reads from the method
        def timed(*args, **kwargs):
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                wall[name] = wall.get(name, 0.0) + time.perf_counter() - started
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - started_cpu
        return timed

    for name, method in originals.items():
        setattr(StrategyBiblePlugin, name, timer(name, method))
    try:
        yield
    finally:
        for name, method in originals.items():
            setattr(StrategyBiblePlugin, name, method)


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html") if _.name != "404.html")

