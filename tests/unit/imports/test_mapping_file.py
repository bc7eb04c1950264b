"""The mapping file (--map MAP.yml): strict, every mistake at file:line:column with a did you mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_bible.imports.mapping import load_mapping
from strategy_bible.imports.records import ExportUnreadable

from support import FIXTURES


def refused(tmp_path, text: str) -> list[str]:
    (tmp_path / "map.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ExportUnreadable) as error:
        load_mapping(tmp_path / "map.yml", "map.yml")
    return error.value.problems


def test_the_fixtures_mappings_load():
    ga4 = load_mapping(FIXTURES / "exports" / "ga4-organic-social.map.yml", "ga4.map.yml")
    assert ga4.preset == "ga4-acquisition" and ga4.measurements[0].kpi == "visites-boutique"
    posts = load_mapping(FIXTURES / "exports" / "custom-posts.map.yml", "posts.map.yml")
    assert posts.posts.aliases()["likes"] == ("Likes", "J'aime")
    assert posts.posts.aliases()["date"] == ("Date",)


def test_every_mistake_at_its_place_at_once(tmp_path):
    text = (
        "sheets: All posts\n"
        "header_row: 0\n"
        "day_first: yes please\n"
        "preset: ga4-acquisiton\n"
        "posts:\n"
        "  date: [Publish time, Date de publication]\n"
        "  reach_organik: Reach\n"
        "  likes: 3\n"
        "measurements:\n"
        "  - kpi: Visites\n"
        "    vlue: Sessions\n"
    )
    assert refused(tmp_path, text) == [
        "map.yml:1:1: sheets: unknown key 'sheets' (did you mean 'sheet'?); allowed here: preset, sheet, "
        "header_row, day_first, platform, posts, formats, accounts, measurements",
        "map.yml:2:13: header_row: expected a row number (1 or more), got 0",
        "map.yml:3:12: day_first: expected true or false, got 'yes please'",
        "map.yml:4:9: preset: 'ga4-acquisiton' is not a preset; use meta-instagram, meta-facebook, "
        "linkedin-posts or ga4-acquisition (did you mean 'ga4-acquisition'?)",
        "map.yml:7:3: posts.reach_organik: unknown key 'reach_organik' (did you mean 'reach_organic'?); allowed "
        "here: date, post_id, url, title, reach_organic, reach_paid, likes, comments, shares, clicks, format",
        "map.yml:8:10: posts.likes: expected a column name, or a list of column names (aliases)",
        "map.yml:10:5: measurements[1].value: the required key 'value' is missing",
        "map.yml:10:10: measurements[1].kpi: 'Visites' is not an id: lower-case letters, digits and hyphens",
        "map.yml:11:5: measurements[1].vlue: unknown key 'vlue' (did you mean 'value'?); allowed here: kpi, "
        "where, value, date, note",
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "platform: instagram\n"])
def test_a_mapping_that_says_nothing(tmp_path, text):
    (problem,) = refused(tmp_path, text)
    assert problem.startswith("map.yml:1:1: ") and "'posts:'" in problem and "'measurements:'" in problem


def test_yaml_syntax_errors_and_duplicate_keys_are_placed(tmp_path):
    (problem,) = refused(tmp_path, "posts:\n  date: Date\n  date: Publish time\n")
    assert problem.startswith("map.yml:3:3: ") and "duplicate key 'date'" in problem
    (problem,) = refused(tmp_path, "posts:\n  url: [Permalink\n")
    assert problem.startswith("map.yml:") and "YAML syntax error" in problem


def test_a_missing_mapping_file(tmp_path):
    with pytest.raises(ExportUnreadable) as error:
        load_mapping(tmp_path / "nope.yml", "nope.yml")
    assert error.value.problems == ["nope.yml: cannot read the mapping file: No such file or directory"]


@pytest.mark.parametrize(
    ("text", "holds"), [("- Date\n- Reach\n", "a list"), ("just: [a]\n---\n", None), ("42\n", "a single value")]
)
def test_a_mapping_file_that_is_not_a_mapping_is_called_a_mapping_file(tmp_path, text, holds):
    problems = refused(tmp_path, text)
    assert not any("strategy file" in problem for problem in problems)
    if holds is not None:
        assert problems == [
            f"map.yml:1:1: a mapping file is a mapping of keys (preset:, posts:, measurements: …), but this file "
            f"holds {holds}"
        ]


def test_a_device_as_mapping_file_is_refused_at_once_as_a_mapping_file():
    with pytest.raises(ExportUnreadable) as error:
        load_mapping(Path("/dev/zero"), "/dev/zero")
    assert error.value.problems == [
        "/dev/zero: this is not a regular file but a device; a mapping file is a YAML text file (MAP.yml)"
    ]


def test_a_mapping_file_too_big_to_be_one_is_refused_before_reading(tmp_path):
    (tmp_path / "map.yml").write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(ExportUnreadable) as error:
        load_mapping(tmp_path / "map.yml", "map.yml")
    assert error.value.problems == ["map.yml: the file is 2,097,152 bytes; a mapping file may hold at most 1,048,576"]
