"""`strategy-bible publish` reads each strategy file once: its check reads them (on every core),
keeps the readings aside, and the batches' builds take them instead of reading the files again —
only while a file is unchanged, and without a trace left in the published folder or anywhere else."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from strategy_bible.commands import publish_check
from strategy_bible.commands.publish import PublishError, publish
from strategy_bible.strategy.files import read_strategy, signature
from strategy_bible.strategy.kept_readings import KeptReadings

from support import FIXTURES, make_project

SECRET = "a-test-secret-that-is-long-enough-0123456789"
CLIENTS = {"confiance": FIXTURES / "valid" / "confidential.yml", "quokka": FIXTURES / "valid" / "other-client.yml"}


def every_file(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def own_temp(tmp_path, monkeypatch) -> Path:
    """The temporary folder of this test alone: what publish leaves in it can be seen."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_each_file_is_read_once_and_the_site_is_the_one_a_second_reading_builds(
    tmp_path, monkeypatch, own_temp, strategy_reads
):
    project = make_project(tmp_path / "p", CLIENTS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the calendars' time stamps: the same in both
    # One process: the check and the batch run here, where the reads are counted.
    publish(project / "mkdocs.yml", project / "kept", SECRET, processes=1)
    assert sorted(path.name for path in strategy_reads) == ["confiance.yml", "quokka.yml"]
    assert list(own_temp.iterdir()) == [], "the readings outlive the publish"
    assert not [name for name in every_file(project / "kept") if name.endswith(".pickle")]

    strategy_reads.clear()
    monkeypatch.setattr(KeptReadings, "reading", lambda self, path: None)  # every file read again by the batch
    publish(project / "mkdocs.yml", project / "read-again", SECRET, processes=1)
    assert len(strategy_reads) == 4
    assert every_file(project / "kept") == every_file(project / "read-again")


def test_a_file_changed_after_the_check_is_read_again_by_the_build(tmp_path, monkeypatch, own_temp):
    project = make_project(tmp_path / "p", CLIENTS)
    quokka = project / "strategies" / "quokka.yml"
    checked = publish_check.check_files

    def check_then_edit(files, processes, kept):
        found = checked(files, processes, kept)
        assert kept.folder.stat().st_mode & 0o777 == 0o700  # the readings hold every internal item
        assert sorted(path.name for path in kept.folder.iterdir()) == ["confiance.yml.pickle", "quokka.yml.pickle"]
        quokka.write_text(quokka.read_text(encoding="utf-8").replace("Vélos Quokka", "Quokka Bikes"), encoding="utf-8")
        return found

    monkeypatch.setattr("strategy_bible.commands.publish.check_files", check_then_edit)
    shared = publish(project / "mkdocs.yml", project / "public", SECRET, processes=1)
    folder = next(client.token for client in shared if client.slug == "quokka")
    home = (project / "public" / folder / "index.html").read_text(encoding="utf-8")
    assert "Quokka Bikes" in home and "Vélos Quokka" not in home


def test_a_kept_reading_is_given_only_for_its_own_unchanged_file(tmp_path):
    folder = tmp_path / "readings"
    folder.mkdir()
    kept = KeptReadings(folder)
    path = tmp_path / "quokka.yml"
    path.write_bytes((FIXTURES / "valid" / "other-client.yml").read_bytes())
    assert kept.reading(path) is None  # nothing kept yet
    before = signature(path)
    kept.keep(path, before, read_strategy(path, "strategies/quokka.yml"))
    taken = kept.reading(path)
    assert taken is not None and taken.validated is not None
    assert taken.validated.strategy.client.name == "Vélos Quokka"
    other = tmp_path / "elsewhere" / "quokka.yml"  # another folder's file of the same name
    other.parent.mkdir()
    other.write_bytes(path.read_bytes())
    assert kept.reading(other) is None
    path.write_bytes(path.read_bytes())  # the same bytes written again: a change all the same
    assert signature(path) != before
    assert kept.reading(path) is None


def killed(file, kept):
    os._exit(9)


def test_a_checking_process_that_dies_is_a_one_line_refusal(tmp_path, monkeypatch, own_temp):
    """A file that cannot be read is that file's error (tests/integration/test_import_bombs.py and
    the property tests); a checking process killed (out of memory) is the publish's, said in a line."""
    project = make_project(tmp_path / "p", CLIENTS)
    monkeypatch.setattr(publish_check, "_check", killed)  # the forked workers inherit it
    with pytest.raises(PublishError) as refused:
        publish(project / "mkdocs.yml", project / "public", SECRET, processes=2)
    assert str(refused.value) == (
        "a process checking the strategy files ended abruptly (out of memory?); nothing was published"
    )
    assert not (project / "public").exists() and list(own_temp.iterdir()) == []
