"""One writer at a time per file: a lock held from reading a file to writing it back.

A command that changes a file of the project (``record``, ``check``, ``new``, ``links --rotate``…)
reads it, changes it, validates the result and writes it. Two commands doing that at once would
both read the same text, and the second write would drop the first one's change. So each holds
the file's lock for the whole read → validate → write::

    with locked(path) as target:          # waits for any other writer of that file
        raw = target.read_bytes()
        ...                               # change and validate
        write_atomically(target, data)    # (strategy_bible.commands.atomic) takes this same lock: no wait

``target`` is the real file: a symbolic link is followed, so the file it points to is locked and
written (the link stays a link), whichever link or path a command was given.

The lock is the operating system's (``flock``, through the filelock package) on a small empty file
beside the target: ``.acme.yml.lock`` next to ``acme.yml``. Beside the target, it works for any
folder layout, on the file's own file system, for everyone who may write the file; hidden (the
leading dot), it shows neither in a plain ``ls`` nor as a client (the strategy finder skips hidden
files), and ``.gitignore`` keeps it out of ``git status``. The system releases the lock when its
process ends, even when killed, so no stale lock is ever left to clean up by hand; the empty lock
file itself stays (removing it while another writer waits on it would let two writers in).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

WAIT_SECONDS = 60.0
"""How long a writer waits for another one. A write holds the lock well under a second; a minute
means a writer that hangs, and the command gives up with a message instead of waiting for ever."""

_held: dict[tuple[int, Path], int] = {}
"""The locks this process holds, by thread and target, with how many ``locked`` blocks hold each."""


class FileBusy(Exception):
    """Another writer held the file's lock for longer than the wait."""


def real_path(path: Path) -> Path:
    """The file a path stands for: absolute, with every symbolic link followed."""
    return Path(path).resolve()


def lock_path(path: Path) -> Path:
    """The lock file of ``path`` (already real): ``.acme.yml.lock`` beside ``acme.yml``."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the one-writer lock of the file ``path`` stands for; yields that real file's path.

    Waits up to ``wait`` seconds (default :data:`WAIT_SECONDS`) for another writer, then raises
    :class:`FileBusy`. Re-entrant: a
    thread that holds the lock gets it again at once (``write_atomically`` inside a command's
    ``locked`` block). The folder must exist; the file need not (a new file is locked before it
    is created). Raises :class:`OSError` when the lock file cannot be created (a read-only folder)."""
    target = real_path(path)
    key = (threading.get_ident(), target)
    if key in _held:
        _held[key] += 1
        try:
            yield target
        finally:
            _held[key] -= 1
        return
    wait = WAIT_SECONDS if wait is None else wait
    lock = FileLock(lock_path(target), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise FileBusy(f"another command has been writing {path} for more than {wait:g} seconds") from None
    _held[key] = 1
    try:
        yield target
    finally:
        del _held[key]
        lock.release()
