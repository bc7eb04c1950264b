"""The plugin's theme overrides (``strategy_bible/theme``) in MkDocs' template search path."""

from __future__ import annotations

from importlib import resources

from mkdocs.config.defaults import MkDocsConfig


def theme_dir() -> str:
    """The folder of the plugin's theme overrides (inside the package once installed)."""
    return str(resources.files("strategy_bible.theme"))


def install(config: MkDocsConfig) -> None:
    """Put the plugin's overrides before Material's templates and after the site's ``custom_dir``
    (the site's own overrides keep the last word). Idempotent: ``serve`` reloads the config."""
    folder = theme_dir()
    dirs = config.theme.dirs
    if folder in dirs:
        return
    dirs.insert(1 if config.theme.custom_dir else 0, folder)
