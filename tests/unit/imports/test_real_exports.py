"""Exports as other people's accounts make them (issue 23, items 1, 2 and 7): LinkedIn's boosted
posts (Organic, Sponsored per campaign and Total rows of one post link), its month-first dates,
and the post types that become ``posts[].format``; read, then imported into a strategy file."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml
from workbooks import write_xlsx

from strategy_bible.commands.importing import import_export
from strategy_bible.imports.reading import read_export
from strategy_bible.imports.records import ExportUnreadable

from support import FIXTURES

EXPORTS = FIXTURES / "exports"
LINK = "https://www.linkedin.com/feed/update/urn:li:activity:72500000000000000{}"
HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Content Type",
    "Impressions",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
]
STRATEGY = """\
client:
  name: Northwind
period: {start: 2026-01-01, end: 2026-12-31}
channels:
  - id: linkedin
    name: LinkedIn
objectives:
  - id: o
    title: Hire
    axis: notoriety
"""


def linkedin(path: Path, rows: list[list]) -> Path:
    """The page's content export: ``All posts``, a description sentence, then the header."""
    return write_xlsx(path, {"All posts": [["All posts published by the page."], HEADER, *rows]})


def row(title, link, kind, campaign, day, content, impressions, clicks, likes, comments, reposts):
    return [
        title,
        link,
        kind,
        campaign,
        "Ana",
        day,
        content,
        impressions,
        clicks,
        0.03,
        likes,
        comments,
        reposts,
        0,
        0.05,
    ]


BOOSTED = [
    row("Hiring a lead", LINK.format(1), "Organic", None, "11/04/2026", "Image", 1800, 70, 50, 9, 4),
    row("Hiring a lead", LINK.format(1), "Sponsored", "Hiring Q4", "11/04/2026", "Image", 5000, 120, 30, 2, 1),
    row("Hiring a lead", LINK.format(1), "Sponsored", "Hiring Q4 retarget", "11/04/2026", "Image", 1200, 20, 5, 0, 0),
    row("Hiring a lead", LINK.format(1), "Total", None, "11/04/2026", "Image", 8000, 210, 85, 11, 5),
    row("Winter checklist", LINK.format(2), "Organic", None, "11/05/2026", "Document", 2300, 88, 61, 4, 0),
]


def test_a_boosted_linkedin_post_is_one_post_with_its_paid_reach_and_the_campaigns_interactions(tmp_path):
    export = read_export(linkedin(tmp_path / "content.xlsx", BOOSTED), shown="content.xlsx")
    boosted, plain = export.posts
    assert (boosted.line, boosted.url) == (3, LINK.format(1))
    assert boosted.counts == {
        "reach_organic": 1800,  # the Organic row's impressions
        "reach_paid": 6200,  # both campaigns' impressions
        "likes": 85,
        "comments": 11,
        "shares": 5,
        "clicks": 210,
    }
    assert plain.counts == {"reach_organic": 2300, "likes": 61, "comments": 4, "shares": 0, "clicks": 88}
    assert "line 6: total row of the boosted post of line 3" in export.skipped
    assert export.notes == []  # the Total row agrees with its rows
    result = import_export(STRATEGY, export, shown="northwind.yml")  # was: 'the same post as line 3', 4 times
    assert result.posts.added == 2
    written = yaml.safe_load(result.text)["posts"][0]
    assert (written["reach_organic"], written["reach_paid"], written["likes"]) == (1800, 6200, 85)


def test_a_total_row_that_disagrees_is_said(tmp_path):
    rows = [*BOOSTED[:3], row("Hiring a lead", LINK.format(1), "Total", None, "11/04/2026", "Image", 9999, 0, 0, 0, 0)]
    export = read_export(linkedin(tmp_path / "content.xlsx", rows), shown="content.xlsx")
    assert export.notes == [
        "content.xlsx:6: the total row gives 9,999 impressions, its organic and sponsored rows 8,000: "
        "the rows were read, the total was not"
    ]


def test_linkedin_dates_are_month_first_without_being_told(tmp_path):
    # 11/04 and 11/05 could be either order: LinkedIn always writes month-first (was: asked for --month-first)
    export = read_export(linkedin(tmp_path / "content.xlsx", BOOSTED), shown="content.xlsx")
    assert [post.date for post in export.posts] == [dt.date(2026, 11, 4), dt.date(2026, 11, 5)]


def test_post_types_become_formats_and_stories_come_in_as_stories(tmp_path):
    assert [p.format for p in read_export(EXPORTS / "meta-instagram-en.csv", shown="ig.csv").posts] == [
        "post",
        "reel",
        "carousel",
    ]
    stories = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").replace("IG reel", "IG story")
    (tmp_path / "stories.csv").write_text(stories, encoding="utf-8")
    assert [p.format for p in read_export(tmp_path / "stories.csv", shown="stories.csv").posts][1] == "story"
    linkedin_formats = read_export(linkedin(tmp_path / "content.xlsx", BOOSTED), shown="content.xlsx").posts
    assert [p.format for p in linkedin_formats] == ["post", "carousel"]  # Image, Document


def test_an_unknown_post_type_is_said_and_leaves_the_format_out(tmp_path):
    odd = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").replace("IG reel", "IG hologram")
    (tmp_path / "odd.csv").write_text(odd, encoding="utf-8")
    export = read_export(tmp_path / "odd.csv", shown="odd.csv")
    assert export.posts[1].format is None
    assert export.notes == [
        "column 'Post type': 'IG hologram' names no post format: those posts get none (set format: by hand)"
    ]


def test_the_import_writes_the_format_of_a_new_post_and_keeps_the_one_a_post_has(tmp_path):
    export = read_export(linkedin(tmp_path / "content.xlsx", BOOSTED), shown="content.xlsx")
    once = import_export(STRATEGY, export, shown="northwind.yml").text
    assert [post["format"] for post in yaml.safe_load(once)["posts"]] == ["post", "carousel"]
    mine = once.replace("format: carousel", "format: article")
    assert not import_export(mine, export, shown="northwind.yml").changed


def two_accounts(tmp_path: Path) -> Path:
    text = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8")
    last = text.rindex("17841400000000001,brasserieducanal,")
    path = tmp_path / "two.csv"
    path.write_text(text[:last] + "17841400000000009,canal-annexe," + text[last + 35 :], encoding="utf-8")
    return path


def test_an_export_of_several_accounts_is_refused_naming_them(tmp_path):
    with pytest.raises(ExportUnreadable) as refused:
        read_export(two_accounts(tmp_path), shown="two.csv")  # was: merged into one channel, silently
    assert refused.value.problems == [
        "two.csv: column 'Account username': the export holds the posts of 2 accounts, 'brasserieducanal' "
        "(2 posts), 'canal-annexe' (1 post); import one account at a time into its channel: --account NAME "
        "--channel ID"
    ]


def test_account_picks_one_accounts_posts(tmp_path):
    export = read_export(two_accounts(tmp_path), shown="two.csv", account="canal-annexe")
    assert [post.post_id for post in export.posts] == ["18034567890123458"]
    assert "2 posts of other accounts than 'canal-annexe' (--account)" in export.skipped
    with pytest.raises(ExportUnreadable) as refused:
        read_export(two_accounts(tmp_path), shown="two.csv", account="canal")
    assert refused.value.problems == [
        "two.csv: column 'Account username' has no account 'canal'; its accounts: 'brasserieducanal' (2 posts), "
        "'canal-annexe' (1 post)"
    ]


@pytest.mark.parametrize("preset", [None, "meta-facebook"])
def test_a_legacy_facebook_insights_export_is_named_with_what_to_do(preset, tmp_path):
    with pytest.raises(ExportUnreadable) as refused:
        read_export(EXPORTS / "facebook-insights-legacy.csv", shown="legacy.csv", preset=preset)
    (problem,) = refused.value.problems  # was: "did you mean 'Countries'?" for Reach
    assert problem.startswith("legacy.csv: this is a legacy Facebook Insights post export")
    assert "export the posts from Meta Business Suite" in problem
    # the example it gives reads the file, its description row said as such (was: a total row)
    example = problem.split("for example:\n", 1)[1]
    (tmp_path / "legacy.map.yml").write_text(example, encoding="utf-8")
    export = read_export(
        EXPORTS / "facebook-insights-legacy.csv", shown="legacy.csv", mapping=tmp_path / "legacy.map.yml"
    )
    assert [(p.date, p.counts) for p in export.posts] == [
        (dt.date(2026, 10, 2), {"reach_organic": 1600, "reach_paid": 240, "clicks": 130}),
        (dt.date(2026, 10, 9), {"reach_organic": 930, "reach_paid": 0, "clicks": 52}),
    ]
    assert export.skipped == ["line 2: the metrics' descriptions (legacy Facebook Insights), not a post"]


def test_a_ga4_report_without_sessions_is_named_with_a_mapping_made_of_its_columns(tmp_path):
    with pytest.raises(ExportUnreadable) as refused:
        read_export(EXPORTS / "ga4-lead-acquisition.csv", shown="leads.csv")
    (problem,) = refused.value.problems  # was: "not an export the import knows"
    assert problem.startswith("leads.csv: this is a Google Analytics 4 report without a 'Sessions' column")
    example = problem.split("for example:\n", 1)[1].replace("KPI-ID", "leads")
    (tmp_path / "leads.map.yml").write_text(example, encoding="utf-8")
    export = read_export(EXPORTS / "ga4-lead-acquisition.csv", shown="leads.csv", mapping=tmp_path / "leads.map.yml")
    assert [(m.kpi, m.date, m.value) for m in export.measurements] == [("leads", dt.date(2026, 10, 31), 431)]


FACEBOOK_STRATEGY = STRATEGY.replace("  - id: linkedin\n    name: LinkedIn\n", "  - id: page-fb\n    name: Facebook\n")


def without_split_reach(tmp_path: Path) -> Path:
    """The same Facebook export, as a later version of it without 'Reach from Organic/Boosted posts'."""
    with (EXPORTS / "meta-facebook-en.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    keep = [n for n, name in enumerate(rows[0]) if not name.startswith("Reach from")]
    path = tmp_path / "facebook-newer.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[row[n] for n in keep] for row in rows])
    return path


def test_a_newer_export_without_split_reach_never_counts_the_paid_reach_twice(tmp_path):
    split = read_export(EXPORTS / "meta-facebook-en.csv", shown="fb.csv")
    assert split.columns["reach_organic"] == "Reach from Organic posts"
    once = import_export(FACEBOOK_STRATEGY, split, shown="n.yml")
    before = [(p["reach_organic"], p.get("reach_paid", 0)) for p in yaml.safe_load(once.text)["posts"]]
    boosted = next(n for n, (_organic, paid) in enumerate(before) if paid)

    total_only = read_export(without_split_reach(tmp_path), shown="fb-newer.csv")
    assert total_only.columns["reach_organic"] == "Reach"
    again = import_export(once.text, total_only, shown="n.yml")
    after = [(p["reach_organic"], p.get("reach_paid", 0)) for p in yaml.safe_load(again.text)["posts"]]
    # was: the total Reach written into reach_organic beside the paid reach kept: paid counted twice
    assert after[boosted] == before[boosted]
    report = again.report("n.yml", "fb-newer.csv", dry_run=True)
    assert "the export gives its whole reach only and the post's reach is split" in report
    assert "so the paid reach is not counted twice" in report


def test_the_report_says_which_column_fed_which_field_in_a_dry_run_too(tmp_path):
    export = read_export(EXPORTS / "meta-instagram-en.csv", shown="ig.csv")
    strategy = STRATEGY.replace("  - id: linkedin\n    name: LinkedIn\n", "  - id: instagram\n    name: Instagram\n")
    report = import_export(strategy, export, shown="n.yml").report("n.yml", "ig.csv", dry_run=True).splitlines()
    assert report[1] == (
        "  columns: date ← 'Publish time', post_id ← 'Post ID', url ← 'Permalink', title ← 'Description', "
        "reach_organic ← 'Reach', likes ← 'Likes', comments ← 'Comments', shares ← 'Shares', "
        "format ← 'Post type', not in the export: clicks (unknown)"
    )


def test_a_mapping_maps_a_column_to_format_through_its_own_value_table(tmp_path):
    (tmp_path / "posts.csv").write_text(
        "Date,Link,Caption,Reach,Likes,Type\n"
        "2026-10-02,https://example.org/p/1,Carrousel d'automne,900,40,Carrousel\n"
        "2026-10-03,https://example.org/p/2,Vidéo,1200,80,Vidéo courte\n"
        "2026-10-04,https://example.org/p/3,Story,300,2,IG story\n"
        "2026-10-05,https://example.org/p/4,Sondage,300,2,Sondage\n",
        encoding="utf-8",
    )
    (tmp_path / "posts.map.yml").write_text(
        "posts: {date: Date, url: Link, title: Caption, reach_organic: Reach, likes: Likes, format: Type}\n"
        "formats: {Carrousel: carousel, Vidéo courte: reel}\n",
        encoding="utf-8",
    )
    export = read_export(tmp_path / "posts.csv", shown="posts.csv", mapping=tmp_path / "posts.map.yml")
    assert [p.format for p in export.posts] == ["carousel", "reel", "story", None]  # the presets' list too
    assert export.notes == ["column 'Type': 'Sondage' names no post format: those posts get none (set format: by hand)"]
    (tmp_path / "bad.map.yml").write_text(
        "posts: {date: Date, url: Link, reach_organic: Reach, format: Type}\nformats: {Carrousel: carrousel}\n",
        encoding="utf-8",
    )
    with pytest.raises(ExportUnreadable) as refused:
        read_export(tmp_path / "posts.csv", shown="posts.csv", mapping=tmp_path / "bad.map.yml")
    assert refused.value.problems == [
        f"{tmp_path / 'bad.map.yml'}:2:22: formats.Carrousel: expected 'post', 'carousel', 'reel', 'story', "
        "'video', 'live', 'article', 'newsletter' or 'other'"
    ]


def test_a_mapping_sends_each_account_to_its_channel(tmp_path):
    (tmp_path / "accounts.map.yml").write_text(
        "preset: meta-instagram\naccounts: {brasserieducanal: instagram, canal-annexe: annexe}\n", encoding="utf-8"
    )
    export = read_export(two_accounts(tmp_path), shown="two.csv", mapping=tmp_path / "accounts.map.yml")
    assert [post.channel for post in export.posts] == ["instagram", "instagram", "annexe"]
    strategy = STRATEGY.replace(
        "  - id: linkedin\n    name: LinkedIn\n",
        "  - id: instagram\n    name: Instagram\n  - id: annexe\n    name: Instagram de l'annexe\n",
    )
    once = import_export(strategy, export, shown="n.yml")
    assert [post["channel"] for post in yaml.safe_load(once.text)["posts"]] == ["instagram", "instagram", "annexe"]
    assert once.posts.added == 3
    assert not import_export(once.text, export, shown="n.yml").changed  # still idempotent
    (tmp_path / "partial.map.yml").write_text("preset: meta-instagram\naccounts: {brasserieducanal: instagram}\n")
    with pytest.raises(ExportUnreadable) as refused:
        read_export(two_accounts(tmp_path), shown="two.csv", mapping=tmp_path / "partial.map.yml")
    assert refused.value.problems == [
        "two.csv: column 'Account username': the mapping's accounts: give no channel for 'canal-annexe'; the "
        "export's accounts: 'brasserieducanal' (2 posts), 'canal-annexe' (1 post)"
    ]


def test_an_instagram_stories_export_comes_in_as_stories_with_their_comments_unknown():
    export = read_export(EXPORTS / "meta-instagram-stories-en.csv", shown="stories.csv")
    first, second = export.posts
    assert (first.format, second.format) == ("story", "story")
    # a story has no comments column: unknown (never 0); its link clicks are its clicks
    assert first.counts == {"reach_organic": 1180, "likes": 22, "shares": 3, "clicks": 31}
    assert first.unknown == ("comments",)
