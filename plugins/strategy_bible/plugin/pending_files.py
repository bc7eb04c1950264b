"""Client files MkDocs gets at once and whose content comes later: set going in ``on_files``
(in worker processes, with many clients), waited for only when MkDocs reads them. In ``serve``,
those of the last rebuild are reused when nothing they are made from changed."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from strategy_bible.plugin.build_state import Build, MadeClient, MadeFrom
from strategy_bible.plugin.config import PLUGIN_NAME, refusal
from strategy_bible.plugin.early_making import EarlyMaking
from strategy_bible.plugin.workers import Made
from strategy_bible.render.client_files import ClientFiles
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.html_pages import PreparedPage
from strategy_bible.strategy.files import StrategyFile
from strategy_bible.strategy.problems import Problem, internal_error

log = get_plugin_logger(PLUGIN_NAME)


def start_making(
    build: Build, strategy_files: list[StrategyFile], views: dict[str, ClientView], early: EarlyMaking | None = None
) -> dict[str, Made]:
    """Each valid client's files, being made. In ``serve``, those of the last rebuild when neither
    its file nor anything they are made from changed (settings, templates): an edit re-renders
    one client, not all of them; and those made as soon as the file was saved (``early``)."""
    made = build.cache.made
    made_from = MadeFrom.now(build.renderer, build.settings, build.plan, build.html_style) if build.serving else None
    making: dict[str, Made] = {}
    to_make = []
    for strategy_file in strategy_files:
        earlier = made.get(strategy_file.slug)
        if made_from is not None and earlier and earlier.reading is strategy_file and earlier.made_from == made_from:
            making[strategy_file.slug] = earlier.making
        elif made_from is not None and early and (ahead := early.made(strategy_file, made_from, build.making)):
            making[strategy_file.slug] = ahead
            made[strategy_file.slug] = MadeClient(strategy_file, made_from, ahead)
        else:
            to_make.append(strategy_file)
    maker = build.maker(len(to_make))
    for strategy_file in to_make:
        making[strategy_file.slug] = maker.make(strategy_file, views[strategy_file.slug], build.plan)
        if made_from is not None:  # in `serve`
            made[strategy_file.slug] = MadeClient(strategy_file, made_from, making[strategy_file.slug])
    return making


def fill(build: Build, slug: str) -> None:
    """Give a client's waiting files their content, once it is made."""
    pending = build.pending.pop(slug)
    contents, prepared = _contents(build, slug, pending.source, pending.making, pending.pages, list(pending.waiting))
    for uri, file in pending.waiting.items():
        file._content = contents[uri]
        file.prepared = prepared.get(uri)


def error_page(build: Build, slug: str, source: str, problems: list[Problem]) -> str:
    """In the client's language, when its file says which (even a file that does not validate)."""
    renderer = build.renderer_of(slug)
    return renderer.error_page(source, problems, build.plan.home_from_client(), build.settings.internal)


def _contents(
    build: Build, slug: str, source: str, making: Made, pages: list[str], uris: list[str]
) -> tuple[dict[str, str | bytes], dict[str, PreparedPage]]:
    """The client's pages and downloads, and its pages made as HTML; in ``serve``, when they
    could not be made, an error page at each page's address and empty downloads."""
    try:
        made = making.result()
    except Exception as error:  # a worker process that ended abruptly (killed, out of memory)
        made = ClientFiles(crash=f"{type(error).__name__}: {error}")
    if made.problem is not None:
        build.cache.made.pop(slug, None)
        if not build.serving:
            raise refusal(str(made.problem))
        log.error("%s", made.problem)
        problem = made.problem
    elif made.crash is not None:
        # A bug of ours; in `serve` it must not hang the server in front of a client: show it.
        build.cache.made.pop(slug, None)
        last = made.crash.strip().splitlines()[-1]  # the exception's type and message
        if not build.serving:
            # Under publish, the exception's type only: its message may quote the strategy.
            crash = last.split(":")[0] if build.settings.counts_only else made.crash
            raise refusal(f"could not render {source}:\n{crash}")
        log.error("could not render %s:\n%s", source, made.crash)
        # Its last line may quote the strategy: on a client's screen, only that there was one.
        problem = Problem(source, 1, 1, "", internal_error(last if build.settings.internal else None))
    else:
        return {**made.pages, **made.downloads}, made.prepared
    page = error_page(build, slug, source, [problem])
    return {uri: page if uri in pages else b"" for uri in uris}, {}
