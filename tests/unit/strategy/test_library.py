"""The strategies folder as the plugin and `validate` see it (library.py)."""

from __future__ import annotations

import shutil

from strategy_bible.strategy.files import StrategyLibrary, strategy_paths

from support import FIXTURES

EXAMPLE = FIXTURES / "valid" / "contract-example.yml"


def test_two_files_of_one_client_are_one_invalid_client_until_one_goes(tmp_path):
    for name in ("ok.yml", "ok.yaml", "other.yml"):
        shutil.copy(EXAMPLE, tmp_path / name)
    library = StrategyLibrary()
    first = {entry.slug: entry for entry in library.scan(tmp_path, tmp_path)}
    assert first["other"].valid and not first["ok"].valid
    message = (
        "'ok.yaml' and 'ok.yml' are two files of one client, 'ok' (a client is named by its file name, "
        ".yml or .yaml); keep one of them"
    )
    assert [str(problem) for problem in first["ok"].errors] == [f"ok.yaml:1:1: {message}", f"ok.yml:1:1: {message}"]
    again = {entry.slug: entry for entry in library.scan(tmp_path, tmp_path)}
    assert not again["ok"].valid and not again["ok"].fresh  # `serve` shows the problem once, not on every rebuild
    (tmp_path / "ok.yaml").unlink()
    fixed = {entry.slug: entry for entry in library.scan(tmp_path, tmp_path)}
    assert fixed["ok"].valid and fixed["ok"].fresh


def test_the_finder_skips_hidden_files_and_keeps_what_is_not_a_regular_file(tmp_path):
    for name in ("a.yml", "b.yaml", ".a.yml.lock", ".a.yml.tmp", ".a.yml.swp", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    assert [path.name for path in strategy_paths(tmp_path)] == ["a.yml", "b.yaml", "folder.yml", "gone.yml"]
    found = {entry.slug: entry for entry in StrategyLibrary().scan(tmp_path, tmp_path)}
    assert str(found["gone"].errors[0]) == "gone.yml:1:1: cannot read the file: No such file or directory"
