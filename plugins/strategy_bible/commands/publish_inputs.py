"""What a published client's folder is made from, as one fingerprint per client.

``publish`` reuses a client's folder from its cache (:mod:`publish_cache`) only when nothing that
could change one byte of it has changed. A stale reuse is a leak or a wrong figure, so the
fingerprint takes everything in, at the price of rebuilding a little more often than needed:

- **the site's fingerprint**, the same for every client: the loaded configuration (mkdocs.yml
  with its ``!ENV`` values and ``INHERIT`` applied: theme, extra, Markdown extensions, every
  plugin's settings) and the bytes of ``mkdocs.yml``; the address the site is built for; every
  file of the docs folder (a client's menu, links, search and copies of the shared pages come
  from there), of the project's templates folder, of a theme folder or hook of the project's; the
  plugin's own files (its code, shipped templates and theme: a developer's edit counts, not only
  the version number); the Python version and every installed package with its version (MkDocs,
  Material, Markdown, Pygments… all shape the pages); the build's day, or the exact moment
  ``SOURCE_DATE_EPOCH`` names (dates such as "as of" or lateness depend on it, the calendars'
  DTSTAMP on the moment);
- **each client's fingerprint**: the site's, its slug, its share token (the folder's name and its
  links; a rotated link must not reuse) and the bytes of its strategy file.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sysconfig
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.theme import Theme

import strategy_bible
from strategy_bible.analysis.clock import VARIABLE as SOURCE_DATE_VARIABLE
from strategy_bible.analysis.clock import BadSourceDate, build_time
from strategy_bible.plugin.config import PLUGIN_NAME
from strategy_bible.render.renderer import default_templates_dir

FORMAT = "strategy-bible publish cache 1"
"""Raised when what an entry holds, or how its fingerprint is made, changes."""
_IGNORED_SETTINGS = frozenset({"config_file_path", "site_dir", "dev_addr", "remote_branch", "remote_name", "watch"})
"""Settings that shape no page: where the build writes, how serve and gh-deploy run."""


@dataclass(frozen=True)
class Fingerprints:
    site: str
    clients: dict[str, str]
    """Each client's, by slug."""


def fingerprints(
    config_file: Path, config: Any, site_url: str | None, clients: Iterable[tuple[str, str, Path]]
) -> Fingerprints:
    """The site's fingerprint and each client's (``clients``: slug, token and strategy file)."""
    site = site_fingerprint(config_file, config, site_url)
    return Fingerprints(site, {slug: client_fingerprint(site, slug, token, path) for slug, token, path in clients})


def site_fingerprint(config_file: Path, config: Any, site_url: str | None) -> str:
    """What every published folder is made from, as one hex digest (see the module's docstring)."""
    project = config_file.resolve().parent
    settings = config.plugins[PLUGIN_NAME].config
    strategies = (project / settings.strategies_dir).resolve()
    parts: dict[str, Any] = {
        "format": FORMAT,
        "settings": _plain({k: v for k, v in config.items() if k not in _IGNORED_SETTINGS}, project),
        "mkdocs.yml": _file_digest(config_file),
        "site_url": site_url,
        "docs": tree_digest(Path(config.docs_dir), excluded=[strategies]),
        "templates": tree_digest(project / settings.templates_dir) if settings.templates_dir else None,
        "theme": [tree_digest(Path(folder)) for folder in config.theme.dirs if not _installed(Path(folder))],
        "hooks": [_file_digest(Path(module.__file__)) for module in config.hooks.values()],
        "plugin": [tree_digest(Path(strategy_bible.__file__).parent), tree_digest(default_templates_dir())],
        "python": platform.python_version(),
        "packages": sorted({f"{dist.metadata['Name']}=={dist.version}" for dist in distributions()}),
        "day": _build_day(),
    }
    return _digest(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def client_fingerprint(site: str, slug: str, token: str, strategy_file: Path) -> str:
    """What one client's folder is made from: the site's fingerprint and the client's own inputs."""
    return _digest("\n".join([site, slug, token, _file_digest(strategy_file)]).encode("utf-8"))


def tree_digest(folder: Path, excluded: Iterable[Path] = ()) -> str:
    """Every file under ``folder`` (links followed, as MkDocs does), by relative path and bytes."""
    if not folder.is_dir():
        return "absent"
    skipped = {path.resolve() for path in excluded}
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder, followlinks=True):
        here = Path(root)
        dirs[:] = sorted(name for name in dirs if (here / name).resolve() not in skipped and name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            digest.update(f"{(here / name).relative_to(folder).as_posix()}\0{_file_digest(here / name)}\n".encode())
    return digest.hexdigest()


def _build_day() -> str:
    """The exact moment when ``SOURCE_DATE_EPOCH`` fixes it (the calendars' stamps are to the
    second), else today (UTC, as the pages' dates are): a folder built this morning is reused
    this afternoon, its calendars keeping the moment they were made."""
    try:
        moment = build_time()
    except BadSourceDate:  # the build refuses it, saying why
        return "unreadable"
    return moment.isoformat() if os.environ.get(SOURCE_DATE_VARIABLE, "").strip() else moment.date().isoformat()


def _plain(value: Any, project: Path) -> Any:
    """``value`` as JSON: mappings, lists, text and numbers kept; a plugin as its settings, the
    theme as its settings and folders, a path of the project relative to it."""
    if isinstance(value, BasePlugin):
        return _plain(value.config, project)
    if isinstance(value, Theme):
        return _plain({"settings": dict(value), "name": value.name}, project)
    if isinstance(value, Mapping):
        return {str(key): _plain(item, project) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item, project) for item in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and os.path.isabs(value) and Path(value).resolve().is_relative_to(project):
        return Path(value).resolve().relative_to(project).as_posix()
    if hasattr(value, "__module__") and hasattr(value, "__file__"):  # a hook's module: its file is hashed
        return value.__name__
    shown = str(value)
    # An object printed with its memory address would change the fingerprint at every run.
    return type(value).__qualname__ if " at 0x" in shown else f"{type(value).__qualname__}:{shown}"


def _installed(folder: Path) -> bool:
    """Whether a theme folder belongs to an installed package (its version stands for its files)."""
    folder = folder.resolve()
    return any(folder.is_relative_to(Path(sysconfig.get_paths()[kind]).resolve()) for kind in ("purelib", "platlib"))


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
