"""`strategy-bible render`: the Markdown the plugin hands MkDocs, written as plain files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import FIXTURES, command_in_process, make_project

CLIENTS = {"confiance": FIXTURES / "valid" / "confidential.yml", "quokka": FIXTURES / "valid" / "other-client.yml"}
PAGES = ("index.md", "objectives.md", "actions.md", "kpis.md", "events.md", "review.md")


def render(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`strategy-bible render` in this process: what it writes and says, not its process, is tested
    here (a start of the command is over a second of CPU); no STRATEGY_BIBLE_ variable of the
    shell's, only ``env``'s."""
    unset = tuple(name for name in os.environ if name.startswith("STRATEGY_BIBLE_") and name not in (env or {}))
    return command_in_process(project, "render", *args, env=env, unset=unset)


def render_command(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`strategy-bible render` as a user runs it, in a process of its own."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("STRATEGY_BIBLE_")}
    environment.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", "render", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_render_writes_every_generated_page_and_file(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    result = render_command(project, "--out", "md")
    assert result.returncode == 0, result.stderr
    out = project / "md"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name[0] != ".")
    expected = sorted(
        [
            "assets/strategy-bible.css",
            "index.md",
            *(
                f"clients/{slug}/{name}"
                for slug in CLIENTS
                for name in (*PAGES, "kpis.csv", "events.ics", "bible.json")
            ),
        ]
    )
    assert written == expected  # the project's own pages (methode.md) are not the plugin's
    assert f"wrote {len(expected)} files into md/" in result.stdout

    kpis = (out / "clients/confiance/kpis.md").read_text(encoding="utf-8")
    assert kpis.startswith("# ") and "Abonnés Instagram" in kpis and "{#" in kpis  # headings carry anchors
    assert "Zanzibar" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))  # a client build
    assert "[Maison Confiance](clients/confiance/index.md)" in (out / "index.md").read_text(encoding="utf-8")


def test_render_follows_the_audience_and_the_focus_settings(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    result = render(
        project,
        "--out",
        "md",
        "--config-file",
        "mkdocs.yml",
        env={"STRATEGY_BIBLE_AUDIENCE": "internal", "STRATEGY_BIBLE_CLIENTS": "confiance"},
    )
    assert result.returncode == 0, result.stderr
    out = project / "md"
    assert not (out / "clients").exists()  # one client: its pages at the root, its overview the home
    assert "Zanzibar" in (out / "objectives.md").read_text(encoding="utf-8")


def test_render_empties_its_own_folder_and_refuses_others(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    assert render(project, "--out", "md").returncode == 0
    stale = project / "md" / "clients" / "gone.md"
    stale.write_text("stale", encoding="utf-8")
    assert render(project, "--out", "md").returncode == 0
    assert not stale.exists()

    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = render(project, "--out", "notes")
    assert refused.returncode == 1
    assert "notes is not empty and was not made by 'strategy-bible render'" in refused.stderr
    assert (project / "notes" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_render_reports_invalid_files_without_a_traceback(tmp_path):
    project = make_project(tmp_path / "p", {"broken": FIXTURES / "invalid" / "broken-kpi.yml"})
    result = render(project, "--out", "md")
    assert result.returncode == 1
    assert "1 strategy file is invalid" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "md").exists()


def test_render_refuses_the_project_folders_and_a_symbolic_link_and_deletes_nothing(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    (project / "assets").mkdir()  # a folder that once passed for an earlier build
    (project / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    (project / "strategies" / ".strategy-bible-render").write_text("Made by strategy-bible render\n")
    (project / "linked").symlink_to(project / "pages")
    before = sorted(str(path.relative_to(project)) for path in project.rglob("*"))
    for out, reason in (
        (".", "is the project folder or holds it"),
        ("..", "is the project folder or holds it"),
        ("strategies", "is the strategies folder"),
        ("pages/md", "is inside the docs folder"),
        ("linked", "is a symbolic link"),
    ):
        result = render(project, "--out", out)
        assert result.returncode == 1, out
        assert reason in result.stderr and "nothing was deleted" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(str(path.relative_to(project)) for path in project.rglob("*")) == before
