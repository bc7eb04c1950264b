"""The benchmarks' synthetic clients (benchmarks/generate.py) are valid, agency-size and reproducible."""

from __future__ import annotations

import sys

from strategy_bible.strategy.files import StrategyLibrary

from support import REPO

if str(REPO) not in sys.path:  # benchmarks/ sits at the top of the repository, beside tests/
    sys.path.insert(0, str(REPO))

from benchmarks.generate import strategy_yaml, write_strategies


def test_a_generated_client_is_a_valid_agency_size_strategy_without_warnings(tmp_path):
    [path] = write_strategies(tmp_path, 1)
    entry = StrategyLibrary().load(path, path.name)
    assert entry.valid, entry.errors
    assert entry.validated.warnings == []
    s = entry.validated.strategy
    assert (len(s.objectives), len(s.actions), len(s.kpis), len(s.events)) == (10, 30, 30, 10)
    assert any(o.parent for o in s.objectives) and [o.visibility for o in s.objectives].count("internal") == 1
    assert all(len(a.checklist) == 5 for a in s.actions)
    assert all(len(k.measurements) == 12 for k in s.kpis)


def test_generation_is_deterministic_and_clients_differ():
    assert strategy_yaml(3) == strategy_yaml(3)
    assert strategy_yaml(3) != strategy_yaml(4)
