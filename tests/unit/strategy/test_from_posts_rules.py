"""The rules of a KPI computed from the posts (``kpis[].from_posts``): each mistake placed at its
file:line:column, with what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_bible_sections import errors_after as whole_bible_errors

from strategy_bible.strategy.model import FromPosts
from strategy_bible.strategy.validation import load_strategy

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"
KPI = "kpis[engagement-rate]"


def errors_after(tmp_path: Path, *replacements: tuple[str, str]) -> tuple[list[str], list[str]]:
    """The whole-bible example's errors with each ``(old, new)`` replaced once, and its new lines."""
    errors = whole_bible_errors(tmp_path, *replacements)
    return errors, (tmp_path / "acme.yml").read_text(encoding="utf-8").splitlines()


def test_the_example_computes_its_engagement_rate_from_the_posts():
    kpi = next(k for k in load_strategy(WHOLE).kpis if k.id == "engagement-rate")
    assert kpi.from_posts == FromPosts(metric="engagement_rate", channel="instagram", per="review")
    assert kpi.from_posts.aggregate is None and kpi.measurements == []


def test_the_channel_must_exist(tmp_path):
    found, lines = errors_after(
        tmp_path, ("      channel: instagram\n      per:", "      channel: instagran\n      per:")
    )
    line = lines.index("      channel: instagran") + 1
    assert found == [
        f"strategies/acme.yml:{line}:16: {KPI}.from_posts.channel: no channel has the id 'instagran' "
        "(did you mean 'instagram'?)"
    ]


def test_typed_measurements_are_refused(tmp_path):
    found, lines = errors_after(
        tmp_path,
        ("      per: review\n", "      per: review\n    measurements:\n      - {date: 2026-03-31, value: 8}\n"),
    )
    line = lines.index("    measurements:", lines.index("  - id: engagement-rate")) + 2
    assert found == [
        f"strategies/acme.yml:{line}:7: {KPI}.measurements: this KPI's measurements are computed from the posts "
        "(from_posts): remove them, or remove from_posts to type them"
    ]


@pytest.mark.parametrize(
    ("replacements", "message"),
    [
        (
            [("    unit: percent\n    baseline: {value: 5", "    baseline: {value: 5")],
            "from_posts.metric: engagement_rate is a rate per post, in percent: the KPI needs unit: percent "
            "(its unit is count)",
        ),
        (
            [("      metric: engagement_rate", "      metric: likes")],
            "from_posts.metric: likes is a count: the KPI needs unit: count (its unit is percent)",
        ),
        (
            [
                ("      metric: engagement_rate", "      metric: posts"),
                ("    unit: percent\n    baseline: {value: 5", "    baseline: {value: 5"),
            ],
            None,  # valid: posts counts
        ),
    ],
)
def test_the_unit_fits_the_metric(tmp_path, replacements, message):
    if message is None:
        text = WHOLE.read_text(encoding="utf-8")
        for old, new in replacements:
            text = text.replace(old, new, 1)
        (tmp_path / "acme.yml").write_text(text, encoding="utf-8")
        load_strategy(tmp_path / "acme.yml")
        return
    found, lines = errors_after(tmp_path, *replacements)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("      metric: "))
    assert found == [f"strategies/acme.yml:{line}:15: {KPI}.{message}"]


def test_a_sum_of_rates_is_refused(tmp_path):
    found, lines = errors_after(tmp_path, ("      per: review\n", "      per: review\n      aggregate: sum\n"))
    line = lines.index("      aggregate: sum") + 1
    assert found == [
        f"strategies/acme.yml:{line}:18: {KPI}.from_posts.aggregate: a sum of rates makes no sense for "
        "engagement_rate; use median (the default) or mean"
    ]


def test_posts_are_counted_never_averaged(tmp_path):
    found, _ = errors_after(
        tmp_path,
        ("      metric: engagement_rate", "      metric: posts\n      aggregate: median"),
        ("    unit: percent\n    baseline: {value: 5", "    baseline: {value: 5"),
    )
    assert [f.split(": ", 1)[1] for f in found] == [
        f"{KPI}.from_posts.aggregate: metric: posts counts the posts of each period, it has no median; "
        "leave aggregate out (or write sum)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      metric: engagement_rate", "      metric: engagement", "did you mean 'engagement_rate'?"),
        ("      per: review", "      per: week", "'week' is not allowed; use month or review"),
        ("      per: review", "      per: review\n      chanel: instagram", "did you mean 'channel'?"),
        ("      per: review", "      per: review\n      aggregate: average", "use median, mean or sum"),
    ],
)
def test_unknown_words_say_what_is_allowed(tmp_path, old, new, expected):
    found, _ = errors_after(tmp_path, (old, new))
    assert len(found) == 1 and expected in found[0], found
    assert f"{KPI}.from_posts." in found[0]
