"""Version 2 of the contract, the whole bible: channel roles, editorial line, calendar, means,
community care and reviews. Every rule gives a placed message; version 1 files are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_bible.strategy.loader import load_yaml
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import load_strategy, validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WHOLE = FIXTURES / "valid" / "whole-bible.yml"


def errors_after(tmp_path: Path, *replacements: tuple[str, str]) -> list[str]:
    """The whole-bible example with each ``(old, new)`` text replaced once: its errors."""
    text = WHOLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidStrategy) as caught:
        load_strategy(path, "strategies/acme.yml")
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = WHOLE.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if needle in line]
    return found[nth - 1]


def test_the_whole_bible_example_is_valid_with_every_section():
    validated = validate(load_yaml(WHOLE, "whole-bible.yml"))
    strategy = validated.strategy
    assert validated.warnings == []
    assert strategy.channels[0].role == "The brewery's daily life, for locals"
    assert strategy.channels[0].axes == ["visibility", "image", "notoriety"]
    assert [p.share for p in strategy.editorial.pillars] == [40, 30, 10]
    assert strategy.posts[0].pillar == "behind-the-scenes" and strategy.posts[0].format == "reel"
    assert [c.status for c in strategy.calendar] == ["published", "approved", "dropped"]
    assert strategy.calendar[1].format is None and strategy.calendar[1].status == "approved"
    assert strategy.means.currency == "EUR" and strategy.means.items[1].spent == 340
    assert strategy.means.items[2].spent == 0 and strategy.means.items[2].visibility == "internal"
    assert strategy.kpis[1].attributed is True and strategy.kpis[0].attributed is False
    assert strategy.community.moderation[0].within_hours == 4
    assert strategy.community.crisis[1].level == 2
    assert strategy.reviews[1].decisions[0].start == ["afterwork-ads"]


def test_a_version_1_file_has_none_of_the_new_sections():
    strategy = load_strategy(FIXTURES / "valid" / "contract-example.yml")
    assert (strategy.editorial, strategy.means, strategy.community) == (None, None, None)
    assert strategy.calendar == [] and strategy.reviews == []


def test_references_to_unknown_ids_say_did_you_mean(tmp_path):
    found = errors_after(
        tmp_path,
        ("      objectives: [local-notoriety]\n      share: 40", "      objectives: [local-notoriet]\n      share: 40"),
        (
            "    pillar: behind-the-scenes\n    format: reel\n    action",
            "    pillar: behind-scenes\n    format: reel\n    action",
        ),
        (
            "    action: weekly-live\n    format: reel\n    status",
            "    action: weekly-lives\n    format: reel\n    status",
        ),
        ("funds: [afterwork-ads, afterwork-november]", "funds: [afterwork-ad, afterwork-november]"),
        ("      - kpi: followers", "      - kpi: follower"),
        ("        start: [afterwork-ads]", "        start: [followers]"),
    )
    assert any(
        "editorial.pillars[behind-the-scenes].objectives[#1]: no objective has the id 'local-notoriet' "
        "(did you mean 'local-notoriety'?)" in e
        for e in found
    ), found
    assert any(
        "posts[#1].pillar: no editorial pillar has the id 'behind-scenes' (did you mean 'behind-the-scenes'?)" in e
        for e in found
    ), found
    assert any("calendar[brewing-day-reel].action: no action has the id 'weekly-lives'" in e for e in found), found
    assert any(
        "means.items[ads-afterworks].funds[#1]: no action or event has the id 'afterwork-ad' "
        "(did you mean 'afterwork-ads'?)" in e
        for e in found
    ), found
    assert any("reviews[review-2026-q1].decisions[#1].kpi: no KPI has the id 'follower'" in e for e in found), found
    assert any("decisions[#1].start[#1]: 'followers' is a KPI, not an action" in e for e in found), found
    assert len(found) == 6, found


def test_every_error_is_placed_at_its_line_and_column(tmp_path):
    found = errors_after(tmp_path, ("      share: 30", "      share: 70"))
    assert found == [
        f"strategies/acme.yml:{line_of(WHOLE, 'share: 30')}:14: editorial.pillars[afterworks].share: "
        "the pillars' target shares add up to 120 %; together they can make at most 100 %"
    ]


def test_pillar_shares_are_compared_with_a_tolerance(tmp_path):
    path = tmp_path / "acme.yml"
    text = WHOLE.read_text(encoding="utf-8")
    text = (
        text.replace("share: 40", "share: 33.4").replace("share: 30", "share: 33.3").replace("share: 10", "share: 33.3")
    )
    path.write_text(text, encoding="utf-8")
    assert [p.share for p in load_strategy(path).editorial.pillars] == [33.4, 33.3, 33.3]


def test_crisis_backup_must_differ_from_who_decides_whatever_the_case_and_accents(tmp_path):
    found = errors_after(tmp_path, ("      backup: Tom\n", "      backup: ' lea '\n"))
    assert (
        len(found) == 1 and "community.crisis[crisis-1].backup: the backup is ' lea ', who already decides" in found[0]
    )


def test_crisis_levels_are_unique(tmp_path):
    found = errors_after(tmp_path, ("      level: 2", "      level: 1"))
    assert len(found) == 1
    assert "community.crisis[crisis-2].level: level 1 is already planned by 'crisis-1'; each level once" in found[0]


def test_two_reviews_on_one_date_and_two_decisions_on_one_kpi(tmp_path):
    found = errors_after(
        tmp_path,
        ("    date: 2026-07-05", "    date: 2026-04-05"),
        (
            "        confidence: 6\n",
            "        confidence: 6\n      - kpi: promo-code-sales\n        decision: stop\n",
        ),
    )
    assert any("reviews[review-2026-q2].date: the review 'review-2026-q1' is already on 2026-04-05" in e for e in found)
    assert any(
        "reviews[review-2026-q2].decisions[#2].kpi: the KPI 'promo-code-sales' is already decided in this review" in e
        for e in found
    )
    assert len(found) == 2, found


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      response: answer",
            "      response: reply",
            "'reply' is not allowed; use answer, private, hide, delete",
        ),
        ("    format: reel\n    action", "    format: reels\n    action", "(did you mean 'reel'?)"),
        ("    status: approved", "    status: aproved", "(did you mean 'approved'?)"),
        ("      kind: ads", "      kind: adds", "(did you mean 'ads'?)"),
        ("        decision: continue", "        decision: pivot", "use continue, optimise, change or stop"),
        ("        confidence: 7", "        confidence: 11", "expected 10 or less, got 11"),
        ("        confidence: 7", "        confidence: 7.0", "expected a whole number, got 7.0"),
        ("      planned: 1500", "      planned: -1500", "expected an amount of 0 or more, got -1500"),
        ("      spent: 900", "      spent: -1", "expected an amount of 0 or more, got -1"),
        ("      within_hours: 4", "      within_hours: 0", "expected a number of hours above 0, got 0"),
        ("      respond_within_hours: 2", "      respond_within_hours: -2", "expected a number of hours above 0"),
        ("      share: 40", "      share: 140", "expected a percentage from 0 to 100 (40 means 40 %), got 140"),
        ("      level: 1", "      level: 0", "expected 1 or more, got 0"),
        ("funds: [afterwork-ads, afterwork-november]", "funds: []", "the list is empty; give at least one id"),
        (
            "funds: [afterwork-ads, afterwork-november]",
            "funds: [afterwork-ads, afterwork-ads]",
            "'afterwork-ads' is listed twice",
        ),
        ("    axes: [traffic]", "    axes: [traffic, traffic]", "'traffic' is listed twice; list each once"),
        ("    axes: [traffic]", "    axes: [trafic]", "(did you mean 'traffic'?)"),
    ],
)
def test_values_out_of_their_range_are_refused_with_what_is_allowed(tmp_path, old, new, expected):
    found = errors_after(tmp_path, (old, new))
    assert len(found) == 1 and expected in found[0], found


def test_visibility_is_accepted_only_where_the_contract_allows_it(tmp_path):
    found = errors_after(tmp_path, ("    role: Company afterworks, for local firms", "    visibility: internal"))
    assert len(found) == 1 and "channels[linkedin].visibility: unknown key 'visibility'" in found[0]


def test_means_items_need_a_currency(tmp_path):
    found = errors_after(tmp_path, ("  currency: EUR\n  items:", "  items:"), ("    attributed: true\n", ""))
    assert found == [
        f"strategies/acme.yml:{line_of(WHOLE, 'means:')}:3: means: 'currency' is required when there are "
        "means items (for example currency: EUR)"
    ], found


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            [("    currency: EUR\n    attributed: true", "    currency: USD\n    attributed: true")],
            "kpis[promo-code-sales].currency: an attributed KPI is counted in the means' currency (EUR), not USD",
        ),
        (
            [("    unit: duration\n", "    unit: duration\n    attributed: true\n")],
            "kpis[reply-time].attributed: attributed: true is for revenue: it needs unit: currency",
        ),
        (
            [
                ("  currency: EUR\n  items:", "  items:"),
                ("      funds: [afterwork-ads, afterwork-november]", "      funds: [afterwork-ads]"),
            ],
            "kpis[promo-code-sales].attributed: attributed: true needs a means section with a currency",
        ),
    ],
)
def test_an_attributed_kpi_is_revenue_in_the_means_currency(tmp_path, replacements, expected):
    found = errors_after(tmp_path, *replacements)
    assert any(expected in e for e in found), found


def test_ids_are_unique_across_every_section(tmp_path):
    found = errors_after(tmp_path, ("  - id: spam\n", "  - id: weekly-live\n"))
    assert len(found) == 1
    assert (
        "community.moderation[weekly-live].id: the id 'weekly-live' is already used by an action (actions)" in found[0]
    )


def test_a_reason_that_is_empty_is_no_reason(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(WHOLE.read_text(encoding="utf-8").replace("reason: On pace since the first lives.", 'reason: ""'))
    assert load_strategy(path).reviews[0].decisions[0].reason is None


def test_all_errors_of_the_new_sections_come_at_once_even_beside_type_errors(tmp_path):
    found = errors_after(
        tmp_path,
        ("      share: 30", "      share: 70"),
        ("      backup: Tom\n", "      backup: Léa\n"),
        ("        confidence: 7", "        confidence: high"),
        ("      - kpi: followers", "      - kpi: follower"),
    )
    assert len(found) == 4, found


def warnings_after(tmp_path: Path, *replacements: tuple[str, str]) -> list[str]:
    text = WHOLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    return [str(problem) for problem in validate(load_yaml(path, "strategies/acme.yml")).warnings]


def test_an_action_on_a_channel_not_meant_for_its_axis_is_warned_once_per_action(tmp_path):
    found = warnings_after(
        tmp_path,
        ("    objectives: [shop-sales]\n    channel: linkedin", "    objectives: [shop-sales]\n    channel: instagram"),
    )
    assert found == [
        f"strategies/acme.yml:{line_of(WHOLE, 'id: afterwork-ads') + 3}:14: warning: actions[afterwork-ads].channel: "
        "instagram is not meant for traffic (its axes: visibility, image, notoriety): move the action "
        "'afterwork-ads' to another channel, or add the axis to the channel"
    ]


def test_a_channel_without_axes_and_an_internal_action_never_warn(tmp_path):
    assert (
        warnings_after(
            tmp_path,
            ("    axes: [visibility, image, notoriety]\n", ""),
            (
                "    objectives: [shop-sales]\n    channel: linkedin",
                "    objectives: [shop-sales]\n    channel: instagram",
            ),
        )
        == []
    )
    assert (
        warnings_after(
            tmp_path,
            ("    objectives: [investor-story]\n", "    objectives: [investor-story]\n    channel: linkedin\n"),
        )
        == []
    )


def test_moderation_deadlines_without_a_response_time_kpi_warn_once(tmp_path):
    found = warnings_after(
        tmp_path, ("    direction: down\n", ""), ("    target: {value: 4,", "    target: {value: 40,")
    )
    assert len(found) == 1, found
    assert "community.moderation[opening-hours].within_hours: no KPI measures the response time" in found[0]
