"""Full ``mkdocs build`` time, pages per second and peak memory, by number of clients.

Each build is a real ``mkdocs build`` in its own process, as a user runs it (interpreter start and
imports included), of a generated project (:mod:`benchmarks.generate`) in a temporary folder.
Peak memory is the maximum resident set size of that process.

    python -m benchmarks.build_speed --clients 10,100,1000
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .generate import make_project
from .timing import count_pages, mkdocs_build


@dataclass
class BuildSpeed:
    clients: int
    pages: int
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds

    @property
    def ms_per_client(self) -> float:
        return 1000 * self.seconds / self.clients


def measure(clients: int, workdir: Path, repeat: int = 1) -> BuildSpeed:
    """Build a ``clients``-client project ``repeat`` times; keep the fastest run."""
    config = make_project(workdir / f"project-{clients}", clients)
    site = workdir / f"site-{clients}"
    runs = [mkdocs_build(config, site) for _ in range(repeat)]
    best = min(runs, key=lambda r: r.seconds)
    return BuildSpeed(clients, count_pages(site), best.seconds, best.cpu_seconds, max(r.peak_rss_mib for r in runs))


def report(result: BuildSpeed) -> str:
    return (
        f"{result.clients:>5} clients: {result.pages:>5} pages in {result.seconds:7.1f} s "
        f"(CPU {result.cpu_seconds:7.1f} s), {result.pages_per_second:5.1f} pages/s, "
        f"{result.ms_per_client:6.0f} ms/client, peak memory {result.peak_rss_mib:6.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10,100,1000", help="comma-separated sizes (default: 10,100,1000)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        for clients in (int(n) for n in args.clients.split(",")):
            print(report(measure(clients, Path(folder), args.repeat)), flush=True)


if __name__ == "__main__":
    main()
