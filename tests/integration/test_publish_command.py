"""`strategy-bible publish` and `strategy-bible links`, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from strategy_bible.commands.share_links import token

from support import FIXTURES, command_in_process, make_project

SECRET = "a-test-secret-that-is-long-enough-0123456789"
CLIENTS = {"confiance": FIXTURES / "valid" / "confidential.yml", "quokka": FIXTURES / "valid" / "other-client.yml"}


def command(project: Path, *args: str, secret: str | None = SECRET, ci: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "STRATEGY_BIBLE_SECRET", "GITHUB_ACTIONS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if secret is not None:
        env["STRATEGY_BIBLE_SECRET"] = secret
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def in_process(project: Path, *args: str, secret: str | None = SECRET) -> subprocess.CompletedProcess:
    """``command()`` in this process, for refusals and links, which build nothing: what they say and
    their exit code is what is tested, and a start of the command is over a second of CPU."""
    unset = ("CI", "GITHUB_ACTIONS") if secret is not None else ("CI", "GITHUB_ACTIONS", "STRATEGY_BIBLE_SECRET")
    env = {"STRATEGY_BIBLE_SECRET": secret} if secret is not None else {}
    return command_in_process(project, *args, env=env, unset=unset)


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
    result = in_process(project, "publish", "--out", "public", secret=None)
    assert result.returncode == 1
    assert "no secret: set STRATEGY_BIBLE_SECRET" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "public").exists()
    short = in_process(project, "links", secret="too-short")
    assert short.returncode == 1 and "use at least 32" in short.stderr


def test_links_rotate_gives_one_client_a_new_link(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    before = in_process(project, "links").stdout
    assert token(SECRET, "quokka") in before and token(SECRET, "confiance") in before
    typo = in_process(project, "links", "--rotate", "quoka")
    assert typo.returncode == 1 and "no client 'quoka' (did you mean 'quokka'?)" in typo.stderr
    assert not (project / "share-links.yml").exists()
    rotated = in_process(project, "links", "--rotate", "quokka")
    assert rotated.returncode == 0, rotated.stderr
    assert token(SECRET, "quokka", 1) in rotated.stdout and token(SECRET, "quokka") not in rotated.stdout
    assert token(SECRET, "confiance") in rotated.stdout
    assert "quokka: 1" in (project / "share-links.yml").read_text(encoding="utf-8")


def test_an_invalid_strategy_stops_publish_with_a_count_of_its_errors(tmp_path):
    """The messages may name internal items: a CI log gets how many, `validate` says which."""
    project = make_project(tmp_path / "p", {**CLIENTS, "broken": "client: {name: X}\nperiod: {start: 2026-01-01}\n"})
    result = command(project, "publish", "--out", "public")
    assert result.returncode == 1
    assert "strategies/broken.yml: 1 error (run `strategy-bible validate`" in result.stderr
    assert "strategies/broken.yml:2:" not in result.stderr
    assert "Traceback" not in result.stderr and not (project / "public").exists()


# --- the output folder: only a folder publish made itself is emptied ------------------------------


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under ``folder`` with its bytes (or its link target), to prove nothing changed."""
    return {
        path.relative_to(folder).as_posix(): (
            os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else "folder"
        )
        for path in folder.rglob("*")
    }


def test_publish_never_empties_a_project_that_looks_like_a_build(tmp_path):
    """An index.html and an assets/ folder once passed for an earlier build: `--out .` in a
    project root deleted mkdocs.yml, strategies/ and .git, then ended in a traceback."""
    project = make_project(tmp_path / "p", CLIENTS)
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "assets").mkdir()
    (project / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    before = snapshot(project)
    for out in (".", "..", "strategies", "pages"):
        result = in_process(project, "publish", "--out", out)
        assert result.returncode == 1, (out, result.stdout)
        assert "Traceback" not in result.stderr and "nothing was deleted" in result.stderr, result.stderr
        assert snapshot(project) == before
    assert "the project folder" in in_process(project, "publish", "--out", ".").stderr
    assert "the strategies folder" in in_process(project, "publish", "--out", "strategies").stderr


def test_publish_refuses_a_website_folder_and_the_project_folders_even_with_a_marker(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    website = project / "www"
    (website / "assets").mkdir(parents=True)
    (website / "index.html").write_text("<p>our website</p>", encoding="utf-8")
    (website / "assets" / "site.css").write_text("body {}", encoding="utf-8")
    refused = in_process(project, "publish", "--out", "www")
    assert refused.returncode == 1
    assert "www is not empty and was not made by 'strategy-bible publish'" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (website / "index.html").read_text(encoding="utf-8") == "<p>our website</p>"
    assert (website / "assets" / "site.css").exists()

    for folder in (".", "strategies", "pages"):  # a marker copied there by mistake proves nothing
        (project / folder / ".strategy-bible-publish").write_text("Made by strategy-bible publish: x\n")
    (project / "pages" / "inside").mkdir()
    before = snapshot(project)
    for out in (".", "strategies", "pages", "pages/inside"):
        result = in_process(project, "publish", "--out", out)
        assert result.returncode == 1 and "nothing was deleted" in result.stderr, (out, result.stderr)
    assert snapshot(project) == before


def test_a_symbolic_link_as_out_gets_a_clear_refusal(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep me", encoding="utf-8")
    (project / "public").symlink_to(elsewhere)
    (project / "dangling").symlink_to(tmp_path / "nowhere")
    for out in ("public", "dangling"):
        result = in_process(project, "publish", "--out", out)
        assert result.returncode == 1
        assert f"{out} is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "nowhere").exists()


def test_publish_empties_its_own_folder_and_follows_no_link_inside_it(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    (project / "public").mkdir()  # an empty folder is fine
    assert command(project, "publish", "--out", "public").returncode == 0
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "keep.txt").write_text("keep me", encoding="utf-8")
    (project / "public" / "stale").mkdir()
    (project / "public" / "stale" / "old.html").write_text("old", encoding="utf-8")
    (project / "public" / "to-outside").symlink_to(outside)
    (project / "public" / "stale" / "to-inner").symlink_to(outside / "inner")
    (project / "public" / "to-file").symlink_to(outside / "inner" / "keep.txt")

    result = command(project, "publish", "--out", "public")
    assert result.returncode == 0, result.stderr
    left = sorted(path.name for path in (project / "public").iterdir())
    assert left == sorted(
        [
            ".nojekyll",
            ".strategy-bible-publish",
            "404.html",
            "assets",  # the theme's files, once for every client
            "index.html",
            "robots.txt",
            *(token(SECRET, slug) for slug in CLIENTS),
        ]
    )
    assert (outside / "inner" / "keep.txt").read_text(encoding="utf-8") == "keep me"


def test_a_slug_twice_in_share_links_stops_rotation_links_and_publish(tmp_path):
    """Rotation once printed a new link while the token stayed the same: the leaked link lived on."""
    project = make_project(tmp_path / "p", CLIENTS)
    rotations = project / "share-links.yml"
    text = "# leaked twice\nquokka: 0\nconfiance: 0\nquokka: 0\n"
    rotations.write_text(text, encoding="utf-8")
    placed = "share-links.yml:4:1: quokka: duplicate key 'quokka' (already given at line 2, column 1); keep one"
    for args in (("links", "--rotate", "quokka"), ("links",), ("publish", "--out", "public")):
        result = in_process(project, *args)
        assert result.returncode == 1, args
        assert placed in result.stderr and "Traceback" not in result.stderr
        assert "new link" not in result.stderr and token(SECRET, "quokka") not in result.stdout
    assert rotations.read_text(encoding="utf-8") == text
    assert not (project / "public").exists()

    rotations.write_text(text.replace("quokka: 0\n", "", 1), encoding="utf-8")
    rotated = in_process(project, "links", "--rotate", "quokka")
    assert rotated.returncode == 0, rotated.stderr
    assert "quokka: new link (rotation 1" in rotated.stderr and token(SECRET, "quokka", 1) in rotated.stdout
    assert rotations.read_text(encoding="utf-8") == "# leaked twice\nconfiance: 0\nquokka: 1\n"


def test_an_out_folder_that_cannot_be_made_is_a_one_line_refusal(tmp_path):
    project = make_project(tmp_path / "p", CLIENTS)
    (project / "notes.txt").write_text("mine", encoding="utf-8")
    result = in_process(project, "publish", "--out", "notes.txt/public")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot make notes.txt/public an empty output folder: Not a directory" in result.stderr
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine"


# --- what publish prints names no share token ---------------------------------------------------


def project_with_ordinary_mistakes(tmp_path: Path, *, template_error: bool = False) -> Path:
    """Mistakes whose MkDocs messages name a client's page by its folder: a broken link in a
    hand-written page, a hand-written kpis.md the generated one replaces, a site template that raises."""
    project = make_project(tmp_path / "p", CLIENTS, plugin_config="      templates_dir: tpl\n")
    (project / "tpl").mkdir()
    if template_error:
        (project / "tpl/overview.md.jinja").write_text("# {{ client.name }}\n{{ no_such_thing.boom() }}\n")
    for slug in CLIENTS:
        (project / "pages/clients" / slug).mkdir(parents=True)
        (project / "pages/clients" / slug / "compte-rendu.md").write_text("# Compte rendu\n\n[la suite](suite.md)\n")
        (project / "pages/clients" / slug / "kpis.md").write_text("# Written by hand\n")
    return project


def lines_with_a_token(result: subprocess.CompletedProcess) -> list[str]:
    """Every line publish printed, on either stream, that holds any client's share token."""
    tokens = [token(SECRET, slug) for slug in CLIENTS]
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if any(folder in line.lower() for folder in tokens)]


def test_publish_warnings_name_each_client_by_its_slug_never_its_token(tmp_path):
    """MkDocs names a page by its path, which is the client's share token: in a CI log, the link."""
    project = project_with_ordinary_mistakes(tmp_path)
    result = command(project, "publish", "--out", "public", "--hide-links")  # the next tests: CI=true
    assert result.returncode == 0, result.stderr
    for slug in CLIENTS:  # the messages are there, naming the client
        assert f"Doc file '<{slug}>/compte-rendu.md' contains a link 'suite.md'" in result.stderr
        assert f"the generated page <{slug}>/kpis.md replaces" in result.stderr
    assert lines_with_a_token(result) == []


def test_a_publish_that_fails_names_no_share_token_on_its_way_out(tmp_path):
    project = project_with_ordinary_mistakes(tmp_path, template_error=True)
    result = command(project, "publish", "--out", "public", ci=True)
    assert result.returncode == 1
    for slug in CLIENTS:
        assert f"Error reading page '<{slug}>/index.md'" in result.stderr
    assert "template error: 'no_such_thing' is undefined" in result.stderr
    assert "nothing was published" in result.stderr.splitlines()[-1] and "Traceback" not in result.stderr
    assert lines_with_a_token(result) == []


def test_an_error_naming_a_file_in_a_clients_folder_names_the_slug(tmp_path):
    """A page whose path fits, but whose published copy, 27 characters longer under
    public/.parts/0/<token>/, is over the system's limit: the error that stops publish names the
    file it could not write, which was a traceback holding the token."""
    project = make_project(tmp_path / "p", {"confiance": CLIENTS["confiance"]})
    deep = project / "pages/clients/confiance"
    while len(str(deep)) + len("/x.md") < 4086 - 201:
        deep /= "a" * 200
    deep /= "b" * (4086 - len(str(deep)) - len("/x.md") - 1)
    deep.mkdir(parents=True)
    (deep / "x.md").write_text("# Too deep to publish\n")
    result = command(project, "publish", "--out", "public", ci=True)
    assert result.returncode == 1
    assert "File name too long: '" in result.stderr and "/public/.parts/0/<confiance>/aaa" in result.stderr
    assert "nothing was published" in result.stderr.splitlines()[-1] and "Traceback" not in result.stderr
    assert lines_with_a_token(result) == []


# --- the publish cache (issue 25) --------------------------------------------------------------


def test_publish_says_how_many_clients_it_reused_never_which(tmp_path):
    """The cache sits beside mkdocs.yml by default; the log gives counts, not slugs or tokens."""
    project = make_project(tmp_path / "p", CLIENTS)
    first = command(project, "publish", "--out", "public", ci=True)
    assert first.returncode == 0, first.stderr
    assert "0 reused unchanged from the cache, 2 built" in first.stdout
    assert (project / ".strategy-bible-cache" / "publish" / "CACHEDIR.TAG").is_file()
    again = command(project, "publish", "--out", "public", ci=True)
    assert again.returncode == 0, again.stderr
    assert "2 reused unchanged from the cache, 0 built" in again.stdout
    assert lines_with_a_token(first) == lines_with_a_token(again) == []
    elsewhere = in_process(project, "publish", "--out", "public", "--cache", str(tmp_path / "c"), "--no-cache")
    assert elsewhere.returncode == 2 and "--cache and --no-cache" in elsewhere.stderr
    without = command(project, "publish", "--out", "public", "--no-cache")
    assert without.returncode == 0 and "reused" not in without.stdout
