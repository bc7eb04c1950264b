"""The writing commands' text → text functions: one change spliced in, every other byte kept.

Each test states the exact resulting text: the original with the changed or inserted lines, and
nothing else. The file below is valid but written the way people write: comments everywhere,
blank lines, indentless and over-indented lists, flow and block measurements, quotes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.editing import EditRefused, parse_date, parse_number, record, tick, validated_text

SHOWN = "strategies/odd.yml"

ODD = """\
# yaml-language-server: $schema=../schema/strategy.schema.json
# Odd but valid: comments everywhere, blank lines, every list style.

client:   # who it is for
  name: "Boulangerie  Martin"     # two spaces, quoted
  summary: |
    A *family* bakery.

    Two shops.

period: {start: 2026-01-01, end: 2026-12-31}   # a flow mapping

objectives:
- id: local            # an indentless list
  title: 'Be the reference: the district'
  axis: notoriety

  # a comment between two items

- id: web
  title: Be known online
  axis: visibility

actions:
    -   id: weekly-live        # four spaces, then three after the dash
        title: Weekly live
        objectives: [local]
        checklist:
            -   Book the Friday slot   # a trailing comment
            -   'Write: the script'
            -   task: Buy a tripod
                done: false
            -   task: Tell the regulars
        description: >
          Folded text that
          runs on two lines.
    - id: flyers
      title: Flyers
      objectives: [web]
      checklist: [Print them, {task: Hand them out, done: true}]   # a flow list

kpis:
  - id: ig-followers
    name: Instagram followers
    objective: local
    baseline: { value: 1200, date: 2025-12-31 }
    target: { value: 2000, date: 2026-12-31 }
    measurements:
      # monthly figures
      - { date: 2026-01-31, value: 1260 }   # January

      - { date: 2026-02-28, value: 1330, note: "Shared by the town hall" }
    # end of the measurements
  - id: site-visits
    name: Site visits
    objective: web
    baseline: {value: 300, date: 2025-12-31}
    target: {value: 900, date: 2026-12-31}
    measurements:
      - date: 2026-02-28
        value: 410
        note: After the flyers
      - date: 2026-01-31      # out of order on purpose
        value: 350
      - date: 2026-03-15
        value: 430
    source: Matomo   # the last key
  - id: newsletter
    name: Newsletter subscribers
    objective: web
    baseline: {value: 50, date: 2025-12-31}
    target: {value: 200, date: 2026-12-31}
    measurements: []
  - id: reviews
    name: Google reviews
    objective: local
    baseline: {value: 10, date: 2025-12-31}
    target: {value: 40, date: 2026-12-31}
    # no measurement yet

events:
  - id: breakfast
    title: Neighbours' breakfast
    start: 2026-03-14T08:30
    objectives: [local]
    checklist:
      - Print the invitations
      - Order the coffee
      - Order the croissants

notes: |-
  Internal.
"""


def insert_after(text: str, anchor: str, new: str) -> str:
    """``text`` with the lines ``new`` right after the one line ``anchor`` (both with their newline)."""
    assert text.count(anchor) == 1, anchor
    return text.replace(anchor, anchor + new)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def assert_text(result: str, expected: str) -> None:
    assert result.splitlines(keepends=True) == expected.splitlines(keepends=True)
    assert result == expected


def measurements(text: str, kpi: int) -> list[tuple[dt.date, float, str | None]]:
    strategy = validated_text(text, SHOWN, "invalid").strategy
    return [(m.date, m.value, m.note) for m in strategy.kpis[kpi].measurements]


def checklist(text: str, section: str, item: int) -> list[tuple[str, bool]]:
    strategy = validated_text(text, SHOWN, "invalid").strategy
    return [(t.task, t.done) for t in getattr(strategy, section)[item].checklist]


def test_the_odd_file_is_valid():
    assert measurements(ODD, 0) == [
        (dt.date(2026, 1, 31), 1260, None),
        (dt.date(2026, 2, 28), 1330, "Shared by the town hall"),
    ]


# --- record: where the new measurement goes, and how it is written -----------------------------------


def test_record_goes_in_date_order_between_sorted_flow_items_spaced_like_them():
    change = record(ODD, "ig-followers", dt.date(2026, 2, 15), 1300, shown=SHOWN)
    # After January's line (its comment kept), before the blank line that precedes February.
    assert_text(
        change.text,
        insert_after(
            ODD,
            "      - { date: 2026-01-31, value: 1260 }   # January\n",
            "      - { date: 2026-02-15, value: 1300 }\n",
        ),
    )
    assert measurements(change.text, 0)[1] == (dt.date(2026, 2, 15), 1300, None)
    assert change.summary == "strategies/odd.yml: kpis[ig-followers] +2026-02-15 = 1300"
    assert change.changed


def test_record_the_latest_goes_after_the_last_item_before_the_comments_that_follow():
    change = record(ODD, "ig-followers", dt.date(2026, 3, 31), 1400.5, "Live: shared, twice", shown=SHOWN)
    anchor = '      - { date: 2026-02-28, value: 1330, note: "Shared by the town hall" }\n'
    assert_text(
        change.text,
        insert_after(ODD, anchor, '      - { date: 2026-03-31, value: 1400.5, note: "Live: shared, twice" }\n'),
    )
    assert measurements(change.text, 0)[-1] == (dt.date(2026, 3, 31), 1400.5, "Live: shared, twice")


def test_record_the_earliest_goes_first_after_the_comment_that_heads_the_list():
    change = record(ODD, "ig-followers", dt.date(2025, 11, 30), 1100, shown=SHOWN)
    assert_text(
        change.text, insert_after(ODD, "      # monthly figures\n", "      - { date: 2025-11-30, value: 1100 }\n")
    )


def test_record_among_items_in_reverse_date_order():
    text = ODD.replace(
        """      - { date: 2026-01-31, value: 1260 }   # January

      - { date: 2026-02-28, value: 1330, note: "Shared by the town hall" }
""",
        """      - { date: 2026-02-28, value: 1330, note: "Shared by the town hall" }
      - { date: 2026-01-31, value: 1260 }   # January
""",
    )
    change = record(text, "ig-followers", dt.date(2026, 2, 15), 1300, shown=SHOWN)
    assert_text(
        change.text,
        insert_after(
            text,
            '      - { date: 2026-02-28, value: 1330, note: "Shared by the town hall" }\n',
            "      - { date: 2026-02-15, value: 1300 }\n",
        ),
    )


def test_record_in_unsorted_block_items_appends_one_key_per_line():
    change = record(ODD, "site-visits", dt.date(2026, 3, 31), 500, "mars : le mois des lives", shown=SHOWN)
    assert_text(
        change.text,
        insert_after(
            ODD,
            "        value: 430\n",
            '      - date: 2026-03-31\n        value: 500\n        note: "mars : le mois des lives"\n',
        ),
    )
    assert measurements(change.text, 1)[-1] == (dt.date(2026, 3, 31), 500, "mars : le mois des lives")


def test_record_into_an_empty_flow_list_stays_flow():
    change = record(ODD, "newsletter", dt.date(2026, 1, 31), -3, shown=SHOWN)
    assert_text(
        change.text,
        replace_once(ODD, "    measurements: []\n", "    measurements: [{ date: 2026-01-31, value: -3 }]\n"),
    )


def test_record_a_first_measurement_adds_the_key_at_the_end_of_the_kpi():
    change = record(ODD, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN)
    # Indented as the file's other measurements, written like them; before the comment below.
    assert_text(
        change.text,
        insert_after(
            ODD,
            "    target: {value: 40, date: 2026-12-31}\n",
            "    measurements:\n      - { date: 2026-02-01, value: 12 }\n",
        ),
    )
    assert measurements(change.text, 3) == [(dt.date(2026, 2, 1), 12, None)]


def test_record_after_a_last_key_with_a_trailing_comment():
    text = replace_once(ODD, "    # no measurement yet\n", "    source: Google   # where from\n")
    change = record(text, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN)
    assert_text(
        change.text,
        insert_after(
            text, "    source: Google   # where from\n", "    measurements:\n      - { date: 2026-02-01, value: 12 }\n"
        ),
    )


def test_record_a_first_measurement_in_an_indentless_file_follows_its_lists():
    text = (
        "client: {name: Acme}\nperiod: {start: 2026-01-01, end: 2026-12-31}\nobjectives:\n"
        "- id: o\n  title: O\n  axis: image\nkpis:\n- id: k\n  name: K\n  objective: o\n"
        "  baseline: {value: 1, date: 2025-12-31}\n  target: {value: 2, date: 2026-12-31}\n"
    )
    change = record(text, "k", dt.date(2026, 1, 31), 1.5, shown=SHOWN)
    assert_text(change.text, text + "  measurements:\n  - {date: 2026-01-31, value: 1.5}\n")


HEAD = (
    "client: {name: Acme}\nperiod: {start: 2026-01-01, end: 2026-12-31}\nobjectives: [{id: o, title: O, axis: image}]\n"
)
KPI = "kpis:\n  - id: k\n    name: K\n    objective: o\n    baseline: {value: 1, date: 2025-12-31}\n    target: {value: 2, date: 2026-12-31}\n"


@pytest.mark.parametrize(
    "before, after",
    [
        # after a folded text: after its last line, the blank lines that end it stay where they are
        (
            "    source: >\n      Google\n      Business\n\n\n# end\n",
            "    source: >\n      Google\n      Business\n    measurements:\n      - {date: 2026-02-01, value: 9}\n\n\n# end\n",
        ),
        # `|+` keeps its trailing blank lines: they belong to the text
        (
            "    source: |+\n      Google\n\n# end\n",
            "    source: |+\n      Google\n\n    measurements:\n      - {date: 2026-02-01, value: 9}\n# end\n",
        ),
        # an empty `measurements:` (with its comment): the items go under it
        (
            "    measurements:   # to come\n    # later\n    source: x\n",
            "    measurements:   # to come\n      - {date: 2026-02-01, value: 9}\n    # later\n    source: x\n",
        ),
        ("    measurements: ~\n", "    measurements: [{date: 2026-02-01, value: 9}]\n"),
        # an indentless list of block items, value first: the same
        (
            "    measurements:\n    - value: 3\n      date: 2026-01-01\n",
            "    measurements:\n    - value: 3\n      date: 2026-01-01\n    - value: 9\n      date: 2026-02-01\n",
        ),
        # a flow list over several lines
        (
            "    measurements: [\n      {date: 2026-01-01, value: 1},\n      {date: 2026-03-01, value: 1}\n    ]\n",
            "    measurements: [\n      {date: 2026-01-01, value: 1}, {date: 2026-02-01, value: 9},\n"
            "      {date: 2026-03-01, value: 1}\n    ]\n",
        ),
    ],
    ids=["folded", "keep", "empty-key", "tilde", "indentless-block", "multiline-flow"],
)
def test_record_in_other_layouts(before, after):
    assert_text(record(HEAD + KPI + before, "k", dt.date(2026, 2, 1), 9, shown=SHOWN).text, HEAD + KPI + after)


def test_record_into_a_flow_kpi():
    kpi = "kpis: [{id: k, name: K, objective: o, baseline: {value: 1, date: 2025-12-31}, target: {value: 2, date: 2026-12-31}%s}]\n"
    assert_text(
        record(HEAD + kpi % "", "k", dt.date(2026, 2, 1), 9, shown=SHOWN).text,
        HEAD + kpi % ", measurements: [{date: 2026-02-01, value: 9}]",
    )
    assert_text(
        record(
            HEAD + kpi % ", measurements: [{date: 2026-03-01, value: 1}]", "k", dt.date(2026, 2, 1), 9, shown=SHOWN
        ).text,
        HEAD + kpi % ", measurements: [{date: 2026-02-01, value: 9}, {date: 2026-03-01, value: 1}]",
    )


def test_tick_a_task_written_over_two_lines_or_as_a_block_text():
    text = HEAD + (
        "actions:\n  - id: a\n    title: A\n    objectives: [o]\n    checklist:\n"
        "      - a long task\n        on two lines   # c\n      - |\n        block task\n"
    )
    assert_text(
        tick(text, "a", "long", shown=SHOWN).text,
        text.replace(
            "      - a long task\n        on two lines   # c\n",
            "      - task: a long task on two lines   # c\n        done: true\n",
        ),
    )
    assert_text(
        tick(text, "a", "block", shown=SHOWN).text,
        text.replace("      - |\n        block task\n", '      - task: "block task\\n"\n        done: true\n'),
    )


def test_record_replace_changes_the_value_in_place_and_keeps_the_note():
    change = record(ODD, "ig-followers", dt.date(2026, 2, 28), 1333, replace=True, shown=SHOWN)
    assert_text(change.text, replace_once(ODD, "value: 1330, note:", "value: 1333, note:"))
    assert change.summary == "strategies/odd.yml: kpis[ig-followers] 2026-02-28 = 1333 (was 1330)"


def test_record_replace_with_a_note_adds_or_replaces_it_where_it_stands():
    added = record(ODD, "ig-followers", dt.date(2026, 1, 31), 1261, "Fixed: typo", replace=True, shown=SHOWN)
    assert_text(
        added.text,
        replace_once(
            ODD, "{ date: 2026-01-31, value: 1260 }", '{ date: 2026-01-31, value: 1261, note: "Fixed: typo" }'
        ),
    )
    block = record(ODD, "site-visits", dt.date(2026, 2, 28), 420, "Recounted", replace=True, shown=SHOWN)
    assert_text(
        block.text,
        replace_once(
            replace_once(ODD, "        value: 410\n", "        value: 420\n"),
            "        note: After the flyers\n",
            "        note: Recounted\n",
        ),
    )
    new_note = record(ODD, "site-visits", dt.date(2026, 3, 15), 431, "Late", replace=True, shown=SHOWN)
    assert_text(new_note.text, replace_once(ODD, "        value: 430\n", "        value: 431\n        note: Late\n"))


def test_record_the_same_value_again_with_replace_changes_nothing():
    change = record(ODD, "ig-followers", dt.date(2026, 1, 31), 1260, replace=True, shown=SHOWN)
    assert change.text == ODD and not change.changed


# --- check: ticking and unticking ----------------------------------------------------------------


def test_tick_a_plain_task_becomes_task_and_done_keeping_the_indentation_and_comment():
    change = tick(ODD, "weekly-live", "book the friday slot", shown=SHOWN)
    assert_text(
        change.text,
        replace_once(
            ODD,
            "            -   Book the Friday slot   # a trailing comment\n",
            "            -   task: Book the Friday slot   # a trailing comment\n                done: true\n",
        ),
    )
    assert checklist(change.text, "actions", 0)[0] == ("Book the Friday slot", True)
    assert change.summary == 'strategies/odd.yml: actions[weekly-live] ticked task 1 "Book the Friday slot"'


def test_tick_a_quoted_task_keeps_its_quotes():
    change = tick(ODD, "weekly-live", "2", shown=SHOWN)
    assert_text(
        change.text,
        replace_once(
            ODD,
            "            -   'Write: the script'\n",
            "            -   task: 'Write: the script'\n                done: true\n",
        ),
    )


def test_tick_a_mapping_sets_done_or_adds_it():
    flipped = tick(ODD, "weekly-live", "Buy a tripod", shown=SHOWN)
    assert_text(flipped.text, replace_once(ODD, "                done: false\n", "                done: true\n"))
    added = tick(ODD, "weekly-live", "regulars", shown=SHOWN)
    assert_text(
        added.text, insert_after(ODD, "            -   task: Tell the regulars\n", "                done: true\n")
    )
    assert checklist(added.text, "actions", 0)[3] == ("Tell the regulars", True)


def test_tick_in_a_flow_list_and_undo():
    ticked = tick(ODD, "flyers", "Print them", shown=SHOWN)
    assert_text(ticked.text, replace_once(ODD, "[Print them, {task:", "[{task: Print them, done: true}, {task:"))
    undone = tick(ODD, "flyers", "hand", undo=True, shown=SHOWN)
    assert_text(undone.text, replace_once(ODD, "Hand them out, done: true}", "Hand them out, done: false}"))
    assert checklist(undone.text, "actions", 1) == [("Print them", False), ("Hand them out", False)]


def test_tick_what_is_already_ticked_changes_nothing():
    change = tick(ODD, "flyers", "2", shown=SHOWN)
    assert change.text == ODD and not change.changed
    assert change.summary == (
        'strategies/odd.yml: actions[flyers] task 2 "Hand them out" is already ticked; nothing to change'
    )
    assert not tick(ODD, "breakfast", "1", undo=True, shown=SHOWN).changed


def test_tick_an_event_task_by_number():
    change = tick(ODD, "breakfast", "3", shown=SHOWN)
    assert_text(
        change.text,
        replace_once(ODD, "      - Order the croissants\n", "      - task: Order the croissants\n        done: true\n"),
    )


def test_tick_follows_a_list_whose_ticked_tasks_are_flow_mappings():
    text = replace_once(ODD, "      - Order the coffee\n", "      - {task: Order the coffee, done: true}\n")
    change = tick(text, "breakfast", "invitations", shown=SHOWN)
    assert_text(
        change.text,
        replace_once(text, "      - Print the invitations\n", "      - {task: Print the invitations, done: true}\n"),
    )


# --- newlines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: record(text, "ig-followers", dt.date(2026, 2, 15), 1300, shown=SHOWN),
        lambda text: record(text, "site-visits", dt.date(2026, 3, 31), 500, "n", shown=SHOWN),
        lambda text: record(text, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN),
        lambda text: record(text, "ig-followers", dt.date(2026, 1, 31), 1, "x", replace=True, shown=SHOWN),
        lambda text: tick(text, "weekly-live", "1", shown=SHOWN),
        lambda text: tick(text, "weekly-live", "4", shown=SHOWN),
    ],
    ids=["sorted", "block", "first", "replace", "plain-task", "add-done"],
)
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_crlf_and_cr_only_files_keep_their_line_endings(edit, newline):
    other = ODD.replace("\n", newline)
    assert_text(edit(other).text, edit(ODD).text.replace("\n", newline))


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: record(text, "ig-followers", dt.date(2026, 2, 15), 1300, shown=SHOWN),
        lambda text: record(text, "site-visits", dt.date(2026, 3, 31), 500, "n", shown=SHOWN),
        lambda text: record(text, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN),
        lambda text: tick(text, "weekly-live", "1", shown=SHOWN),
    ],
    ids=["sorted", "block", "first", "plain-task"],
)
@pytest.mark.parametrize("inside, outside", [("\r\n", "\n"), ("\n", "\r\n")], ids=["crlf-in-lf", "lf-in-crlf"])
def test_in_a_file_mixing_line_endings_new_lines_end_as_their_neighbours(edit, inside, outside):
    """The kpis and actions sections end their lines one way, the rest of the file the other way."""

    def mixed(text: str) -> str:
        head, rest = text.split("actions:\n", 1)
        middle, tail = rest.split("events:\n", 1)
        return (
            head.replace("\n", outside)
            + ("actions:\n" + middle).replace("\n", inside)
            + ("events:\n" + tail).replace("\n", outside)
        )

    assert_text(edit(mixed(ODD)).text, mixed(edit(ODD).text))


def test_a_file_without_final_newline_keeps_it_so():
    text = ODD.removesuffix("\n")
    change = tick(text, "weekly-live", "1", shown=SHOWN)
    assert_text(change.text, tick(ODD, "weekly-live", "1", shown=SHOWN).text.removesuffix("\n"))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_adding_at_the_very_end_of_a_file_without_final_newline(newline):
    text = ODD.split("\nevents:")[0].replace("    # no measurement yet\n", "").removesuffix("\n")
    text = text.replace("\n", newline)
    change = record(text, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN)
    assert_text(change.text, text + newline + "    measurements:" + newline + "      - { date: 2026-02-01, value: 12 }")
    ticked = tick(text.replace("[Print them, {task: Hand them out, done: true}]", "[a]"), "flyers", "a", shown=SHOWN)
    assert "checklist: [{task: a, done: true}]" in ticked.text and not ticked.text.endswith(newline)


def test_a_byte_order_mark_free_text_with_unicode_keeps_positions():
    text = replace_once(ODD, "title: Weekly live\n", "title: Le live « hebdo » de Léa ✨\n")
    change = tick(text, "weekly-live", "1", shown=SHOWN)
    assert_text(
        change.text,
        replace_once(
            tick(ODD, "weekly-live", "1", shown=SHOWN).text,
            "title: Weekly live\n",
            "title: Le live « hebdo » de Léa ✨\n",
        ),
    )


# --- refusals ------------------------------------------------------------------------------------


def refusal(call) -> EditRefused:
    with pytest.raises(EditRefused) as caught:
        call()
    return caught.value


def test_unknown_kpi_with_did_you_mean_and_the_list():
    error = refusal(lambda: record(ODD, "ig-follower", dt.date(2026, 3, 1), 1, shown=SHOWN))
    assert str(error) == (
        "strategies/odd.yml has no KPI 'ig-follower' (did you mean 'ig-followers'?); "
        "KPIs: ig-followers, site-visits, newsletter, reviews"
    )
    assert "not a KPI" in str(refusal(lambda: record(ODD, "weekly-live", dt.date(2026, 3, 1), 1, shown=SHOWN)))


def test_duplicate_date_without_replace():
    error = refusal(lambda: record(ODD, "ig-followers", dt.date(2026, 1, 31), 1, shown=SHOWN))
    assert str(error) == (
        "kpis[ig-followers] already has a measurement on 2026-01-31: 1260; add --replace to replace it"
    )


def test_unknown_item_and_tasks_not_found_or_ambiguous_list_the_tasks():
    assert str(refusal(lambda: tick(ODD, "weekly", "1", shown=SHOWN))) == (
        "strategies/odd.yml has no action or event 'weekly' (did you mean 'weekly-live'?); "
        "actions and events: weekly-live, flyers, breakfast"
    )
    listing = "  1. [ ] Print the invitations\n  2. [ ] Order the coffee\n  3. [ ] Order the croissants"
    assert str(refusal(lambda: tick(ODD, "breakfast", "order", shown=SHOWN))) == (
        "'order' matches several tasks of events[breakfast] (2, 3); give the task's number or its whole text:\n"
        + listing
    )
    assert str(refusal(lambda: tick(ODD, "breakfast", "tea", shown=SHOWN))) == (
        "events[breakfast] has no task 'tea'; its tasks:\n" + listing
    )
    assert str(refusal(lambda: tick(ODD, "breakfast", "4", shown=SHOWN))) == (
        "events[breakfast] has no task 4; its tasks:\n" + listing
    )
    assert "no checklist" in str(
        refusal(
            lambda: tick(
                replace_once(
                    ODD, "      checklist: [Print them, {task: Hand them out, done: true}]   # a flow list\n", ""
                ),
                "flyers",
                "1",
                shown=SHOWN,
            )
        )
    )


def test_an_invalid_original_is_refused_with_its_messages():
    broken = replace_once(
        ODD, "    objective: web\n    baseline: {value: 50", "    objective: wbe\n    baseline: {value: 50"
    )
    error = refusal(lambda: record(broken, "ig-followers", dt.date(2026, 3, 1), 1, shown=SHOWN))
    assert (
        error.message == "strategies/odd.yml is not a valid strategy, so it was not changed; fix these problems first:"
    )
    line = broken.splitlines().index("    objective: wbe") + 1
    assert [str(p) for p in error.problems] == [
        f"strategies/odd.yml:{line}:16: kpis[newsletter].objective: no objective has the id 'wbe' (did you mean 'web'?)"
    ]


def test_a_result_that_would_be_invalid_is_refused(monkeypatch):
    from strategy_bible.strategy import loader

    monkeypatch.setattr(loader, "MAX_BYTES", len(ODD.encode()) + 10)
    error = refusal(lambda: record(ODD, "reviews", dt.date(2026, 2, 1), 12, shown=SHOWN))
    assert error.message == "the change would make strategies/odd.yml invalid, so nothing was written:"
    assert "a strategy file may hold at most" in str(error.problems[0])


def test_an_alias_at_the_place_to_change_is_refused():
    text = replace_once(ODD, "baseline: {value: 300, date: 2025-12-31}", "baseline: {value: &v 300, date: 2025-12-31}")
    text = replace_once(text, "        value: 410\n", "        value: *v\n")
    error = refusal(lambda: record(text, "site-visits", dt.date(2026, 2, 28), 1, replace=True, shown=SHOWN))
    assert "alias" in str(error)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1400", 1400),
        ("-3", -3),
        ("+2", 2),
        ("12.5", 12.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        # Issue 23, item 9: written the French way, as import reads it
        ("3,5", 3.5),
        ("-3,5", -3.5),
        ("1 234,5", 1234.5),
        ("1\u202f234", 1234),
        ("1\u00a0234\u00a0567,25", 1234567.25),
        ("1\u2009234", 1234),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value and type(parse_number(text)) is type(value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1,234", "'1,234' could be 1234 or 1.234; write it without the comma, 1234, or with a dot"),
        (
            "1 40",
            "'1 40' is not a number; write digits: for example 1400, -3, 12.5, or the French way 12,5 and "
            "1 234,5 (no units or %)",
        ),
        ("1,2,3", "'1,2,3' is not a number"),
        ("42%", "'42%' is not a number"),
        ("abc", "'abc' is not a number"),
        ("nan", "'nan' is not a number"),
        ("1e999", "'1e999' is too large"),
    ],
)
def test_parse_number_refusals_say_what_is_allowed(text, message):
    assert str(refusal(lambda: parse_number(text))).startswith(message)


def test_parse_date():
    assert parse_date("2026-03-31") == dt.date(2026, 3, 31)
    assert "not a day of the calendar" in str(refusal(lambda: parse_date("2026-02-30")))
    assert "write it as YYYY-MM-DD" in str(refusal(lambda: parse_date("31/03/2026")))


# --- values written so that they read back the same ----------------------------------------------


@pytest.mark.parametrize(
    "text, written",
    [
        ("Live shared by the town hall", "Live shared by the town hall"),
        ("mars : le début", '"mars : le début"'),
        ("a, b", '"a, b"'),
        ("#1 post", '"#1 post"'),
        ("*bold*", '"*bold*"'),
        ("'quoted'", "\"'quoted'\""),
        ("2026-01-31", '"2026-01-31"'),
        ("true", '"true"'),
        ("12", '"12"'),
        ("null", '"null"'),
        ("ends:", '"ends:"'),
        (" padded", '" padded"'),
        ("two\nlines", '"two\\nlines"'),
        ("l'été", "l'été"),
        ('say "hi"', 'say "hi"'),
        ("sep\u2028here", '"sep\\Lhere"'),
    ],
)
def test_yaml_scalars_read_back_as_the_same_text(text, written):
    from ruamel.yaml import YAML

    assert yaml_scalars.scalar(text) == written
    assert YAML(typ="safe", pure=True).load(f"k: {written}\n") == {"k": text}
    assert YAML(typ="safe", pure=True).load(f"k: {{n: {written}}}\n") == {"k": {"n": text}}


_WORDS = st.sampled_from(
    ["true", "null", "~", "12", "0x1f", "1e3", ".inf", "2026-01-31", "<<", "yes", "a", "été", "-", ":", "#", "'", '"']
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=4)), max_size=4).map(" ".join))
def test_any_text_written_as_a_yaml_scalar_reads_back_as_itself_in_block_and_flow(text):
    from ruamel.yaml import YAML

    written = yaml_scalars.scalar(text)
    assert YAML(typ="safe", pure=True).load(f"k: {written}\n") == {"k": text}
    assert YAML(typ="safe", pure=True).load(f"k: {{n: {written}, m: 1}}\n") == {"k": {"n": text, "m": 1}}


# --- rewrite: the file on disk -------------------------------------------------------------------


def test_rewrite_keeps_a_byte_order_mark_and_the_permission_bits(tmp_path):
    from strategy_bible.commands.editing import rewrite

    path = tmp_path / "odd.yml"
    path.write_bytes(b"\xef\xbb\xbf" + ODD.encode("utf-8"))
    path.chmod(0o640)
    change = rewrite(path, SHOWN, lambda text: tick(text, "weekly-live", "1", shown=SHOWN))
    assert path.read_bytes() == b"\xef\xbb\xbf" + tick(ODD, "weekly-live", "1", shown=SHOWN).text.encode("utf-8")
    assert change.changed and path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".odd.yml.lock", "odd.yml"]  # no temporary file left


def test_rewrite_writes_nothing_when_nothing_changes_or_the_file_changed_meanwhile(tmp_path):
    from strategy_bible.commands.editing import rewrite

    path = tmp_path / "odd.yml"
    path.write_text(ODD, encoding="utf-8")
    os_state = (path.read_bytes(), path.stat().st_mtime_ns)
    assert not rewrite(path, SHOWN, lambda text: tick(text, "flyers", "2", shown=SHOWN)).changed
    assert (path.read_bytes(), path.stat().st_mtime_ns) == os_state

    def meanwhile(text: str):
        path.write_text(ODD + "# someone saved\n", encoding="utf-8")
        return tick(text, "weekly-live", "1", shown=SHOWN)

    error = refusal(lambda: rewrite(path, SHOWN, meanwhile))
    assert str(error) == f"{SHOWN} changed while it was being edited; nothing was written: run the command again"
    assert path.read_text(encoding="utf-8") == ODD + "# someone saved\n"


def test_rewrite_refuses_a_file_that_is_not_utf8(tmp_path):
    from strategy_bible.commands.editing import rewrite

    path = tmp_path / "odd.yml"
    path.write_bytes(ODD.replace("Weekly live", "Caf\xe9").encode("latin-1"))
    error = refusal(lambda: rewrite(path, SHOWN, lambda text: tick(text, "weekly-live", "1", shown=SHOWN)))
    assert "is not a valid strategy" in error.message and "not UTF-8" in str(error.problems[0])
