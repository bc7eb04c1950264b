"""Validation of the contract: every message says where (line, column, key), what is wrong and
what is allowed, and a file's problems come out all at once."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from strategy_bible.strategy.loader import load_yaml
from strategy_bible.strategy.model import Client
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import check_slug, load_strategy, validate

from support import FIXTURES

HEAD = """\
client:
  name: Acme
period:
  start: 2026-01-01
  end: 2026-12-31
"""


def errors(tmp_path: Path, body: str, head: str = HEAD) -> list[str]:
    path = tmp_path / "acme.yml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(InvalidStrategy) as caught:
        load_strategy(path, "strategies/acme.yml")
    return [str(p) for p in caught.value.problems]


def valid(tmp_path: Path, body: str, head: str = HEAD):
    path = tmp_path / "acme.yml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return validate(load_yaml(path, "strategies/acme.yml"))


def test_the_contract_example_is_valid_with_every_key():
    strategy = load_strategy(FIXTURES / "valid" / "contract-example.yml")
    assert strategy.client.website == "https://example.org"
    assert strategy.events[0].start == dt.datetime(2026, 3, 14, 8, 30)
    assert strategy.actions[0].checklist[0].task == "Book the Friday slot"
    assert strategy.actions[0].checklist[0].done is False
    assert strategy.actions[0].checklist[1].done is True
    assert strategy.notes.startswith("The owner's son")


def test_unknown_key_with_did_you_mean_and_allowed_keys(tmp_path):
    assert errors(tmp_path, "", head=HEAD.replace("  name: Acme", "  name: Acme\n  sectr: Food")) == [
        "strategies/acme.yml:3:3: client.sectr: unknown key 'sectr' (did you mean 'sector'?); "
        f"allowed here: {', '.join(Client.model_fields)}"  # name, sector, summary, website, brand…
    ]


def test_missing_required_key_points_at_its_mapping(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          - id: grow
            axis: image
        """,
    ) == ["strategies/acme.yml:7:5: objectives[grow].title: the required key 'title' is missing"]


def test_missing_top_level_sections(tmp_path):
    assert errors(tmp_path, "", head="client:\n  name: Acme\n") == [
        "strategies/acme.yml:1:1: period: the required key 'period' is missing"
    ]


def test_value_not_allowed_lists_choices_and_suggests(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          - id: grow
            title: Grow
            axis: visiblity
        """,
    ) == [
        "strategies/acme.yml:9:11: objectives[grow].axis: 'visiblity' is not allowed; use visibility, "
        "traffic, image or notoriety (did you mean 'visibility'?)"
    ]


def test_all_errors_of_a_file_at_once(tmp_path):
    found = errors(
        tmp_path,
        """\
        objectives:
          - id: Grow Fast
            title: Grow
            axis: image
          - id: reach
            title: Reach
            axis: reach
            parent: nowhere
        actions:
          - id: post
            title: Post
            objectives: [reach, missing]
            checklist: [a, {task: b, done: maybe}]
        kpis:
          - id: fans
            name: Fans
            objective: reach
            direction: down
            baseline: {value: 10, date: 2026-01-01}
            target: {value: 20, date: 2025-06-01}
            measurements:
              - {date: 2026-02-01, value: "1 250"}
              - {date: 2026-03-01, value: 3}
              - {date: 2026-03-01, value: 4}
        """,
    )
    assert found == [
        "strategies/acme.yml:7:9: objectives[#1].id: 'Grow Fast' is not a valid id: use lower-case letters, "
        "digits and hyphens, starting with a letter or digit (for example 'grow-fast')",
        "strategies/acme.yml:12:11: objectives[reach].axis: 'reach' is not allowed; use visibility, traffic, image "
        "or notoriety",
        "strategies/acme.yml:13:13: objectives[reach].parent: no objective has the id 'nowhere'",
        "strategies/acme.yml:17:25: actions[post].objectives[#2]: no objective has the id 'missing'",
        "strategies/acme.yml:18:36: actions[post].checklist[#2].done: expected true or false, got 'maybe'",
        "strategies/acme.yml:25:21: kpis[fans].target.value: with direction: down, target.value (20) must be "
        "below baseline.value (10)",
        "strategies/acme.yml:25:31: kpis[fans].target.date: target.date (2025-06-01) must be after "
        "baseline.date (2026-01-01)",
        "strategies/acme.yml:27:35: kpis[fans].measurements[#1].value: expected a number, got '1 250'",
        "strategies/acme.yml:29:16: kpis[fans].measurements[#3].date: a measurement on 2026-03-01 is already "
        "recorded (item 2); keep one value per date",
    ]


def test_reference_to_the_wrong_kind_and_did_you_mean(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          - id: local-fame
            title: Fame
            axis: notoriety
        actions:
          - id: live
            title: Live
            objectives: [live, local-fam]
        kpis:
          - id: fans
            name: Fans
            objective: local-fame
            baseline: {value: 1, date: 2026-01-01}
            target: {value: 2, date: 2026-12-01}
        """,
    ) == [
        "strategies/acme.yml:13:18: actions[live].objectives[#1]: 'live' is an action, not an objective",
        "strategies/acme.yml:13:24: actions[live].objectives[#2]: no objective has the id 'local-fam' "
        "(did you mean 'local-fame'?)",
    ]


def test_ids_are_unique_across_sections(tmp_path):
    assert errors(
        tmp_path,
        """\
        audiences:
          - {id: fans, name: Fans}
        objectives:
          - {id: fans, title: Fans, axis: image}
        """,
    ) == [
        "strategies/acme.yml:9:10: objectives[fans].id: the id 'fans' is already used by an audience "
        "(audiences); ids are unique across the whole file"
    ]


def test_parent_cycles(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          - {id: a, title: A, axis: image, parent: b}
          - {id: b, title: B, axis: image, parent: c}
          - {id: c, title: C, axis: image, parent: a}
          - {id: d, title: D, axis: image, parent: d}
        """,
    ) == [
        "strategies/acme.yml:7:44: objectives[a].parent: the parent chain loops: a → b → c → a",
        "strategies/acme.yml:10:44: objectives[d].parent: an objective cannot be its own parent",
    ]


@pytest.mark.parametrize(
    "kpi, expected",
    [
        ("unit: currency", "kpis[k].unit: 'currency' is required with unit: currency (for example currency: EUR)"),
        (
            "currency: EUR",
            "kpis[k].currency: 'currency' is only allowed with unit: currency (this KPI's unit is count)",
        ),
        (
            "unit: currency\n    currency: EURO",
            "kpis[k].currency: expected an ISO 4217 currency code such as EUR, USD or GBP, got 'EURO'",
        ),
    ],
)
def test_currency_rules(tmp_path, kpi, expected):
    found = errors(
        tmp_path,
        f"""\
objectives:
  - {{id: o, title: O, axis: image}}
kpis:
  - id: k
    name: K
    objective: o
    {kpi}
    baseline: {{value: 1, date: 2026-01-01}}
    target: {{value: 2, date: 2026-12-01}}
""",
    )
    assert [f.split(": ", 1)[1] for f in found] == [expected]


def test_target_equal_to_baseline(tmp_path):
    found = errors(
        tmp_path,
        """\
        objectives: [{id: o, title: O, axis: image}]
        kpis:
          - {id: k, name: K, objective: o, baseline: {value: 5, date: 2026-01-01}, target: {value: 5, date: 2026-06-01}}
        """,
    )
    assert found == ["strategies/acme.yml:8:92: kpis[k].target.value: target.value must differ from baseline.value (5)"]


def test_dates_and_numbers(tmp_path):
    found = errors(
        tmp_path,
        """\
        objectives: [{id: o, title: O, axis: image, deadline: 31/12/2026}]
        events:
          - {id: e, title: E, start: 2026-03-14T08:30+01:00, objectives: [o], capacity: 40.5, attendees: true}
          - {id: f, title: F, start: "2026-03-14 18:00", end: 2026-03-14T09:00, objectives: [o]}
        """,
    )
    assert found == [
        "strategies/acme.yml:6:55: objectives[o].deadline: expected a date as YYYY-MM-DD (for example 2026-03-31), "
        "got '31/12/2026'",
        "strategies/acme.yml:8:30: events[e].start: write the local time without a time zone (YYYY-MM-DDTHH:MM), "
        "got 2026-03-14 08:30:00+01:00",
        "strategies/acme.yml:8:81: events[e].capacity: expected a whole number, got 40.5",
        "strategies/acme.yml:8:98: events[e].attendees: expected a whole number, got true",
        "strategies/acme.yml:9:55: events[f].end: end (2026-03-14 09:00:00) is before start (2026-03-14 18:00:00)",
    ]


def test_lenient_where_it_helps(tmp_path):
    result = valid(
        tmp_path,
        """\
        objectives:
          - id: o
            title: 1664
            axis: image
            deadline: "2026-12-31"
            why:
        kpis:
          - id: k
            name: K
            objective: o
            baseline: {value: 1, date: 2026-01-01}
            target: {value: 2.5, date: 2026-12-01}
            measurements:
        events:
          - {id: e, title: E, start: 2026-03-14T08:30, end: 2026-03-14, objectives: [o]}
        """,
    )
    objective = result.strategy.objectives[0]
    assert objective.title == "1664"  # a number where text is expected is text
    assert objective.deadline == dt.date(2026, 12, 31)  # a quoted date is a date
    assert objective.why is None  # an empty key means "not given"
    assert result.strategy.kpis[0].measurements == []
    assert result.strategy.events[0].start == dt.datetime(2026, 3, 14, 8, 30)  # no seconds: accepted
    assert result.warnings == []


def test_period_end_before_start(tmp_path):
    assert errors(tmp_path, "", head=HEAD.replace("end: 2026-12-31", "end: 2025-12-31")) == [
        "strategies/acme.yml:5:8: period.end: the period ends (2025-12-31) before it starts (2026-01-01)"
    ]


def test_wrong_shapes(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          id: o
        actions:
          - id: a
            title: [x]
            objectives: []
        """,
    ) == [
        "strategies/acme.yml:7:3: objectives: expected a list (one '- item' per line, or [a, b]), got a mapping",
        "strategies/acme.yml:10:12: actions[a].title: expected text, got a list",
        "strategies/acme.yml:11:17: actions[a].objectives: the list is empty; give at least one id",
    ]


def test_empty_text_is_not_called_an_empty_list(tmp_path):
    assert errors(
        tmp_path,
        """\
        objectives:
          - {id: o, title: "", axis: image}
        """,
    ) == ["strategies/acme.yml:7:20: objectives[o].title: the text is empty; write something or remove the key"]


def test_warnings_objective_without_kpi_and_event_without_objective(tmp_path):
    result = valid(
        tmp_path,
        """\
        objectives:
          - {id: parent, title: P, axis: image}
          - {id: child, title: C, axis: image, parent: parent}
          - {id: alone, title: A, axis: traffic}
        kpis:
          - {id: k, name: K, objective: child, baseline: {value: 1, date: 2026-01-01}, target: {value: 2, date: 2026-06-01}}
        events:
          - {id: party, title: Party, start: 2026-05-01}
        """,
    )
    assert [str(w) for w in result.warnings] == [
        "strategies/acme.yml:9:10: warning: objectives[alone].id: the objective 'alone' has no KPI, so it cannot be "
        "judged (to each objective its KPI): add a KPI with objective: alone",
        "strategies/acme.yml:13:10: warning: events[party].id: the event 'party' serves no objective: list the "
        "objectives it serves under objectives:",
    ]


@pytest.mark.parametrize("name", ["Acme.yml", "my client.yml", "-x.yml"])
def test_file_name_must_be_a_slug(tmp_path, name):
    with pytest.raises(InvalidStrategy) as caught:
        check_slug(tmp_path / name, f"strategies/{name}")
    assert "is not allowed as a slug (the file name): use lower-case letters, digits and hyphens" in str(caught.value)


def test_posts_need_a_known_channel_and_a_title_or_url(tmp_path):
    assert errors(
        tmp_path,
        """\
        channels: [{id: ig, name: Instagram}]
        posts:
          - {date: 2026-03-01, channel: ig, reach_organic: 100}
          - {date: 2026-03-02, channel: tiktok, title: Reel, reach_organic: 100, likes: -1}
        """,
    ) == [
        "strategies/acme.yml:8:5: posts[#1]: a post needs a title or a url (or both)",
        "strategies/acme.yml:9:33: posts[#2].channel: no channel has the id 'tiktok'",
        "strategies/acme.yml:9:81: posts[#2].likes: expected 0 or more, got -1",
    ]


# --- bidirectional controls ------------------------------------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_text_is_read_without_bidi_controls(tmp_path):
    """A right-to-left override in a name would show it reversed on every page, in the menu and in
    the downloads: the model holds text without them, so nothing built from it can."""
    result = valid(
        tmp_path,
        f"""\
        objectives:
          - {{id: o, title: "Be \\u202eknown", axis: image, why: "{BIDI}Because\\u2066 **so**"}}
        kpis:
          - {{id: k, name: "\\u202e0521 followers", objective: o, baseline: {{value: 1, date: 2026-01-01}},
             target: {{value: 2, date: 2026-12-01}}, measurements: [{{date: 2026-02-01, value: 1, note: "x\\u200fy"}}]}}
        """,
        head=HEAD.replace("name: Acme", 'name: "Acme \\u202eCorp"'),
    )
    strategy = result.strategy
    assert strategy.client.name == "Acme Corp"
    assert strategy.objectives[0].title == "Be known" and strategy.objectives[0].why == "Because **so**"
    assert strategy.kpis[0].name == "0521 followers" and strategy.kpis[0].measurements[0].note == "xy"


@pytest.mark.parametrize("char", ["\\u202e", "\\u2066", "\\u200f"])
def test_web_addresses_with_bidi_controls_are_refused(tmp_path, char):
    found = errors(
        tmp_path, "", head=HEAD.replace("name: Acme", f'name: Acme\n  website: "https://example.org/{char}x"')
    )
    assert found == [
        f"strategies/acme.yml:3:12: client.website: 'https://example.org/[U+{char[2:].upper()}]x' is not "
        "a web address; write it with http:// or https://, without spaces or invisible direction marks"
    ]


def test_messages_write_out_the_bidi_controls_they_quote(tmp_path):
    """The message must show what is in the file, but not let it reverse the message itself."""
    found = errors(
        tmp_path,
        """\
        objectives:
          - {id: o, title: O, axis: "\\u202eimage", "\\u202ecolour": red}
        """,
    )
    assert found == [
        "strategies/acme.yml:7:29: objectives[o].axis: '[U+202E]image' is not allowed; use visibility, traffic, "
        "image or notoriety (did you mean 'image'?)",
        "strategies/acme.yml:7:44: objectives[o].[U+202E]colour: unknown key '[U+202E]colour'; allowed here: id, "
        "title, axis, goal, category, parent, why, deadline, visibility",
    ]
    assert not any(set(message) & set(BIDI) for message in found)


@pytest.mark.parametrize(
    "raw, place, char",
    [
        (b"\x00", "1:1", "0000"),
        (b"client:\n  name: Acme\x07Bakery\n", "2:13", "0007"),
        ("period:\n  start: \u00e9t\u00e9 \x1b[31m\n".encode(), "2:14", "001B"),
    ],
)
def test_a_control_character_is_placed_in_one_line(tmp_path, raw, place, char):
    """Found by the property test: YAML's reader error came as two lines, always at 1:1."""
    path = tmp_path / "acme.yml"
    path.write_bytes(raw)
    with pytest.raises(InvalidStrategy) as caught:
        load_strategy(path, "strategies/acme.yml")
    assert [str(p) for p in caught.value.problems] == [
        f"strategies/acme.yml:{place}: the character U+{char} cannot be in a YAML file (YAML refuses control "
        f"characters); remove it, or inside double quotes write it as \\u{char.lower()}"
    ]
