"""The verdict thresholds of the project's build, for the commands that judge KPIs outside a build
(``validate``'s review warning, ``decide``): those of ``mkdocs.yml``'s plugin settings when there
is one, so a command and the build never disagree; the defaults otherwise."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.analysis.verdict import Thresholds

CONFIG_FILE = Path("mkdocs.yml")


class ThresholdsUnreadable(Exception):
    """``mkdocs.yml`` is there but its thresholds cannot be read."""


def project_thresholds(config_file: Path = CONFIG_FILE) -> Thresholds:
    """Only the plugin's settings are read (as MkDocs reads them): ``validate`` works in a project
    whose docs folder or theme is not there yet."""
    if not config_file.is_file():
        return Thresholds()
    from mkdocs.utils.yaml import yaml_load

    from strategy_bible.plugin.config import PLUGIN_NAME, StrategyBibleConfig

    try:
        with config_file.open("rb") as stream:
            data = yaml_load(stream)
    except Exception as error:  # whatever MkDocs' YAML loader raises: the file cannot be read
        raise ThresholdsUnreadable(f"{config_file}: cannot be read: {error}") from None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    options = None
    for entry in entries:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
    if not isinstance(options, dict):
        return Thresholds()
    settings = StrategyBibleConfig(config_file_path=str(config_file))
    settings.load_dict(options)
    errors, _warnings = settings.validate()
    if errors:
        name, wrong = errors[0]
        raise ThresholdsUnreadable(f"{config_file}: plugins: {PLUGIN_NAME}: {name}: {wrong}")
    try:
        return Thresholds(settings.verdict_moderate_success, settings.verdict_moderate_failure)
    except ValueError as error:
        raise ThresholdsUnreadable(f"{config_file}: {error}") from None
