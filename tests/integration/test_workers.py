"""Clients read and rendered in worker processes: the same site, the same errors, as in MkDocs' process."""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

import pytest

from support import FIXTURES, REPO, command_in_process, make_project, mkdocs, mkdocs_in_process

sys.path.insert(0, str(REPO))
from benchmarks.generate import strategy_yaml

CONTRACT = FIXTURES / "valid" / "contract-example.yml"
IN_PROCESS = "      workers: 0\n"
TWO_WORKERS = "      workers: 2\n"
ONE_WORKER = "      workers: 1\n"
"""For a test of what a worker process does, not of how clients are shared among them: each process
is over a second of CPU to start."""
STARTED = "strategy-bible: 2 worker processes read and render the clients"


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; an .ics file's DTSTAMP (the time it was written) left out."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".ics":
                content = re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:-", content)
            files[path.relative_to(site).as_posix()] = content
    return files


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_workers_build_the_same_site_byte_for_byte(tmp_path, audience, request):
    env = {"STRATEGY_BIBLE_AUDIENCE": audience}
    alone: Path = request.getfixturevalue({"client": "example_site", "internal": "internal_site"}[audience])
    assert "worker processes" not in (alone.parent / "build.log").read_text(encoding="utf-8")  # MkDocs' process
    project = make_project(tmp_path / "workers", plugin_config=TWO_WORKERS)
    result = mkdocs_in_process(project, "build", env=env)
    assert STARTED in result.stderr  # so the comparison below is worker against no worker
    with_workers = site_files(project / "site")
    assert list(with_workers) == list(site_files(alone))
    assert with_workers == site_files(alone)
    assert any(name.endswith("events.ics") for name in with_workers)


def test_many_clients_use_workers_by_default_and_few_do_not(tmp_path):
    """8 clients (MIN_CLIENTS) against 7: small ones, the count is what matters."""
    contract = CONTRACT.read_text(encoding="utf-8")
    clients = {f"client-{n}": contract.replace("Boulangerie Martin", f"Client {n}") for n in range(8)}
    many = make_project(tmp_path / "many", clients)
    few = make_project(tmp_path / "few", dict(list(clients.items())[:7]))
    many_log, few_log = mkdocs_in_process(many, "build").stderr, mkdocs_in_process(few, "build").stderr
    cores = len(os.sched_getaffinity(0))
    if cores > 1:
        assert f"strategy-bible: {cores} worker processes read and render the clients" in many_log
    assert "worker processes" not in few_log
    assert (many / "site/clients/client-7/kpis/index.html").is_file()


def test_an_invalid_file_read_by_a_worker_fails_the_build_with_every_problem(tmp_path):
    project = make_project(
        tmp_path, {"ok": CONTRACT, "broken": FIXTURES / "invalid" / "broken-kpi.yml"}, plugin_config=TWO_WORKERS
    )
    result = mkdocs_in_process(project, "build", check=False)  # an escaped exception: a traceback, exit 1
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "strategies/broken.yml:9:11: objectives[grow].axis: 'visiblity' is not allowed" in result.stderr
    assert "strategies/broken.yml:13:16: kpis[fans].objective: no objective has the id 'grwo'" in result.stderr


def test_a_template_mistake_met_in_a_worker_is_placed_and_stops_the_build(tmp_path):
    project = make_project(
        tmp_path, {"bakery": CONTRACT}, plugin_config=ONE_WORKER + "      templates_dir: my-templates\n"
    )
    (project / "my-templates").mkdir()
    (project / "my-templates/events.md.jinja").write_text("# {{ client.nmae }}\n")
    result = mkdocs(project, "build", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"my-templates/events\.md\.jinja:1:1: template error: .*nmae", result.stderr), result.stderr
    assert "leaked" not in result.stderr  # the worker processes were shut down


def test_render_command_writes_what_workers_make(tmp_path):
    outputs = {}
    for name, setting in (("alone", IN_PROCESS), ("workers", TWO_WORKERS)):
        project = make_project(tmp_path / name, plugin_config=setting)
        out = tmp_path / f"{name}-out"
        result = command_in_process(project, "render", "--out", str(out), "--config-file", str(project / "mkdocs.yml"))
        assert result.returncode == 0, result.stderr
        outputs[name] = site_files(out)
    assert outputs["workers"] == outputs["alone"]
    assert "clients/brasserie-du-canal/kpis.md" in outputs["workers"]


def test_a_negative_number_of_workers_is_refused(tmp_path):
    project = make_project(tmp_path, {"bakery": CONTRACT}, plugin_config="      workers: -1\n")
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1
    assert "strategy-bible: workers is -1; use 0 (none), a number of processes" in result.stderr


def test_serve_with_workers_shows_edits_and_mistakes_as_pages(tmp_path, monkeypatch):
    """`serve` keeps one plugin through its rebuilds; each rebuild starts and ends its workers."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    contract = CONTRACT.read_text(encoding="utf-8")
    project = make_project(
        tmp_path / "p",
        {"alpha": contract, "beta": contract.replace("Boulangerie Martin", "Beta")},
        plugin_config=ONE_WORKER + "      templates_dir: my-templates\n",
    )
    (project / "my-templates").mkdir()
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    kpis = site / "clients/alpha/kpis/index.html"

    mkdocs_build(config)
    assert "Instagram followers" in kpis.read_text(encoding="utf-8")
    alpha = project / "strategies/alpha.yml"
    alpha.write_text(contract.replace("name: Instagram followers", "name: Abonnés Instagram"), encoding="utf-8")
    mkdocs_build(config)
    assert "Abonnés Instagram" in kpis.read_text(encoding="utf-8")

    (project / "my-templates/kpis.md.jinja").write_text("# {{ client.nmae }}\n")
    mkdocs_build(config)  # no exception: it would leave the server hanging
    page = html.unescape(kpis.read_text(encoding="utf-8"))
    assert re.search(r"my-templates/kpis\.md\.jinja:1:1.*nmae", page), page
    (project / "my-templates/kpis.md.jinja").unlink()
    mkdocs_build(config)
    assert "Abonnés Instagram" in kpis.read_text(encoding="utf-8")
    config.plugins.on_shutdown()


def test_a_client_asked_for_out_of_turn_is_made_at_once(tmp_path):
    """Workers make a few clients ahead of MkDocs, in order; one asked for out of that order (by
    another plugin, say) jumps the queue instead of waiting for a turn that never comes."""
    from strategy_bible.analysis.verdict import Thresholds
    from strategy_bible.plugin.workers import AHEAD, MakeSettings, WorkerPool
    from strategy_bible.render.site_plan import SitePlan
    from strategy_bible.strategy.visibility import Readership

    paths = []  # small clients: the order they are sent in is tested, not what making one costs
    for n in range(AHEAD + 2):
        paths.append(tmp_path / f"client-{n:04d}.yml")
        paths[-1].write_text(CONTRACT.read_text(encoding="utf-8").replace("Boulangerie Martin", f"Client {n}"), "utf-8")
    pool = WorkerPool(MakeSettings("fr", None, Readership.CLIENT, Thresholds(), "Europe/Paris", tmp_path), 1)
    try:
        strategy_files = pool.read([(path, path.name) for path in paths])
        making = [pool.make(f, None, SitePlan(False)) for f in strategy_files]
        assert making[-1].future is None  # beyond the window: not sent yet
        last = making[-1].result()
        assert f"clients/client-{len(paths) - 1:04d}/kpis.md" in last.pages
        assert all(m.result().pages for m in making)
    finally:
        pool.close()


def test_workers_end_when_mkdocs_is_killed_outright(tmp_path):
    """A build killed with SIGKILL cannot end its workers: they end by themselves, not hang for ever
    (each held both ends of the pool's pipes, so neither a read nor a large write ever returned)."""
    import signal
    import subprocess
    import time

    project = make_project(
        tmp_path / "killed", {f"client-{n}": strategy_yaml(n) for n in range(8)}, plugin_config=TWO_WORKERS
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def workers() -> list[int]:
        children = Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()
        return [int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]

    deadline = time.monotonic() + 60
    while len(started := workers()) < 2:
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before its workers started"
        time.sleep(0.05)
    time.sleep(1)  # at work: reading, or a result on its way back
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while (alive := [pid for pid in started if Path(f"/proc/{pid}").exists() and not _zombie(pid)]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    for pid in alive:  # do not leave them behind, whatever the test says
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "worker processes outlived MkDocs' process"


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (FileNotFoundError, IndexError):
        return True
