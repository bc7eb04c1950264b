"""Strategy files read once and kept on disk, for builds of the same files in other processes.

``strategy-bible publish`` reads every file to check it before it builds anything, on every core;
each batch's build then takes its clients' readings from here instead of reading their files again
(loading a reading takes about a tenth of the time reading its file does). A reading is handed out
only while its file is unchanged: its signature must still be the one taken before it was read.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Protocol

from strategy_bible.strategy.files import Signature, StrategyFile, signature


class ReadAhead(Protocol):
    """Strategy files read before the build asks for them (see also plugin.early_making)."""

    def reading(self, path: Path) -> StrategyFile | None:
        """``path`` as read ahead, or None: the build reads it itself."""
        ...


class KeptReadings:
    """Readings kept as files of ``folder``, one per strategy file (a folder only this user can read:
    the readings hold every internal item)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def keep(self, path: Path, read_as: Signature, entry: StrategyFile) -> None:
        """Keep ``entry``, the reading of ``path`` whose signature was ``read_as`` before it was read."""
        kept = pickle.dumps((str(path), read_as, entry), pickle.HIGHEST_PROTOCOL)
        (self.folder / f"{path.name}.pickle").write_bytes(kept)

    def reading(self, path: Path) -> StrategyFile | None:
        try:
            kept = (self.folder / f"{path.name}.pickle").read_bytes()
        except OSError:
            return None
        kept_path, read_as, entry = pickle.loads(kept)
        if kept_path != str(path) or read_as != signature(path) or not isinstance(entry, StrategyFile):
            return None
        return entry
