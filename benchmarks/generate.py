"""Synthetic agency-size clients: deterministic strategy files and projects to benchmark.

Each client has what a busy agency account holds: 3 audiences, 3 channels, 10 objectives
(4 top-level, 6 sub-objectives, one of them internal), 30 actions with a 5-task checklist,
30 KPIs with 12 measurements each, 10 events, and notes. The same seed and index always give
the same file, byte for byte, so two runs measure the same work. Texts differ from client to
client, as real ones do (no cache gets a free ride from repeated text).

    python -m benchmarks.generate --clients 100 /tmp/bench-project   # a project to build or serve
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = 2026

AXES = ("visibility", "traffic", "image", "notoriety")
GOALS = ("engagement", "humanize", "conversion", "loyalty", "reach")
SECTORS = (
    "Artisan bakery",
    "Bike shop",
    "Law firm",
    "Yoga studio",
    "Wine bar",
    "Bookshop",
    "Garage",
    "Florist",
    "Architect",
    "Dental clinic",
)
CITIES = ("Lyon", "Villeurbanne", "Grenoble", "Annecy", "Saint-Étienne")
OWNERS = ("Léa", "Hugo", "Inès", "Malik", "Chloé")
UNITS = (("count", None), ("percent", None), ("currency", "EUR"), ("duration", None), ("ratio", None))
FORMATS = ("breakfast", "round-table", "meetup", "workshop", "conference", "other")
STATUSES = ("planned", "running", "done", "dropped")
CADENCES = ("once", "daily", "weekly", "monthly", "quarterly")
INTERACTIONS = ("like", "click", "share", "comment", "message", "registration")


def slug(index: int) -> str:
    return f"client-{index:04d}"


def strategy_yaml(index: int, seed: int = SEED) -> str:
    """The strategy file of client number ``index``: valid, without warnings."""
    rng = random.Random(seed * 1_000_003 + index)
    out: list[str] = []
    w = out.append
    q = _quote
    sector = SECTORS[index % len(SECTORS)]
    w(f"# Synthetic benchmark client {index} (benchmarks/generate.py, seed {seed})")
    w("client:")
    w(f"  name: {q(f'Client {index:04d} — {sector}')}")
    w(f"  sector: {q(sector)}")
    w(f"  summary: {q(f'A *{sector.lower()}* with {rng.randint(2, 40)} employees, **growing** in the region.')}")
    w(f"  website: https://client-{index:04d}.example.org")
    w("period:\n  start: 2026-01-01\n  end: 2026-12-31\n  cadence: monthly")

    w("audiences:")
    for n in range(3):
        w(
            f"  - id: audience-{n}\n    name: {q(f'Audience {n} of client {index}')}\n    description: {q(f'People who *care* about topic {n} of client {index}.')}"
        )
    w("channels:")
    for n, name in enumerate(("Instagram", "LinkedIn", "Newsletter")):
        w(f"  - id: channel-{n}\n    name: {name}\n    audiences: [audience-{n}]")

    w("objectives:")
    for n in range(10):
        w(f"  - id: objective-{n}")
        w(f"    title: {q(f'Objective {n} of client {index}: grow what matters {rng.randint(1, 99)} %')}")
        w(f"    axis: {AXES[n % 4]}")
        w(f"    goal: {GOALS[n % 5]}")
        w(f"    category: {('business', 'notoriety', 'internal')[n % 3]}")
        if n >= 4:
            w(f"    parent: objective-{n % 4}")
        w(f"    why: {q(f'Owner {index} expects **{rng.randint(5, 50)} %** more of it this year.')}")
        w("    deadline: 2026-12-31")
        if n == 9:
            w("    visibility: internal")

    w("actions:")
    for n in range(30):
        start = dt.date(2026, 1 + n % 6, 1 + n % 20)
        w(f"  - id: action-{n}")
        w(f"    title: {q(f'Action {n} of client {index}: weekly content series')}")
        w(f"    objectives: [objective-{n % 10}]")
        w(f"    channel: channel-{n % 3}")
        w(f"    owner: {OWNERS[n % len(OWNERS)]}")
        w(f"    cadence: {CADENCES[n % 5]}")
        w(f"    start: {start.isoformat()}")
        w(f"    end: {(start + dt.timedelta(days=rng.randint(30, 180))).isoformat()}")
        w(f"    status: {STATUSES[n % 4]}")
        w(f"    engagement: [{INTERACTIONS[n % 6]}, {INTERACTIONS[(n + 2) % 6]}]")
        w(
            f"    description: {q(f'Step {n} for client {index}: *plan*, shoot, publish, then **answer** every comment.')}"
        )
        w("    checklist:")
        for t in range(5):
            if rng.random() < 0.5:
                w(f"      - task: {q(f'Task {t} of action {n} for client {index}')}\n        done: true")
            else:
                w(f"      - {q(f'Task {t} of action {n} for client {index}')}")

    w("kpis:")
    for n in range(30):
        unit, currency = UNITS[n % len(UNITS)]
        down = n % 7 == 3
        baseline = float(rng.randint(100, 1000))
        target = baseline * (0.6 if down else rng.choice((1.5, 2, 3)))
        w(f"  - id: kpi-{n}")
        w(f"    name: {q(f'KPI {n} of client {index} ({unit})')}")
        w(f"    objective: objective-{n % 10}")
        w(f"    unit: {unit}")
        if currency:
            w(f"    currency: {currency}")
        w(f"    direction: {'down' if down else 'up'}")
        w(f"    baseline: {{value: {_num(baseline)}, date: 2025-12-31}}")
        w(f"    target: {{value: {_num(target)}, date: 2026-12-31}}")
        w(f"    source: {q(f'Insights of channel {n % 3} of client {index}')}")
        w("    measurements:")
        pace = rng.uniform(0.2, 1.4)  # some KPIs ahead of the pace, some behind: every verdict shows
        value = baseline
        for month in range(12):  # Oct 2025 to Sep 2026: history before the baseline, then progress
            date = dt.date(2025 + (month + 9) // 12, (month + 9) % 12 + 1, 28)
            value += (target - baseline) / 12 * pace * rng.uniform(0.5, 1.5)
            note = f", note: {q(f'Campaign {month} of client {index}')}" if month % 4 == 0 else ""
            w(f"      - {{date: {date.isoformat()}, value: {_num(value)}{note}}}")

    w("events:")
    for n in range(10):
        day = dt.datetime(2026, 1 + n, 10 + n, 8 + n % 10, 30)
        capacity = rng.randint(20, 80)
        registrations = rng.randint(0, capacity)
        w(f"  - id: event-{n}")
        w(f"    title: {q(f'Event {n} of client {index}: neighbours meet the team')}")
        w(f"    format: {FORMATS[n % len(FORMATS)]}")
        w(f"    start: {day.strftime('%Y-%m-%dT%H:%M')}")
        w(f"    end: {(day + dt.timedelta(hours=2)).strftime('%Y-%m-%dT%H:%M')}")
        w(f"    city: {CITIES[n % len(CITIES)]}")
        w(f"    venue: {q(f'Shop {index}, {n + 1} rue de la République')}")
        w(f"    ambassador: {OWNERS[(n + 1) % len(OWNERS)]}")
        w(f"    objectives: [objective-{n % 10}]")
        w(f"    capacity: {capacity}")
        w(f"    registrations: {registrations}")
        if n < 6:
            w(f"    attendees: {rng.randint(0, registrations + 5)}")
        w(f"    description: {q(f'Coffee, *croissants* and a talk by team {index}.')}")
        w("    checklist:")
        for t in range(3):
            w(f"      - {q(f'Prepare part {t} of event {n} for client {index}')}")
    w(f"notes: {q(f'Renewal talk with client {index} in **November**.')}")
    return "\n".join(out) + "\n"


def write_strategies(folder: Path, clients: int, seed: int = SEED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(clients):
        path = folder / f"{slug(index)}.yml"
        path.write_text(strategy_yaml(index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def make_project(root: Path, clients: int, seed: int = SEED, workers: int | None = None) -> Path:
    """A bible project in ``root`` (emptied first): the repository's mkdocs.yml and pages, and
    ``clients`` synthetic strategy files. Returns the path of its mkdocs.yml. ``workers`` sets the
    plugin's ``workers`` setting (left out: the default)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if workers is not None:
        setting = "      strategies_dir: strategies\n"
        assert setting in config
        config = config.replace(setting, f"{setting}      workers: {workers}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "pages", root / "pages")
    write_strategies(root / "strategies", clients, seed)
    return root / "mkdocs.yml"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _num(value: float) -> str:
    return str(round(value, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="project folder to create (emptied first)")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print(make_project(args.root, args.clients, args.seed))


if __name__ == "__main__":
    main()
