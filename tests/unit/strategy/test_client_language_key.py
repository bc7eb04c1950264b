"""``client.language``: checked like every key, read even from a file that does not validate
(its error page speaks it), and written by ``strategy-bible new --language``."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_bible.commands import starter
from strategy_bible.strategy.files import read_strategy
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import load_strategy

from support import FIXTURES

CONTRACT = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")


def with_language(value: str) -> str:
    return CONTRACT.replace("client:\n", f"client:\n  language: {value}\n", 1)


def test_a_language_not_allowed_is_a_located_error_saying_what_is(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(with_language("eng"), encoding="utf-8")
    with pytest.raises(InvalidStrategy) as invalid:
        load_strategy(path, "strategies/acme.yml")
    assert [str(p) for p in invalid.value.problems] == [
        "strategies/acme.yml:3:13: client.language: 'eng' is not allowed; use fr or en (did you mean 'en'?)"
    ]


def test_the_language_is_read_from_a_valid_file_and_from_a_broken_one(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(with_language("en"), encoding="utf-8")
    valid = read_strategy(path, "acme.yml")
    assert valid.validated is not None and valid.validated.strategy.client.language == "en" == valid.language
    path.write_text(with_language("en").replace("period:", "unknown: 1\nperiod:", 1), encoding="utf-8")
    broken = read_strategy(path, "acme.yml")
    assert broken.validated is None and broken.language == "en"
    path.write_text(with_language("eng"), encoding="utf-8")
    assert read_strategy(path, "acme.yml").language is None  # not allowed: the site's
    path.write_text(CONTRACT, encoding="utf-8")
    assert read_strategy(path, "acme.yml").language is None  # no key: the site's


@pytest.mark.parametrize("language", ["en", None])
def test_the_starter_writes_the_language_asked_for_and_validates(tmp_path, language):
    path = tmp_path / "acme.yml"
    path.write_text(starter.starter_text("acme", language=language, today=dt.date(2026, 1, 5)), encoding="utf-8")
    assert load_strategy(path).client.language == language
    assert "language: en" in path.read_text(encoding="utf-8")  # commented out when not asked for
