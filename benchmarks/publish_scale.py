"""``strategy-bible publish`` at agency scale, against one full ``mkdocs build`` of the same clients.

GitHub Pages serves at most 1 GB per site and stops a deployment after 10 minutes. Both commands
run in their own process, one after the other, on the same generated project:

- **publish ratio** = publish time / full-build time (target ≤ 1.3: publish uses every core);
- the output's size and number of files (targets: under 1 GB, aim under 400 MB; under 100,000 files),
  of which the files every client shares (the theme's, once);
- the isolation scan: no byte of the shared files holds a client's name, slug or share token.

    python -m benchmarks.publish_scale --clients 50,1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from strategy_bible.commands.share_links import token

from .generate import make_project
from .timing import Run, mkdocs_build, run

SECRET = "benchmark-secret-benchmark-secret-0123456789"


@dataclass
class PublishScale:
    clients: int
    build: Run
    publish: Run
    files: int
    mib: float
    shared_files: int
    shared_mib: float
    leaks: list[str]
    """Client names, slugs or tokens found in a shared file (none expected)."""

    @property
    def ratio(self) -> float:
        return self.publish.seconds / self.build.seconds


def measure(clients: int, workdir: Path) -> PublishScale:
    config = make_project(workdir / f"publish-{clients}", clients)
    built = mkdocs_build(config, workdir / f"publish-{clients}-site")
    out = workdir / f"publish-{clients}-out"
    published = run(
        [sys.executable, "-m", "strategy_bible.commands.cli", "publish", "-f", str(config), "--out", str(out)],
        config.parent,
        {"STRATEGY_BIBLE_SECRET": SECRET},
        capture=True,
    )
    if published.returncode != 0:
        raise RuntimeError(f"publish of {clients} clients failed:\n{published.stderr[-3000:]}")
    slugs = [path.stem for path in (config.parent / "strategies").glob("*.yml")]
    tokens = {token(SECRET, slug) for slug in slugs}
    files = [path for path in out.rglob("*") if path.is_file()]
    shared = [path for path in files if path.relative_to(out).parts[0] not in tokens]
    return PublishScale(
        clients,
        built,
        published,
        len(files),
        sum(path.stat().st_size for path in files) / 2**20,
        len(shared),
        sum(path.stat().st_size for path in shared) / 2**20,
        _leaks(shared, [*slugs, *tokens, *_names(config.parent / "strategies")]),
    )


def _names(strategies: Path) -> list[str]:
    """Each client's name, as the generated files write it (``  name: …`` under ``client:``)."""
    names = []
    for path in strategies.glob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        start = lines.index("client:")
        names += [
            line.split(":", 1)[1].strip().strip("\"'") for line in lines[start + 1 : start + 3] if "name:" in line
        ]
    return names


def _leaks(files: list[Path], needles: list[str]) -> list[str]:
    found = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace").lower()
        found += [f"{path.name}: {needle}" for needle in needles if needle.lower() in text]
    return found


def report(result: PublishScale) -> str:
    return (
        f"{result.clients:>5} clients: publish {result.publish.seconds:6.1f} s (CPU {result.publish.cpu_seconds:6.1f} s, "
        f"peak {result.publish.peak_rss_mib:5.0f} MiB) vs build {result.build.seconds:6.1f} s "
        f"(CPU {result.build.cpu_seconds:6.1f} s): ratio {result.ratio:.2f}; {result.mib:6.1f} MiB in "
        f"{result.files:,} files, shared {result.shared_mib:.1f} MiB in {result.shared_files} files, "
        f"{len(result.leaks)} leaks"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="50,1000", help="comma-separated sizes (default: 50,1000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        for clients in (int(n) for n in args.clients.split(",")):
            print(report(measure(clients, Path(folder))), flush=True)


if __name__ == "__main__":
    main()
