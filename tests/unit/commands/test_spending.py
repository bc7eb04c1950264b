"""spend as a pure function (text → text): the amount written where it stands, summed in decimal,
the file refused untouched when it is not a valid strategy."""

from pathlib import Path

import pytest

from strategy_bible.commands.spending import spend
from strategy_bible.commands.yaml_splice import EditRefused

WHOLE = (Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml").read_text(encoding="utf-8")


def test_only_the_amount_changes():
    edit = spend(WHOLE, "live-kit", 355.5)
    assert edit.text == WHOLE.replace("      spent: 340\n", "      spent: 355.5\n", 1) and edit.changed
    assert edit.summary == "strategy.yml: means[live-kit].spent = 355.5 (was 340), planned 300; over budget by 55.5"


def test_adding_sums_in_decimal_and_the_same_amount_is_no_change():
    assert "      spent: 900.3\n" in spend(WHOLE, "ads-afterworks", 0.3, add=True).text
    assert not spend(WHOLE, "ads-afterworks", 900).changed


def test_an_invalid_file_is_not_edited():
    broken = WHOLE.replace("currency: EUR", "currency: euros")
    with pytest.raises(EditRefused, match="is not a valid strategy, so it was not changed"):
        spend(broken, "live-kit", 10)
