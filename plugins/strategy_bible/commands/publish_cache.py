"""The publish cache: each client's folder as an earlier publish made it, reused byte for byte
when nothing it is made from changed (its fingerprint, see :mod:`publish_inputs`).

A monthly publish rebuilds only the clients whose strategy changed; the others are copied from
here. The folder (default ``.strategy-bible-cache/publish/`` beside ``mkdocs.yml``)::

    CACHEDIR.TAG              marks it as a cache: backup tools skip it, and publish writes into
                              no other non-empty folder
    clients/<fingerprint>/    one client's folder, as published under its token
    shared/<fingerprint>/     the files every client shares (the theme's), for the site's fingerprint
    checked.json              what the last publish found in each strategy file (valid, the client's
                              name, placeholder texts left), by client fingerprint: an unchanged file
                              is not read and validated again (a tenth of a second each)
    incoming/                 entries being written, renamed into place once whole: a publish
                              killed half-way leaves no half entry

Entries are copied, never hard-linked, into the output: an edit of a published file must not
change the cache. An entry that this publish did not use is removed at its end, so the cache
does not grow for ever and a removed client's pages (or a rotated link's folder) do not linger.
One publish at a time uses a cache (a lock beside it); the cache holds the same client-audience
folders as the output, links included: keep it as private as the output.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from strategy_bible.commands.atomic import write_atomically
from strategy_bible.commands.file_lock import FileBusy, locked
from strategy_bible.commands.publish_inputs import Fingerprints

DEFAULT_FOLDER = Path(".strategy-bible-cache", "publish")
"""Beside ``mkdocs.yml``; ``.gitignore`` keeps it out of git."""
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by strategy-bible publish.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
_INCOMING = "incoming"
_CHECKED = "checked.json"


@dataclass(frozen=True)
class Checked:
    """What a publish found in a valid strategy file, kept for the next one."""

    name: str
    """The client's name (the share table's)."""
    source: str
    """The file as the user knows it (``strategies/acme.yml``), for messages."""
    placeholders: int
    """How many of the starter's placeholder texts its pages would show."""


def read_checked(folder: Path) -> dict[str, Checked]:
    """The checked files of the cache in ``folder`` by client fingerprint; none when the folder is
    not a cache or the record cannot be read (the files are then read and validated)."""
    record = folder / _CHECKED
    if folder.is_symlink() or not _tagged(folder) or record.is_symlink() or not record.is_file():
        return {}
    try:
        return {key: Checked(**value) for key, value in json.loads(record.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


class CacheRefused(Exception):
    """The cache folder cannot be used; the message says why and what to do."""


class PublishCache:
    """The entries of one cache folder, held for the length of a publish (:func:`opened`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._used: set[Path] = set()

    def client(self, fingerprint: str) -> Path | None:
        """The cached folder of a client with this fingerprint, or None."""
        return self._entry("clients", fingerprint)

    def shared(self, fingerprint: str) -> Path | None:
        """The cached shared files of a site with this fingerprint, or None."""
        return self._entry("shared", fingerprint)

    def store_client(self, fingerprint: str, folder: Path) -> None:
        """Keep a copy of a client's published folder."""
        self._store("clients", fingerprint, lambda target: shutil.copytree(folder, target, symlinks=True))

    def store_shared(self, fingerprint: str, out: Path, names: list[str]) -> None:
        """Keep a copy of the shared files and folders ``names`` of the output folder ``out``."""

        def copy(target: Path) -> None:
            target.mkdir()
            for name in names:
                source = out / name
                if source.is_dir() and not source.is_symlink():
                    shutil.copytree(source, target / name, symlinks=True)
                else:
                    shutil.copy2(source, target / name, follow_symlinks=False)

        self._store("shared", fingerprint, copy)

    def remember_checked(self, checked: dict[str, Checked]) -> None:
        """Keep what this publish found in its files (and nothing of earlier ones), atomically."""
        data = json.dumps({key: asdict(value) for key, value in sorted(checked.items())}, ensure_ascii=False)
        write_atomically(self.folder / _CHECKED, data.encode("utf-8"))

    def forget_unused(self) -> None:
        """Remove every entry this publish did not use or store."""
        for kind in ("clients", "shared"):
            for entry in sorted((self.folder / kind).iterdir()):
                if entry not in self._used:
                    _remove(entry)

    def _entry(self, kind: str, fingerprint: str) -> Path | None:
        entry = self.folder / kind / fingerprint
        if not entry.is_dir():
            return None
        self._used.add(entry)
        return entry

    def _store(self, kind: str, fingerprint: str, copy) -> None:
        entry = self.folder / kind / fingerprint
        self._used.add(entry)
        if entry.is_dir():
            return
        incoming = self.folder / _INCOMING / f"{kind}-{fingerprint}"
        _remove(incoming)
        try:
            copy(incoming)
            incoming.rename(entry)
        finally:
            _remove(incoming)


def restore(entry: Path, target: Path) -> None:
    """Copy a cached entry's files into ``target`` (made if needed), bytes and permissions kept."""
    shutil.copytree(entry, target, symlinks=True, dirs_exist_ok=True)


def check_place(folder: Path, refused: dict[str, Path]) -> None:
    """Refuse, with :class:`CacheRefused` and nothing written, a cache folder that is or holds one
    of ``refused`` (by name: the output folder, the project's input folders) or sits in one (but
    the project folder), a symbolic link, a file, and a non-empty folder without the cache's tag:
    its files are not ours to remove."""
    if folder.is_symlink():
        raise CacheRefused(f"the cache {folder} is a symbolic link; give a real folder as --cache")
    if folder.exists() and not folder.is_dir():
        raise CacheRefused(f"the cache {folder} is a file, not a folder; choose another --cache")
    target = folder.resolve()
    for name, other in refused.items():
        other = other.resolve()
        if target == other or target in other.parents:
            raise CacheRefused(f"the cache {folder} is {name} or holds it; choose a folder of its own as --cache")
        if name != "the project folder" and other in target.parents:
            raise CacheRefused(f"the cache {folder} is inside {name}; choose a folder outside it as --cache")
    if folder.exists() and any(folder.iterdir()) and not _tagged(folder):
        raise CacheRefused(
            f"{folder} is not empty and is not a publish cache (it has no {TAG} file); nothing was "
            "written: choose another --cache, or publish with --no-cache"
        )


@contextmanager
def opened(folder: Path) -> Iterator[PublishCache]:
    """The cache in ``folder`` (checked with :func:`check_place` first), made if needed and locked
    for the block: a cache another publish is using is refused with :class:`CacheRefused`."""
    with ExitStack() as held:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            held.enter_context(locked(folder, wait=0))
            (folder / TAG).write_text(TAG_TEXT, encoding="utf-8")
            _remove(folder / _INCOMING)  # a killed publish's half entries (the lock is ours)
            for kind in ("clients", "shared", _INCOMING):
                (folder / kind).mkdir(exist_ok=True)
        except FileBusy:
            raise CacheRefused(
                f"another publish is using the cache {folder}; wait for it to end, or publish with --no-cache"
            ) from None
        except OSError as failure:
            raise CacheRefused(f"cannot use the cache {folder}: {failure.strerror} ({failure.filename})") from None
        yield PublishCache(folder)


def _tagged(folder: Path) -> bool:
    tag = folder / TAG
    return tag.is_file() and not tag.is_symlink() and tag.read_bytes().startswith(TAG_TEXT.encode()[:43])


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class Reuse:
    """One publish's use of the cache: which clients' folders it reuses, and what it keeps.

    ``store`` None (``--no-cache``): nothing is reused or kept."""

    def __init__(self, store: PublishCache | None, fingerprints: Fingerprints | None):
        self.store = store
        self.fingerprints = fingerprints
        self.common = store.shared(fingerprints.site) if store and fingerprints else None
        self.hits: dict[str, Path] = {}
        """The cached folder of each client reused, by slug; none without the cached shared files
        (every publish writes them)."""
        if store is not None and fingerprints is not None and self.common is not None:
            for slug, fingerprint in fingerprints.clients.items():
                if (entry := store.client(fingerprint)) is not None:
                    self.hits[slug] = entry

    def finish(self, out: Path, tokens: dict[str, str], built: set[str], after: Fingerprints | None) -> None:
        """Copy the reused folders into ``out/<token>/`` (``tokens``: by slug) and, when no
        client was built, the shared files into ``out``; keep the ``built`` clients (slugs) in
        the cache. ``after``: the fingerprints taken again after the builds. An input changed
        meanwhile (a file saved during the publish) keeps its client, or the shared files, out of
        the cache: what was built may be of the old input or of the new one."""
        if self.store is None or self.fingerprints is None:
            return
        for slug, entry in self.hits.items():
            restore(entry, out / tokens[slug])
        if self.common is not None and self.hits and not built:
            restore(self.common, out)
        if not built or after is None:
            return
        for slug in sorted(built):
            if after.clients.get(slug) == self.fingerprints.clients[slug]:
                self.store.store_client(self.fingerprints.clients[slug], out / tokens[slug])
        if after.site == self.fingerprints.site:
            names = [
                child.name
                for child in sorted(out.iterdir())
                if child.name not in tokens.values() and not child.name.startswith(".strategy-bible-")
            ]
            self.store.store_shared(self.fingerprints.site, out, names)
