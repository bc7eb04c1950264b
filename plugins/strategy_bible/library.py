"""The strategies folder: every file loaded and validated once, and again only when it changes.

``mkdocs serve`` rebuilds the whole site on each edit; keeping the library between rebuilds
means an edit to one client re-reads one file, not all of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .loader import load_yaml
from .problems import InvalidStrategy, Problem
from .validation import Validated, check_slug, validate

SUFFIXES = (".yml", ".yaml")


@dataclass
class StrategyFile:
    slug: str
    path: Path
    source: str
    """The path as the user knows it, relative to the project: ``strategies/acme.yml``."""
    validated: Validated | None = None
    errors: list[Problem] = field(default_factory=list)
    fresh: bool = True
    """Read in this scan (not reused from an earlier one): its messages have not been shown yet."""

    @property
    def valid(self) -> bool:
        return self.validated is not None


class StrategyLibrary:
    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple[int, int], StrategyFile]] = {}

    def scan(self, folder: Path, relative_to: Path | None = None, only: set[str] | None = None) -> list[StrategyFile]:
        """Every strategy file of ``folder``, by slug — or only those of the slugs ``only``: the
        others are not read at all (one client out of hundreds is one file to read)."""
        paths = [path for path in strategy_paths(folder) if only is None or path.stem in only]
        found = [self.load(path, _shown(path, relative_to)) for path in paths]
        self._cache = {path: entry for path, entry in self._cache.items() if path in set(paths)}
        return _refuse_same_slug(found)

    def load(self, path: Path, source: str) -> StrategyFile:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached and cached[0] == signature:
            cached[1].fresh = False
            return cached[1]
        entry = StrategyFile(path.stem, path, source)
        try:
            check_slug(path, source)
            entry.validated = validate(load_yaml(path, source))
        except InvalidStrategy as invalid:
            entry.errors = invalid.problems
        self._cache[path] = (signature, entry)
        return entry


def strategy_paths(folder: Path) -> list[Path]:
    """The strategy files of ``folder``, sorted; hidden files (editor swap files) are skipped."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith(".") and p.is_file())


def _shown(path: Path, relative_to: Path | None) -> str:
    if relative_to is None:
        return str(path)
    try:
        return os.path.relpath(path, relative_to)
    except ValueError:
        return str(path)


def _refuse_same_slug(found: list[StrategyFile]) -> list[StrategyFile]:
    by_slug: dict[str, StrategyFile] = {}
    for entry in found:
        if entry.slug in by_slug:
            other = by_slug[entry.slug]
            message = f"'{other.source}' and '{entry.source}' are the same client '{entry.slug}'; keep one file"
            entry = StrategyFile(entry.slug, entry.path, entry.source, None, [Problem(entry.source, 1, 1, "", message)])
        by_slug[entry.slug] = entry
    return list(by_slug.values())
