"""What a client may see of the version 2 sections: internal items and every reference to them go."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import for_client

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"


def load_strategy_text(tmp_path: Path, text: str):
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    return load_strategy(path)


INTERNAL_IDS = ("investor-story", "investor-deck", "community-size", "investor-teasers", "deck-design", "crisis-2")


def test_internal_items_of_every_new_section_are_gone_and_nothing_names_them():
    full = load_strategy(WHOLE)
    client = for_client(full)
    assert [p.id for p in client.editorial.pillars] == ["behind-the-scenes", "afterworks"]
    assert [i.id for i in client.means.items] == ["ads-afterworks", "live-kit"]
    assert [c.id for c in client.community.crisis] == ["crisis-1"]
    dumped = client.model_dump_json()
    for internal in INTERNAL_IDS:
        assert internal in full.model_dump_json()
        assert internal not in dumped, internal


def test_a_pillar_whose_every_objective_is_internal_is_internal_and_references_to_it_go(tmp_path):
    text = WHOLE.read_text(encoding="utf-8").replace(
        "      objectives: [local-notoriety]\n      share: 40", "      objectives: [investor-story]\n      share: 40"
    )
    strategy = load_strategy_text(tmp_path, text)
    client = for_client(strategy)
    assert [p.id for p in client.editorial.pillars] == ["afterworks"]
    assert client.posts[0].pillar is None and client.calendar[0].pillar is None
    assert client.posts[1].pillar == "afterworks"


def test_a_means_item_that_also_funds_internal_items_keeps_its_amounts_and_its_visible_ids(tmp_path):
    text = WHOLE.read_text(encoding="utf-8").replace(
        "funds: [afterwork-ads, afterwork-november]", "funds: [afterwork-ads, investor-deck]"
    )
    client = for_client(load_strategy_text(tmp_path, text))
    item = client.means.items[0]
    assert (item.funds, item.planned, item.spent) == (["afterwork-ads"], 1500, 900)


def test_a_decision_about_an_internal_kpi_goes_and_its_review_stays(tmp_path):
    text = WHOLE.read_text(encoding="utf-8").replace("      - kpi: followers", "      - kpi: community-size")
    client = for_client(load_strategy_text(tmp_path, text))
    assert [(r.id, len(r.decisions)) for r in client.reviews] == [("review-2026-q1", 0), ("review-2026-q2", 1)]


def test_an_internal_review_goes(tmp_path):
    text = WHOLE.read_text(encoding="utf-8").replace(
        "    date: 2026-07-05\n", "    date: 2026-07-05\n    visibility: internal\n"
    )
    assert [r.id for r in for_client(load_strategy_text(tmp_path, text)).reviews] == ["review-2026-q1"]
