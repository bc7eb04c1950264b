"""The plugin's own share of a build: time spent in its hooks against the whole build.

The build runs in a child process, in-process there (``mkdocs.commands.build.build``), with every
hook of :class:`~strategy_bible.plugin.hooks.StrategyBiblePlugin` wrapped in a timer. The hooks do the
plugin's work: read and validate the strategy files, render the pages, shape the navigation. The
time MkDocs then spends turning the generated pages into HTML is MkDocs' time (a plain Markdown
site costs it too: see :mod:`benchmarks.floor`).

    overhead ratio = total / (total - plugin)

With many clients the plugin reads and renders them in worker processes (``workers`` setting)
while MkDocs works: the hooks' time is then what the build waits for them. Their CPU time is not
hidden: the CPU-time ratio counts it as the plugin's, against MkDocs' process's CPU time outside
the hooks.

    python -m benchmarks.plugin_share --clients 200
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .generate import make_project
from .timing import run, timed_hooks


@dataclass
class PluginShare:
    clients: int
    workers: int | None
    """The plugin's ``workers`` setting (None: the default, one per core)."""
    total: float
    """Wall-clock seconds of the whole build (configuration loaded, site written)."""
    plugin: float
    """Wall-clock seconds inside the plugin's hooks."""
    total_cpu: float
    plugin_cpu: float
    workers_cpu: float = 0.0
    """CPU seconds of the worker processes (reading and rendering clients beside MkDocs)."""
    hooks: dict[str, float] = field(default_factory=dict)

    @property
    def overhead(self) -> float:
        return self.total / (self.total - self.plugin)

    @property
    def overhead_cpu(self) -> float:
        return (self.total_cpu + self.workers_cpu) / (self.total_cpu - self.plugin_cpu)


def build_in_process(config_file: Path, site_dir: Path) -> dict:
    """One timed build in this process (what the child runs)."""
    import resource

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    with timed_hooks(wall, cpu):
        started, started_cpu = time.perf_counter(), time.process_time()
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        total, total_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the plugin waits for its workers to end
    return {
        "total": total,
        "plugin": sum(wall.values()),
        "total_cpu": total_cpu,
        "plugin_cpu": sum(cpu.values()),
        "workers_cpu": workers.ru_utime + workers.ru_stime,
        "hooks": wall,
    }


def measure(clients: int, workdir: Path, workers: int | None = None) -> PluginShare:
    config = make_project(workdir / f"share-{clients}", clients, workers=workers)
    child = run(
        [sys.executable, "-m", "benchmarks.plugin_share", "--inner", str(config), str(workdir / "share-site")],
        Path(__file__).resolve().parents[1],
        capture=True,
    )
    if child.returncode != 0:
        raise RuntimeError(f"the timed build failed:\n{child.stderr[-3000:]}")
    return PluginShare(clients, workers, **json.loads(child.stdout))


def report(result: PluginShare) -> str:
    hooks = ", ".join(
        f"{name} {seconds:.2f} s"
        for name, seconds in sorted(result.hooks.items(), key=lambda kv: -kv[1])
        if seconds >= 0.005
    )
    setting = "default workers" if result.workers is None else f"workers: {result.workers}"
    return (
        f"{result.clients} clients ({setting}): build {result.total:.1f} s, plugin hooks {result.plugin:.1f} s "
        f"({100 * result.plugin / result.total:.0f} %): overhead ratio {result.overhead:.2f} "
        f"(CPU time: {result.overhead_cpu:.2f}, with {result.workers_cpu:.1f} s in worker processes); {hooks}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--workers", type=int, help="the plugin's workers setting (default: left out)")
    parser.add_argument("--inner", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        print(json.dumps(build_in_process(Path(args.inner[0]), Path(args.inner[1]))))
        return
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        print(report(measure(args.clients, Path(folder), args.workers)), flush=True)


if __name__ == "__main__":
    main()
