"""Property: a number written with thousands of digits — hexadecimal, octal, binary, decimal,
underscored, signed, with a decimal mark — in any numeric field of a strategy file is one error
placed at that number, never a traceback. Python turns no whole number of more than 4,300 digits
into text or back, and YAML reads ``0x`` followed by 4,000 ``f`` as one.

Two ways round: every number of the valid fixtures (the whole bible's sections included) is
replaced in turn, and hypothesis draws whole files (see :mod:`shapes`) with one of their numbers
replaced."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.loader import load_yaml_bytes
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import validate

from shapes import HUGE_NUMBERS, HUGE_NUMBERS_DRAWN, strategy_data, to_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "valid"
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def numbers_of(text: str) -> list[ScalarNode]:
    """Every value of ``text`` that YAML reads as a number, in file order."""
    found: list[ScalarNode] = []

    def walk(node: Node) -> None:
        if isinstance(node, ScalarNode) and node.tag in NUMBER_TAGS:
            found.append(node)
        elif isinstance(node, MappingNode):
            for _, value in node.value:
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item)

    root = compose(text)
    assert root is not None
    walk(root)
    return found


def refused_at(text: str, node: ScalarNode, literal: str) -> None:
    """``text`` with ``node`` written as ``literal``: refused, with an error placed at it."""
    start, end = node.start_mark.index, node.end_mark.index
    broken = text[:start] + literal + text[end:]
    with pytest.raises(InvalidStrategy) as refused:
        validate(load_yaml_bytes(broken.encode("utf-8"), Path("acme.yml"), "strategies/acme.yml"))
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    placed = [p for p in refused.value.problems if (p.line, p.column) == where]
    assert placed and "number too large" in placed[0].message, refused.value.problems
    for problem in refused.value.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message.strip()


FIXTURE_NUMBERS = [
    (path.name, n) for path in sorted(FIXTURES.glob("*.yml")) for n in range(len(numbers_of(path.read_text("utf-8"))))
]


def test_the_fixtures_hold_numbers_in_every_kind_of_section():
    assert len(FIXTURE_NUMBERS) > 90


def test_every_number_of_every_fixture_written_huge_is_refused_at_its_place():
    forms = itertools.cycle(HUGE_NUMBERS)
    for name, n in FIXTURE_NUMBERS:
        text = (FIXTURES / name).read_text("utf-8")
        refused_at(text, numbers_of(text)[n], next(forms))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=strategy_data(), literal=HUGE_NUMBERS_DRAWN, choice=st.data())
def test_a_drawn_file_with_one_number_written_huge_is_refused_at_its_place(data, literal, choice):
    text = to_yaml(data)
    numbers = numbers_of(text)
    if numbers:
        refused_at(text, choice.draw(st.sampled_from(numbers)), literal)
