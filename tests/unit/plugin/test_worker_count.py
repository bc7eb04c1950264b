"""How many worker processes a build starts."""

from __future__ import annotations

import pytest

from strategy_bible.plugin import workers


@pytest.fixture
def cores(monkeypatch):
    def set_cores(count: int) -> None:
        monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(count)), raising=False)

    return set_cores


def test_by_default_one_per_core_once_there_are_enough_clients(cores):
    cores(4)
    assert workers.worker_count(None, workers.MIN_CLIENTS) == 4
    assert workers.worker_count(None, workers.MIN_CLIENTS - 1) == 0  # starting them would cost more


def test_none_on_one_core(cores):
    cores(1)
    assert workers.worker_count(None, 1000) == 0


def test_the_setting_wins(cores):
    cores(1)
    assert workers.worker_count(3, 1) == 3
    cores(8)
    assert workers.worker_count(0, 1000) == 0
