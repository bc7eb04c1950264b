"""Output folders a command may empty: only those it made itself (or that plainly are a build).

``publish`` and ``render`` start from an empty folder, so nothing of an earlier run survives (a
rotated share link must die). Wiping a folder the user pointed at by mistake would lose their
files, so a non-empty folder is emptied only when it carries the command's marker file.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def empty_output_folder(out: Path, command: str, error: type[Exception], *, also_ours: bool = False) -> None:
    """Make ``out`` an empty folder holding only the marker of ``strategy-bible <command>``.

    ``also_ours`` says the caller recognises the folder as safe to empty on other grounds. Raises
    ``error`` for a non-empty folder that is not ours."""
    marker = out / f".strategy-bible-{command}"
    if out.exists() and any(out.iterdir()) and not (marker.exists() or also_ours):
        raise error(f"{out} is not empty and was not made by 'strategy-bible {command}'; "
                    "choose another --out or empty it yourself")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    marker.write_text(f"Made by strategy-bible {command}: emptied at each {command}.\n", encoding="utf-8")
