"""The site's navigation: the clients under one "Clients" section, each client's pages (generated
and hand-written) in a section of its own, and each page carrying only its own client's menu."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from strategy_bible.plugin.build_state import Build
from strategy_bible.plugin.config import PLUGIN_NAME
from strategy_bible.render.site_plan import CLIENTS, HOME, SitePlan, client_folder_of, reviewed
from strategy_bible.strategy.files import strategy_paths

log = get_plugin_logger(PLUGIN_NAME)


def site_plan(files: Files, plan: SitePlan) -> SitePlan:
    """Where the agency home goes: ``index.md``, or ``clients/index.md`` beside a docs folder's
    own ``index.md``. A one-client or published build has none: each client's overview is its home."""
    if plan.single_client or plan.folders is not None:
        for user_home in [f for f in files if f.src_uri == HOME]:
            log.info("the client's overview is the home: %s is left out", user_home.src_uri)
            files.remove(user_home)
        return replace(plan, home=None)
    return replace(plan, home=HOME if files.get_file_from_path(HOME) is None else f"{CLIENTS}/{HOME}")


def place_hand_written(files: Files, config: MkDocsConfig, build: Build, slugs: set[str]) -> None:
    """A client's own hand-written files (``clients/<slug>/…`` in the docs folder) go with that
    client only: beside its generated pages (at the root of a one-client build) and, for pages,
    into its navigation section. The folders of other clients are left out; a folder whose slug
    has no strategy file belongs to no client, so only an internal build of every client keeps it."""
    settings = build.settings
    strangers_kept = not settings.clients and settings.internal
    unknown = set()
    for file, slug in [(f, folder) for f in files if (folder := client_folder_of(f.src_uri))]:
        if slug not in slugs:
            if not strangers_kept:
                files.remove(file)
                unknown.add(slug)
            continue
        uri = build.plan.hand_written(slug, file.src_uri)
        if uri != file.src_uri:
            files.remove(file)
            assert file.abs_src_path is not None, file.src_uri  # a file of the docs folder
            moved = File.generated(config, uri, abs_src_path=file.abs_src_path, inclusion=file.inclusion)
            moved.edit_uri = file.edit_uri
            if (replaced := files.get_file_from_path(uri)) is not None:
                log.warning("in this one-client build, %s replaces %s", file.src_uri, uri)
                files.remove(replaced)
            files.append(moved)
            file = moved
        if file.is_documentation_page():
            build.hand_written.setdefault(slug, []).append(uri)
            build.client_of_page[uri] = slug
    if build.plan.folders is not None:
        _copy_general_pages(files, config, build, sorted(slugs & set(build.plan.folders)))
    available = {path.stem for path in strategy_paths(settings.strategies_dir)}
    for slug in sorted(unknown - available):
        log.info("%s/%s/ is left out of this build: there is no strategy file for '%s'", CLIENTS, slug, slug)


def _copy_general_pages(files: Files, config: MkDocsConfig, build: Build, slugs: list[str]) -> None:
    """Published: the docs folder's own files (``methode.md`` and the images it shows) go into
    every client's folder, as in a site of its own, so their relative links work there. Files
    that are not pages stay at the root as well, where the theme's settings (a logo) find them."""
    assert build.plan.folders is not None
    clients_files = tuple(build.plan.folder(slug) for slug in build.plan.folders)
    general = [f for f in files if _of_docs_folder(f, config) and not f.src_uri.startswith(clients_files)]
    for file in general:
        page = file.is_documentation_page()
        if page:
            files.remove(file)
        for slug in slugs:
            uri = build.plan.folder(slug) + file.src_uri
            if file.abs_src_path is not None:
                copy = File.generated(config, uri, abs_src_path=file.abs_src_path, inclusion=file.inclusion)
            else:
                copy = File.generated(config, uri, content=file.content_bytes, inclusion=file.inclusion)
            files.append(copy)
            if page:
                build.hand_written.setdefault(slug, []).append(uri)
                build.client_of_page[uri] = slug


def _of_docs_folder(file: File, config: MkDocsConfig) -> bool:
    """A file of the docs folder (or a page another plugin made), not one of the theme's."""
    if file.abs_src_path is None:
        return file.is_documentation_page()
    return Path(file.abs_src_path).resolve().is_relative_to(Path(config.docs_dir).resolve())


def add_client(
    build: Build,
    slug: str,
    name: str | None,
    kinds: tuple[str, ...],
    pages: dict[str, str],
    titles: dict[str, str] | None = None,
) -> None:
    """Record a client's generated pages for its menu; ``name`` is None for a client whose file
    does not validate (its pages are error pages, named after its slug). ``titles``: the titles of
    pages their kind does not name (a review's, by its date)."""
    labels = build.renderer_of(slug).labels
    for kind, uri in pages.items():
        build.client_of_page[uri] = slug
        title = (titles or {}).get(kind) or labels(f"page.{kind}")
        build.page_titles[uri] = title if name is not None else labels("page.error")
    build.sections[slug] = Section(_nav_text(name if name is not None else slug), [])
    build.kinds[slug] = kinds


def shape(build: Build, nav: Navigation, files: Files) -> Navigation:
    """The navigation MkDocs made from the docs folder, with the generated pages under their
    clients instead of the folders it would show."""
    ours = set(build.page_titles)
    for uri, title in build.page_titles.items():
        file = files.get_file_from_path(uri)
        if file and file.page:
            file.page.title = title
    hand_written = {slug: _pages_of(files, uris) for slug, uris in build.hand_written.items()}
    items = _without(nav.items, ours | {page.file.src_uri for pages in hand_written.values() for page in pages})
    if build.plan.folders is not None:
        return _published(build, files, hand_written, items)
    if build.plan.single_client:
        client_pages = [item for slug in build.sections for item in _client_items(build, files, slug)]
        items = client_pages + [page for pages in hand_written.values() for page in pages] + items
    else:
        if build.plan.home == HOME:
            items.insert(0, _page(files, HOME))
        for slug, section in build.sections.items():
            section.children = _client_items(build, files, slug)
            section.children += hand_written.get(slug, [])
        children: list[StructureItem] = list(build.sections.values())
        if build.plan.home == f"{CLIENTS}/{HOME}":
            children.insert(0, _page(files, f"{CLIENTS}/{HOME}"))
        if children:
            build.clients_section = Section(build.renderer.labels("nav.clients"), children)
            items.append(build.clients_section)
    pages = _pages(items)
    _link(items, pages)
    return Navigation(items, pages)


def _published(build: Build, files: Files, hand_written: dict[str, list[Page]], items: list) -> Navigation:
    """One navigation per client, as in a one-client build: its pages, then its hand-written ones
    (the docs folder's pages among them). Previous and next pages stay inside the client's folder."""
    for slug in build.sections:
        client_items = _client_items(build, files, slug) + hand_written.get(slug, [])
        client_pages = _pages(client_items)
        _link(client_items, client_pages)
        client_nav = Navigation(client_items, client_pages)
        client_nav.homepage = client_pages[0] if client_pages else None  # the overview: the folder's home
        build.client_navs[slug] = client_nav
    every_item = [item for client_nav in build.client_navs.values() for item in client_nav.items] + items
    whole = Navigation(every_item, [page for client_nav in build.client_navs.values() for page in client_nav.pages])
    whole.homepage = None
    return whole


def _client_items(build: Build, files: Files, slug: str) -> list[StructureItem]:
    """A client's generated pages in its menu; the review index and one page per review in a
    section of their own (the index first), so that a long log does not lengthen the menu."""
    items: list[StructureItem] = []
    reviews: Section | None = None
    for kind in build.kinds[slug]:
        page = _page(files, build.plan.page(slug, kind))
        if kind == "reviews":
            reviews = Section(build.renderer_of(slug).labels("nav.reviews"), [page])
            items.append(reviews)
        elif reviews is not None and reviewed(kind) is not None:
            reviews.children.append(page)
        else:
            items.append(page)
    return items


def around(build: Build, page: Page, nav: Navigation) -> Navigation:
    """The navigation ``page`` shows: its own client's section, none of the others'."""
    slug = build.client_of_page.get(page.file.src_uri)
    if build.plan.folders is not None:
        return build.client_navs[slug] if slug in build.client_navs else Navigation([], [])
    clients = build.clients_section
    if clients is None:  # no "Clients" section: nothing to trim
        return nav
    items = [item for item in nav.items if item is not clients]
    if slug is not None:
        local = Section(clients.title, [build.sections[slug]])
        local.active = True
        items.append(local)
    trimmed = Navigation(items, [])
    trimmed.pages, trimmed.homepage = nav.pages, nav.homepage
    return trimmed


def site_root(build: Build, page: Page) -> str | None:
    """Published: the way from ``page`` up to its client's folder, the root of the only site its
    reader sees (the theme's search looks for the folder's own index there); None otherwise."""
    if build.plan.folders is None or (slug := build.client_of_page.get(page.file.src_uri)) is None:
        return None
    return get_relative_url(build.plan.folder(slug), page.url)


def _page(files: Files, uri: str) -> Page:
    """The page of a docs file the navigation must have (the plugin put it there)."""
    file = files.get_file_from_path(uri)
    assert file is not None and file.page is not None, uri
    return file.page


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
