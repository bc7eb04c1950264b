"""A client's files made in this process, as the plugin makes them, for the property tests."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.render.client_files import make_client_files
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.validation import Validated
from strategy_bible.strategy.visibility import Readership, visible_to

RENDERERS = {language: Renderer(language) for language in ("fr", "en")}


def made(
    result: Validated, language: str, plan: SitePlan, audiences: tuple[Readership, ...] = tuple(Readership)
) -> list[str | bytes]:
    """Every file of the client, for each audience (both unless told), with the home page listing
    it; a crash fails."""
    renderer = RENDERERS[language]
    contents: list[str | bytes] = []
    for audience in audiences:
        view = ClientView("acme", "strategies/acme.yml", visible_to(audience, result.strategy, result.warnings))
        files = make_client_files(renderer, view, plan, "Europe/Paris", Path("."))
        assert files.crash is None, files.crash
        assert files.problem is None, files.problem
        assert set(files.pages) == set(plan.pages("acme", view.page_kinds()).values())
        assert set(files.downloads) == set(plan.downloads("acme"))
        contents += [*files.pages.values(), *files.downloads.values(), view.strategy.client.name]  # name: the menu's
        if not plan.single_client:
            contents.append(renderer.home([view], [], plan, audience is Readership.INTERNAL))
    return contents
