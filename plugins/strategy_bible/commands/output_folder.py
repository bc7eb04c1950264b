"""Output folders a command may empty: only those it made itself, or empty ones.

``publish`` and ``render`` start from an empty folder, so nothing of an earlier run survives (a
rotated share link must die). Wiping a folder the user pointed at by mistake would lose their
files, so a non-empty folder is emptied only when it holds the marker file the command wrote
there: a project, a website or an ``mkdocs build`` folder is refused and left untouched, whatever
it looks like. The project's own folders (the project, its docs, strategies and templates) are
refused even with a marker, and emptying never follows a symbolic link out of the folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from strategy_bible.plugin.config import PLUGIN_NAME


def input_folders(config_file: Path, config: Any, plugin: str = PLUGIN_NAME) -> dict[str, Path]:
    """The folders a build reads, by name, from a loaded MkDocs configuration."""
    project = config_file.resolve().parent
    folders = {"the project folder": project, "the docs folder": Path(config.docs_dir)}
    settings = config.plugins[plugin].config
    folders["the strategies folder"] = project / settings.strategies_dir
    if settings.templates_dir:
        folders["the templates folder"] = project / settings.templates_dir
    return folders


def empty_output_folder(out: Path, command: str, error: type[Exception], inputs: dict[str, Path]) -> None:
    """Make ``out`` an empty folder holding only the marker of ``strategy-bible <command>``.

    ``inputs`` are the folders the build reads (see :func:`input_folders`): ``out`` may not be one
    of them or hold one, nor lie inside one other than the project folder. Raises ``error``, with
    nothing deleted, for those, for a symbolic link, a file, and a non-empty folder without the
    marker."""
    if out.is_symlink():
        raise error(f"{out} is a symbolic link; give a real folder as --out (nothing was deleted)")
    _refuse_inputs(out, inputs, error)
    if out.exists() and not out.is_dir():
        raise error(f"{out} is a file, not a folder; choose another --out")
    marker = out / f".strategy-bible-{command}"
    if out.exists() and any(out.iterdir()) and not _is_marker(marker, command):
        raise error(
            f"{out} is not empty and was not made by 'strategy-bible {command}' (it has no "
            f"{marker.name} file); nothing was deleted: choose another --out or empty it yourself"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        for child in out.iterdir():
            if child.name == marker.name:
                continue  # kept: a run stopped half-way leaves a folder the next run may empty
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)  # unlinks the symbolic links inside, never follows them
            else:
                child.unlink()
        if not marker.exists():
            marker.write_text(f"Made by strategy-bible {command}: emptied at each {command}.\n", encoding="utf-8")
    except OSError as failure:
        raise error(f"cannot make {out} an empty output folder: {failure.strerror} ({failure.filename})") from None


def _is_marker(marker: Path, command: str) -> bool:
    if marker.is_symlink() or not marker.is_file():
        return False
    with marker.open("rb") as handle:
        return handle.read(64).startswith(f"Made by strategy-bible {command}".encode())


def _refuse_inputs(out: Path, inputs: dict[str, Path], error: type[Exception]) -> None:
    target = out.resolve()
    for name, folder in inputs.items():
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            raise error(
                f"{out} is {name} or holds it ({folder}); choose an output folder of its own, "
                "such as 'site' (nothing was deleted)"
            )
        if name != "the project folder" and folder in target.parents:
            raise error(
                f"{out} is inside {name} ({folder}), whose files the build reads; choose an "
                "output folder outside it (nothing was deleted)"
            )
