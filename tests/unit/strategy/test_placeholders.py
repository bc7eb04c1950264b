"""Issue 23, item 13: the starter's placeholder texts are known, so a file still holding one warns."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.commands.editing import validated_text
from strategy_bible.commands.starter import starter_text
from strategy_bible.strategy.placeholders import PLACEHOLDERS, placeholders_left


def test_every_placeholder_of_the_list_is_one_the_starter_writes_and_warns():
    validated = validated_text(starter_text("acme"), "strategies/acme.yml", "invalid")
    left = {" ".join(text.split()) for _, text in placeholders_left(validated.strategy)}
    assert left == PLACEHOLDERS  # the list is in step with templates/starter.yml.jinja
    placeholder_warnings = [w for w in validated.warnings if "is the starter's placeholder text" in w.message]
    assert len(placeholder_warnings) == len(PLACEHOLDERS)
    assert all(w.line > 1 for w in placeholder_warnings)  # each placed at its text


def test_a_text_the_agency_wrote_is_no_placeholder(tmp_path: Path):
    text = starter_text("acme").replace("sector: Secteur d'activité du client", "sector: Boulangerie")
    validated = validated_text(text, "strategies/acme.yml", "invalid")
    assert ("client", "sector") not in {path for path, _ in placeholders_left(validated.strategy)}
