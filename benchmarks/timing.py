"""Shared helpers: run a build in a child process and measure it; time the plugin's hooks."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from strategy_bible.plugin.hooks import StrategyBiblePlugin

HOOKS = [name for name in dir(StrategyBiblePlugin) if name.startswith("on_")]


@dataclass
class Run:
    seconds: float
    """Wall-clock time."""
    cpu_seconds: float
    """User and system time of the child: less sensitive than wall time to other work on the machine."""
    peak_rss_mib: float
    """The most memory the command used at once: its processes' resident sizes added up (the
    plugin's worker processes too), sampled ten times a second — and never less than the largest
    peak of one process alone, which the kernel records exactly."""
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
    """Run a command to its end: wall time, CPU time and peak memory of that child and the
    processes it started (``wait4`` reads the usage of the child with its waited-for children;
    output goes through files, not pipes, so nothing but ``wait4`` reaps it)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            args, cwd=cwd, env=environment(env), text=True, stderr=err, stdout=out if capture else subprocess.DEVNULL
        )
        sampler = _TreeMemory(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            usage.ru_utime + usage.ru_stime,
            max(usage.ru_maxrss / 1024, sampler.peak_mib),
            child.returncode,
            out.read(),
            err.read(),
        )


class _TreeMemory(threading.Thread):
    """The largest sum of resident memory of a process and its descendants, sampled (Linux /proc)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mib, self.stop = pid, 0.0, threading.Event()

    def run(self) -> None:
        page_mib = os.sysconf("SC_PAGE_SIZE") / 2**20
        while not self.stop.wait(0.1):
            pages = sum(_resident_pages(pid) for pid in _tree(self.pid))
            self.peak_mib = max(self.peak_mib, pages * page_mib)


def _tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    queue.extend(int(child) for child in handle.read().split())
        except OSError:  # ended meanwhile, or no /proc here
            pass
    return found


def _resident_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def mkdocs_build(config_file: Path, site_dir: Path, env: dict[str, str] | None = None) -> Run:
    """``mkdocs build`` as a user runs it, in its own process; raises if the build fails."""
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)],
        config_file.parent,
        env,
    )
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
