"""MkDocs glue: strategy files in, generated pages out.

The work is done by the other modules (load, validate, analyse, render); this class reads its
settings, hands MkDocs the generated files, shapes the navigation and watches the strategies in
``serve``. Hooks are in the order MkDocs calls them.
"""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin.config import StrategyBibleConfig
from strategy_bible.plugin.serve_watch import FolderWatch
from strategy_bible.plugin.workers import InProcess, Made, MakeSettings, WorkerPool, worker_count
from strategy_bible.render.client_files import ClientFiles
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import CLIENT_PAGES, CLIENTS, SitePlan, client_folder_of
from strategy_bible.render.sitemap import remove_sitemap
from strategy_bible.strategy.files import StrategyFile, StrategyLibrary, strategy_paths
from strategy_bible.strategy.problem_log import count_line, counts_only
from strategy_bible.strategy.problem_visibility import problems_for_client
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import Readership

log = logging.getLogger("mkdocs.plugins.strategy_bible")

STYLESHEET = "assets/strategy-bible.css"
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search overlay: a dialog without a name, which screen readers announce as just
"dialog" (axe: aria-dialog-name)."""


class StrategyBiblePlugin(BasePlugin[StrategyBibleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.library = StrategyLibrary()
        self._renderers: dict[tuple, Renderer] = {}
        self._made: dict[str, tuple] = {}
        """In `serve`, each client's pages and downloads of the last rebuild, with what they came from."""
        self._client_errors: dict[Path, tuple[StrategyFile, list[Problem]]] = {}
        """In `serve`, each broken file's errors as a client may see them, with the reading they are of."""
        self.pool: WorkerPool | None = None

    # Record whether this is `mkdocs serve`: there, a broken strategy file must not stop the
    # server (it shows an error page instead), and the library is kept between rebuilds —
    # MkDocs keeps one plugin instance across rebuilds because this hook exists.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Read the settings (and their environment overrides) and reset the state of one build.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        project = Path(config.config_file_path or ".").resolve().parent
        self.project = project
        self.strategies_dir = (project / self.config.strategies_dir).resolve()
        self.templates_dir = (project / self.config.templates_dir).resolve() if self.config.templates_dir else None
        if self.templates_dir and not self.templates_dir.is_dir():
            raise PluginError(f"strategy-bible: templates_dir '{self.config.templates_dir}' is not a folder")
        self.audience = _audience(os.environ.get("STRATEGY_BIBLE_AUDIENCE") or self.config.audience)
        self.selected = _clients(os.environ.get("STRATEGY_BIBLE_CLIENTS"), self.config.clients)
        self.counts_only = counts_only(os.environ)
        try:
            self.thresholds = Thresholds(self.config.verdict_moderate_success, self.config.verdict_moderate_failure)
            ZoneInfo(self.config.timezone)
        except ValueError as error:
            raise PluginError(f"strategy-bible: {error}") from None
        except ZoneInfoNotFoundError:
            raise PluginError(
                f"strategy-bible: unknown timezone '{self.config.timezone}'; use an IANA name such as Europe/Paris"
            ) from None
        language = config.theme.get("language") or config.theme.locale.language
        key = (language, self.templates_dir)
        self.renderer = self._renderers.get(key) or self._renderers.setdefault(
            key, Renderer(language, self.templates_dir)
        )
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings carry the items' ids
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self.audience is Readership.CLIENT and not self.config.repository_link_for_clients:
            _without_repository_link(config)
        if self.config.workers is not None and self.config.workers < 0:
            raise PluginError(
                f"strategy-bible: workers is {self.config.workers}; use 0 (none), a number of "
                "processes, or leave it out (one per core when there are many clients)"
            )
        self.settings = MakeSettings(
            language, self.templates_dir, self.audience, self.thresholds, self.config.timezone, project
        )
        self._close_pool()
        self.in_process = InProcess(self.settings, self.renderer)
        self._pending: dict[str, tuple] = {}
        self._not_read: set[str] = set()
        """Clients whose problems the plugin wrote itself (no such file): nothing of a file to hide."""
        self.plan = SitePlan(single_client=len(self.selected) == 1)
        self.sections: dict[str, Section] = {}
        self.kinds: dict[str, tuple[str, ...]] = {}
        self.client_of_page: dict[str, str] = {}
        self.hand_written: dict[str, list[str]] = {}
        """Each client's own hand-written pages (docs files under ``clients/<slug>/``)."""
        self.page_titles: dict[str, str] = {}
        self.home_uri: str | None = None
        self.clients_section: Section | None = None
        if not self.serving:
            # Worker processes start now, while MkDocs gathers the docs files: they are ready to
            # read the strategies when `on_files` comes.
            self._maker(len(self.selected) or len(strategy_paths(self.strategies_dir)))
        return config

    # Load the strategies and generate every page. Runs before the navigation is built, so the
    # generated pages get into the nav, the search index and the sitemap like written ones.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        self.missing_folder = (
            None
            if self.strategies_dir.is_dir()
            else (
                f"the strategies folder '{self.config.strategies_dir}' does not exist (looked for {self.strategies_dir})"
            )
        )
        if self.missing_folder and not self.serving:
            raise PluginError(f"strategy-bible: {self.missing_folder}")
        if self.missing_folder:
            # In `serve` (deleted or moved mid-workshop): the pages say so, and the folder's return
            # brings them back (see serve_watch).
            log.error("strategy-bible: %s", self.missing_folder)
        for private in [f for f in files if f.abs_src_path and _inside(f.abs_src_path, self._private_dirs())]:
            # Strategy files (and templates) kept inside the docs folder must not be copied to the site.
            files.remove(private)
        # `serve` keeps the library between rebuilds (an edit re-reads one file); a build reads
        # each file once, and drops its library here so that nothing but `strategy_files` holds them.
        library = self.library if self.serving else StrategyLibrary()
        strategy_files = self._read(library)
        del library
        self._report(strategy_files)
        broken = [f for f in strategy_files if not f.valid]
        if broken and not self.serving:
            count = len(broken)
            raise PluginError(
                f"{count} strategy file{'s are' if count > 1 else ' is'} invalid:\n"
                + "\n".join(
                    count_line(f.source, f.errors, "error") if self.counts_only else "\n".join(map(str, f.errors))
                    for f in broken
                )
            )

        if self.plan.single_client:
            for user_home in [f for f in files if f.src_uri == "index.md"]:
                log.info("strategy-bible: one-client build, the client's overview replaces %s", user_home.src_uri)
                files.remove(user_home)
        elif files.get_file_from_path("index.md") is None:
            self.home_uri = "index.md"
        else:
            self.home_uri = "clients/index.md"
        plan = self.plan = SitePlan(self.plan.single_client, self.home_uri)
        self._place_hand_written_client_files(files, config, {f.slug for f in strategy_files})

        if self.serving:
            self._made_from = (
                self.renderer,
                _signature(self.renderer.template_dirs),
                self.audience,
                self.thresholds,
                self.config.timezone,
                plan,
            )
        # Every client's pages are set going (in worker processes, with many clients) before the
        # home, which lists every client, is rendered; the pages are waited for only when MkDocs
        # reads them. Each strategy is let go once its pages are set going.
        views = {f.slug: self.settings.view(f) for f in strategy_files if f.valid}
        making = self._start_making([f for f in strategy_files if f.valid], views, plan)
        home = None
        if self.home_uri:
            shown = [(f.source, self._shown_errors(f)) for f in broken]
            if self.missing_folder:
                folder = self._shown_path(self.strategies_dir) + "/"
                shown.insert(0, (folder, [Problem(folder, 1, 1, "", self.missing_folder)]))
            home = self.renderer.home(list(views.values()), shown, plan, self.audience is Readership.INTERNAL)
        for strategy_file in _taken(strategy_files):
            slug = strategy_file.slug
            view = views.pop(slug, None)
            kinds = view.page_kinds() if view else CLIENT_PAGES
            pages = plan.pages(slug, kinds)
            if view is None:
                error_page = self._error_page(strategy_file.source, self._shown_errors(strategy_file), plan)
                for uri in pages.values():
                    self._add(files, config, File.generated(config, uri, content=error_page), strategy_file)
            else:
                fill = functools.partial(self._fill, slug)
                waiting = {
                    uri: self._add(files, config, _PendingFile.waiting(config, uri, fill), strategy_file)
                    for uri in [*pages.values(), *plan.downloads(slug)]
                }
                # Only the file's name is kept: the strategy itself is let go.
                self._pending[slug] = (strategy_file.source, making.pop(slug), list(pages.values()), waiting)
            for kind, uri in pages.items():
                self.client_of_page[uri] = slug
                self.page_titles[uri] = self.renderer.labels(f"page.{kind}" if view else "page.error")
            self.sections[slug] = Section(_nav_text(view.strategy.client.name if view else slug), [])
            self.kinds[slug] = kinds
        self._made = {slug: made for slug, made in self._made.items() if slug in self.sections}  # files removed
        if home is not None:
            self._add(files, config, File.generated(config, self.home_uri, content=home), None)
            self.page_titles[self.home_uri] = self.renderer.labels("page.home")
        stylesheet = self.renderer.stylesheet()
        files.append(File.generated(config, STYLESHEET, content=stylesheet))
        return files

    # Wait here, where it shows in a profile of the hooks, for a client's pages still being made.
    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        if isinstance(page.file, _PendingFile):
            _ = page.file.content_string  # the text itself, not an encoded copy
        return page

    # Put the clients under one "Clients" section, each client's pages in a section of its own,
    # in place of the folders MkDocs' automatic navigation would show.
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return nav
        ours = set(self.page_titles)
        for uri, title in self.page_titles.items():
            file = files.get_file_from_path(uri)
            if file and file.page:
                file.page.title = title
        hand_written = {slug: _pages_of(files, uris) for slug, uris in self.hand_written.items()}
        items = _without(nav.items, ours | {page.file.src_uri for pages in hand_written.values() for page in pages})
        if self.plan.single_client:
            client_pages = [files.get_file_from_path(uri).page for uri in self.page_titles]
            items = client_pages + [page for pages in hand_written.values() for page in pages] + items
        else:
            if self.home_uri == "index.md":
                items.insert(0, files.get_file_from_path("index.md").page)
            for slug, section in self.sections.items():
                section.children = [
                    files.get_file_from_path(self.plan.page(slug, kind)).page for kind in self.kinds[slug]
                ] + hand_written.get(slug, [])
            children = list(self.sections.values())
            if self.home_uri == "clients/index.md":
                children.insert(0, files.get_file_from_path("clients/index.md").page)
            if children:
                self.clients_section = Section(self.renderer.labels("nav.clients"), children)
                items.append(self.clients_section)
        pages = _pages(items)
        _link(items, pages)
        return Navigation(items, pages)

    # Each page carries only the navigation around it: its own client, not the hundreds of
    # others, so a page's size does not grow with the number of clients.
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled or self.clients_section is None:
            return context
        slug = self.client_of_page.get(page.file.src_uri)
        items = [item for item in nav.items if item is not self.clients_section]
        if slug is not None:
            local = Section(self.clients_section.title, [self.sections[slug]])
            local.active = True
            items.append(local)
        trimmed = Navigation(items, [])
        trimmed.pages, trimmed.homepage = nav.pages, nav.homepage
        context["nav"] = trimmed
        return context

    # MkDocs turns every page into HTML before it writes the first one, and holds each page's
    # Markdown meanwhile: for a thousand clients, hundreds of megabytes nobody reads again. A
    # generated page's Markdown is let go once it is HTML (last of the hooks: other plugins have
    # had it). `serve` keeps its own copy to reuse (see `_made`).
    @event_priority(-100)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if isinstance(page.file, _PendingFile):
            page.markdown = page.file.content_string = ""
        return html

    # Keep search engines away: the bible is for the people it is sent to.
    # And give the theme's search dialog a name (screen readers).
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._name_search(self._noindex(output))

    # The theme's own pages (404.html) too.
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return output_content
        return self._name_search(self._noindex(output_content))

    # No sitemap either: it would list every page to whoever finds it.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close_pool()
        if self.config.enabled and self.config.noindex:
            remove_sitemap(config.site_dir)

    # Worker processes end with the build, however it ends.
    def on_build_error(self, *, error: Exception) -> None:
        self._close_pool()

    def on_shutdown(self) -> None:
        self._close_pool()

    # Rebuild when a strategy file or a template changes, or the strategies folder goes or comes back.
    @event_priority(-50)
    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        if self.config.enabled:
            FolderWatch(server, self.strategies_dir).start()
            for folder in self.renderer.template_dirs:
                server.watch(str(folder))
        return server

    # -------------------------------------------------------------------------------------------

    def _noindex(self, html_page: str) -> str:
        if self.config.enabled and self.config.noindex and NOINDEX not in html_page:
            return html_page.replace("</head>", f"  {NOINDEX}\n  </head>", 1)
        return html_page

    def _name_search(self, html_page: str) -> str:
        if not self.config.enabled:
            return html_page
        label = html.escape(self.renderer.labels("search.dialog"), quote=True)
        return html_page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)

    def _private_dirs(self) -> list[Path]:
        return [self.strategies_dir, *([self.templates_dir] if self.templates_dir else [])]

    def _read(self, library: StrategyLibrary) -> list[StrategyFile]:
        """The strategy files of this build: every one, or the selected clients' only — the others
        are not even read (a focused workshop, or a publish building one client after the other)."""
        if not self.selected:
            return library.scan(self.strategies_dir, self.project, read=self._reader)
        available = list(dict.fromkeys(path.stem for path in strategy_paths(self.strategies_dir)))
        missing = [slug for slug in self.selected if slug not in available]
        message = self.missing_folder or (
            f"no strategy file for {', '.join(missing)} in {self.config.strategies_dir}/ "
            f"(clients: {', '.join(available) or 'none'})"
        )
        if missing and not self.serving:
            raise PluginError(f"strategy-bible: {message}")
        by_slug = {
            f.slug: f
            for f in library.scan(self.strategies_dir, self.project, only=set(self.selected), read=self._reader)
        }
        for slug in missing:
            # In `serve` (the focused client's file renamed or deleted mid-workshop), its pages say
            # so instead of the server hanging on an exception.
            self._not_read.add(slug)
            source = self._shown_path(self.strategies_dir / f"{slug}.yml")
            by_slug[slug] = StrategyFile(
                slug, self.strategies_dir / f"{slug}.yml", source, errors=[Problem(source, 1, 1, "", message)]
            )
        return [by_slug[slug] for slug in self.selected]

    def _shown_path(self, path: Path) -> str:
        """A path as the user knows it: relative to the project."""
        return Path(os.path.relpath(path, self.project)).as_posix()

    def _place_hand_written_client_files(self, files: Files, config: MkDocsConfig, slugs: set[str]) -> None:
        """A client's own hand-written files (``clients/<slug>/…`` in the docs folder) go with that
        client only: beside its generated pages (at the root of a one-client build) and, for pages,
        into its navigation section. The folders of other clients are left out; a folder whose slug
        has no strategy file belongs to no client, so only an internal build of every client keeps it."""
        strangers_kept = not self.selected and self.audience is Readership.INTERNAL
        unknown = set()
        for file in [f for f in files if client_folder_of(f.src_uri)]:
            slug = client_folder_of(file.src_uri)
            if slug not in slugs:
                if not strangers_kept:
                    files.remove(file)
                    unknown.add(slug)
                continue
            uri = self.plan.hand_written(slug, file.src_uri)
            if uri != file.src_uri:
                files.remove(file)
                moved = File.generated(config, uri, abs_src_path=file.abs_src_path, inclusion=file.inclusion)
                moved.edit_uri = file.edit_uri
                if (replaced := files.get_file_from_path(uri)) is not None:
                    log.warning("strategy-bible: in this one-client build, %s replaces %s", file.src_uri, uri)
                    files.remove(replaced)
                files.append(moved)
                file = moved
            if file.is_documentation_page():
                self.hand_written.setdefault(slug, []).append(uri)
                self.client_of_page[uri] = slug
        available = {path.stem for path in strategy_paths(self.strategies_dir)}
        for slug in sorted(unknown - available):
            log.info(
                "strategy-bible: %s/%s/ is left out of this build: there is no strategy file for '%s'",
                CLIENTS,
                slug,
                slug,
            )

    def _report(self, strategy_files: list[StrategyFile]) -> None:
        """Print each file's messages once: when it was (re)read, not on every serve rebuild; only
        how many under ``publish`` (see build_log)."""
        for strategy_file in strategy_files:
            if not strategy_file.fresh:
                continue
            if strategy_file.valid and self.counts_only and strategy_file.validated.warnings:
                log.warning(
                    "strategy-bible: %s", count_line(strategy_file.source, strategy_file.validated.warnings, "warning")
                )
            elif strategy_file.valid:
                for warning in strategy_file.validated.warnings:
                    log.warning("strategy-bible: %s", warning)
            elif self.serving:
                for error in strategy_file.errors:
                    log.error("strategy-bible: %s", error)

    def _maker(self, clients: int) -> InProcess | WorkerPool:
        """Worker processes once there are enough clients to read or render, else this process."""
        if self.pool is None and (processes := worker_count(self.config.workers, clients)):
            self.pool = WorkerPool(self.settings, processes)
            log.info("strategy-bible: %d worker processes read and render the clients", processes)
        return self.pool or self.in_process

    def _reader(self, files: list[tuple[Path, str]]) -> list[StrategyFile]:
        return self._maker(len(files)).read(files)

    def _start_making(
        self, strategy_files: list[StrategyFile], views: dict[str, ClientView], plan: SitePlan
    ) -> dict[str, Made]:
        """Each valid client's files, being made. In `serve`, those of the last rebuild when neither
        its file nor anything they are made from changed (settings, templates): an edit re-renders
        one client, not all of them."""
        making, to_make = {}, []
        for strategy_file in strategy_files:
            made = self._made.get(strategy_file.slug)
            if self.serving and made and made[0] is strategy_file and made[1] == self._made_from:
                making[strategy_file.slug] = made[2]
            else:
                to_make.append(strategy_file)
        maker = self._maker(len(to_make))
        for strategy_file in to_make:
            making[strategy_file.slug] = maker.make(strategy_file, views[strategy_file.slug], plan)
            if self.serving:
                self._made[strategy_file.slug] = (strategy_file, self._made_from, making[strategy_file.slug])
        return making

    def _fill(self, slug: str) -> None:
        """Give a client's waiting files their content, once it is made."""
        source, making, pages, waiting = self._pending.pop(slug)
        contents = self._contents(slug, source, making, pages, list(waiting))
        for uri, file in waiting.items():
            file._content = contents[uri]

    def _contents(
        self, slug: str, source: str, making: Made, pages: list[str], uris: list[str]
    ) -> dict[str, str | bytes]:
        """The client's pages and downloads; in `serve`, when they could not be made, an error page
        at each page's address and empty downloads."""
        try:
            made = making.result()
        except Exception as error:  # a worker process that ended abruptly (killed, out of memory)
            made = ClientFiles(crash=f"{type(error).__name__}: {error}")
        if made.problem is None and made.crash is None:
            return {**made.pages, **made.downloads}
        self._made.pop(slug, None)
        if made.problem is not None:
            if not self.serving:
                raise PluginError(f"strategy-bible: {made.problem}")
            log.error("strategy-bible: %s", made.problem)
            problem = made.problem
        else:
            # A bug of ours; in `serve` it must not hang the server in front of a client: show it.
            if not self.serving:
                # Under publish, the exception's type only: its message may quote the strategy.
                crash = made.crash.strip().splitlines()[-1].split(":")[0] if self.counts_only else made.crash
                raise PluginError(f"strategy-bible: could not render {source}:\n{crash}")
            log.error("strategy-bible: could not render %s:\n%s", source, made.crash)
            # Its last line may quote the strategy: on a client's screen, only that there was one.
            last = made.crash.strip().splitlines()[-1] if self.audience is Readership.INTERNAL else "see the terminal"
            problem = Problem(source, 1, 1, "", f"internal error: {last}")
        error_page = self._error_page(source, [problem], self.plan)
        return {uri: error_page if uri in pages else b"" for uri in uris}

    def _shown_errors(self, strategy_file: StrategyFile) -> list[Problem]:
        """The errors of a file, for the error page and the agency home: in a client build, those
        about internal items say where they are but not what they say (see client_errors); the
        terminal has every message."""
        if self.audience is Readership.INTERNAL or strategy_file.slug in self._not_read:
            return strategy_file.errors
        shown = self._client_errors.get(strategy_file.path)
        if shown is None or shown[0] is not strategy_file:  # read again since: judged again
            shown = self._client_errors[strategy_file.path] = (
                strategy_file,
                problems_for_client(strategy_file.path, strategy_file.source),
            )
        return shown[1]

    def _error_page(self, source: str, problems: list[Problem], plan: SitePlan) -> str:
        return self.renderer.error_page(source, problems, plan.home_from_client(), self.audience is Readership.INTERNAL)

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _add(self, files: Files, config: MkDocsConfig, file: File, source: StrategyFile | None) -> File:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(
                "strategy-bible: the generated page %s replaces %s in the docs folder", file.src_uri, existing.src_uri
            )
            files.remove(existing)
        file.inclusion = InclusionLevel.INCLUDED
        if (
            source is not None
            and file.is_documentation_page()
            and self.audience is Readership.INTERNAL
            and config.repo_url
        ):
            # The edit button opens the strategy file; never in a client build, where it would
            # lead to the file that holds the internal items.
            file.edit_uri = Path(os.path.relpath(source.path, config.docs_dir)).as_posix()
        files.append(file)
        return file


class _PendingFile(File):
    """A generated file whose content may still be in the making (in a worker process): reading
    it, in any way, waits for it. MkDocs 1.6 reads a generated file's content through ``_content``
    alone (``content_string``, ``content_bytes``, ``copy_file``), so that is where it waits."""

    _PENDING = object()

    @classmethod
    def waiting(cls, config: MkDocsConfig, uri: str, fill: Callable[[], None]) -> _PendingFile:
        file = cls.generated(config, uri, content=cls._PENDING)
        file._fill = fill
        return file

    @property
    def _content(self) -> str | bytes:
        if self.__dict__["_held"] is self._PENDING:
            self._fill()
        return self.__dict__["_held"]

    @_content.setter
    def _content(self, value) -> None:
        self.__dict__["_held"] = value


def _audience(value: str) -> Readership:
    try:
        return Readership(value.strip().lower())
    except ValueError:
        raise PluginError(
            f"strategy-bible: audience '{value}' is not allowed; use client or internal "
            "(setting 'audience' or STRATEGY_BIBLE_AUDIENCE)"
        ) from None


def _clients(environment: str | None, configured: list[str]) -> list[str]:
    """The slugs to build, each once (``a,a`` is one client: a one-client build)."""
    if environment is not None and environment.strip():
        slugs = [slug.strip() for slug in environment.split(",")]
    else:
        slugs = [slug.strip() for slug in configured]
    return list(dict.fromkeys(slug for slug in slugs if slug))


def _without_repository_link(config: MkDocsConfig) -> None:
    """No link to the repository, where every internal item is, in a client build: not the
    header's (``repo_url``, ``repo_name``), not the edit or view buttons (``edit_uri``)."""
    config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None


def _signature(folders: list[Path]) -> tuple:
    """Every file of the template folders with its modification time and size: changes when a
    template is edited, added or removed."""
    found = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            stat = path.stat()
            found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _taken(items: list) -> Iterator:
    """Each item of ``items`` in order, removed from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _inside(path: str, folders: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)


def _nav_text(text: str) -> str:
    """A section title as HTML: Material prints section titles as they are (its templates do not
    escape), in text positions only (navigation, tabs, breadcrumbs), never in <title>. Escaped,
    ``<b>`` shows as ``<b>``."""
    return html.escape(text, quote=True)


def _without(items: list, ours: set[str]) -> list:
    """The navigation without the generated pages MkDocs placed in it (sections left empty go too)."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without(item.children, ours)
            if item.children:
                kept.append(item)
        elif not (isinstance(item, Page) and item.file.src_uri in ours):
            kept.append(item)
    return kept


def _pages_of(files: Files, uris: list[str]) -> list[Page]:
    """The pages of these docs files that are in the navigation (not drafts left out of it)."""
    found = [files.get_file_from_path(uri) for uri in uris]
    return [file.page for file in found if file is not None and file.page is not None and file.inclusion.is_in_nav()]


def _pages(items: list) -> list[Page]:
    pages = []
    for item in items:
        if isinstance(item, Section):
            pages.extend(_pages(item.children))
        elif isinstance(item, Page):
            pages.append(item)
    return pages


def _link(items: list, pages: list[Page], parent: Section | None = None) -> None:
    """Parents, previous and next pages: what MkDocs sets when it builds the navigation itself."""
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link(item.children, [], item)
    for previous, page, following in zip([None, *pages], pages, [*pages[1:], None], strict=False):
        page.previous_page, page.next_page = previous, following
