"""Each client's logo (``client.brand.logo``): a file of its own folder of the docs folder
(``clients/<slug>/``), which goes with that client only — into its published folder and no other
(see ``navigation.place_hand_written``). A logo that is not there stops a build; ``serve`` says so
and shows the agency's logo instead, rather than taking the client's pages away mid-workshop."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from strategy_bible.plugin.build_state import Build
from strategy_bible.plugin.config import PLUGIN_NAME
from strategy_bible.render.site_plan import CLIENTS
from strategy_bible.strategy.files import StrategyFile
from strategy_bible.strategy.problems import Problem, Worded
from strategy_bible.strategy.validation import LOGO

log = get_plugin_logger(PLUGIN_NAME)


def locate(build: Build, files: Files, config: MkDocsConfig, strategy_files: list[StrategyFile]) -> dict[str, str]:
    """The address in the site (``File.url``) of each valid client's logo, by slug."""
    found: dict[str, str] = {}
    problems: list[Problem] = []
    docs = Path(config.docs_dir)
    shown_docs = build.settings.shown_path(docs) + "/"
    for strategy_file in strategy_files:
        validated = strategy_file.validated
        brand = validated.strategy.client.brand if validated is not None else None
        if validated is None or brand is None or brand.logo is None:
            continue
        slug, logo = strategy_file.slug, brand.logo
        own_folder = f"{CLIENTS}/{slug}/"
        file = files.get_file_from_path(build.plan.hand_written(slug, logo))
        if not logo.startswith(own_folder):
            message = Worded(
                f"'{logo}' is not in the client's own folder: put the logo in {shown_docs}{own_folder}, "
                f"whose files go with this client only, and write {own_folder}{Path(logo).name}",
                "invalid.logo_outside",
                logo=logo,
                folder=f"{shown_docs}{own_folder}",
                written=f"{own_folder}{Path(logo).name}",
            )
        elif not (docs / logo).is_file() or file is None:
            message = Worded(
                f"'{logo}' is not a file of the docs folder ({shown_docs}{logo} does not exist)",
                "invalid.logo_missing",
                logo=logo,
                path=f"{shown_docs}{logo}",
            )
        else:
            found[slug] = file.url
            continue
        problems.append(validated.places.error(LOGO, message))
    if problems and not build.serving:
        raise PluginError("\n".join(map(str, problems)))
    for problem in problems:
        log.error("%s (the agency's logo is shown instead)", problem)
    return found
