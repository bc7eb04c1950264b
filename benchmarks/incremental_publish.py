"""``strategy-bible publish`` with its cache (issue 25): one client changed since the last publish,
against a full publish of the same clients.

Each publish runs in its own process, one after the other, on one generated project and a fixed
``SOURCE_DATE_EPOCH`` (the three publishes share their day, as a day's runs in CI do):

1. a full publish without cache (``--no-cache``): what every publish cost before;
2. a publish into an empty cache: the same builds, plus a copy of every folder into the cache;
3. one strategy file changed, a publish with the warm cache: one client built, the others copied.

- **incremental ratio** = (3) / (1) (target ≤ 0.15);
- **cold ratio** = (2) / (1): what keeping the cache costs the first publish of a day.

    python -m benchmarks.incremental_publish --clients 100
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .generate import make_project
from .timing import Run, run

SECRET = "benchmark-secret-benchmark-secret-0123456789"
DAY = "1780000000"


@dataclass
class IncrementalPublish:
    clients: int
    full: Run
    cold: Run
    warm: Run
    said: str
    """What the warm publish printed about the cache (how many reused, how many built)."""

    @property
    def ratio(self) -> float:
        return self.warm.seconds / self.full.seconds

    @property
    def cold_ratio(self) -> float:
        return self.cold.seconds / self.full.seconds


def measure(clients: int, workdir: Path) -> IncrementalPublish:
    config = make_project(workdir / f"incremental-{clients}", clients)
    cache = workdir / f"incremental-{clients}-cache"

    def publish(label: str, *options: str) -> Run:
        out = workdir / f"incremental-{clients}-{label}"
        args = ["publish", "-f", str(config), "--out", str(out), *options]
        result = run(
            [sys.executable, "-m", "strategy_bible.commands.cli", *args],
            config.parent,
            {"STRATEGY_BIBLE_SECRET": SECRET, "SOURCE_DATE_EPOCH": DAY},
            capture=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"publish ({label}) of {clients} clients failed:\n{result.stderr[-3000:]}")
        return result

    full = publish("full", "--no-cache")
    cold = publish("cold", "--cache", str(cache))
    files = sorted((config.parent / "strategies").glob("*.yml"))
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "# one change since the last publish\n", encoding="utf-8")
    warm = publish("warm", "--cache", str(cache))
    said = next((line for line in warm.stdout.splitlines() if "reused" in line), "")
    return IncrementalPublish(clients, full, cold, warm, said)


def report(result: IncrementalPublish) -> str:
    return (
        f"{result.clients:>5} clients, one changed: warm-cache publish {result.warm.seconds:5.1f} s "
        f"(CPU {result.warm.cpu_seconds:5.1f} s) vs full publish {result.full.seconds:5.1f} s "
        f"(CPU {result.full.cpu_seconds:5.1f} s): ratio {result.ratio:.3f}; first publish into an empty "
        f"cache {result.cold.seconds:5.1f} s (ratio {result.cold_ratio:.2f}); {result.said}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="100", help="comma-separated sizes (default: 100)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        for clients in (int(n) for n in args.clients.split(",")):
            print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
            print(report(measure(clients, Path(folder))), flush=True)
            print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
