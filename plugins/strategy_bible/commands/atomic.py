"""Write a file so that a reader (or a crash) never sees half of it."""

from __future__ import annotations

import os
from pathlib import Path

from strategy_bible.commands.file_lock import locked


def temporary_path(path: Path) -> Path:
    """Where the next content of ``path`` (already real) is written before it replaces the file:
    ``.acme.yml.tmp`` beside ``acme.yml``."""
    return path.with_name(f".{path.name}.tmp")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside the file, flush it to disk, then rename it over the
    file: a reader, or a crash at any moment, sees the old content or the new one, never a part.

    A symbolic link is written through (the file it points to changes, the link stays). The file
    keeps its permission bits; on any error it is left as it was. Runs under the file's lock
    (:func:`strategy_bible.commands.file_lock.locked`, at once when the caller holds it already), so the
    temporary file can have one fixed name: a writer killed before the rename leaves one hidden
    ``.acme.yml.tmp``, which the next write reuses — killed writers never pile temporaries up."""
    with locked(path) as target:
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        temporary = temporary_path(target)
        temporary.unlink(missing_ok=True)  # a killed writer's, under the same lock: ours
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where a folder cannot be opened, the rename stands."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
