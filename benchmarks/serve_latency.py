"""Edit-to-served latency of ``mkdocs serve``: from saving a strategy file to the page showing it.

Starts a real ``mkdocs serve --livereload`` on a free loopback port, waits for the first build,
then edits a client's name in its strategy file and polls the client's overview page until the
new name shows. The plugin hears of the save from the system's file events (inotify) at once, and
two worker processes kept for the serve start making the edited client (plugin.early_making);
MkDocs waits 0.1 s for more changes, then rebuilds the site and takes what they made. Before, MkDocs' polling of the
watched folders every half second noticed it: a quarter of a second more on average (edits are
made at random points of the polling cycle, so that old code measures fairly). With ``focus``,
the server is started with ``STRATEGY_BIBLE_CLIENTS=<slug>`` (one client of many, as in a
workshop); with ``dirty``, as ``mkdocs serve --dirty`` (an edit writes again the edited client's
pages and the home only): ``make serve`` runs that, ``make workshop`` both. With ``floor``, the
floor under ``--dirty``: the same site's Markdown (``strategy-bible render``, see floor.py) served by
MkDocs without the plugin, the client's overview page edited: what MkDocs and Material alone take
to notice one changed page of the site and serve it again.

    python -m benchmarks.serve_latency --clients 1,100 --edits 9 --focus --dirty --workshop
"""

from __future__ import annotations

import argparse
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .floor import plain_project
from .generate import make_project, slug
from .timing import environment

POLL = 0.01


@dataclass
class Latency:
    clients: int
    focus: bool
    first_build: float
    """Seconds from starting the server to the page being served."""
    edits: list[float]
    dirty: bool = False
    floor: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.edits)

    @property
    def label(self) -> str:
        label = f"{self.clients} client{'s' if self.clients > 1 else ''}"
        label += (", one in focus" if self.focus else "") + (", --dirty" if self.dirty else "")
        if self.floor:
            return label + " (the floor: its Markdown served without the plugin)"
        return label + (" (make workshop)" if self.focus and self.dirty else " (make serve)" if self.dirty else "")


def measure(
    clients: int,
    workdir: Path,
    edits: int = 3,
    focus: bool = False,
    timeout: float = 1800,
    dirty: bool = False,
    floor: bool = False,
) -> Latency:
    name = f"{'floor' if floor else 'serve'}-{clients}{'-focus' if focus else ''}{'-dirty' if dirty else ''}"
    config = make_project(workdir / name, clients)
    strategy = config.parent / "strategies" / f"{slug(0)}.yml"
    if floor:
        config, _ = plain_project(config, workdir / f"{name}-plain")
        # The page polled below: with one client, its overview is the home.
        strategy = config.parent / "docs" / ("index.md" if focus or clients == 1 else f"clients/{slug(0)}/index.md")
    port = _free_port()
    single = focus or clients == 1
    url = f"http://127.0.0.1:{port}/" + ("" if single else f"clients/{slug(0)}/")
    env = {"STRATEGY_BIBLE_CLIENTS": slug(0)} if focus else {}
    log = (config.parent / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            *(["--dirty"] if dirty else []),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=config.parent,
        env=environment(env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        original = strategy.read_text(encoding="utf-8")
        name = f"Client {0:04d}"
        _wait_for(url, name, server, started + timeout)
        first_build = time.perf_counter() - started
        latencies = []
        pauses = random.Random(clients)
        for number in range(1, edits + 1):
            # Let the server settle, then edit at a random point of MkDocs' half-second polling cycle:
            # a fixed pause would lock every edit to the same point of the cycle, hence the same wait.
            time.sleep(1.0 + pauses.uniform(0, 0.5))
            marker = f"{name} edit{number}x"
            edited = (
                original.replace(name, marker) if floor else original.replace(f'name: "{name}', f'name: "{marker}', 1)
            )
            saved = time.perf_counter()
            strategy.write_text(edited, encoding="utf-8")
            _wait_for(url, marker, server, saved + timeout)
            latencies.append(time.perf_counter() - saved)
        return Latency(clients, focus, first_build, latencies, dirty, floor)
    finally:
        server.send_signal(signal.SIGINT)  # MkDocs stops cleanly on Ctrl-C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_for(url: str, text: str, server: subprocess.Popen, deadline: float) -> None:
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", errors="replace"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} in time")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def report(result: Latency) -> str:
    edits = ", ".join(f"{seconds:.2f}" for seconds in result.edits)
    return (
        f"{result.label}: edit-to-served {result.median:.2f} s (median of {edits} s); "
        f"first build served after {result.first_build:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,100", help="comma-separated sizes (default: 1,100)")
    parser.add_argument("--edits", type=int, default=3, help="edits per server (default: 3)")
    parser.add_argument("--focus", action="store_true", help="also serve the largest size with one client in focus")
    parser.add_argument("--dirty", action="store_true", help="also serve each size with --dirty (make serve)")
    parser.add_argument("--dirty-only", action="store_true", help="serve each size with --dirty only")
    parser.add_argument(
        "--workshop", action="store_true", help="also serve the largest size as make workshop: one in focus, --dirty"
    )
    parser.add_argument(
        "--floor", action="store_true", help="also serve each size's Markdown without the plugin, with --dirty"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        for clients in sizes:
            print(report(measure(clients, Path(folder), args.edits, dirty=args.dirty_only)), flush=True)
        if args.focus:
            print(report(measure(max(sizes), Path(folder), args.edits, focus=True)), flush=True)
        if args.workshop:
            print(report(measure(max(sizes), Path(folder), args.edits, focus=True, dirty=True)), flush=True)
        if args.floor:
            for clients in sizes:
                print(report(measure(clients, Path(folder), args.edits, dirty=True, floor=True)), flush=True)
        if args.dirty and not args.dirty_only:
            for clients in sizes:
                print(report(measure(clients, Path(folder), args.edits, dirty=True)), flush=True)


if __name__ == "__main__":
    main()
