"""What the plugin holds: the state of one build, and what ``mkdocs serve`` keeps between rebuilds.

MkDocs keeps one plugin instance for the whole of ``serve`` (because it has ``on_startup``), and
runs ``on_config`` again on every rebuild. So a :class:`Build` is made anew by each ``on_config``
and only a :class:`ServeCache` goes from one rebuild to the next: nothing of a build leaks into
the next one unless it is declared there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from strategy_bible.analysis.computed_kpis import build_day
from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin.compiled_templates import CompiledTemplates
from strategy_bible.plugin.config import PLUGIN_NAME, Settings
from strategy_bible.plugin.pending_file import PendingFile
from strategy_bible.plugin.workers import InProcess, Made, MakeSettings, WorkerPool, worker_count
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.html_pages import HtmlStyle
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.files import Signature, StrategyFile, StrategyLibrary, signature
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import Readership

log = get_plugin_logger(PLUGIN_NAME)


@dataclass(frozen=True)
class MadeFrom:
    """Everything a client's files are made from besides its strategy: when any of it changes
    (a setting, a template edited, added or removed, the day), ``serve`` makes every client again."""

    renderer: Renderer
    templates: tuple[tuple[str, Signature], ...]
    audience: Readership
    thresholds: Thresholds
    timezone: str
    plan: SitePlan
    day: dt.date
    """The build's day: what is past and coming, what is due and the running period's figures
    depend on it, so a serve left running past midnight makes every client again."""
    html_style: HtmlStyle | None = None
    """mkdocs.yml's URL style and toc settings, which the pages made as HTML follow."""

    @classmethod
    def now(cls, renderer: Renderer, settings: Settings, plan: SitePlan, html_style: HtmlStyle | None) -> MadeFrom:
        return cls(
            renderer,
            _signature(renderer.template_dirs),
            settings.audience,
            settings.thresholds,
            settings.timezone,
            plan,
            build_day(),
            html_style,
        )


@dataclass(frozen=True)
class KeptView:
    """A client's view of an earlier rebuild, with what it was made from."""

    reading: StrategyFile
    making: MakeSettings
    day: dt.date
    view: ClientView


@dataclass(frozen=True)
class MadeClient:
    """A client's files of an earlier rebuild, with what they were made from."""

    reading: StrategyFile
    """The reading of the strategy file they are made of: the library reads a file again only when it changes."""
    made_from: MadeFrom
    making: Made


@dataclass(frozen=True)
class ClientErrors:
    """A broken file's errors as a client may see them (see problem_visibility), with the reading they are of."""

    reading: StrategyFile
    problems: list[Problem]


Outline = tuple
"""A page's title, menus and neighbours, as plain values (see dirty_rebuild)."""


@dataclass(frozen=True)
class LastBuild:
    """What the last completed ``serve --dirty`` build wrote."""

    config: tuple
    """mkdocs.yml and the theme's overrides (see _config_key)."""
    makings: dict[str, Made]
    """Each valid client's files, by slug."""
    home: str | None
    """The agency home's Markdown."""
    surroundings: dict[str, Outline]
    """Each client page's title, menus and neighbours, by path."""
    menu: Outline
    """The whole menu, as the theme's 404 page shows it."""
    titles: dict[str, str]
    """Each hand-written page's title, by path: a page MkDocs does not read again has none."""
    search: dict[str, str]
    """The search index's entries, as JSON text, by page address."""
    outputs: frozenset[str]
    """Where every file of the site was written (the theme's pages and the search index aside)."""


@dataclass
class DirtyBuild:
    """What this build must remember for the next one."""

    files: Files
    nav: Navigation
    config: tuple
    makings: dict[str, Made]
    client_files: dict[str, PendingFile]
    """Every page and download of the valid clients, and the agency home, by path."""
    home: str | None = None
    """The agency home's Markdown."""
    built: list[str] = field(default_factory=list)
    """The pages MkDocs wrote, by address, in the order it wrote them."""


@dataclass(frozen=True)
class ClientFrame:
    """A client's name and brand, as its pages' frame shows them."""

    name: str
    """The client's name (its slug while its file does not validate)."""
    colour: str | None = None
    """``client.brand.colour``: the header's colour on the client's pages."""
    logo: str | None = None
    """The address of ``client.brand.logo`` in the site (MkDocs' ``File.url``)."""


@dataclass
class ServeCache:
    """What ``mkdocs serve`` keeps from one rebuild to the next, so that an edit re-reads and
    re-renders one client, not all of them. ``mkdocs build`` runs once and keeps nothing."""

    library: StrategyLibrary = field(default_factory=StrategyLibrary)
    """Each strategy file, read again only when it changes."""
    renderers: dict[tuple[str | None, Path | None], Renderer] = field(default_factory=dict)
    """By language and templates folder: their templates are compiled once."""
    made: dict[str, MadeClient] = field(default_factory=dict)
    """Each client's pages and downloads of the last rebuild, by slug."""
    client_errors: dict[Path, ClientErrors] = field(default_factory=dict)
    """Each broken file's errors as a client may see them, by path."""
    dirty: bool = False
    """``serve --dirty``: a rebuild writes only the files that change (see dirty_rebuild)."""
    last: LastBuild | None = None
    """With ``--dirty``, what the last completed build wrote."""
    compiled_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """The theme's templates, compiled once for the whole serve (see compiled_templates)."""
    rebuilding: bool = False
    """With ``--dirty``, whether a rebuild is under way (see dirty_rebuild.pause_collection)."""
    views: dict[str, KeptView] = field(default_factory=dict)
    """Each valid client's view of the last rebuild, by slug (see Build.views)."""

    def renderer(self, language: str | None, templates_dir: Path | None) -> Renderer:
        key = (language, templates_dir)
        return self.renderers.get(key) or self.renderers.setdefault(key, Renderer(language, templates_dir))


@dataclass
class PendingClient:
    """A valid client's files handed to MkDocs, their content still in the making."""

    source: str
    """The strategy file's path as the user knows it (the strategy itself is let go)."""
    making: Made
    pages: list[str]
    waiting: dict[str, PendingFile]
    """Every page and download of the client, by path."""


@dataclass
class Build:
    """The state of one build, from ``on_config`` to ``on_post_build``."""

    settings: Settings
    renderer: Renderer
    serving: bool
    cache: ServeCache
    """What ``serve`` keeps between rebuilds (unused beyond this build otherwise)."""
    html_style: HtmlStyle | None = None
    """The site's Markdown settings as the pages made as HTML follow them; None: every page as Markdown."""
    plan: SitePlan = field(init=False)
    """Where each generated page goes; its home is settled in ``on_files``."""
    making: MakeSettings = field(init=False)
    in_process: InProcess = field(init=False)
    pool: WorkerPool | None = None
    missing_folder: str | None = None
    """Why the strategies folder cannot be read (gone mid-``serve``), or None."""
    pending: dict[str, PendingClient] = field(default_factory=dict)
    """Valid clients whose files MkDocs has not read yet, by slug."""
    not_read: set[str] = field(default_factory=set)
    """Clients whose problems the plugin wrote itself (no such file): nothing of a file to hide."""
    dirty: DirtyBuild | None = None
    """With ``serve --dirty``, what this build writes and the next one compares with."""
    languages: dict[str, str] = field(default_factory=dict)
    """The clients whose file asks for a language of its own (``client.language``), by slug."""

    # The navigation (see navigation.py), recorded as the files are handed to MkDocs.
    sections: dict[str, Section] = field(default_factory=dict)
    """Each client's navigation section, by slug."""
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The kinds of page each client has (an error page stands for every kind)."""
    client_of_page: dict[str, str] = field(default_factory=dict)
    page_titles: dict[str, str] = field(default_factory=dict)
    """The title of each generated page, by path."""
    hand_written: dict[str, list[str]] = field(default_factory=dict)
    """Each client's own hand-written pages (docs files under ``clients/<slug>/``)."""
    clients_section: Section | None = None
    """The "Clients" section of the navigation, when there is one."""
    client_navs: dict[str, Navigation] = field(default_factory=dict)
    """Published: each client's own navigation, by slug (see navigation.shape)."""
    search_made: dict[str, list] = field(default_factory=dict)
    """The search entries made with the pages made as HTML, by page address (see page_search)."""
    frames: dict[str, ClientFrame] = field(default_factory=dict)
    """Each client's name and brand for its pages' header and browser tab, by slug (see page_frame)."""

    def __post_init__(self) -> None:
        settings = self.settings
        self.plan = SitePlan(single_client=settings.single_client, folders=settings.folders)
        self.making = MakeSettings(
            settings.language,
            settings.templates_dir,
            settings.audience,
            settings.thresholds,
            settings.timezone,
            settings.project,
            self.html_style,
        )
        self.in_process = InProcess(self.making, self.renderer_for)

    def renderer_for(self, language: str | None) -> Renderer:
        """The renderer of a client whose file asks for ``language`` (None: the site's language)."""
        if language is None:
            return self.renderer
        return self.cache.renderer(language, self.settings.templates_dir)

    def renderer_of(self, slug: str) -> Renderer:
        """The renderer of a client's pages, menu and error page: in its own language, if it has one."""
        return self.renderer_for(self.languages.get(slug))

    def views(self, strategy_files: list[StrategyFile]) -> dict[str, ClientView]:
        """Each valid file's view, by slug. Every rebuild of ``serve`` needs every client's (the
        home lists them all, the menus name them): the last rebuild's is reused when neither the
        file's reading nor the settings nor the day changed, so an edit filters one client again."""
        if not self.serving:
            return {f.slug: self.making.view(f) for f in strategy_files}
        day, kept = build_day(), self.cache.views
        fresh = {}
        for strategy_file in strategy_files:
            view = kept.get(strategy_file.slug)
            if view is None or view.reading is not strategy_file or (view.making, view.day) != (self.making, day):
                view = KeptView(strategy_file, self.making, day, self.making.view(strategy_file))
            fresh[strategy_file.slug] = view
        self.cache.views = fresh  # a client removed or broken is not kept
        return {slug: kept_view.view for slug, kept_view in fresh.items()}

    def maker(self, clients: int) -> InProcess | WorkerPool:
        """Worker processes once there are enough clients to read or render, else this process."""
        if self.pool is None and (processes := worker_count(self.settings.workers, clients)):
            self.pool = WorkerPool(self.making, processes)
            log.info("%d worker processes read and render the clients", processes)
        return self.pool or self.in_process

    def close(self) -> None:
        """End the worker processes, if any."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def _signature(folders: list[Path]) -> tuple[tuple[str, Signature], ...]:
    """Every file of the template folders with its signature (see strategy.files.signature):
    changes when a template is edited, added or removed."""
    return tuple((path.as_posix(), signature(path)) for folder in folders for path in sorted(folder.iterdir()))
