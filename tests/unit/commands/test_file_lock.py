"""The one-writer lock and the atomic write every writing command uses (file_lock.py, atomic.py)."""

from __future__ import annotations

import threading

import pytest

from strategy_bible.commands import file_lock
from strategy_bible.commands.atomic import write_atomically
from strategy_bible.commands.editing import EditRefused, rewrite
from strategy_bible.commands.file_lock import FileBusy, lock_path, locked


def test_the_lock_is_a_hidden_file_beside_the_real_file(tmp_path):
    real = tmp_path / "shared" / "acme.yml"
    real.parent.mkdir()
    real.write_text("x", encoding="utf-8")
    link = tmp_path / "acme.yml"
    link.symlink_to(real)
    with locked(link) as target:
        assert target == real
        assert lock_path(target) == real.parent / ".acme.yml.lock" and lock_path(target).exists()
    assert not (tmp_path / ".acme.yml.lock").exists()


def test_a_holder_gets_the_lock_again_and_another_thread_waits_then_gives_up(tmp_path):
    path = tmp_path / "acme.yml"
    outcome: list[object] = []

    def other_writer() -> None:
        try:
            with locked(path, wait=0.2):
                outcome.append("got it")
        except FileBusy as busy:
            outcome.append(str(busy))

    with locked(path):
        with locked(path):  # re-entrant: write_atomically inside a command's lock
            pass
        thread = threading.Thread(target=other_writer)
        thread.start()
        thread.join()
    assert outcome == [f"another command has been writing {path} for more than 0.2 seconds"]
    other_writer()
    assert outcome[-1] == "got it"


def test_a_command_that_cannot_get_the_lock_writes_nothing_and_says_why(tmp_path, monkeypatch):
    path = tmp_path / "acme.yml"
    path.write_text("client: {}\n", encoding="utf-8")
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0.1)
    caught: list[EditRefused] = []

    def edit() -> None:
        try:
            rewrite(path, "strategies/acme.yml", lambda text: pytest.fail("edited without the lock"))
        except EditRefused as refused:
            caught.append(refused)

    with locked(path):
        thread = threading.Thread(target=edit)
        thread.start()
        thread.join()
    assert str(caught[0]) == (
        f"another command has been writing {path} for more than 0.1 seconds; nothing was written: run the command again"
    )


def test_write_atomically_keeps_the_mode_and_reuses_a_killed_writers_temporary_file(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    (tmp_path / ".acme.yml.tmp").write_text("half of a killed writer's", encoding="utf-8")
    write_atomically(path, b"new\n")
    assert path.read_bytes() == b"new\n" and path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".acme.yml.lock", "acme.yml"]


def test_lock_and_temporary_files_are_ignored_by_git():
    import subprocess

    from support import REPO

    names = ["strategies/.acme.yml.lock", "strategies/.acme.yml.tmp", ".share-links.yml.lock"]
    result = subprocess.run(["git", "check-ignore", *names], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.splitlines() == names
