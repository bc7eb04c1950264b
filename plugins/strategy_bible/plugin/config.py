"""The plugin's settings: those of ``mkdocs.yml`` (``plugins: - strategy-bible: …``), the
environment variables that override them, and :func:`resolve`, which checks them all before
MkDocs reads a single docs file. Names users type (the plugin's, the variables') are here only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.strategy import problem_log
from strategy_bible.strategy.visibility import Readership

PLUGIN_NAME = "strategy-bible"
"""The plugin's name in ``mkdocs.yml`` and in front of its messages."""
AUDIENCE_VARIABLE = "STRATEGY_BIBLE_AUDIENCE"
"""Overrides the ``audience`` setting: ``client`` or ``internal``."""
CLIENTS_VARIABLE = "STRATEGY_BIBLE_CLIENTS"
"""Overrides the ``clients`` setting: slugs, comma-separated."""
LOG_VARIABLE = problem_log.VARIABLE
"""``counts``: messages about strategy files say how many there are, not what (``publish``)."""


class _TextChoice(c.Choice):
    """MkDocs' choice, but a value that is not text is refused without being quoted: MkDocs quotes
    it, and ``0x`` followed by 4,000 ``f`` is a number Python cannot print."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            kind = "a number" if isinstance(value, int | float) else f"a value of type {type(value).__name__}"
            raise base.ValidationError(f"Expected one of: {self.choices} but received {kind}")
        return super().run_validation(value)


MAX_WORKERS = 256
"""More worker processes than this is a typing mistake (each one starts an interpreter)."""


class StrategyBibleConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (for example in a docs-only build)."""

    strategies_dir = c.Type(str, default="strategies")
    """Folder of the strategy files (one ``<slug>.yml`` per client), relative to ``mkdocs.yml``."""

    templates_dir = c.Optional(c.Type(str))
    """Folder of templates overriding the shipped ones, file by file (``kpis.md.jinja``…),
    relative to ``mkdocs.yml``."""

    audience = _TextChoice(("client", "internal"), default="client")
    """Who the build is for. ``client`` (the default) leaves out every internal item, the notes
    and the warnings; ``internal`` shows everything, under a banner. Overridden by the
    environment variable ``STRATEGY_BIBLE_AUDIENCE``."""

    clients = c.ListOfItems(c.Type(str), default=[])
    """Build only these clients (slugs). With exactly one, its overview is the site's home.
    Overridden by ``STRATEGY_BIBLE_CLIENTS`` (comma-separated)."""

    verdict_moderate_success = c.Type(float, default=0.75)
    """A KPI whose progress reaches this share of the expected pace is a moderate success (optimise)."""

    verdict_moderate_failure = c.Type(float, default=0.40)
    """A KPI whose progress reaches this share of the expected pace is a moderate failure (change);
    below it, a failure (stop or pivot)."""

    repository_link_for_clients = c.Type(bool, default=False)
    """Keep ``repo_url``'s link to the repository (and the edit buttons) in client builds. Off by
    default: the repository holds every strategy file, internal items included, so a client
    build carries no link to it. Internal builds always keep it, their edit buttons opening each
    client's strategy file."""

    noindex = c.Type(bool, default=True)
    """Ask search engines not to index any page (``<meta name="robots" content="noindex">``) and
    write no sitemap: a strategy bible is for its readers, not for the web at large."""

    timezone = c.Type(str, default="Europe/Paris")
    """Time zone of event times written in strategy files (an IANA name)."""

    html_pages = c.Type(bool, default=True)
    """Make the generated pages as HTML directly when the site's Markdown settings allow it (see
    render.html_pages), instead of Markdown that MkDocs turns into the same HTML at twice the
    cost. ``false``: every page as Markdown."""

    workers = c.Optional(c.Type(int))
    """Processes that read and render the clients while MkDocs builds the pages. Left out: one
    per core when there are at least 8 clients to read or render, none otherwise (and none on a
    one-core machine). ``0``: everything in MkDocs' own process."""


@dataclass(frozen=True)
class Settings:
    """The settings of one build, environment overrides applied, every value checked."""

    project: Path
    """The folder of ``mkdocs.yml``."""
    strategies_setting: str
    """``strategies_dir`` as written in ``mkdocs.yml``, for messages."""
    strategies_dir: Path
    templates_dir: Path | None
    language: str | None
    audience: Readership
    clients: tuple[str, ...]
    """The clients to build, each once; none: every client."""
    counts_only: bool
    thresholds: Thresholds
    timezone: str
    workers: int | None
    repository_link: bool
    """Whether pages link to the repository (``repo_url``, edit buttons)."""
    noindex: bool
    folders: Mapping[str, str] | None = None
    """Published (``strategy-bible publish``): the clients of this build, each with the folder
    (its share-link token) it is published in; None in every other build."""

    @property
    def internal(self) -> bool:
        return self.audience is Readership.INTERNAL

    @property
    def single_client(self) -> bool:
        return len(self.clients) == 1

    @property
    def private_dirs(self) -> list[Path]:
        """Folders whose files never reach the site, even when they sit in the docs folder."""
        return [self.strategies_dir, *([self.templates_dir] if self.templates_dir else [])]

    def shown_path(self, path: Path) -> str:
        """A path as the user knows it: relative to the project."""
        return Path(os.path.relpath(path, self.project)).as_posix()


def resolve(
    plugin: StrategyBibleConfig,
    config: MkDocsConfig,
    environ: Mapping[str, str],
    folders: Mapping[str, str] | None = None,
) -> Settings:
    """The plugin's settings with their environment overrides; a :class:`PluginError` saying what
    is wrong and what is allowed for the first one that is not right. ``folders``: a published
    build's clients and their folders (set by ``strategy-bible publish`` only), which is always a
    client build of those clients."""
    project = Path(config.config_file_path or ".").resolve().parent
    templates_dir = (project / plugin.templates_dir).resolve() if plugin.templates_dir else None
    if templates_dir and not templates_dir.is_dir():
        raise refusal(f"templates_dir '{plugin.templates_dir}' is not a folder")
    audience = (
        Readership.CLIENT if folders is not None else _audience(environ.get(AUDIENCE_VARIABLE) or plugin.audience)
    )
    try:
        thresholds = Thresholds(plugin.verdict_moderate_success, plugin.verdict_moderate_failure)
        ZoneInfo(plugin.timezone)
    except ValueError as error:
        raise refusal(str(error)) from None
    except ZoneInfoNotFoundError:
        raise refusal(f"unknown timezone '{plugin.timezone}'; use an IANA name such as Europe/Paris") from None
    if plugin.workers is not None and not 0 <= plugin.workers <= MAX_WORKERS:
        # Said without the number when it is huge: 0x and 4,000 f's is a number Python cannot print.
        shown = plugin.workers if abs(plugin.workers) < 10**9 else "too large" if plugin.workers > 0 else "negative"
        raise refusal(
            f"workers is {shown}; use 0 (none), a number of processes up to {MAX_WORKERS}, "
            "or leave it out (one per core when there are many clients)"
        )
    return Settings(
        project=project,
        strategies_setting=plugin.strategies_dir,
        strategies_dir=(project / plugin.strategies_dir).resolve(),
        templates_dir=templates_dir,
        language=config.theme.get("language") or config.theme.locale.language,
        audience=audience,
        clients=tuple(folders) if folders is not None else _clients(environ.get(CLIENTS_VARIABLE), plugin.clients),
        counts_only=problem_log.counts_only(environ),
        thresholds=thresholds,
        timezone=plugin.timezone,
        workers=plugin.workers,
        repository_link=audience is Readership.INTERNAL or plugin.repository_link_for_clients,
        noindex=plugin.noindex,
        folders=folders,
    )


def refusal(message: str) -> PluginError:
    """The error that stops a build, named after the plugin like its other messages."""
    return PluginError(f"{PLUGIN_NAME}: {message}")


def _audience(value: str) -> Readership:
    try:
        return Readership(value.strip().lower())
    except ValueError:
        raise refusal(
            f"audience '{value}' is not allowed; use client or internal (setting 'audience' or {AUDIENCE_VARIABLE})"
        ) from None


def _clients(environment: str | None, configured: list[str]) -> tuple[str, ...]:
    """The slugs to build, each once (``a,a`` is one client: a one-client build)."""
    if environment is not None and environment.strip():
        slugs = [slug.strip() for slug in environment.split(",")]
    else:
        slugs = [slug.strip() for slug in configured]
    return tuple(dict.fromkeys(slug for slug in slugs if slug))
