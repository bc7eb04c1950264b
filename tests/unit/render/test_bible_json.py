"""bible.json: every figure of the contract, following the audience, valid against its published schema."""

import json
from pathlib import Path

import jsonschema
import pytest

from strategy_bible.render.bible_json import bible_json, bible_schema
from strategy_bible.render.client_view import ClientView
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

REPO = Path(__file__).resolve().parents[3]
WHOLE = REPO / "tests" / "fixtures" / "valid" / "whole-bible.yml"
INTERNAL = ("investor-story", "investor-deck", "community-size", "investor-teasers", "deck-design", "crisis-2")


def data(readership: Readership, path: Path = WHOLE) -> dict:
    return json.loads(bible_json(ClientView("acme", "x", visible_to(readership, load_strategy(path)))))


def test_the_published_schema_is_the_committed_one_and_the_file_follows_it():
    assert (REPO / "schema" / "bible.schema.json").read_text(encoding="utf-8") == bible_schema(), (
        "run: strategy-bible schema --bible > schema/bible.schema.json"
    )
    for readership in Readership:
        jsonschema.validate(data(readership), json.loads(bible_schema()))


def test_every_figure_the_contract_lists_is_there():
    bible = data(Readership.INTERNAL)
    assert bible["client"] == {"slug": "acme", "name": "Canal Brewery"}
    kpis = {k["id"]: k for k in bible["kpis"]}
    followers = kpis["followers"]
    assert (followers["verdict"], followers["decision"], followers["latest"]) == ("success", "continue", 1500)
    assert followers["progress"] == 0.5 and followers["cost_per_result"] == pytest.approx(340 / 500)
    assert kpis["promo-code-sales"]["return"] == pytest.approx(2400 / 900)
    assert kpis["reply-time"]["progress"] is None and kpis["reply-time"]["verdict"] == "not-measured"
    event = bible["events"][0]
    assert event["fill_rate"] == 32 / 40 and event["show_up_rate"] == 25 / 32
    assert (event["cost"], event["cost_per_attendee"]) == (450, 450 / 25)
    assert bible["means"] == {
        "currency": "EUR", "planned": 2600, "spent": 1240, "remaining": 1360,
        "consumption": pytest.approx(1240 / 2600), "hours": 12,
    }  # fmt: skip
    assert [p["target_share"] for p in bible["pillars"]] == [0.4, 0.3, 0.1]
    decision = bible["reviews"][1]["decisions"][0]
    assert (decision["rule_verdict"], decision["rule_decision"], decision["decision"]) == (
        "moderate-success", "optimise", "optimise",
    )  # fmt: skip


def test_a_client_file_holds_nothing_internal_and_counts_visible_items_only():
    text = json.dumps(data(Readership.CLIENT))
    internal_text = json.dumps(data(Readership.INTERNAL))
    for needle in ("investor-story", "community-size", "investor-teasers"):
        assert needle in internal_text  # so the scan below can fail
    for needle in INTERNAL:
        assert needle not in text, needle
    assert data(Readership.CLIENT)["means"]["planned"] == 1800  # the internal 800 is not there to infer


def test_a_file_without_means_has_no_money_figure():
    bible = data(Readership.INTERNAL, REPO / "tests" / "fixtures" / "valid" / "contract-example.yml")
    assert bible["means"] is None and bible["pillars"] == [] and bible["reviews"] == []
    assert {k["cost_per_result"] for k in bible["kpis"]} == {None}
    assert {o["cost"] for o in bible["objectives"]} == {None}
