"""The plugin's settings and their environment overrides, checked by config.resolve alone: before
MkDocs reads a docs file, with no build run."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from strategy_bible.plugin.config import (
    AUDIENCE_VARIABLE,
    CLIENTS_VARIABLE,
    LOG_VARIABLE,
    PLUGIN_NAME,
    Settings,
    resolve,
)
from strategy_bible.strategy.visibility import Readership


def settings(tmp_path: Path, environ: dict[str, str], plugin: str = "") -> Settings:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nplugins:\n  - {PLUGIN_NAME}:\n      clients: [a]\n{plugin}", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    return resolve(config.plugins[PLUGIN_NAME].config, config, environ)


def test_the_environment_overrides_the_settings(tmp_path):
    assert settings(tmp_path, {}).audience is Readership.CLIENT
    assert settings(tmp_path, {}).clients == ("a",)
    resolved = settings(
        tmp_path, {AUDIENCE_VARIABLE: " Internal ", CLIENTS_VARIABLE: "b, b,c,", LOG_VARIABLE: "counts"}
    )
    assert resolved.audience is Readership.INTERNAL and resolved.internal
    assert resolved.clients == ("b", "c")  # each once: "b,b" would be a one-client build
    assert resolved.counts_only
    assert resolved.strategies_dir == (tmp_path / "strategies").resolve()


def test_only_internal_builds_and_the_setting_keep_the_repository_link(tmp_path):
    assert not settings(tmp_path, {}).repository_link
    assert settings(tmp_path, {AUDIENCE_VARIABLE: "internal"}).repository_link
    assert settings(tmp_path, {}, "      repository_link_for_clients: true\n").repository_link


@pytest.mark.parametrize(
    ("environ", "plugin", "message"),
    [
        (
            {AUDIENCE_VARIABLE: "staff"},
            "",
            "strategy-bible: audience 'staff' is not allowed; use client or internal (setting 'audience' or STRATEGY_BIBLE_AUDIENCE)",
        ),
        ({}, "      templates_dir: nowhere\n", "strategy-bible: templates_dir 'nowhere' is not a folder"),
        ({}, "      timezone: Mars/Olympus\n", "strategy-bible: unknown timezone 'Mars/Olympus'; use an IANA name"),
        ({}, "      workers: -1\n", "strategy-bible: workers is -1; use 0 (none), a number of processes"),
        ({}, "      workers: 257\n", "strategy-bible: workers is 257; use 0 (none), a number of processes up to 256"),
        ({}, f"      workers: 0x{'f' * 4000}\n", "strategy-bible: workers is too large; use 0 (none)"),
        ({}, f"      workers: -0x{'f' * 4000}\n", "strategy-bible: workers is negative; use 0 (none)"),
        ({}, "      verdict_moderate_success: 2.0\n", "strategy-bible: verdict thresholds must satisfy 0 <"),
    ],
)
def test_a_wrong_value_is_refused_with_what_is_allowed(tmp_path, environ, plugin, message):
    with pytest.raises(PluginError) as refused:
        settings(tmp_path, environ, plugin)
    assert str(refused.value).startswith(message)


def test_a_setting_given_a_number_of_4000_hex_digits_is_a_configuration_error(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort, match="configuration error"):  # MkDocs' one line, no traceback
        settings(tmp_path, {}, f"      audience: 0x{'f' * 4000}\n")
    assert "Expected one of: ('client', 'internal') but received a number" in caplog.text
