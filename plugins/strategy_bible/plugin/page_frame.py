"""What the frame of a page (browser tab, header, banner) says: whose page it is, in that client's
brand, and whether the build is internal. The plugin's theme templates (``strategy_bible/theme``)
read it as ``bible``; pages outside every client (the agency home, the docs folder's own pages)
keep the site's name and the agency's brand."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from strategy_bible.plugin.build_state import Build, ClientFrame
from strategy_bible.render.colours import INTERNAL_HEADER, HeaderColours, header_colours
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.running_head import running_head
from strategy_bible.strategy.files import StrategyFile


def frame(build: Build, page: Page) -> dict[str, Any]:
    """The ``bible`` the theme's templates read for ``page``."""
    slug = build.client_of_page.get(page.file.src_uri)
    client = build.frames.get(slug) if slug is not None else None
    internal = build.settings.internal
    return {
        "client": client.name if client else None,
        "logo": get_relative_url(client.logo, page.url) if client and client.logo else None,
        "colour": client.colour if client else None,
        "header": _header(client, internal),
        "audience": build.settings.audience.value,
        "internal": internal,
        "internal_label": _renderer(build, slug).labels("internal.strip") if internal else None,
        "language": build.languages.get(slug) if slug is not None else None,
        # client.language: Material's strings and <html lang> (theme/partials/language.html); None: the site's
        "running_head": _running_head(client, page),
    }


def _running_head(client: ClientFrame | None, page: Page) -> str:
    """A page's printed running head and foot: its title and client as its browser tab names them,
    its as-of date, its page numbers."""
    title = Markup(page.title or "").striptags()
    if client is not None:
        title = f"{title} · {client.name}" if title else client.name
    return running_head(title, page.content or "")


def _renderer(build: Build, slug: str | None) -> Renderer:
    """The client's renderer (in its language), or the site's outside every client."""
    return build.renderer_of(slug) if slug is not None else build.renderer


def _header(client: ClientFrame | None, internal: bool) -> HeaderColours | None:
    """The header's colours: the internal one in an internal build (whatever the client's brand),
    else the client's; None keeps the theme's palette."""
    if internal:
        return header_colours(INTERNAL_HEADER)
    if client is not None and client.colour is not None:
        return header_colours(client.colour)
    return None


def remember(build: Build, strategy_files: list[StrategyFile], logos: dict[str, str]) -> None:
    """Each client's frame, taken from its file before the strategies are let go; ``logos``: the
    address of each client's logo in the site (see client_logos)."""
    for strategy_file in strategy_files:
        validated = strategy_file.validated
        if validated is None:
            build.frames[strategy_file.slug] = ClientFrame(strategy_file.slug)
            continue
        client = validated.strategy.client
        colour = client.brand.colour if client.brand else None
        build.frames[strategy_file.slug] = ClientFrame(client.name, colour, logos.get(strategy_file.slug))
