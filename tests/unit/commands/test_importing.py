"""``strategy-bible import``'s upsert as text in, text out: each test states the exact resulting text
(the original with the changed or added lines, nothing else), on block and flow layouts, a Windows
file, a file without ``posts:``; importing twice changes nothing; any problem refuses it all."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml

from strategy_bible.commands.editing import EditRefused, validated_text
from strategy_bible.commands.importing import import_export, normal_url
from strategy_bible.imports.records import ImportedMeasurement, ImportedPost, ReadExport

SHOWN = "strategies/martin.yml"
SOURCE = "exports/instagram.csv"

HEAD = """\
# A small client, written by hand.
client:
  name: Boulangerie Martin
period: {start: 2026-01-01, end: 2026-12-31}
channels:
  - id: instagram
    name: Instagram
  - id: page-fb
    name: Facebook
objectives:
  - id: local
    title: Be the reference bakery
    axis: notoriety
kpis:
  - id: ig-followers
    name: Instagram followers
    objective: local
    baseline: {value: 1200, date: 2025-12-31}
    target: {value: 2000, date: 2026-12-31}
    measurements:
      - {date: 2026-01-31, value: 1260}   # January
"""

BLOCK = (
    HEAD
    + """
posts:    # what we published
  # September
  - date: 2026-09-02
    channel: instagram
    title: Bread of the month   # rewritten by hand
    post_id: "111"
    reach_organic: 900
    likes: 40
    format: reel
    visibility: internal
  - date: 2026-09-09
    channel: instagram
    url: https://www.instagram.com/p/BBB/
    reach_organic: 1200
    likes: 80

# the end
"""
)

FLOW = (
    HEAD
    + """
posts:
    -   { date: 2026-09-02, channel: instagram, title: Bread of the month, post_id: "111", reach_organic: 900, likes: 40, format: reel }
    -   { date: 2026-09-09, channel: instagram, url: https://www.instagram.com/p/BBB/, reach_organic: 1200, likes: 80 }
# the end
"""
)


def post(line: int, day: str, **fields) -> ImportedPost:
    counts = {
        k: fields.pop(k)
        for k in list(fields)
        if k in ("reach_organic", "reach_paid", "likes", "comments", "shares", "clicks")
    }
    return ImportedPost(line=line, date=dt.date.fromisoformat(day), counts=counts, **fields)


def export(*posts: ImportedPost, measurements=(), platform: str | None = "instagram", skipped=()) -> ReadExport:
    return ReadExport(SOURCE, "meta-instagram-en", platform, list(posts), list(measurements), list(skipped))


SEPTEMBER = export(
    # the post of the 2nd, found by its id although its title was rewritten: only its counts change
    post(3, "2026-09-02", post_id="111", title="Pain du mois !", reach_organic=950, likes=40, comments=2),
    # the post of the 9th, found by its address (host case, no trailing slash, a tracking parameter)
    post(
        2,
        "2026-09-09",
        post_id="222",
        url="https://WWW.instagram.com/p/BBB?utm_source=ig",
        reach_organic=1200,
        likes=80,
    ),
    # two new posts, written in date order whatever the export's order
    post(
        5,
        "2026-09-20",
        post_id="444",
        url="https://www.instagram.com/p/DDD/",
        title="Croissant: how",
        reach_organic=700,
        likes=33,
    ),
    post(4, "2026-09-16", post_id="333", title="Sourdough day", reach_organic=500, likes=21, comments=0),
)


def assert_text(result: str, expected: str) -> None:
    assert result.splitlines(keepends=True) == expected.splitlines(keepends=True)
    assert result == expected


def refusal(call) -> EditRefused:
    with pytest.raises(EditRefused) as caught:
        call()
    return caught.value


# --- the upsert, byte for byte -------------------------------------------------------------------


def test_block_posts_updated_in_place_and_new_ones_appended_like_their_siblings():
    result = import_export(BLOCK, SEPTEMBER, shown=SHOWN)
    expected = BLOCK.replace(
        "    reach_organic: 900\n    likes: 40\n    format: reel\n    visibility: internal\n",
        "    reach_organic: 950\n    likes: 40\n    format: reel\n    visibility: internal\n    comments: 2\n",
    ).replace(
        "    reach_organic: 1200\n    likes: 80\n",
        '    reach_organic: 1200\n    likes: 80\n    post_id: "222"\n'
        '  - date: 2026-09-16\n    channel: instagram\n    title: Sourdough day\n    post_id: "333"\n'
        "    reach_organic: 500\n    likes: 21\n    comments: 0\n"
        '  - date: 2026-09-20\n    channel: instagram\n    title: "Croissant: how"\n'
        # the siblings' key order: post_id (first post) before url (second post, before reach_organic)
        '    post_id: "444"\n    url: https://www.instagram.com/p/DDD/\n    reach_organic: 700\n    likes: 33\n',
    )
    assert_text(result.text, expected)
    assert result.report(SHOWN, SOURCE).splitlines() == [
        f"{SHOWN}: import of {SOURCE}",
        '  ~ post 2026-09-02 instagram "Bread of the month": reach_organic 900 → 950, comments 0 → 2',
        "  ~ post 2026-09-09 instagram https://www.instagram.com/p/BBB/: post_id (none) → 222",
        '  + post 2026-09-16 instagram "Sourdough day": reach_organic 500, likes 21, comments 0',
        '  + post 2026-09-20 instagram "Croissant: how": reach_organic 700, likes 33',
        f"{SHOWN}: posts: 2 added, 2 updated, 0 unchanged; measurements: 0 added, 0 updated, 0 unchanged",
    ]
    kept = validated_text(result.text, SHOWN, "invalid").strategy.posts[0]
    assert (kept.title, kept.format, kept.visibility) == ("Bread of the month", "reel", "internal")


def test_flow_items_get_flow_items_with_the_same_padding_indentation_and_key_order():
    result = import_export(FLOW, SEPTEMBER, shown=SHOWN)
    expected = (
        FLOW.replace(
            "reach_organic: 900, likes: 40, format: reel }",
            "reach_organic: 950, likes: 40, format: reel, comments: 2 }",
        )
        .replace("reach_organic: 1200, likes: 80 }", 'reach_organic: 1200, likes: 80, post_id: "222" }')
        .replace(
            "# the end\n",
            '    -   { date: 2026-09-16, channel: instagram, title: Sourdough day, post_id: "333", reach_organic: 500, likes: 21, comments: 0 }\n'
            '    -   { date: 2026-09-20, channel: instagram, title: "Croissant: how", post_id: "444", url: https://www.instagram.com/p/DDD/, reach_organic: 700, likes: 33 }\n'
            "# the end\n",
        )
    )
    assert_text(result.text, expected)


def test_a_flow_list_gets_its_new_items_inside_the_brackets():
    text = HEAD + "posts: [{date: 2026-09-02, channel: instagram, title: Bread, reach_organic: 900}]  # all\n"
    result = import_export(
        text, export(post(2, "2026-09-16", title="Sourdough", reach_organic=500, likes=3)), shown=SHOWN
    )
    assert_text(
        result.text,
        HEAD + "posts: [{date: 2026-09-02, channel: instagram, title: Bread, reach_organic: 900}, "
        "{date: 2026-09-16, channel: instagram, title: Sourdough, reach_organic: 500, likes: 3}]  # all\n",
    )


def test_a_windows_file_keeps_its_line_endings_and_a_missing_final_newline_stays_missing():
    text = BLOCK.replace("\n", "\r\n").removesuffix("\r\n")
    result = import_export(text, SEPTEMBER, shown=SHOWN)
    expected = import_export(BLOCK, SEPTEMBER, shown=SHOWN).text.replace("\n", "\r\n").removesuffix("\r\n")
    assert_text(result.text, expected)
    assert "\n" not in result.text.replace("\r\n", "")


def test_a_file_without_posts_gets_the_key_at_its_end_written_like_its_measurements():
    text = HEAD + "notes: |\n  Call Léa.\n# last comment\n"
    result = import_export(
        text, export(post(4, "2026-09-16", post_id="333", title="Sourdough", reach_organic=500, likes=21)), shown=SHOWN
    )
    assert_text(
        result.text,
        text.replace(
            "  Call Léa.\n",
            "  Call Léa.\nposts:\n"
            '  - {date: 2026-09-16, channel: instagram, title: Sourdough, post_id: "333", reach_organic: 500, likes: 21}\n',
        ),
    )


def test_a_file_without_posts_whose_measurements_are_block_items_gets_block_posts():
    text = HEAD.replace(
        "      - {date: 2026-01-31, value: 1260}   # January\n", "      - date: 2026-01-31\n        value: 1260\n"
    )
    result = import_export(text, export(post(4, "2026-09-16", title="Sourdough", reach_organic=500)), shown=SHOWN)
    assert_text(
        result.text,
        text + "posts:\n  - date: 2026-09-16\n    channel: instagram\n    title: Sourdough\n    reach_organic: 500\n",
    )


def test_empty_posts_keys_are_filled():
    new = export(post(4, "2026-09-16", title="Sourdough", reach_organic=500))
    assert_text(
        import_export(HEAD + "posts: []\n", new, shown=SHOWN).text,
        HEAD + "posts: [{date: 2026-09-16, channel: instagram, title: Sourdough, reach_organic: 500}]\n",
    )
    assert_text(
        import_export(HEAD + "posts:\n# none yet\n", new, shown=SHOWN).text,
        HEAD + "posts:\n  - {date: 2026-09-16, channel: instagram, title: Sourdough, reach_organic: 500}\n# none yet\n",
    )


# --- idempotence, newer exports ------------------------------------------------------------------


@pytest.mark.parametrize("text", [BLOCK, FLOW, BLOCK.replace("\n", "\r\n")], ids=["block", "flow", "crlf"])
def test_importing_the_same_export_twice_changes_nothing(text):
    with_measurement = export(
        *SEPTEMBER.posts, measurements=[ImportedMeasurement(9, "ig-followers", dt.date(2026, 9, 30), 1500)]
    )
    once = import_export(text, with_measurement, shown=SHOWN)
    twice = import_export(once.text, with_measurement, shown=SHOWN)
    assert once.changed and not twice.changed
    assert twice.text == once.text
    assert twice.report(SHOWN, SOURCE).splitlines() == [
        f"{SHOWN}: import of {SOURCE}",
        f"{SHOWN}: posts: 0 added, 0 updated, 4 unchanged; measurements: 0 added, 0 updated, 1 unchanged",
    ]
    assert twice.report(SHOWN, SOURCE, dry_run=True).splitlines()[1:] == [
        '  = post 2026-09-02 instagram "Bread of the month"',
        "  = post 2026-09-09 instagram https://www.instagram.com/p/BBB/",
        '  = post 2026-09-16 instagram "Sourdough day"',
        '  = post 2026-09-20 instagram "Croissant: how"',
        "  = kpis[ig-followers] 2026-09-30 = 1500",
        f"{SHOWN}: posts: 0 added, 0 updated, 4 unchanged; measurements: 0 added, 0 updated, 1 unchanged",
    ]


def test_a_newer_export_updates_the_counts_it_carries_and_nothing_else():
    once = import_export(BLOCK, SEPTEMBER, shown=SHOWN).text
    october = export(post(7, "2026-09-16", post_id="333", title="Sourdough day (edited)", reach_organic=640, likes=30))
    result = import_export(once, october, shown=SHOWN)
    assert_text(
        result.text, once.replace("    reach_organic: 500\n    likes: 21\n", "    reach_organic: 640\n    likes: 30\n")
    )
    assert "comments 0" not in result.report(SHOWN, SOURCE)  # not carried, so not touched
    assert result.posts.updated == 1 and result.posts.unchanged == 0


def test_title_day_and_channel_match_only_as_a_last_resort():
    text = HEAD + "posts:\n  - {date: 2026-09-02, channel: instagram, title: Bread  of the MONTH, reach_organic: 900}\n"
    same = import_export(
        text, export(post(2, "2026-09-02", title="Bread of the month", post_id="9", reach_organic=990)), shown=SHOWN
    )
    assert_text(same.text, text.replace("reach_organic: 900}", 'reach_organic: 990, post_id: "9"}'))
    other_day = import_export(
        text, export(post(2, "2026-09-03", title="Bread of the month", reach_organic=990)), shown=SHOWN
    )
    assert other_day.posts.added == 1
    with_id = text.replace("reach_organic: 900}", 'reach_organic: 900, post_id: "8"}')
    other_id = import_export(
        with_id, export(post(2, "2026-09-02", title="Bread of the month", post_id="9", reach_organic=1)), shown=SHOWN
    )
    assert other_id.posts.added == 1  # both have a platform id, and they differ: two posts


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("https://www.instagram.com/p/BBB/", "HTTPS://WWW.Instagram.com/p/BBB"),
        ("https://x.example/p?id=3&utm_source=a&fbclid=z", "https://x.example/p/?id=3"),
    ],
)
def test_addresses_are_compared_normalised(left, right):
    assert normal_url(left) == normal_url(right)
    assert normal_url("https://x.example/p/A") != normal_url("https://x.example/p/a")  # the path keeps its case
    assert normal_url("https://x.example/p?id=3") != normal_url("https://x.example/p?id=4")


# --- measurements --------------------------------------------------------------------------------


def test_measurements_are_recorded_as_record_does_same_day_same_value_is_unchanged():
    read = export(
        measurements=[
            ImportedMeasurement(3, "ig-followers", dt.date(2026, 1, 31), 1260),
            ImportedMeasurement(4, "ig-followers", dt.date(2026, 2, 28), 1330, note="From GA4"),
        ],
        platform="ga4",
    )
    result = import_export(BLOCK, read, shown=SHOWN)
    assert_text(
        result.text,
        BLOCK.replace(
            "      - {date: 2026-01-31, value: 1260}   # January\n",
            "      - {date: 2026-01-31, value: 1260}   # January\n      - {date: 2026-02-28, value: 1330, note: From GA4}\n",
        ),
    )
    assert result.measurements.added == 1 and result.measurements.unchanged == 1
    changed = import_export(
        BLOCK, export(measurements=[ImportedMeasurement(3, "ig-followers", dt.date(2026, 1, 31), 1270)]), shown=SHOWN
    )
    assert_text(changed.text, BLOCK.replace("value: 1260}", "value: 1270}"))
    assert "  ~ kpis[ig-followers] 2026-01-31: 1260 → 1270" in changed.report(SHOWN, SOURCE).splitlines()
    assert changed.measurements.updated == 1


# --- refusals: all or nothing --------------------------------------------------------------------


def test_every_problem_is_listed_and_nothing_is_imported():
    read = export(
        post(2, "2026-09-16", title="Fine", reach_organic=5),
        post(3, "2026-09-17", url="www.instagram.com/p/X", reach_organic=5),
        post(4, "2026-09-18", title="No reach", likes=5),
        post(5, "2026-09-19", post_id="777", reach_organic=5),
        post(6, "2026-09-20", post_id="777", reach_organic=6),
        measurements=[ImportedMeasurement(9, "ig-follower", dt.date(2026, 9, 30), 1500)],
    )
    error = refusal(lambda: import_export(BLOCK, read, shown=SHOWN))
    assert str(error).splitlines() == [
        f"{SOURCE} was not imported into {SHOWN} (4 problems); nothing was written:",
        f"{SOURCE}:9: {SHOWN} has no KPI 'ig-follower' (did you mean 'ig-followers'?); KPIs: ig-followers",
        f"{SOURCE}:3: 'www.instagram.com/p/X' is not a web address; a post's url starts with http:// or https://",
        f"{SOURCE}:4: a new post needs its organic reach (reach_organic), and this export gives none; "
        "add the post to the file first, or map a reach column",
        f"{SOURCE}:6: the same post as line 5 (post_id 777)",
    ]


def test_the_channel_is_the_one_named_after_the_platform_or_the_one_given():
    new = post(2, "2026-09-16", title="Sourdough", reach_organic=5)
    for platform in ("Instagram", "insta", "IG"):
        assert (
            "channel: instagram"
            in import_export(HEAD, export(new, platform=platform), shown=SHOWN).text.split("posts:")[1]
        )
    assert (
        "channel: page-fb" in import_export(HEAD, export(new, platform="facebook"), shown=SHOWN).text.split("posts:")[1]
    )
    assert (
        "channel: page-fb" in import_export(HEAD, export(new), channel="page-fb", shown=SHOWN).text.split("posts:")[1]
    )
    assert str(refusal(lambda: import_export(HEAD, export(new), channel="instagramm", shown=SHOWN))).splitlines()[
        1
    ] == (f"{SHOWN} has no channel 'instagramm' (did you mean 'instagram'?); channels: instagram, page-fb")
    assert str(refusal(lambda: import_export(HEAD, export(new, platform="linkedin"), shown=SHOWN))).splitlines()[1] == (
        f"no channel of {SHOWN} is named after linkedin (the platform of {SOURCE}); give --channel; "
        "channels: instagram, page-fb"
    )
    two = HEAD.replace("  - id: page-fb\n", "  - id: insta-shop\n    name: Shop\n  - id: page-fb\n")
    assert str(refusal(lambda: import_export(two, export(new), shown=SHOWN))).splitlines()[1] == (
        f"several channels of {SHOWN} are named after instagram: instagram, insta-shop; give --channel"
    )
    assert "give --channel" in str(refusal(lambda: import_export(HEAD, export(new, platform=None), shown=SHOWN)))


def test_an_export_without_posts_needs_no_channel():
    read = export(measurements=[ImportedMeasurement(3, "ig-followers", dt.date(2026, 2, 28), 1330)], platform="ga4")
    assert import_export(HEAD, read, shown=SHOWN).measurements.added == 1


def test_an_invalid_file_is_not_imported_into():
    error = refusal(lambda: import_export(HEAD.replace("axis: notoriety", "axis: fame"), SEPTEMBER, shown=SHOWN))
    assert error.message == f"{SHOWN} is not a valid strategy, so it was not changed; fix these problems first:"


def test_keys_missing_from_the_last_block_post_come_before_the_new_posts_in_the_export_order():
    read = export(
        post(
            2,
            "2026-09-09",
            url="https://www.instagram.com/p/BBB",
            post_id="222",
            comments=4,
            shares=1,
            reach_organic=1200,
        ),
        post(3, "2026-09-30", title="Last", reach_organic=10),
    )
    result = import_export(BLOCK, read, shown=SHOWN)
    assert_text(
        result.text,
        BLOCK.replace(
            "    likes: 80\n",
            '    likes: 80\n    comments: 4\n    shares: 1\n    post_id: "222"\n'
            "  - date: 2026-09-30\n    channel: instagram\n    title: Last\n    reach_organic: 10\n",
        ),
    )


def test_a_kpi_computed_from_the_posts_takes_no_imported_measurement():
    from pathlib import Path

    whole = (Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml").read_text(encoding="utf-8")
    read = export(measurements=[ImportedMeasurement(4, "engagement-rate", dt.date(2026, 9, 30), 7.5)], platform="ga4")
    assert str(refusal(lambda: import_export(whole, read, shown=SHOWN))).splitlines()[1:] == [
        f"{SOURCE}:4: kpis[engagement-rate] is computed from the posts (from_posts: engagement_rate): its "
        "measurements are made at each build, not imported; map the figure to another KPI"
    ]


def test_a_figure_out_of_bounds_is_a_problem_not_a_traceback():
    read = export(measurements=[ImportedMeasurement(4, "ig-followers", dt.date(2026, 9, 30), float("nan"))])
    assert str(refusal(lambda: import_export(HEAD, read, shown=SHOWN))).splitlines()[1:] == [
        f"{SOURCE}:4: kpis[ig-followers] nan is not allowed; use a number between -10^15 and 10^15 (a million billion)"
    ]


def test_more_posts_than_a_strategy_file_holds_is_said_as_such_not_as_aliases():
    """18,200 posts of 12 values each are over the loader's 200,000 values: the file has no alias,
    so the refusal says what is wrong, and says it before splicing anything."""
    counts = dict(reach_organic=700, reach_paid=0, likes=33, comments=1, shares=2, clicks=3)
    many = [
        post(n, "2026-10-01", post_id=str(n), url=f"https://www.instagram.com/p/{n}/", title=f"Post {n}", **counts)
        for n in range(1000, 19_200)
    ]
    error = refusal(lambda: import_export(BLOCK, export(*many), shown=SHOWN))
    assert "alias" not in str(error)
    assert str(error) == (
        f"{SOURCE} was not imported into {SHOWN}: its 18,200 new posts would take {SHOWN} to 18,202 posts and "
        "218,449 values, and a strategy file holds at most 200,000; too many posts for one strategy file: "
        "export a shorter period"
    )


# --- a count the export lacks (issue 23, item 4) ---------------------------------------------------


def test_a_count_the_export_lacks_is_written_unknown_and_a_second_import_changes_nothing():
    lacking = export(
        post(4, "2026-09-16", post_id="333", title="Sourdough day", reach_organic=500, likes=21),
        post(3, "2026-09-09", url="https://www.instagram.com/p/BBB/", reach_organic=1200, likes=80),
    )
    lacking = export(*(dataclasses.replace(p, unknown=("clicks",)) for p in lacking.posts))
    once = import_export(BLOCK, lacking, shown=SHOWN)
    # the new post: clicks null (unknown), not left out (0); the file's post that left clicks out
    # (0 by the contract, which an export without clicks cannot tell) gets unknown too
    assert_text(
        once.text,
        BLOCK.replace("    likes: 80\n", "    likes: 80\n    clicks: null\n").replace(
            "\n# the end",
            '  - date: 2026-09-16\n    channel: instagram\n    title: Sourdough day\n    post_id: "333"\n'
            "    reach_organic: 500\n    likes: 21\n    clicks: null\n\n# the end",
        ),
    )
    assert "clicks 0 → unknown" in once.report(SHOWN, SOURCE)
    assert validated_text(once.text, SHOWN, "").strategy.posts[-1].clicks is None
    assert not import_export(once.text, lacking, shown=SHOWN).changed


def test_a_count_the_file_gives_is_kept_when_the_export_lacks_it():
    text = BLOCK.replace("    likes: 80\n", "    likes: 80\n    clicks: 9\n")
    lacking = export(
        dataclasses.replace(
            post(3, "2026-09-09", url="https://www.instagram.com/p/BBB/", reach_organic=1200, likes=80),
            unknown=("clicks",),
        )
    )
    assert not import_export(text, lacking, shown=SHOWN).changed


def test_what_import_writes_reads_with_pyyamls_pure_python_loader_too():
    # PyYAML ends a plain scalar at '?' inside {…}: an address with a query made the file unreadable
    url = "https://www.facebook.com/permalink.php?story_fbid=123&id=456"
    result = import_export(FLOW, export(post(2, "2026-09-30", url=url, title="a?b & c", reach_organic=10)), shown=SHOWN)
    read = yaml.load(result.text, Loader=yaml.SafeLoader)  # the pure-Python loader, not CSafeLoader
    assert read["posts"][-1]["url"] == url
    assert read["posts"][-1]["title"] == "a?b & c"


def test_posts_that_would_take_the_file_over_5_mb_are_refused_as_too_many_posts():
    many = [
        post(n, "2026-10-01", url=f"https://www.instagram.com/p/{n}/?{'x' * 2_000}", reach_organic=700)
        for n in range(1000, 3_600)
    ]
    error = refusal(lambda: import_export(BLOCK, export(*many), shown=SHOWN))
    assert str(error).startswith(f"{SOURCE} was not imported into {SHOWN}: with its 2,600 new posts {SHOWN} would be ")
    assert str(error).endswith(
        "bytes, and a strategy file may hold at most 5,242,880; too many posts for one strategy file: "
        "export a shorter period"
    )


def test_a_mapped_figure_not_in_the_kpis_unit_is_refused():
    # a rate mapped into a count KPI (followers): 0.0212 replaced 442,720 silently
    refused = refusal(
        lambda: import_export(
            BLOCK,
            export(measurements=[ImportedMeasurement(4, "ig-followers", dt.date(2026, 9, 30), 0.0212)]),
            shown=SHOWN,
        )
    )
    assert refused.message.splitlines()[1:] == [
        f"{SOURCE}:4: kpis[ig-followers] 0.0212: the KPI is a count (unit: count) and this is not a whole "
        "number: is the mapped column a rate or an average? map the column holding the count"
    ]
    percent = (
        BLOCK.replace("    objective: local\n", "    objective: local\n    unit: percent\n", 1)
        .replace("value: 1200", "value: 2.5")
        .replace("value: 2000", "value: 4")
        .replace("value: 1260}", "value: 2.8}")
    )
    refused = refusal(
        lambda: import_export(
            percent,
            export(measurements=[ImportedMeasurement(4, "ig-followers", dt.date(2026, 9, 30), 0.0212)]),
            shown=SHOWN,
        )
    )
    assert "looks like a fraction (2.12%)" in refused.message
    fine = export(measurements=[ImportedMeasurement(4, "ig-followers", dt.date(2026, 9, 30), 3.1)])
    assert import_export(percent, fine, shown=SHOWN).measurements.added == 1
