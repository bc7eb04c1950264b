"""The strategy files of one build: found, read (by worker processes with many clients), their
messages printed once, and their errors as the build's audience may see them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from strategy_bible.analysis.reviews import with_review_warnings
from strategy_bible.plugin.build_state import Build, ClientErrors
from strategy_bible.plugin.config import PLUGIN_NAME, refusal
from strategy_bible.strategy.files import StrategyFile, StrategyLibrary, strategy_paths
from strategy_bible.strategy.kept_readings import ReadAhead
from strategy_bible.strategy.problem_log import count_line
from strategy_bible.strategy.problem_visibility import UNREADABLE, problems_for_client
from strategy_bible.strategy.problems import Problem, Worded

log = get_plugin_logger(PLUGIN_NAME)


def check_folder(build: Build) -> str | None:
    """Why the strategies folder cannot be read, or None. It stops a build; in ``serve`` (the
    folder deleted or moved mid-workshop) the pages say so, and its return brings them back
    (see serve_watch)."""
    settings = build.settings
    if settings.strategies_dir.is_dir():
        return None
    missing = Worded(
        f"the strategies folder '{settings.strategies_setting}' does not exist (looked for {settings.strategies_dir})",
        "error.no_strategies_folder",
        folder=settings.strategies_setting,
        path=settings.strategies_dir,
    )
    if not build.serving:
        raise refusal(missing)
    log.error("%s", missing)
    return missing


def read(build: Build, library: StrategyLibrary, ahead: ReadAhead | None = None) -> list[StrategyFile]:
    """The strategy files of this build: every one, or the selected clients' only — the others
    are not even read (a focused workshop, or a publish building one client after the other).
    ``ahead``: files read before, in ``serve`` as soon as they were saved (see early_making), in
    ``publish`` by its check (see kept_readings)."""
    settings = build.settings

    def reader(files: list[tuple[Path, str]]) -> list[StrategyFile]:
        read_early = {path: found for path, _ in files if ahead and (found := ahead.reading(path)) is not None}
        rest = [(path, source) for path, source in files if path not in read_early]
        read_now = iter(build.maker(len(rest)).read(rest) if rest else [])
        return [read_early[path] if path in read_early else next(read_now) for path, _ in files]

    if not settings.clients:
        return library.scan(settings.strategies_dir, settings.project, read=reader)
    available = list(dict.fromkeys(path.stem for path in strategy_paths(settings.strategies_dir)))
    missing = [slug for slug in settings.clients if slug not in available]
    clients = ", ".join(available) or Worded("none", "value.none")
    message = build.missing_folder or Worded(
        f"no strategy file for {', '.join(missing)} in {settings.strategies_setting}/ (clients: {clients})",
        "error.no_strategy_file",
        missing=", ".join(missing),
        folder=settings.strategies_setting,
        clients=clients,
    )
    if missing and not build.serving:
        raise refusal(message)
    by_slug = {
        f.slug: f
        for f in library.scan(settings.strategies_dir, settings.project, only=set(settings.clients), read=reader)
    }
    for slug in missing:
        # In `serve` (the focused client's file renamed or deleted mid-workshop), its pages say
        # so instead of the server hanging on an exception.
        build.not_read.add(slug)
        source = settings.shown_path(settings.strategies_dir / f"{slug}.yml")
        by_slug[slug] = StrategyFile(
            slug, settings.strategies_dir / f"{slug}.yml", source, errors=[Problem(source, 1, 1, "", message)]
        )
    return [by_slug[slug] for slug in settings.clients]


def report(build: Build, strategy_files: list[StrategyFile]) -> None:
    """Print each file's messages once: when it was (re)read, not on every serve rebuild; only
    how many under ``publish`` (see problem_log)."""
    counts_only = build.settings.counts_only
    for strategy_file in strategy_files:
        if not strategy_file.fresh:
            continue
        validated = strategy_file.validated
        warnings = with_review_warnings(validated, build.settings.thresholds) if validated is not None else []
        if validated is not None and counts_only and warnings:
            log.warning("%s", count_line(strategy_file.source, warnings, "warning"))
        elif validated is not None:
            for warning in warnings:
                log.warning("%s", warning)
        elif build.serving:
            for error in strategy_file.errors:
                log.error("%s", error)


def refuse_invalid(build: Build, strategy_files: list[StrategyFile]) -> None:
    """A build stops on any invalid file (``serve`` shows error pages instead)."""
    broken = [f for f in strategy_files if not f.valid]
    if broken and not build.serving:
        count = len(broken)
        raise PluginError(
            f"{count} strategy file{'s are' if count > 1 else ' is'} invalid:\n"
            + "\n".join(
                count_line(f.source, f.errors, "error") if build.settings.counts_only else "\n".join(map(str, f.errors))
                for f in broken
            )
        )


def shown_errors(build: Build, strategy_file: StrategyFile) -> list[Problem]:
    """The errors of a file, for the error page and the agency home: in a client build, those
    about internal items say where they are but not what they say (see problem_visibility); the
    terminal has every message."""
    if build.settings.internal or strategy_file.slug in build.not_read:
        return strategy_file.errors
    known = build.cache.client_errors
    shown = known.get(strategy_file.path)
    if shown is None or shown.reading is not strategy_file:  # read again since: judged again
        shown = known[strategy_file.path] = ClientErrors(strategy_file, _for_client(strategy_file))
    return shown.problems


def _for_client(strategy_file: StrategyFile) -> list[Problem]:
    """The errors a client may see; where they cannot be judged (a bug met reading the file again),
    only where they are."""
    try:
        return problems_for_client(strategy_file.path, strategy_file.source)
    except Exception:
        return [Problem(p.file, p.line, p.column, "", UNREADABLE) for p in strategy_file.errors]
