"""``strategy-bible new``: its refusals."""

from __future__ import annotations

import pytest

from strategy_bible.commands import starter
from strategy_bible.commands.yaml_splice import EditRefused
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import check_slug, slug_refusal


def test_new_and_validate_refuse_a_slug_in_the_same_words(tmp_path):
    with pytest.raises(InvalidStrategy) as invalid:
        check_slug(tmp_path / "Acme_Bakery.yml", "strategies/Acme_Bakery.yml")
    with pytest.raises(EditRefused) as refused:
        starter.create(tmp_path, "Acme_Bakery")
    assert [p.message for p in invalid.value.problems] == [str(refused.value)] == [slug_refusal("Acme_Bakery")]
    assert slug_refusal("acme-bakery") is None
    assert list(tmp_path.iterdir()) == []
