"""In ``mkdocs serve``, a bug of ours never leaves the server stuck.

When a rebuild raises, MkDocs' live server prints the traceback and says that "the server will
appear stuck until build errors are resolved": the browsers in the workshop keep the pages of
before and are never told why. So, in ``serve`` only, an unexpected exception in a hook is logged
with its traceback and the rebuild goes on: when reading and making the files fails, the site is
one error page (the next rebuild, after a fix, brings the bible back); in a later hook, MkDocs
gets what it handed the hook, as it was. ``mkdocs build`` and ``publish`` still stop on it.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from strategy_bible.plugin.build_state import Build
from strategy_bible.plugin.config import PLUGIN_NAME
from strategy_bible.strategy.problems import Problem, internal_error

log = get_plugin_logger(PLUGIN_NAME)

HOME = "index.md"
Hook = TypeVar("Hook", bound=Callable[..., Any])


def error_site_on_failure(hook: Hook) -> Hook:
    """For ``on_files``: in ``serve``, a failure leaves MkDocs the docs files it gave and one error
    page at the site's root; the build under way is closed and dropped, so that the later hooks
    let everything through."""

    @functools.wraps(hook)
    def guarded(plugin: Any, files: Files, /, **kwargs: Any) -> Any:
        given = {id(file) for file in files}
        try:
            return hook(plugin, files, **kwargs)
        except Exception as error:
            build = plugin.build
            if not plugin.serving or build is None:
                raise
            _logged(error)
            plugin.on_build_error(error=error)  # worker processes end; serve --dirty writes everything next time
            plugin.build = None
            return _error_site(files, given, kwargs["config"], build, error)

    return guarded  # type: ignore[return-value]


def input_kept_on_failure(hook: Hook) -> Hook:
    """For the hooks after ``on_files``: in ``serve``, a failure leaves MkDocs what it gave the hook."""

    @functools.wraps(hook)
    def guarded(plugin: Any, item: Any = None, /, **kwargs: Any) -> Any:
        try:
            return hook(plugin, item, **kwargs) if item is not None else hook(plugin, **kwargs)
        except Exception as error:
            if not plugin.serving:
                raise
            _logged(error)
            return item

    return guarded  # type: ignore[return-value]


def _logged(error: Exception) -> None:
    trace = "".join(traceback.format_exception(error)).rstrip()
    log.error("internal error, a bug of strategy-bible (please report it); the server goes on:\n%s", trace)


def _error_site(files: Files, given: set[int], config: MkDocsConfig, build: Build, error: Exception) -> Files:
    for file in [f for f in files if id(f) not in given]:  # half of what the plugin was adding
        files.remove(file)
    if (docs_home := files.get_file_from_path(HOME)) is not None:
        files.remove(docs_home)
    settings = build.settings
    source = settings.strategies_setting + "/"
    # The exception's message may quote a strategy: in full on an internal screen only.
    said = f"{type(error).__name__}: {error}" if settings.internal else None
    problem = Problem(source, 1, 1, "", internal_error(said))
    page = build.renderer.error_page(source, [problem], None, settings.internal)
    files.append(File.generated(config, HOME, content=page))
    return files
