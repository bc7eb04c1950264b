"""client.brand: a client's logo and colour, checked like every key (where, what is wrong, what is
allowed), and a colour without quotes — a YAML comment — is not silently dropped."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from strategy_bible.commands import starter
from strategy_bible.strategy.loader import load_yaml
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import LOGO, load_strategy, validate

HEAD = """\
client:
  name: Acme
  brand:
"""
PERIOD = """\
period:
  start: 2026-01-01
  end: 2026-12-31
"""


def write(tmp_path: Path, brand: str) -> Path:
    path = tmp_path / "acme.yml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(brand), "    ") + PERIOD, encoding="utf-8")
    return path


def errors(tmp_path: Path, brand: str) -> list[str]:
    with pytest.raises(InvalidStrategy) as caught:
        load_strategy(write(tmp_path, brand), "strategies/acme.yml")
    return [str(p) for p in caught.value.problems]


def test_a_brand_gives_the_logo_path_and_the_colour_in_capitals(tmp_path):
    brand = load_strategy(write(tmp_path, 'logo: clients/acme/logo.svg\ncolour: "#7a1f2b"\n')).client.brand
    assert brand is not None
    assert (brand.logo, brand.colour) == ("clients/acme/logo.svg", "#7A1F2B")


def test_a_file_without_a_brand_has_none(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text("client:\n  name: Acme\n" + PERIOD, encoding="utf-8")
    assert load_strategy(path).client.brand is None


def test_a_colour_that_is_not_rrggbb_is_refused_where_it_is(tmp_path):
    assert errors(tmp_path, 'colour: "red"\n') == [
        'strategies/acme.yml:4:13: client.brand.colour: expected a colour written "#RRGGBB", in quotes '
        "(for example \"#1F6F8B\"), got 'red'"
    ]
    assert errors(tmp_path, 'colour: "#7A1F2"\n')[0].startswith("strategies/acme.yml:4:13: client.brand.colour:")


def test_a_colour_without_quotes_is_a_comment_and_says_so(tmp_path):
    assert errors(tmp_path, "colour: #7A1F2B\n") == [
        "strategies/acme.yml:4:5: client.brand.colour: no colour given (in YAML an unquoted # starts a comment): "
        'write it in quotes, for example "#1F6F8B"'
    ]


@pytest.mark.parametrize(
    "logo", ["clients/acme/logo.gif", "../logo.svg", "/srv/logo.svg", "clients/acme/", "C:/logo.png", "logo"]
)
def test_a_logo_that_is_not_an_image_path_in_the_docs_folder_is_refused(tmp_path, logo):
    assert errors(tmp_path, f"logo: '{logo}'\n") == [
        "strategies/acme.yml:4:11: client.brand.logo: expected the path of an image (.svg, .png, .jpg, .jpeg, "
        f".webp) in the docs folder, relative to it, for example clients/acme/logo.svg, got '{logo}'"
    ]


def test_a_misspelt_brand_key_is_named_with_the_allowed_ones(tmp_path):
    assert errors(tmp_path, 'color: "#7A1F2B"\n') == [
        "strategies/acme.yml:4:5: client.brand.color: unknown key 'color' (did you mean 'colour'?); "
        "allowed here: logo, colour"
    ]


def test_the_logo_keeps_its_place_in_the_file_for_the_build_to_point_at(tmp_path):
    validated = validate(load_yaml(write(tmp_path, "logo: clients/acme/logo.png\n"), "strategies/acme.yml"))
    assert str(validated.places.error(LOGO, "no such file")) == (
        "strategies/acme.yml:4:11: client.brand.logo: no such file"
    )


def test_the_starters_brand_once_uncommented_is_valid_and_points_at_the_clients_folder(tmp_path):
    text = starter.starter_text("acme", today=dt.date(2026, 1, 5))
    lines = text.splitlines(keepends=True)
    at = lines.index(next(line for line in lines if line.startswith("  # brand:")))
    for index in range(at, at + 3):
        lines[index] = lines[index].replace("# ", "", 1)
    path = tmp_path / "acme.yml"
    path.write_text("".join(lines), encoding="utf-8")
    brand = load_strategy(path).client.brand
    assert brand is not None and (brand.logo, brand.colour) == ("clients/acme/logo.svg", "#1F6F8B")
