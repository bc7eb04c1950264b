"""A wheel holds every subpackage: setuptools installs only the packages pyproject.toml lists."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "strategy_bible"


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("strategy_bible", *init.parent.relative_to(PACKAGE).parts)) for init in PACKAGE.rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)


def test_unit_test_folders_mirror_the_subpackages_and_test_names_are_unique():
    """pytest imports test files by their name (no __init__.py): two alike would collide."""
    unit = ROOT / "tests" / "unit"
    subpackages = {init.parent.name for init in PACKAGE.glob("*/__init__.py")}
    assert {folder.name for folder in unit.iterdir() if folder.is_dir() and folder.name != "__pycache__"} <= subpackages
    names = [test.name for test in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
