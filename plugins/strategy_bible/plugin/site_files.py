"""The files the plugin hands MkDocs: each client's pages and downloads (their content waited for
when MkDocs reads it), an error page in place of each page of a broken file (in ``serve``), the
agency home and the stylesheet; and the docs files that must not reach the site."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from strategy_bible.plugin import navigation, pending_files, reading
from strategy_bible.plugin.build_state import Build, PendingClient
from strategy_bible.plugin.config import PLUGIN_NAME, Settings, refusal
from strategy_bible.plugin.early_making import EarlyMaking
from strategy_bible.plugin.pending_file import PendingFile
from strategy_bible.render.client_files import template_problem
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.html_pages import PreparedPage, stand_in
from strategy_bible.render.site_plan import CLIENT_PAGES
from strategy_bible.strategy.files import StrategyFile
from strategy_bible.strategy.problems import Problem

log = get_plugin_logger(PLUGIN_NAME)

STYLESHEET = "assets/strategy-bible.css"
AnyFile = TypeVar("AnyFile", bound=File)


def remove_private(files: Files, settings: Settings) -> None:
    """Strategy files (and templates) kept inside the docs folder must not be copied to the site."""
    for private in [f for f in files if f.abs_src_path and _inside(f.abs_src_path, settings.private_dirs)]:
        files.remove(private)


def add_generated(
    files: Files,
    config: MkDocsConfig,
    build: Build,
    strategy_files: list[StrategyFile],
    early: EarlyMaking | None = None,
) -> None:
    """Every client's files, the agency home and the stylesheet. Every client's pages are set
    going (in worker processes, with many clients) before the home, which lists every client, is
    rendered; the pages are waited for only when MkDocs reads them. Each strategy is let go once
    its pages are set going: ``strategy_files`` is emptied."""
    plan, renderer = build.plan, build.renderer
    broken = [f for f in strategy_files if not f.valid]
    views = build.views([f for f in strategy_files if f.valid])
    making = pending_files.start_making(build, [f for f in strategy_files if f.valid], views, early)
    home = None
    if plan.home is not None:
        shown = [(f.source, reading.shown_errors(build, f)) for f in broken]
        if build.missing_folder:
            folder = build.settings.shown_path(build.settings.strategies_dir) + "/"
            shown.insert(0, (folder, [Problem(folder, 1, 1, "", build.missing_folder)]))
        home = (plan.home, _home(build, list(views.values()), shown))
    for strategy_file in _taken(strategy_files):
        slug = strategy_file.slug
        if strategy_file.language is not None:
            build.languages[slug] = strategy_file.language
        view = views.pop(slug, None)
        kinds = view.page_kinds() if view else CLIENT_PAGES
        pages = plan.pages(slug, kinds)
        if view is None:
            error_page = pending_files.error_page(
                build, slug, strategy_file.source, reading.shown_errors(build, strategy_file)
            )
            for uri in pages.values():
                add(files, config, build, File.generated(config, uri, content=error_page), strategy_file)
        else:
            fill = functools.partial(pending_files.fill, build, slug)
            waiting = {
                uri: add(files, config, build, PendingFile.waiting(config, uri, fill), strategy_file)
                for uri in [*pages.values(), *plan.downloads(slug, view.extra_downloads())]
            }
            # Only the file's name is kept: the strategy itself is let go.
            build.pending[slug] = PendingClient(strategy_file.source, making.pop(slug), list(pages.values()), waiting)
        titles = build.renderer_of(slug).page_titles(view) if view else None
        # A broken file's pages are one error page under every address (links and bookmarks keep
        # working); its menu shows it once, not once per page.
        shown_kinds = kinds if view else kinds[:1]
        navigation.add_client(build, slug, view.strategy.client.name if view else None, shown_kinds, pages, titles)
    build.cache.made = {slug: made for slug, made in build.cache.made.items() if slug in build.sections}  # files gone
    if home is not None:
        home_uri, (home_page, home_made) = home
        # A PendingFile whose content is there already: `serve --dirty` may find it unchanged.
        home_file = PendingFile.generated(config, home_uri, content=home_page)
        assert isinstance(home_file, PendingFile)
        home_file.prepared = home_made
        add(files, config, build, home_file, None)
        build.page_titles[home_uri] = renderer.labels("page.home")
    files.append(File.generated(config, STYLESHEET, content=renderer.stylesheet()))


def _home(
    build: Build, views: list[ClientView], broken: list[tuple[str, list[Problem]]]
) -> tuple[str, PreparedPage | None]:
    """The agency home: its Markdown, and the page made as HTML when it is (its Markdown then only
    its title). Material's search indexes it when MkDocs writes it, as it would the Markdown's HTML:
    made here, in MkDocs' process, its entries would be made again at every rebuild, for nothing
    when ``serve --dirty`` does not write it again. A mistake in its template (a site's own, say)
    stops a build with one line at its file and line, not a traceback; in ``serve`` the home shows
    it instead."""
    internal, style = build.settings.internal, build.html_style
    try:
        page = build.renderer.home_html(views, broken, build.plan, internal, style) if style else None
        if page is None:
            return build.renderer.home(views, broken, build.plan, internal), None
        return stand_in(page), page
    except jinja2.TemplateError as error:
        problem = template_problem(error, build.settings.project)
    if not build.serving:
        raise refusal(str(problem))
    log.error("%s", problem)
    return build.renderer.error_page(problem.file, [problem], None, internal), None


def add(files: Files, config: MkDocsConfig, build: Build, file: AnyFile, source: StrategyFile | None) -> AnyFile:
    """``file`` in place of any docs file at its path, included in the site."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning("the generated page %s replaces %s in the docs folder", file.src_uri, existing.src_uri)
        files.remove(existing)
    file.inclusion = InclusionLevel.INCLUDED
    if source is not None and file.is_documentation_page() and build.settings.internal and config.repo_url:
        # The edit button opens the strategy file; never in a client build, where it would
        # lead to the file that holds the internal items.
        file.edit_uri = Path(os.path.relpath(source.path, config.docs_dir)).as_posix()
    files.append(file)
    return file


def _taken(items: list) -> Iterator:
    """Each item of ``items`` in order, removed from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _inside(path: str, folders: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)
