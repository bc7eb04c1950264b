"""Every label exists in French and English, including one per value of each enumeration."""

from __future__ import annotations

import importlib
import re
import typing
from pathlib import Path

from strategy_bible.analysis.verdict import Decision, Verdict
from strategy_bible.render.labels import EN, FR, Labels
from strategy_bible.render.renderer import default_templates_dir
from strategy_bible.strategy import model


def test_french_and_english_have_the_same_keys():
    assert set(FR) == set(EN)


def test_every_enumeration_value_has_a_label():
    enumerations = {
        "axis": model.Axis,
        "goal": model.Goal,
        "category": model.Category,
        "cadence": model.ReviewCadence,
        "rhythm": model.ActionCadence,
        "status": model.ActionStatus,
        "interaction": model.Interaction,
        "unit": model.Unit,
        "direction": model.Direction,
        "format": model.EventFormat,
    }
    for prefix, literal in enumerations.items():
        for value in typing.get_args(literal):
            assert f"{prefix}.{value}" in FR, f"{prefix}.{value}"
    for verdict in Verdict:
        assert f"verdict.{verdict.value}" in FR
    for decision in Decision:
        assert f"decision.{decision.value}" in FR


def test_every_label_a_template_names_exists():
    templates = "".join(p.read_text(encoding="utf-8") for p in Path(default_templates_dir()).glob("*.jinja"))
    used = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_-]+|colon)["']""", templates))
    assert used, "no label found: the pattern is wrong"
    assert used <= set(FR), used - set(FR)


def test_fields_are_filled_and_unknown_languages_fall_back():
    assert Labels("fr")("checklist.done", done=1, total=2) == "1/2 faites"
    assert Labels("de")("page.kpis") == "KPIs"


def test_each_language_is_its_own_module():
    assert importlib.import_module("strategy_bible.render.labels.fr").FR is FR
    assert importlib.import_module("strategy_bible.render.labels.en").EN is EN
