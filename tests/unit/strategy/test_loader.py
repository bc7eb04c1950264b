"""The YAML loader: safe loading, positions, and a clear error for every kind of broken file."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from strategy_bible.strategy.loader import MAX_BYTES, load_yaml
from strategy_bible.strategy.problems import InvalidStrategy


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "acme.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_yaml(path, "strategies/acme.yml")


def problems(tmp_path: Path, content: str | bytes) -> list[str]:
    with pytest.raises(InvalidStrategy) as caught:
        load(tmp_path, content)
    return [str(p) for p in caught.value.problems]


def test_positions_of_keys_and_values_are_one_based(tmp_path):
    loaded = load(tmp_path, "client:\n  name: Acme\nkpis:\n  - id: a\n    value: 3\n")
    assert loaded.data == {"client": {"name": "Acme"}, "kpis": [{"id": "a", "value": 3}]}
    assert loaded.positions.of_value(("client", "name")) == (2, 9)
    assert loaded.positions.of_key(("client", "name")) == (2, 3)
    assert loaded.positions.of_value(("kpis", 0, "value")) == (5, 12)
    # A path that does not exist points at its nearest ancestor.
    assert loaded.positions.of_value(("kpis", 0, "missing")) == (4, 5)


def test_yaml_1_2_scalars_dates_and_text(tmp_path):
    loaded = load(tmp_path, "a: yes\nb: 2026-01-31\nc: 2026-03-14T08:30\nd: 1_000\ne: 0.5\nf: ~\n")
    import datetime as dt

    assert loaded.data == {
        "a": "yes",
        "b": dt.date(2026, 1, 31),
        "c": "2026-03-14T08:30",
        "d": 1000,
        "e": 0.5,
        "f": None,
    }


def test_not_utf8_names_line_and_column_of_the_bad_byte(tmp_path):
    assert problems(tmp_path, "client:\n  name: Caf\xe9\n".encode("latin-1")) == [
        "strategies/acme.yml:2:12: the file is not UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8 "
        "— in most editors: Save with encoding › UTF-8"
    ]


def test_utf16_is_refused_with_the_fix(tmp_path):
    assert problems(tmp_path, "client: x\n".encode("utf-16")) == [
        "strategies/acme.yml:1:1: the file is UTF-16 text; save it as UTF-8"
    ]


def test_utf8_bom_is_accepted(tmp_path):
    assert load(tmp_path, "\ufeffclient: x\n".encode("utf-8")).data == {"client": "x"}


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n# and another\n", "---\n"])
def test_empty_file(tmp_path, content):
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:1:1: the file is empty; a strategy needs at least 'client:' and 'period:'"
    ]


@pytest.mark.parametrize("content, kind", [("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_not_a_mapping(tmp_path, content, kind):
    assert problems(tmp_path, content) == [
        f"strategies/acme.yml:1:1: a strategy file is a mapping of keys (client:, period:, objectives: …), "
        f"but this file holds {kind}"
    ]


def test_every_duplicate_key_is_reported_with_both_places(tmp_path):
    content = "client:\n  name: A\n  name: B\nperiod: x\nperiod: y\n"
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:3:3: client.name: duplicate key 'name' (already given at line 2, column 3); keep one",
        "strategies/acme.yml:5:1: period: duplicate key 'period' (already given at line 4, column 1); keep one",
    ]


def test_tabs_in_indentation_are_all_reported(tmp_path):
    content = "client:\n\tname: A\n\tsector: B\n"
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:2:1: a tab is used for indentation; YAML indents with spaces only",
        "strategies/acme.yml:3:1: a tab is used for indentation; YAML indents with spaces only",
    ]


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    content = f"client: !!python/object/apply:os.system ['touch {marker}']\nother: !custom x\n"
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:1:9: client: the tag '!!python/object/apply:os.system' is not allowed; write plain "
        "values (text, numbers, dates, lists and mappings)",
        "strategies/acme.yml:2:8: other: the tag '!custom' is not allowed; write plain values (text, numbers, "
        "dates, lists and mappings)",
    ]
    assert not marker.exists()


def test_merge_keys_are_refused(tmp_path):
    content = "base: &b {x: 1}\nclient:\n  <<: *b\n  name: A\n"
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:3:3: client: merge keys ('<<') are not supported; write the keys out"
    ]


def test_plain_aliases_are_expanded(tmp_path):
    loaded = load(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert loaded.data == {"a": [1, 2], "b": [1, 2]}


def test_alias_bomb_stops_fast_in_little_memory(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    tracemalloc.start()
    started = time.perf_counter()
    found = problems(tmp_path, "\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(found) == 1 and "more than 200,000 values once aliases (*name) are expanded" in found[0]
    assert elapsed < 10 and peak < 200 * 1024 * 1024  # bounded: about 1 s and 60 MB here


def test_deep_nesting_is_refused(tmp_path):
    assert problems(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n") == [
        "strategies/acme.yml:1:1: the YAML is nested too deeply (more than 32 levels)"
    ]
    found = problems(tmp_path, "a: " + "[" * 40 + "]" * 40 + "\n")
    assert found[0].endswith("nested more than 32 levels deep")


def test_huge_file_is_refused_before_parsing(tmp_path):
    found = problems(tmp_path, b"a: " + b"x" * (MAX_BYTES + 1))
    assert found == [
        f"strategies/acme.yml:1:1: the file is {MAX_BYTES + 4:,} bytes; a strategy file may hold at most {MAX_BYTES:,}"
    ]


def test_colon_in_text_says_to_quote_it(tmp_path):
    content = "events:\n  - id: e\n    title: Atelier de mars : le retour\n"
    assert problems(tmp_path, content) == [
        "strategies/acme.yml:3:28: YAML syntax error: mapping values are not allowed here. Text containing ': ' "
        "must be put in quotes (French typography such as 'mars : le' trips YAML): "
        'title: "Atelier de mars : le retour"'
    ]


@pytest.mark.parametrize("value, char", [("@home", "@"), ("`code`", "`"), ("%50 off", "%"), ("[draft] plan", "[")])
def test_special_first_character_says_to_quote_it(tmp_path, value, char):
    found = problems(tmp_path, f"client:\n  name: {value}\n")
    assert len(found) == 1
    assert found[0].startswith("strategies/acme.yml:2:")
    assert found[0].endswith(f"Text starting with '{char}' must be put in quotes: name: \"{value}\"")


def test_text_starting_with_a_quote(tmp_path):
    found = problems(tmp_path, 'client:\n  name: "Chez Léa" et fils\n')
    assert found == [
        "strategies/acme.yml:2:20: YAML syntax error: expected <block end>, but found '<scalar>'. "
        "This text starts with a quote, so YAML reads only the quoted part; quote the whole text: "
        'name: "\\"Chez Léa\\" et fils"'
    ]


def test_two_documents(tmp_path):
    assert problems(tmp_path, "client: a\n---\nclient: b\n") == [
        "strategies/acme.yml:2:1: a strategy file holds one YAML document; remove the second '---'"
    ]


def test_unreadable_file(tmp_path):
    with pytest.raises(InvalidStrategy) as caught:
        load_yaml(tmp_path / "missing.yml", "strategies/missing.yml")
    assert str(caught.value).startswith("strategies/missing.yml:1:1: cannot read the file:")
