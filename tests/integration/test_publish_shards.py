"""`publish --shard K/N` and `merge` (issue 25): N shards merged are the site one publish makes,
and merge refuses anything else, naming no share token."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config

from strategy_bible.commands.cli import main
from strategy_bible.commands.publish import PublishError, publish
from strategy_bible.commands.publish_inputs import site_fingerprint
from strategy_bible.commands.shard_merge import MergeError, merge
from strategy_bible.commands.shards import MANIFEST, Shard, inputs_digest, shard_of
from strategy_bible.commands.share_links import token

from support import FIXTURES, make_project, strategy_bible

SECRET = "a-test-secret-that-is-long-enough-0123456789"
BUILD_TIME = "1780000000"
SMALL = FIXTURES / "valid" / "other-client.yml"
CLIENTS = {
    "confiance": FIXTURES / "valid" / "confidential.yml",
    "alpha": SMALL,
    "eta": SMALL,
    "beta": SMALL,
    "epsilon": SMALL,
}
"""Five clients: 3 + 2 in two shards, 1 + 0 + 4 in three (an empty shard; the split is a hash)."""
SPLITS = {
    2: [["alpha", "confiance", "eta"], ["beta", "epsilon"]],
    3: [["beta"], [], ["alpha", "confiance", "epsilon", "eta"]],
}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: the set of files and their contents."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """One project published whole, and in 2 and in 3 shards (builds of one process each)."""
    root = tmp_path_factory.mktemp("shards")
    project = make_project(root / "project", CLIENTS)
    config = project / "mkdocs.yml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
        found = {"project": project, "full": root / "full"}
        publish(config, root / "full", SECRET, "https://agency.github.io/bible", processes=1)
        for count in SPLITS:
            for number in range(1, count + 1):
                out = root / f"shard-{number}-of-{count}"
                publish(config, out, SECRET, "https://agency.github.io/bible", processes=1, shard=Shard(number, count))
                found[number, count] = out
    return found


def shards_of(built: dict, count: int) -> list[Path]:
    return [built[number, count] for number in range(1, count + 1)]


@pytest.mark.parametrize("count", sorted(SPLITS))
def test_n_shards_merged_are_byte_identical_to_one_publish(built, count, tmp_path):
    for number, slugs in enumerate(SPLITS[count], start=1):
        held = {path.name for path in built[number, count].iterdir() if path.is_dir() and len(path.name) == 26}
        assert held == {token(SECRET, slug) for slug in slugs}, f"shard {number}/{count}"
    merge(shards_of(built, count)[::-1], tmp_path / "merged")  # in any order
    merged, full = tree(tmp_path / "merged"), tree(built["full"])
    assert sorted(merged) == sorted(full)
    assert [name for name in full if merged[name] != full[name]] == []
    assert MANIFEST not in merged and len(full) > 50


def test_the_split_is_a_hash_of_the_slug_the_same_on_every_machine():
    """Python's own hash() of a text changes from one process to the next: the split may not."""
    assert [shard_of(slug, 3) for slug in ("confiance", "beta", "quokka", "delta")] == [3, 1, 2, 2]
    assert all(shard_of(slug, 1) == 1 for slug in CLIENTS)


def test_every_strategy_file_is_checked_in_every_shard(tmp_path):
    """Publish all or nothing: a broken file stops the shards that do not build it too."""
    project = make_project(tmp_path / "p", {"beta": SMALL, "quokka": "client: {name: X}\n"})
    assert shard_of("quokka", 2) != shard_of("beta", 2)
    with pytest.raises(PublishError, match=r"strategies/quokka.yml: \d+ errors? \(run `strategy-bible validate`"):
        publish(project / "mkdocs.yml", tmp_path / "out", SECRET, processes=1, shard=Shard(shard_of("beta", 2), 2))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("3/2", "'3/2': K must be from 1 to N, 1/2 to 2/2"),
        ("0/2", "'0/2': K must be from 1 to N, 1/2 to 2/2"),
        ("1/0", "'1/0': N, the number of shards, must be 1 or more"),
        ("2", "'2' is not K/N: give the shard's number and the number of shards, such as 1/2"),
        ("one/two", "'one/two' is not K/N"),
    ],
)
def test_a_shard_value_that_is_not_k_of_n_gets_one_line(value, refusal, tmp_path):
    result = CliRunner().invoke(main, ["publish", "--shard", value, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert refusal in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# --- what merge refuses ----------------------------------------------------------------------------


def refused(shards: list[Path], out: Path) -> str:
    with pytest.raises(MergeError) as refusal:
        merge(shards, out)
    assert not out.exists(), "nothing is written before every check passed"
    said = str(refusal.value)
    assert "\n" not in said and not any(token(SECRET, slug) in said for slug in CLIENTS)
    return said


def test_merge_refuses_a_missing_or_duplicate_shard_or_another_split(built, tmp_path):
    one, two, three = shards_of(built, 3)
    out = tmp_path / "merged"
    assert refused([one, three], out) == "shard 2 of 3 missing: give the folders of all 3 shards"
    assert refused([one], out) == "shards 2, 3 of 3 missing: give the folders of all 3 shards"
    assert refused([one, two, three, two], out).startswith(f"shard 2/3 is given twice: {two} and {two}")
    assert refused([*shards_of(built, 2), three], out).startswith(
        f"shard 1/2 ({built[1, 2]}) and shard 3/3 ({three}) are of different splits"
    )
    assert refused([one, two, tmp_path], out).startswith(f"{tmp_path} is not a shard folder: it has no {MANIFEST}")


def test_merge_refuses_shards_of_other_inputs(built, tmp_path):
    """A shard published after a page changed (another commit) would make a site no publish makes."""
    project = tmp_path / "project"
    shutil.copytree(built["project"], project)
    (project / "pages" / "index.md").write_text("# Another commit\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
        publish(project / "mkdocs.yml", tmp_path / "two", SECRET, "https://agency.github.io/bible", shard=Shard(2, 3))
    one, _, three = shards_of(built, 3)
    said = refused([one, tmp_path / "two", three], tmp_path / "merged")
    assert said.startswith(f"shard 1/3 ({one}) and shard 2/3 ({tmp_path / 'two'}) were built from different inputs")


def test_merge_refuses_a_theme_file_that_differs_and_names_the_file(built, tmp_path):
    one, two = (shutil.copytree(shard, tmp_path / shard.name) for shard in shards_of(built, 2))
    stylesheet = next((two / "assets" / "stylesheets").glob("main.*.css"))
    stylesheet.write_bytes(stylesheet.read_bytes() + b"\n/* another version of the theme */")
    said = refused([one, two], tmp_path / "merged")
    name = stylesheet.relative_to(two).as_posix()
    assert said.startswith(f"{name} differs between shard 1/2 ({one}) and shard 2/2 ({two}): a file outside")
    stylesheet.unlink()
    assert refused([one, two], tmp_path / "merged").startswith(f"{name} is missing from shard 2/2 ({two})")


def test_a_clients_folder_in_another_shard_is_named_by_its_slug_never_its_token(built, tmp_path):
    one, two = (shutil.copytree(shard, tmp_path / shard.name) for shard in shards_of(built, 2))
    shutil.copytree(one / token(SECRET, "alpha"), two / token(SECRET, "alpha"))
    said = refused([one, two], tmp_path / "merged")
    assert said.startswith("<alpha>/") and f"is in shard 2/2 ({two}) only (and " in said


def test_merge_empties_only_a_folder_publish_made(built, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    shards = shards_of(built, 2)
    with pytest.raises(MergeError, match="not empty and was not made by 'strategy-bible publish'"):
        merge(shards, precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "do not delete"
    with pytest.raises(MergeError, match=r"is the shard folder .* or holds it"):
        merge(shards, shards[0])
    merge(shards, tmp_path / "site")
    merge(shards, tmp_path / "site")  # an earlier publish or merge is emptied first
    assert tree(tmp_path / "site") == tree(built["full"])


def test_the_commands_print_no_share_token(built, tmp_path):
    """In CI: each shard job prints its clients by slug, merge counts; a refusal names no token."""
    environment = {"STRATEGY_BIBLE_SECRET": SECRET, "CI": "true", "SOURCE_DATE_EPOCH": BUILD_TIME}
    base = ("--base-url", "https://agency.github.io/bible")
    out = str(tmp_path / "one")
    shard = strategy_bible(built["project"], "publish", "--shard", "1/3", "--out", out, *base, env=environment)
    assert shard.returncode == 0, shard.stderr
    assert f"published shard 1/3 of the clients: 1 client site into {out}/;" in shard.stdout
    assert "beta  (link hidden)" in shard.stdout
    # The fixture's shards, built from the same files (the tree may change while the tests run).
    one, _, three = shards_of(built, 3)
    two = shutil.copytree(built[2, 3], tmp_path / "two")
    merged = CliRunner().invoke(main, ["merge", str(one), str(two), str(three), "--out", str(tmp_path / "m")])
    assert merged.exit_code == 0, merged.output
    assert merged.output == f"merged 3 shards (5 client sites) into {tmp_path / 'm'}/ (the root lists no client)\n"
    shutil.copytree(one / token(SECRET, "beta"), two / token(SECRET, "beta"))
    wrong = CliRunner().invoke(main, ["merge", str(one), str(two), str(three), "--out", str(tmp_path / "n")])
    assert wrong.exit_code == 1 and wrong.output.startswith("Error: <beta>/") and "Traceback" not in wrong.output
    printed = (shard.stdout + shard.stderr + merged.output + wrong.output).lower()
    assert [slug for slug in CLIENTS if token(SECRET, slug) in printed] == []


# --- the digest that tells shards of one commit ------------------------------------------------------


def test_every_input_of_the_pages_changes_the_digest(tmp_path, monkeypatch):
    """Shards are merged only when built from the same inputs: each one below must count."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    project = make_project(tmp_path / "p", {"beta": SMALL}, plugin_config="      templates_dir: tpl\n")
    (project / "tpl").mkdir()
    (project / "tpl" / "overview.md.jinja").write_text("# {{ client.name }}\n", encoding="utf-8")
    config_file = project / "mkdocs.yml"

    def digest(secret: str = SECRET, base: str = "https://a.example") -> str:
        config = load_config(str(config_file))
        return inputs_digest(site_fingerprint(config_file, config, base + "/"), config_file, config, secret, base)

    seen = {digest()}
    assert digest() in seen, "the same inputs, the same digest"
    changes = {
        "a strategy file": lambda: (project / "strategies/beta.yml").write_text(SMALL.read_text() + "# edited\n"),
        "a page": lambda: (project / "pages/index.md").write_text("# Edited\n"),
        "a template": lambda: (project / "tpl/overview.md.jinja").write_text("# {{ client.name }}!\n"),
        "mkdocs.yml": lambda: config_file.write_text(config_file.read_text() + "\n# edited\n"),
        "the share links": lambda: (project / "share-links.yml").write_text("beta: 1\n"),
        "the day": lambda: monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_TIME) + 86_400)),
    }
    for what, change in changes.items():
        change()
        assert digest() not in seen, what
        seen.add(digest())
    assert digest(secret=SECRET + "x") not in seen and digest(base="https://b.example") not in seen
    os.utime(project / "pages/index.md")  # touched, not changed
    assert digest() in seen
