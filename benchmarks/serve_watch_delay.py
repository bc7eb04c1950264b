"""From saving a strategy file to ``mkdocs serve`` asking for a rebuild: MkDocs' own polling watch
(what the plugin used before issue 25) against the plugin's watch (the system's file events).

MkDocs' live server (never bound to a port, with its own polling interval of 0.5 s) watches a
strategies folder one way or the other; the file is saved at random points of the polling cycle
and the time until the server is asked to rebuild is recorded. No build runs: this is the part of
edit-to-served that does not depend on the site's size or the machine's load.

    python -m benchmarks.serve_watch_delay --saves 20
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from strategy_bible.plugin.serve_watch import ServeWatch


class _Server(LiveReloadServer):
    """Records when a rebuild is first asked for."""

    def __init__(self, root: str) -> None:
        self.asked_at: float | None = None
        super().__init__(lambda: None, "127.0.0.1", 0, root)

    @property
    def _want_rebuild(self) -> bool:
        return False

    @_want_rebuild.setter
    def _want_rebuild(self, value: bool) -> None:
        if value and self.asked_at is None:
            self.asked_at = time.perf_counter()


def measure(plugin_watch: bool, saves: int) -> list[float]:
    """Seconds from each save to the rebuild asked for."""
    with tempfile.TemporaryDirectory(prefix="sb-watch-delay-") as folder:
        strategies = Path(folder) / "strategies"
        strategies.mkdir()
        target = strategies / "client-0000.yml"
        target.write_text("client: {name: A}\n", encoding="utf-8")
        server = _Server(folder)
        watch = ServeWatch(server, strategies, []) if plugin_watch else None
        if watch is None:
            server.watch(str(strategies))
        else:
            watch.start()
        server.observer.start()
        pauses, delays = random.Random(saves), []
        try:
            for number in range(saves):
                time.sleep(0.6 + pauses.uniform(0, 0.5))  # a random point of the polling cycle
                server.asked_at = None
                saved = time.perf_counter()
                target.write_text(f"client: {{name: A{number}}}\n", encoding="utf-8")
                while server.asked_at is None and time.perf_counter() - saved < 5:
                    time.sleep(0.001)
                delays.append((server.asked_at or time.perf_counter()) - saved)
        finally:
            server.observer.stop()
            if watch is not None:
                watch.stop()
        return delays


def report(name: str, delays: list[float]) -> str:
    ms = [d * 1000 for d in delays]
    return (
        f"{name}: {statistics.mean(ms):.0f} ms on average (median {statistics.median(ms):.0f} ms, "
        f"at most {max(ms):.0f} ms) over {len(ms)} saves; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20, help="saves per watch (default: 20)")
    args = parser.parse_args()
    print(report("MkDocs' polling watch", measure(False, args.saves)), flush=True)
    print(report("the plugin's watch", measure(True, args.saves)), flush=True)


if __name__ == "__main__":
    main()
