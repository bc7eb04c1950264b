"""``publish --shard K/N`` against one whole ``publish`` of the same clients (issue 25).

On CI each shard is a job of its own on its own runner; here they run one after the other on the
same machine, each in its own process, so each shard's time can be set beside the whole
publish's: **shard ratio** = a shard's time / the whole publish's (the ideal is 1/N; what is
above it is the work every shard repeats: start-up, checking every strategy file, the theme's
files). Then ``strategy-bible merge`` joins the shards, and the merged site is compared, file by
file, with the whole publish's (``SOURCE_DATE_EPOCH`` is fixed so that both date their files alike).

    python -m benchmarks.shard_speed --clients 100 --shards 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .generate import make_project
from .timing import Run, environment, run

SECRET = "benchmark-secret-benchmark-secret-0123456789"
FIXED_DAY = "1780000000"


def strategy_bible(*args: str, cwd: Path) -> Run:
    done = run(
        [sys.executable, "-m", "strategy_bible.commands.cli", *args],
        cwd,
        {"STRATEGY_BIBLE_SECRET": SECRET, "SOURCE_DATE_EPOCH": FIXED_DAY},
        capture=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"strategy-bible {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done


def without_cache(config: Path) -> list[str]:
    """``--no-cache`` when publish has a cache (issue 25): every run here builds every client."""
    help_text = subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", "publish", "--help"],
        capture_output=True,
        text=True,
        env=environment(),
        cwd=config.parent,
        check=True,
    ).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def measure(clients: int, shards: int, workdir: Path) -> None:
    """Prints each figure as soon as it is measured."""
    config = make_project(workdir / f"shards-{clients}", clients)
    options = ["-f", str(config), *without_cache(config)]
    print(f"{clients} clients, {shards} shards; load average {os.getloadavg()[0]:.1f} before", flush=True)
    whole = strategy_bible("publish", *options, "--out", str(workdir / "whole"), cwd=config.parent)
    print(f"whole publish: {whole.seconds:.1f} s (CPU {whole.cpu_seconds:.1f} s)", flush=True)
    folders = [workdir / f"shard-{k}" for k in range(1, shards + 1)]
    for k, folder in enumerate(folders, start=1):
        part = strategy_bible("publish", *options, "--shard", f"{k}/{shards}", "--out", str(folder), cwd=config.parent)
        count = len([path for path in folder.iterdir() if path.is_dir() and path.name != "assets"])
        print(
            f"shard {k}/{shards} ({count} clients): {part.seconds:.1f} s (CPU {part.cpu_seconds:.1f} s): "
            f"{part.seconds / whole.seconds:.2f} × the whole (CPU {part.cpu_seconds / whole.cpu_seconds:.2f} ×)",
            flush=True,
        )
    merged = strategy_bible("merge", *map(str, folders), "--out", str(workdir / "merged"), cwd=config.parent)
    same = tree(workdir / "merged") == tree(workdir / "whole")
    print(f"merge: {merged.seconds:.1f} s (CPU {merged.cpu_seconds:.1f} s); merged site identical: {same}")
    print(f"load average {os.getloadavg()[0]:.1f} after", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--shards", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        measure(args.clients, args.shards, Path(folder))


if __name__ == "__main__":
    main()
