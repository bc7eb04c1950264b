"""The strategies folder: every file loaded and validated once, and again only when it changes.

``mkdocs serve`` rebuilds the whole site on each edit; keeping the library between rebuilds
means an edit to one client re-reads one file, not all of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from strategy_bible.strategy.loader import UnreadableValues, load_yaml
from strategy_bible.strategy.model import Language
from strategy_bible.strategy.problems import InvalidStrategy, Problem, Worded
from strategy_bible.strategy.validation import Validated, check_slug, every_problem, validate

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
    language: str | None = None
    """The language the file asks for (``client.language``), even when the file does not validate:
    its error page speaks it. None: the site's."""

    @property
    def valid(self) -> bool:
        return self.validated is not None


class StrategyLibrary:
    def __init__(self) -> None:
        self._cache: dict[Path, tuple[Signature, StrategyFile]] = {}
        self._twins: dict[tuple[Path, ...], StrategyFile] = {}
        """Clients with two files, by their files: their problem is shown once, not on every scan."""

    def scan(
        self, folder: Path, relative_to: Path | None = None, only: set[str] | None = None, read: Reader | None = None
    ) -> list[StrategyFile]:
        """Every strategy file of ``folder``, by slug — or only those of the slugs ``only``: the
        others are not read at all (one client out of hundreds is one file to read). Files new or
        changed since the last scan are read by ``read`` (default: one after the other, here)."""
        by_slug = files_by_client(folder, only)
        paths = [group[0] for group in by_slug.values() if len(group) == 1]  # two files of one client: neither is read
        signatures = {path: signature(path) for path in paths}
        stale = [path for path in paths if self._cached(path, signatures[path]) is None]
        read_now = set(stale)
        for path, entry in zip(
            stale, (read or read_strategies)([(path, shown_source(path, relative_to)) for path in stale]), strict=False
        ):
            self._cache[path] = (signatures[path], entry)
        self._cache = {path: self._cache[path] for path in paths}
        found = []
        twins = {}
        for slug, group in by_slug.items():
            if len(group) > 1:
                entry = twins[tuple(group)] = self._twins.get(tuple(group)) or twins_entry(slug, group, relative_to)
                found.append(entry)
                entry.fresh = tuple(group) not in self._twins
                continue
            entry = self._cache[group[0]][1]
            entry.fresh = group[0] in read_now
            found.append(entry)
        self._twins = twins
        return found

    def load(self, path: Path, source: str) -> StrategyFile:
        """One file, read again only when it changed. A file with another file of the same client
        beside it (``acme.yml`` and ``acme.yaml``) is not read: that is its problem."""
        others = same_client(path)
        if others:
            shown = sorted([source, *(str(Path(source).with_suffix(other.suffix)) for other in others)])
            return StrategyFile(path.stem, path, source, None, [same_client_problem(source, shown, path.stem)])
        now = signature(path)
        entry = self._cached(path, now)
        if entry is not None:
            entry.fresh = False
            return entry
        entry = read_strategy(path, source)
        self._cache[path] = (now, entry)
        return entry

    def _cached(self, path: Path, now: Signature) -> StrategyFile | None:
        cached = self._cache.get(path)
        return cached[1] if cached and cached[0] == now else None


def read_strategy(path: Path, source: str) -> StrategyFile:
    """Read and validate one strategy file: its strategy, or every problem found in it."""
    entry = StrategyFile(path.stem, path, source)
    try:
        check_slug(path, source)
        loaded = load_yaml(path, source)
        entry.language = asked_language(loaded.data)
        entry.validated = validate(loaded)
    except UnreadableValues as unreadable:
        entry.errors = every_problem(unreadable)
    except InvalidStrategy as invalid:
        entry.errors = invalid.problems
    except Exception as error:  # a bug of ours: this file's one error, not a traceback that stops every client
        entry.errors = [bug_problem(source, error)]
    return entry


def bug_problem(source: str, error: Exception) -> Problem:
    """A bug met while reading ``source``, said as the file's one error: ``validate`` prints it in a
    line, a build stops with it, ``serve`` shows it on the client's error page."""
    try:
        said = str(error)
    except Exception:  # an exception that cannot even say itself
        said = ""
    said = said if len(said) <= 200 else said[:199] + "…"
    what = f"{type(error).__name__}{': ' + said if said else ''}"
    message = (
        f"internal error while checking the file ({what}); "
        "this is a bug of strategy-bible, not a mistake in the file: please report it with the file"
    )
    return Problem(source, 1, 1, "", Worded(message, "invalid.bug", error=what))


def asked_language(data: object) -> str | None:
    """``client.language`` when it is one of the languages allowed, else None (the site's)."""
    client = data.get("client") if isinstance(data, dict) else None
    language = client.get("language") if isinstance(client, dict) else None
    return language if language in get_args(Language) else None


def read_strategies(files: list[tuple[Path, str]]) -> list[StrategyFile]:
    return [read_strategy(path, source) for path, source in files]


Reader = Callable[[list[tuple[Path, str]]], list[StrategyFile]]
"""Reads ``(path, shown path)`` pairs into strategy files, in the same order."""


def strategy_paths(folder: Path) -> list[Path]:
    """The strategy files of ``folder``, sorted: every name ending in .yml or .yaml but hidden ones
    (editor swap files, the writing commands' lock and temporary files). What is not a regular file
    under such a name is listed too: reading it says so, rather than a client going missing."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith("."))


def same_client(path: Path) -> list[Path]:
    """The other files of ``path``'s client in its folder: ``acme.yaml`` beside ``acme.yml``."""
    if path.suffix not in SUFFIXES:
        return []
    return [
        other
        for other in (path.with_suffix(suffix) for suffix in SUFFIXES)
        if other.name != path.name and os.path.lexists(other)
    ]


def same_client_problem(source: str, sources: list[str], slug: str) -> Problem:
    """The problem of ``source``, one of the files ``sources`` of the client ``slug``."""
    quoted = [f"'{name}'" for name in sources]
    names = Worded(" and ".join(quoted), "value.and", first=", ".join(quoted[:-1]), last=quoted[-1])
    message = (
        f"{names} are two files of one client, '{slug}' (a client is named by "
        "its file name, .yml or .yaml); keep one of them"
    )
    return Problem(source, 1, 1, "", Worded(message, "invalid.same_client", names=names, slug=slug))


def files_by_client(folder: Path, only: set[str] | None = None) -> dict[str, list[Path]]:
    """The strategy files of ``folder`` (or of the slugs ``only``) by client: one each, or two for
    a client with a .yml and a .yaml file, which are not read (see :func:`twins_entry`)."""
    by_slug: dict[str, list[Path]] = {}
    for path in strategy_paths(folder):
        if only is None or path.stem in only:
            by_slug.setdefault(path.stem, []).append(path)
    return by_slug


def twins_entry(slug: str, paths: list[Path], relative_to: Path | None) -> StrategyFile:
    """A client with two files: the problem of each, neither read."""
    shown = [shown_source(path, relative_to) for path in paths]
    return StrategyFile(slug, paths[0], shown[0], None, [same_client_problem(source, shown, slug) for source in shown])


Signature = tuple[int, int, int, int]


def signature(path: Path) -> Signature:
    """What tells that a file changed, without reading it: its inode and change time besides its
    modification time and size. An edit can keep the size and the modification time (a same-length
    fix on a file system with a coarse clock, two writes in one tick, `cp -p` or `rsync -a` putting
    the old time back), never the change time; a file replaced by another gets a new inode. Taken
    before the file is read: an edit made while it is read shows as a change next time."""
    try:
        status = path.stat()
    except OSError:  # gone, or a broken link: reading it says so
        return -1, -1, -1, -1
    return status.st_ino, status.st_ctime_ns, status.st_mtime_ns, status.st_size


def shown_source(path: Path, relative_to: Path | None) -> str:
    """A strategy file's path as the user knows it (relative to the project): its ``source``."""
    if relative_to is None:
        return str(path)
    try:
        return os.path.relpath(path, relative_to)
    except ValueError:
        return str(path)
