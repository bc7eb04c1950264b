"""``strategy-bible publish``: one client-audience site per client, each under its share-link token.

The output (default ``site/``) is what GitHub Pages serves::

    site/index.html                 a neutral page that lists no client
    site/robots.txt                 asks crawlers to stay away
    site/<token>/…                  one client's bible, built alone, for the client

Each client's site is a normal ``mkdocs build`` of the project with the audience forced to
``client`` and the clients forced to that one slug, so everything the plugin guarantees for a
client build (no internal item anywhere, no other client) holds folder by folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from strategy_bible.commands.output_folder import empty_output_folder, input_folders
from strategy_bible.commands.share_links import ROTATIONS_FILE, read_rotations, token
from strategy_bible.plugin.config import AUDIENCE_VARIABLE, CLIENTS_VARIABLE, LOG_VARIABLE, PLUGIN_NAME
from strategy_bible.render.sitemap import remove_sitemap
from strategy_bible.strategy.files import StrategyLibrary
from strategy_bible.strategy.problem_log import COUNTS, count_line

ROOT_PAGE = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strategy Bible</title>
</head>
<body>
<p>This address shows nothing on its own. Use the link you were given.</p>
</body>
</html>
"""


class PublishError(Exception):
    """Publishing cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class SharedClient:
    slug: str
    name: str
    token: str
    url: str


def share_table(config_file: Path, secret: str, base_url: str | None = None) -> list[SharedClient]:
    """Every client of the project with its share link (nothing is built)."""
    project = config_file.resolve().parent
    config = _load_config(config_file)
    plugin = config.plugins[PLUGIN_NAME]
    strategies_dir = (project / plugin.config.strategies_dir).resolve()
    found = StrategyLibrary().scan(strategies_dir, project)
    broken = [entry for entry in found if entry.errors]
    if broken:
        # Counts only: the messages name internal ids and quote internal text, and CI logs are read by others.
        raise PublishError(
            "invalid strategy files, nothing published:\n"
            + "\n".join(count_line(entry.source, entry.errors, "error") for entry in broken)
        )
    rotations = read_rotations(project / ROTATIONS_FILE)
    base = (base_url or config.site_url or "").rstrip("/")
    shared = []
    for entry in found:
        assert entry.validated is not None  # a file that did not validate has errors: publish stopped above
        folder = token(secret, entry.slug, rotations.get(entry.slug, 0))
        shared.append(
            SharedClient(
                entry.slug, entry.validated.strategy.client.name, folder, f"{base}/{folder}/" if base else f"{folder}/"
            )
        )
    return shared


def publish(config_file: Path, out: Path, secret: str, base_url: str | None = None) -> list[SharedClient]:
    """Build every client alone into ``out/<token>/``; returns the share table."""
    shared = share_table(config_file, secret, base_url)
    # An earlier publish is emptied, so a rotated link dies; any other folder is refused.
    empty_output_folder(out, "publish", PublishError, input_folders(config_file, _load_config(config_file)))
    for client in shared:
        target = out / client.token
        # LOG_VARIABLE: the plugin counts warnings instead of printing them (they name internal items).
        with _forced_environment({AUDIENCE_VARIABLE: "client", CLIENTS_VARIABLE: client.slug, LOG_VARIABLE: COUNTS}):
            config = load_config(
                str(config_file), site_dir=str(target), site_url=client.url if client.url.startswith("http") else None
            )
            build(config)
        remove_sitemap(target)  # it would list the folder's pages
    (out / "index.html").write_text(ROOT_PAGE, encoding="utf-8")
    (out / "404.html").write_text(ROOT_PAGE, encoding="utf-8")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    return shared


def _load_config(config_file: Path):
    config = load_config(str(config_file))
    if config.plugins.get(PLUGIN_NAME) is None:
        raise PublishError(f"{config_file} does not use the {PLUGIN_NAME} plugin")
    return config


@contextlib.contextmanager
def _forced_environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
