"""Run every benchmark in one go, print the figures and, with ``--out``, write them as a Markdown page.

python -m benchmarks --out docs/benchmarks.md     # the full run (make bench): about 15 minutes
python -m benchmarks --quick                      # a few minutes, smaller sizes, prints only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from strategy_bible.plugin.workers import MIN_CLIENTS

from . import build_speed, floor, incremental_publish, plugin_share, publish_scale, serve_latency

REPO = Path(__file__).resolve().parents[1]

FULL = {
    "sizes": (10, 100, 1000),
    "share": 200,
    "serve": (1, 100),
    "edits": 9,
    "publish": (50, 1000),
    "incremental": 100,
}
QUICK = {"sizes": (10, 50), "share": 20, "serve": (1, 10), "edits": 5, "publish": (20,), "incremental": 10}
"""Sizes of the full builds; clients of the share and floor builds; of the served sites; edits of a
one-client (or focused) site — a hundred-client site gets two, each rebuild being long."""

TARGETS = {
    "overhead": 1.10,  # total / (total - plugin) at the share size
    "floor": 1.15,  # plugin build / plain-Markdown build
    "memory_mib": 2048,  # peak at the largest size
    "scaling": 1.2,  # time per client, largest size / 100 clients (or the size before)
    "edit_one": 0.6,  # seconds, one-client edit-to-served, `serve --dirty` as make serve runs it (issue 25)
    "edit_dirty": 0.8,  # seconds, edit-to-served of the largest served site, every client, `serve --dirty` (issue 25)
    "publish": 1.3,  # publish time / one full build of the same clients
    "publish_mib": 1024,  # GitHub Pages' limit for a site (aim: under 400 MB)
    "publish_files": 100_000,
    "incremental": 0.15,  # publish with a warm cache, one client changed / a full publish (issue 25)
}
OLD_PUBLISH = {"clients": 50, "seconds": 33.9, "build": 16.0, "mib": 151, "files": 2755}
"""``publish`` before the theme's files were shared (commit 3db06fd, the same machine): one build per client."""
OLD_DIRTY = 26.04
"""Edit-to-served of 100 clients served whole before ``--dirty`` (commit 1931210)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a quick look, not the published figures")
    parser.add_argument("--out", type=Path, help="write the results page there (docs/benchmarks.md)")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    started, load_before = time.perf_counter(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as folder:
        work = Path(folder)
        builds = []
        for clients in plan["sizes"]:
            builds.append(build_speed.measure(clients, work, repeat=3 if clients <= 10 else 1))
            print(build_speed.report(builds[-1]), flush=True)
        share = plugin_share.measure(plan["share"], work)
        print(plugin_share.report(share), flush=True)
        alone = plugin_share.measure(plan["share"], work, workers=0)
        print(plugin_share.report(alone), flush=True)
        plain = floor.measure(plan["share"], work)
        print(floor.report(plain), flush=True)
        latencies = []
        for clients in plan["serve"]:
            latencies.append(serve_latency.measure(clients, work, edits=plan["edits"] if clients == 1 else 2))
            print(serve_latency.report(latencies[-1]), flush=True)
        latencies.append(serve_latency.measure(plan["serve"][0], work, edits=plan["edits"], dirty=True))
        print(serve_latency.report(latencies[-1]), flush=True)
        latencies.append(serve_latency.measure(plan["serve"][-1], work, edits=plan["edits"], focus=True))
        print(serve_latency.report(latencies[-1]), flush=True)
        latencies.append(serve_latency.measure(plan["serve"][-1], work, edits=plan["edits"], focus=True, dirty=True))
        print(serve_latency.report(latencies[-1]), flush=True)
        latencies.append(serve_latency.measure(plan["serve"][-1], work, edits=plan["edits"], dirty=True))
        print(serve_latency.report(latencies[-1]), flush=True)
        publishes = []
        for clients in plan["publish"]:
            publishes.append(publish_scale.measure(clients, work))
            print(publish_scale.report(publishes[-1]), flush=True)
        incremental = incremental_publish.measure(plan["incremental"], work)
        print(incremental_publish.report(incremental), flush=True)
    minutes = (time.perf_counter() - started) / 60
    page = results_page(
        builds,
        share,
        alone,
        plain,
        latencies,
        publishes,
        minutes,
        load_before,
        os.getloadavg(),
        args.quick,
        incremental,
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(page, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print("\n" + page)


def results_page(
    builds, share, alone, plain, latencies, publishes, minutes, load_before, load_after, quick, incremental=None
) -> str:
    largest = builds[-1]
    reference = next((b for b in builds if b.clients == 100), builds[-2] if len(builds) > 1 else builds[-1])
    scaling = largest.ms_per_client / reference.ms_per_client
    one = next(latency for latency in latencies if latency.clients == 1 and latency.dirty)
    one_plain = next(latency for latency in latencies if latency.clients == 1 and not latency.dirty)
    dirty = next(latency for latency in latencies if latency.dirty and not latency.focus and latency.clients > 1)
    published = publishes[-1]
    mib = TARGETS["memory_mib"]
    rows = [
        (
            f"Overhead ratio at {share.clients} clients ≤ {TARGETS['overhead']:.2f}",
            f"{share.overhead:.2f} (CPU time, workers' included: {share.overhead_cpu:.2f}; `workers: 0`: "
            f"{alone.overhead:.2f})",
            share.overhead <= TARGETS["overhead"],
        ),
        (
            f"Plugin build ≤ {TARGETS['floor']:.2f} × plain-Markdown floor ({plain.clients} clients)",
            f"{plain.ratio:.2f} (CPU time: {plain.ratio_cpu:.2f})",
            plain.ratio <= TARGETS["floor"],
        ),
        (
            f"Peak memory at {largest.clients:,} clients < {mib // 1024} GiB",
            f"{largest.peak_rss_mib:,.0f} MiB",
            largest.peak_rss_mib < mib,
        ),
        (
            f"Time per client at {largest.clients:,} ≤ {TARGETS['scaling']} × at {reference.clients}",
            f"{scaling:.2f} × ({largest.ms_per_client:.0f} vs {reference.ms_per_client:.0f} ms)",
            scaling <= TARGETS["scaling"],
        ),
        (
            f"One-client edit-to-served (`serve --dirty`, as make serve) ≤ {TARGETS['edit_one']} s",
            f"{one.median:.2f} s (without --dirty: {one_plain.median:.2f} s)",
            one.median <= TARGETS["edit_one"],
        ),
        (
            f"Edit-to-served, {dirty.clients} clients served whole (`serve --dirty`) ≤ {TARGETS['edit_dirty']} s",
            f"{dirty.median:.2f} s (before --dirty: {OLD_DIRTY:.2f} s)",
            dirty.median <= TARGETS["edit_dirty"],
        ),
        (
            f"Publish {published.clients:,} clients ≤ {TARGETS['publish']} × one full build of them",
            f"{published.ratio:.2f} ({published.publish.seconds:.0f} s vs {published.build.seconds:.0f} s)",
            published.ratio <= TARGETS["publish"],
        ),
        (
            f"Published site of {published.clients:,} clients < 1 GB (aim: 400 MB), < {TARGETS['publish_files']:,} files",
            f"{published.mib:,.0f} MiB, {published.files:,} files",
            published.mib * 2**20 < 10**9 and published.files < TARGETS["publish_files"],
        ),
        *(
            [
                (
                    f"Publish {incremental.clients} clients, one changed, warm cache ≤ {TARGETS['incremental']} × "
                    "a full publish",
                    f"{incremental.ratio:.3f} ({incremental.warm.seconds:.1f} s vs {incremental.full.seconds:.1f} s)",
                    incremental.ratio <= TARGETS["incremental"],
                )
            ]
            if incremental
            else []
        ),
        (
            "Shared files hold no client's name, slug or token",
            f"{len(published.leaks)} found in {published.shared_files} shared files",
            not published.leaks,
        ),
    ]
    lines = [
        "# Benchmarks",
        "",
        "Speed and memory of the strategy bible on synthetic agency-size clients (`benchmarks/generate.py`: "
        "10 objectives, 30 actions with 5-task checklists, 30 KPIs with 12 measurements, 10 events each).",
        f"Regenerate this page with `make bench` (this run took {minutes:.0f} min); "
        "`make bench-quick` prints a smaller run. See `benchmarks/README.md` for what each figure means.",
        "",
        f"- Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
        + (" — **quick run: smaller sizes than the targets name**" if quick else ""),
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (other work on the machine slows wall-clock figures; "
        "CPU-time ratios are less sensitive to it)",
        f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
        f"commit {_commit()}",
        "",
        "## Targets",
        "",
        "| Target | Measured | Met |",
        "| --- | --- | --- |",
        *(f"| {target} | {measured} | {'yes' if met else '**no**'} |" for target, measured, met in rows),
        "",
        "## Full builds",
        "",
        "`mkdocs build` in its own process, as a user runs it (start-up included). CPU time and peak memory "
        "count the plugin's worker processes too (memory: the processes' resident sizes added up, sampled ten "
        "times a second).",
        "",
        "| Clients | Pages | Time | CPU time | Pages/s | Per client | Peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {b.clients:,} | {b.pages:,} | {b.seconds:.1f} s | {b.cpu_seconds:.1f} s | {b.pages_per_second:.1f} | "
            f"{b.ms_per_client:.0f} ms | {b.peak_rss_mib:,.0f} MiB |"
            for b in builds
        ),
        "",
        f"## The plugin's share ({share.clients} clients)",
        "",
        f"One build in-process with the plugin's hooks timed: {share.total:.1f} s in all, {share.plugin:.1f} s "
        f"in the plugin's hooks ({100 * share.plugin / share.total:.0f} %); overhead ratio = total / (total − plugin) "
        f"= **{share.overhead:.2f}**.",
        "",
        f"With more than one core and at least {MIN_CLIENTS} clients, worker processes read and render the clients "
        "while MkDocs works (`workers` setting); the hooks' time is then mostly the wait for every file to be read "
        "and validated (the navigation needs each client's name and pages), and the pages are ready before MkDocs "
        f"reaches them. Their work is not free: {share.workers_cpu:.1f} s of CPU time in the workers. Counted as the "
        f"plugin's, the CPU-time ratio is {share.overhead_cpu:.2f}. The same build in MkDocs' process alone "
        f"(`workers: 0`, what a one-core machine gets): {alone.total:.1f} s, {alone.plugin:.1f} s in the hooks, "
        f"overhead ratio {alone.overhead:.2f}.",
        "",
        "| Hook | With workers | `workers: 0` |",
        "| --- | ---: | ---: |",
        *(
            f"| `{name}` | {share.hooks.get(name, 0):.2f} s | {alone.hooks.get(name, 0):.2f} s |"
            for name in sorted(
                set(share.hooks) | set(alone.hooks), key=lambda n: -max(share.hooks.get(n, 0), alone.hooks.get(n, 0))
            )
            if max(share.hooks.get(name, 0), alone.hooks.get(name, 0)) >= 0.005
        ),
        "",
        f"## Against the floor ({plain.clients} clients)",
        "",
        "The floor is the same Markdown (`strategy-bible render`) built by MkDocs without the plugin. Without the "
        "plugin every page lists all the clients in its navigation; with it, a page lists its own client's pages "
        "only, so MkDocs' share of a plugin build is a little smaller than the floor. The plugin build's CPU time "
        "includes its worker processes'.",
        "",
        "| Build | Time | CPU time |",
        "| --- | ---: | ---: |",
        f"| With the plugin | {plain.plugin.seconds:.1f} s | {plain.plugin.cpu_seconds:.1f} s |",
        f"| Plain Markdown (floor) | {plain.floor.seconds:.1f} s | {plain.floor.cpu_seconds:.1f} s |",
        f"| Ratio | **{plain.ratio:.2f}** | {plain.ratio_cpu:.2f} |",
        "",
        "## Edit-to-served in `mkdocs serve --livereload`",
        "",
        "From saving a strategy file to its page showing the change. The plugin hears of the save from the "
        "system's file events at once (MkDocs' own polls, every 0.5 s, stay as a safety net), MkDocs waits 0.1 s "
        "for more changes, then rebuilds the whole site; the plugin re-reads and re-renders only the edited client.",
        "",
        "`--dirty` (what `make serve` runs): MkDocs writes again only the files whose `is_modified()` is true; the "
        f"plugin says which: the edited client's files and the agency home. Before it, {dirty.clients} clients served "
        f"whole took {OLD_DIRTY:.2f} s per edit.",
        "",
        "| Site | Median | Each edit | First build served after |",
        "| --- | ---: | --- | ---: |",
        *(
            f"| {lat.label} | {lat.median:.2f} s | {', '.join(f'{s:.2f}' for s in lat.edits)} s | {lat.first_build:.1f} s |"
            for lat in latencies
        ),
        "",
        "## Publishing (`strategy-bible publish`)",
        "",
        "Every client's share-link site, against one full `mkdocs build` of the same clients, each in its own "
        "process, one after the other. Publish builds the clients in batches (at most 100 a build), one build per "
        "core; the theme's files go once to the root, shared by every client's folder. CPU time and peak memory "
        "count every process of the command.",
        "",
        "| Clients | Publish | CPU time | Peak memory | Full build | Ratio | Size | Files | Shared |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {OLD_PUBLISH['clients']} (before: one build per client, the theme copied into each folder) | "
        f"{OLD_PUBLISH['seconds']:.1f} s | | | {OLD_PUBLISH['build']:.1f} s | "
        f"{OLD_PUBLISH['seconds'] / OLD_PUBLISH['build']:.1f} | {OLD_PUBLISH['mib']} MiB | {OLD_PUBLISH['files']:,} | |",
        *(
            f"| {p.clients:,} | {p.publish.seconds:.1f} s | {p.publish.cpu_seconds:.1f} s | "
            f"{p.publish.peak_rss_mib:,.0f} MiB | {p.build.seconds:.1f} s | **{p.ratio:.2f}** | {p.mib:,.1f} MiB | "
            f"{p.files:,} | {p.shared_mib:.1f} MiB in {p.shared_files} files |"
            for p in publishes
        ),
        "",
        "Before, 1,000 clients would have made about 3 GB in 55,000 files and taken over 10 minutes: past "
        "GitHub Pages' limits (1 GB a site, 10 minutes a deployment) somewhere beyond 300 clients.",
        "",
    ]
    return "\n".join(lines)


def _commit() -> str:
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            or "unknown"
        )
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
