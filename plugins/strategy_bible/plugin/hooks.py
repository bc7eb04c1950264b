"""MkDocs glue: strategy files in, generated pages out.

The hooks are in the order MkDocs calls them, each with why it runs there; each hands its work
to a module of this package: ``config`` (settings), ``reading`` (strategy files), ``site_files``
and ``pending_files`` (the generated files), ``navigation``, ``page_html``, ``serve_watch``. The
state of a build is one :class:`~.build_state.Build`; what ``serve`` keeps between rebuilds is
the :class:`~.build_state.ServeCache`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from strategy_bible.plugin import (
    client_logos,
    dirty_rebuild,
    early_making,
    navigation,
    page_frame,
    page_html,
    page_prepared,
    page_search,
    reading,
    site_files,
    theme_overrides,
)
from strategy_bible.plugin.build_state import Build, ServeCache
from strategy_bible.plugin.config import StrategyBibleConfig, resolve
from strategy_bible.plugin.early_making import EarlyMaking
from strategy_bible.plugin.pending_file import PendingFile
from strategy_bible.plugin.serve_guard import error_site_on_failure, input_kept_on_failure
from strategy_bible.plugin.serve_watch import ServeWatch
from strategy_bible.render.sitemap import remove_sitemap
from strategy_bible.strategy.files import StrategyLibrary, strategy_paths
from strategy_bible.strategy.kept_readings import ReadAhead

MARKDOWN_EXTENSIONS = ("md_in_html", "strategy_bible.render.table_cards")
"""Besides attr_list: folded detail (``<details markdown>``) and each table cell labelled with its
column, so that a phone shows a wide table's rows as cards."""


class StrategyBiblePlugin(BasePlugin[StrategyBibleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.published_folders: dict[str, str] | None = None
        """Set by ``strategy-bible publish`` only: the clients of this build and their folders."""
        self.read_ahead: ReadAhead | None = None
        """Set by ``strategy-bible publish`` only: the strategy files as its check read them."""
        self.serving = False
        """``mkdocs serve``: a broken strategy file shows an error page instead of stopping the server."""
        self.cache = ServeCache()
        """What ``serve`` keeps from one rebuild to the next."""
        self.build: Build | None = None
        """The build under way; None when the plugin is turned off (``enabled: false``)."""
        self.markdown_only = False
        """Set by ``strategy-bible render`` only: every page as Markdown, which it writes."""
        self._content_aside: str | None = None
        """A page's content while Material's search indexes its stand-in (see page_search)."""
        self.watch: ServeWatch | None = None
        """``serve``: the watch of the strategy files and templates (see serve_watch)."""
        self.early: EarlyMaking | None = None
        """``serve``: an edited client's files made as soon as its file is saved (see early_making)."""

    # Before anything else, once per command: whether this is `mkdocs serve`. Having this hook
    # also makes MkDocs keep this one plugin instance across `serve` rebuilds, so the cache lives.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.cache.dirty = self.serving and dirty

    # The settings first, checked before MkDocs reads a docs file: a wrong one stops the build at
    # once. A new build state (the previous build's worker processes end), what the generated pages
    # need of MkDocs' configuration, and worker processes started while MkDocs gathers the docs
    # files, so that they are ready to read the strategies when `on_files` comes.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._close()
        self.build = None
        dirty_rebuild.pause_collection(self.cache)
        if not self.config.enabled:
            return config
        settings = resolve(self.config, config, os.environ, self.published_folders)
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings carry the items' ids
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        build = self.build = Build(
            settings,
            self.cache.renderer(settings.language, settings.templates_dir),
            self.serving,
            self.cache,
            page_prepared.style(self.config, config, self.markdown_only),
        )
        theme_overrides.install(config)
        if site_files.STYLESHEET not in config.extra_css:
            config.extra_css.append(site_files.STYLESHEET)
        if not settings.repository_link:
            # No link to the repository, where every internal item is: not the header's
            # (repo_url, repo_name), not the edit or view buttons (edit_uri).
            config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None
        if not self.serving:
            build.maker(len(settings.clients) or len(strategy_paths(settings.strategies_dir)))
        elif self.early is not None and self.early.pool.settings != build.making:
            self.early.close()  # its workers make pages with the settings they started with
            self.early = early_making.start(build)
        return config

    # Read the strategies and hand MkDocs every generated file, before it builds the navigation:
    # the generated pages get into the nav and the search index like written ones.
    @error_site_on_failure
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        build = self.build
        if build is None:
            return files
        build.missing_folder = reading.check_folder(build)
        site_files.remove_private(files, build.settings)
        # `serve` keeps the library between rebuilds (an edit re-reads one file); a build reads
        # each file once, with a library of its own, so that nothing but `strategy_files` holds them.
        library = self.cache.library if self.serving else StrategyLibrary()
        strategy_files = reading.read(build, library, self.early or self.read_ahead)
        reading.report(build, strategy_files)
        reading.refuse_invalid(build, strategy_files)
        build.plan = navigation.site_plan(files, build.plan)
        navigation.place_hand_written(files, config, build, {f.slug for f in strategy_files})
        page_frame.remember(build, strategy_files, client_logos.locate(build, files, config, strategy_files))
        site_files.add_generated(files, config, build, strategy_files, self.early)
        return files

    # MkDocs has made the navigation from the docs folder: put the clients under one "Clients"
    # section, each client's pages in a section of its own, instead of the folders it shows.
    # With `serve --dirty`, the files that have not changed say so before MkDocs asks.
    @input_kept_on_failure
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.build is None:
            return nav
        nav = navigation.shape(self.build, nav, files)
        dirty_rebuild.start(self.build, nav, files, config)
        return nav

    # The first hook of each page: wait here, where it shows in a profile of the hooks, for a
    # client's pages still being made.
    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        if isinstance(page.file, PendingFile):
            _ = page.file.content_string  # the text itself, not an encoded copy
        return page

    # A page made as HTML gets its HTML, table of contents and anchors first of the hooks, so
    # that other plugins see the page as it is.
    @event_priority(100)
    def _page_content_made(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.build is None:
            return html
        return page_prepared.content(html, page, self.build.search_made)

    # MkDocs turns every page into HTML before it writes the first one, and holds each page's
    # Markdown meanwhile: for a thousand clients, hundreds of megabytes nobody reads again. A
    # generated page's Markdown (and HTML made beforehand) is let go once it is HTML (last of the
    # hooks: other plugins have had it). `serve` keeps its own copy to reuse (see ServeCache.made).
    @event_priority(-100)
    def _page_content_let_go(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if isinstance(page.file, PendingFile):
            page.markdown = page.file.content_string = ""
            page.file.prepared = None
        return html

    on_page_content = CombinedEvent(_page_content_made, _page_content_let_go)

    # Every page is read, the theme's pages are next: in `serve`, its templates are compiled once
    # for the whole serve.
    @input_kept_on_failure
    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        dirty_rebuild.compile_once(self.build, env)
        return env

    # The theme's own pages (404.html), written before the docs pages: rewritten as they are.
    @input_kept_on_failure
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return output_content
        return self._rewritten(output_content)

    # Material's search indexes each page here (priority 0): a page whose entries were made with
    # it gets a stand-in to index (replaced by its entries once the index is written), and its
    # content back right after, before anything else reads it (see page_search).
    @event_priority(1)
    def _page_context_search_slot(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.build is not None and page.url in self.build.search_made:
            self._content_aside, page.content = page.content, page_search.SLOT_HTML
        return context

    @event_priority(-1)
    def _page_context_content_back(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self._content_aside is not None:
            page.content, self._content_aside = self._content_aside, None
        return context

    # Just before each page is rendered: it carries only the navigation around it, its own
    # client's and not the hundreds of others, so a page's size does not grow with the clients.
    # Published, each client's folder is a site of its own: its root is the theme's base.
    @event_priority(-2)
    @input_kept_on_failure
    def _page_context_frame(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.build is None:
            return context
        context["nav"] = navigation.around(self.build, page, nav)
        if (root := navigation.site_root(self.build, page)) is not None:
            context["base_url"] = root
        context["bible"] = page_frame.frame(self.build, page)  # the header and tab name the page's client
        return context

    on_page_context = CombinedEvent(_page_context_search_slot, _page_context_content_back, _page_context_frame)

    # Each page's final HTML: keep search engines away (the bible is for the people it is sent
    # to) and give the theme's search dialog a name (screen readers).
    @input_kept_on_failure
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        dirty_rebuild.built(self.build, page)
        return self._rewritten(output, self.build.client_of_page.get(page.file.src_uri) if self.build else None)

    # Every file is written, the search index too (hence last): worker processes end, no
    # sitemap is left, since it would list every page to whoever finds it, and after a
    # `serve --dirty` rebuild the search index gets back the pages not written again.
    @event_priority(-100)
    @input_kept_on_failure
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close()
        if self.build is not None and self.build.dirty is None:  # a dirty serve's merge fills it (dirty_rebuild)
            page_search.fill_index(config.site_dir, self.build.search_made)
        if self.build is not None and self.build.settings.noindex:
            remove_sitemap(config.site_dir)
        dirty_rebuild.finish(self.build, config)
        dirty_rebuild.resume_collection(self.cache)
        if self.early is not None:
            self.early.settle()

    # Worker processes end with the build, however it ends.
    def on_build_error(self, *, error: Exception) -> None:
        self._close()
        dirty_rebuild.forget(self.cache)
        dirty_rebuild.resume_collection(self.cache)
        if self.early is not None:
            self.early.settle()

    # `serve` only, after the first build: rebuild the moment a strategy file or a template is
    # saved, or the strategies folder goes or comes back (MkDocs' own watch would lose it); an
    # edited client's files are made from the moment its file is saved.
    @event_priority(-50)
    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        if self.build is not None:
            self.early = early_making.start(self.build)
            self.watch = ServeWatch(
                server, self.build.settings.strategies_dir, self.build.renderer.template_dirs, self._saved
            )
            self.watch.start()
        return server

    # The command ends, however it ends: so do the worker processes and the watch.
    def on_shutdown(self) -> None:
        self._close()
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
        if self.early is not None:
            self.early.close()
            self.early = None

    # -------------------------------------------------------------------------------------------

    def _rewritten(self, html_page: str, slug: str | None = None) -> str:
        """``slug``: the client whose page it is, named in its language."""
        if self.build is None:
            return html_page
        renderer = self.build.renderer_of(slug) if slug else self.build.renderer
        return page_html.rewritten(
            html_page,
            noindex=self.build.settings.noindex,
            search_label=renderer.labels("search.dialog"),
        )

    def _saved(self, path: Path) -> None:
        """A strategy file was saved (the watch's thread)."""
        if (early := self.early) is not None:
            early.saved(path, self.build)

    def _close(self) -> None:
        if self.build is not None:
            self.build.close()
