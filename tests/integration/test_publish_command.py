"""`strategy-bible publish` and `strategy-bible links`, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from strategy_bible.share_links import token
from support import FIXTURES, make_project

SECRET = "a-test-secret-that-is-long-enough-0123456789"
CLIENTS = {"confiance": FIXTURES / "valid" / "confidential.yml", "quokka": FIXTURES / "valid" / "other-client.yml"}


def command(project: Path, *args: str, secret: str | None = SECRET, ci: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "STRATEGY_BIBLE_SECRET", "GITHUB_ACTIONS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if secret is not None:
        env["STRATEGY_BIBLE_SECRET"] = secret
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "strategy_bible.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_publish_prints_the_link_table_and_builds_each_client(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    result = command(project, "publish", "--out", "public", "--base-url", "https://agency.github.io/bible/")
    assert result.returncode == 0, result.stderr
    for slug in CLIENTS:
        link = f"https://agency.github.io/bible/{token(SECRET, slug)}/"
        assert [slug, link] in [line.split() for line in result.stdout.splitlines()]
        assert (project / "public" / token(SECRET, slug) / "index.html").is_file()


def test_publish_in_ci_keeps_the_links_out_of_the_log(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    result = command(project, "publish", "--out", "public", ci=True)
    assert result.returncode == 0, result.stderr
    for slug in CLIENTS:
        assert token(SECRET, slug) not in result.stdout + result.stderr
        assert (project / "public" / token(SECRET, slug)).is_dir()
    assert "(link hidden)" in result.stdout


def test_without_a_secret_nothing_is_built_and_the_message_says_what_to_do(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    result = command(project, "publish", "--out", "public", secret=None)
    assert result.returncode == 1
    assert "no secret: set STRATEGY_BIBLE_SECRET" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "public").exists()
    short = command(project, "links", secret="too-short")
    assert short.returncode == 1 and "use at least 32" in short.stderr


def test_links_rotate_gives_one_client_a_new_link(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    before = command(project, "links").stdout
    assert token(SECRET, "quokka") in before and token(SECRET, "confiance") in before
    typo = command(project, "links", "--rotate", "quoka")
    assert typo.returncode == 1 and "no client 'quoka' (did you mean 'quokka'?)" in typo.stderr
    assert not (project / "share-links.yml").exists()
    rotated = command(project, "links", "--rotate", "quokka")
    assert rotated.returncode == 0, rotated.stderr
    assert token(SECRET, "quokka", 1) in rotated.stdout and token(SECRET, "quokka") not in rotated.stdout
    assert token(SECRET, "confiance") in rotated.stdout
    assert "quokka: 1" in (project / "share-links.yml").read_text(encoding="utf-8")


def test_an_invalid_strategy_stops_publish_with_its_messages(tmp_path):
    project = make_project(tmp_path / "p", {**CLIENTS, "broken": "client: {name: X}\nperiod: {start: 2026-01-01}\n"})
    result = command(project, "publish", "--out", "public")
    assert result.returncode == 1
    assert "strategies/broken.yml:2:" in result.stderr and "end" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "public").exists()
