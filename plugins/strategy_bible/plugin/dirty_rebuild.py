"""What ``mkdocs serve --dirty`` writes again after an edit: the files whose bytes change, not
every page of every client.

MkDocs' dirty rebuild reads and writes only the pages whose ``File.is_modified()`` is true, and
a generated file is always "modified" (its content is in memory). The plugin's own client files
(:class:`~.pending_files.PendingFile`) answer from what the plugin knows instead: a client's
pages and downloads are unchanged when they are made from the same reading of its strategy as in
the last completed build (``ServeCache.made`` reuses them) and, for a page, its surroundings are
the same too: its title, its client's menu, the menu outside the clients, the pages before and
after it. The agency home, which lists every client, is written again when its Markdown or its
surroundings change. Everything is written again (a reset) on the first build, after a build
that failed, when ``mkdocs.yml`` or the theme's overrides change, or when a hand-written page
changes (its title may show in every menu). Error pages and the stylesheet are written every
time; hand-written files keep MkDocs' own rule (written when newer than their copy in the site),
and a hand-written page is written again too when its surroundings change (the next page was a
client's that is renamed or removed) or when ``mkdocs.yml`` or the theme's overrides change.

After the build, the search index gets back the entries of the pages not written (see
search_merge), and a file written last time that is gone (a client removed, renamed or broken, a
hand-written page or image deleted) is deleted, as a full build would not have it either.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from strategy_bible.plugin import search_merge
from strategy_bible.plugin.build_state import Build, DirtyBuild, LastBuild, Outline, ServeCache
from strategy_bible.plugin.pending_file import PendingFile
from strategy_bible.strategy.files import signature

IDLE_SECONDS = 0.3
"""How long after a rebuild its garbage is collected: once the browsers have fetched the new page."""


def pause_collection(cache: ServeCache) -> None:
    """No automatic garbage collection while a ``serve --dirty`` rebuild runs, one collection
    once serve is idle after it (see resume_collection). Python collects many times during a
    rebuild of a large site, each full collection walking every object serve keeps (the
    strategies read, the files made), and the server answers no request before the rebuild is
    over: that was a fifth of a dirty rebuild of a hundred clients. Not in the first build, which
    writes every page: its garbage grows with the site; a dirty rebuild's stays small."""
    if cache.dirty and cache.last is not None:
        cache.rebuilding = True
        gc.disable()


def resume_collection(cache: ServeCache) -> None:
    """The rebuild is over, however it ended: a moment later, once the new pages are served,
    its garbage is collected and automatic collection is back on."""
    if cache.dirty and cache.rebuilding:
        cache.rebuilding = False
        later = threading.Timer(IDLE_SECONDS, _collect_when_idle, [cache])
        later.daemon = True
        later.start()


def _collect_when_idle(cache: ServeCache) -> None:
    if not cache.rebuilding:  # else another rebuild is under way: the timer after it does this
        gc.enable()
        gc.collect()


def start(build: Build, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
    """Tell each client file whether it is unchanged since the last build (``serve --dirty``
    only; once the navigation is made, before MkDocs asks)."""
    cache = build.cache
    if not (build.serving and cache.dirty):
        return
    last = cache.last
    hand_written = _hand_written(files)
    edited = {f.src_uri for f in hand_written if f.is_modified()}
    if last is not None:
        for file in hand_written:
            if file.src_uri not in edited and file.page is not None and (title := last.titles.get(file.src_uri)):
                file.page.title = title  # MkDocs will not read it again, so it would have no title in the menus
    key = _config_key(config)
    reset = last is None or last.config != key or bool(edited)
    client_files = {uri: file for client in build.pending.values() for uri, file in client.waiting.items()}
    home = files.get_file_from_path(build.plan.home) if build.plan.home else None
    if isinstance(home, PendingFile) and home.page is not None:
        client_files[home.src_uri] = home
    dirty = build.dirty = DirtyBuild(files, nav, key, {}, client_files)
    earlier = last if last is not None and not reset else None
    surroundings = _surroundings(build, nav, client_files)
    if last is not None:
        # mkdocs.yml or the theme changed (the audience, the site's name…): every page may differ.
        around = _surroundings(build, nav, {f.src_uri: f for f in hand_written})
        for file in [f for f in hand_written if f.src_uri not in edited]:
            if last.config != key or last.surroundings.get(file.src_uri) != around.get(file.src_uri):
                _write_again(file)
    themes_pages = config.theme.static_templates
    if earlier is not None and earlier.menu == _outline(nav.items):
        themes_pages.discard("404.html")  # the same menu as the one it was written with
    if build.settings.noindex:
        themes_pages.discard("sitemap.xml")  # it would be deleted after the build (see hooks.on_post_build)
    for slug, client in build.pending.items():
        dirty.makings[slug] = client.making
        for uri, file in client.waiting.items():
            file.unchanged = (
                earlier is not None
                and earlier.makings.get(slug) is client.making
                and (file.page is not None or not file.is_documentation_page())
                and (file.page is None or earlier.surroundings.get(uri) == surroundings.get(uri))
            )
    if isinstance(home, PendingFile) and home.page is not None:
        # It lists every client: written again when a word of it changes, not on every edit.
        dirty.home = home.prepared.html if home.prepared is not None else home.content_string
        home.unchanged = (
            earlier is not None
            and earlier.home == dirty.home
            and earlier.surroundings.get(home.src_uri) == surroundings.get(home.src_uri)
        )


def built(build: Build | None, page: Page) -> None:
    """MkDocs wrote this page."""
    if build is not None and build.dirty is not None:
        build.dirty.built.append(page.url)


def finish(build: Build | None, config: MkDocsConfig) -> None:
    """Once every plugin has written its files (the search index): the index merged, stale files
    deleted, and what the next build compares with kept."""
    if build is None or build.dirty is None:
        return
    dirty, cache = build.dirty, build.cache
    last = cache.last
    if last is None:
        # Worker processes made the pages of the first build: this process has yet to compile
        # the templates the first edit renders with.
        build.renderer.compile_all()
    pages = [f.page.url for f in dirty.files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.page]
    search = search_merge.rewrite(config.site_dir, last.search if last else {}, dirty.built, pages, build.search_made)
    if last is not None:
        _delete(config.site_dir, last.outputs - {f.abs_dest_path for f in dirty.files})
    titles = {f.src_uri: f.page.title for f in _hand_written(dirty.files) if f.page is not None and f.page.title}
    outputs = frozenset(f.abs_dest_path for f in dirty.files)
    # The pages' surroundings as written: the hand-written pages' titles are known now.
    pages_shown = {**dirty.client_files, **{f.src_uri: f for f in _hand_written(dirty.files)}}
    surroundings = _surroundings(build, dirty.nav, pages_shown)
    cache.last = LastBuild(
        dirty.config, dirty.makings, dirty.home, surroundings, _outline(dirty.nav.items), titles, search, outputs
    )


def compile_once(build: Build | None, env: Environment) -> None:
    """The theme's templates are compiled once for the whole serve, ``--dirty`` or not (see
    compiled_templates)."""
    if build is not None and build.serving:
        env.bytecode_cache = build.cache.compiled_templates


def forget(cache: ServeCache) -> None:
    """A build failed, having written some files and not others: the next one writes every
    client file again (what it keeps of hand-written pages and the search index still holds)."""
    if cache.last is not None:
        cache.last = replace(cache.last, makings={}, surroundings={}, menu=())


def _hand_written(files: Files) -> list[File]:
    """The pages of the docs folder (a generated page has its content in memory instead)."""
    return [f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.abs_src_path is not None]


def _write_again(file: File) -> None:
    """MkDocs writes a docs page in a dirty build only when its source is newer than its copy in
    the site (``File.is_modified``): this one is written again though it was not edited."""
    file.is_modified = lambda: True  # type: ignore[method-assign]


def _surroundings(build: Build, nav: Navigation, client_files: Mapping[str, File]) -> dict[str, Outline]:
    """What each page shows besides its content, by path: its title, its client's menu, the rest
    of the menu, and the pages before and after it (links in its header and footer)."""
    clients = build.clients_section
    around = (
        _outline([item for item in nav.items if item is not clients]),
        clients.title if clients is not None else None,
        nav.homepage.url if nav.homepage is not None else None,
    )
    menus = {slug: _outline([section]) for slug, section in build.sections.items()}
    found = {}
    for uri, file in client_files.items():
        if (page := file.page) is None:
            continue
        menu = menus.get(build.client_of_page.get(uri, ""), ())
        neighbours = tuple((p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page))
        found[uri] = (page.title, neighbours, menu, around)
    return found


def _outline(items: list[StructureItem]) -> Outline:
    """A menu as plain values, to compare it with the last build's."""
    outline: list[tuple] = []
    for item in items:
        if isinstance(item, Section):
            outline.append(("section", item.title, _outline(item.children)))
        elif isinstance(item, (Page, Link)):
            outline.append(("page" if isinstance(item, Page) else "link", item.title, item.url))
    return tuple(outline)


def _config_key(config: MkDocsConfig) -> tuple:
    """mkdocs.yml's bytes and the theme overrides' files: when either changes, every page may."""
    key: list = []
    if config.config_file_path and os.path.isfile(config.config_file_path):
        key.append(hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest())
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            if path.is_file():
                key.append((path.as_posix(), signature(path)))
    return tuple(key)


def _delete(site_dir: str, paths: frozenset[str]) -> None:
    """Delete these files of the site, and the folders they leave empty."""
    root = Path(site_dir).resolve()
    for path in sorted(Path(p) for p in paths):
        if not path.resolve().is_relative_to(root):
            continue
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
