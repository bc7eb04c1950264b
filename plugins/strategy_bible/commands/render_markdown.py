"""``strategy-bible render``: the pages the plugin hands MkDocs, written as plain files.

Useful to debug a template (read the Markdown before MkDocs turns it into HTML) and to measure
the plugin: building these files with MkDocs alone is the floor a plugin build is compared with
(``benchmarks/``). The plugin runs exactly as in ``mkdocs build`` — settings, environment
overrides (``STRATEGY_BIBLE_AUDIENCE``, ``STRATEGY_BIBLE_CLIENTS``) and all — up to the point
where MkDocs gets the files; nothing is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from strategy_bible.commands.output_folder import empty_output_folder, input_folders
from strategy_bible.plugin.config import PLUGIN_NAME


class RenderError(Exception):
    """Rendering cannot go on; the message says why."""


def render_markdown(config_file: Path, out: Path) -> list[str]:
    """Write every file the plugin generates (pages, stylesheet, downloads) under ``out``, at its
    path in the docs folder; returns those paths. ``out`` is emptied first if an earlier render
    made it; any other non-empty folder, and the project's own folders, are refused."""
    config = load_config(str(config_file))
    if config.plugins.get(PLUGIN_NAME) is None:
        raise RenderError(f"{config_file} does not use the {PLUGIN_NAME} plugin")
    inputs = input_folders(config_file, config)
    config.plugins[PLUGIN_NAME].markdown_only = True  # type: ignore[attr-defined]  # the Markdown, not HTML's stand-ins
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = config.plugins.on_files(get_files(config), config=config)
        generated = [file for file in files if file.generated_by == PLUGIN_NAME]
        empty_output_folder(out, "render", RenderError, inputs)
        for file in generated:
            target = out / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    finally:
        config.plugins.on_shutdown()
    return sorted(file.src_uri for file in generated)
