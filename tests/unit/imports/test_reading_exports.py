"""read_export on small files in the exact shape of the platforms' exports (tests/fixtures/exports,
headers from the shared exports.md): every preset recognised from its headers, the columns found
by name, the dates in the file's order, and every problem of a bad file at once."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import LINKEDIN_HEADER, linkedin_workbook, write_xlsx

from strategy_bible.imports.reading import read_export
from strategy_bible.imports.records import ExportUnreadable, ReadExport

from support import FIXTURES

EXPORTS = FIXTURES / "exports"


def read(name: str | Path, **options) -> ReadExport:
    path = name if isinstance(name, Path) else EXPORTS / name
    return read_export(path, shown=path.name, **options)


def problems(name: str | Path, **options) -> list[str]:
    with pytest.raises(ExportUnreadable) as refused:
        read(name, **options)
    assert refused.value.problems, "an unreadable export says why"
    return refused.value.problems


@pytest.mark.parametrize(
    ("name", "preset", "platform"),
    [
        ("meta-instagram-en.csv", "meta-instagram", "instagram"),
        ("meta-instagram-en-older.csv", "meta-instagram", "instagram"),
        ("meta-instagram-fr.csv", "meta-instagram", "instagram"),
        ("meta-facebook-en.csv", "meta-facebook", "facebook"),
        ("meta-facebook-fr.csv", "meta-facebook", "facebook"),
    ],
)
def test_each_meta_preset_is_recognised_from_its_headers(name, preset, platform):
    export = read(name)
    assert (export.preset, export.platform) == (preset, platform)
    assert export.posts and all(post.url and post.post_id for post in export.posts)


def test_instagram_multi_line_captions_commas_and_lifetime():
    export = read("meta-instagram-en.csv")
    first, second, third = export.posts
    # the caption spans three lines inside quotes: the title is its first line, the next post starts at line 5
    assert (first.line, second.line, third.line) == (2, 5, 6)
    assert first.title == "Nouvelle bière de saison, enfin !"
    assert first.post_id == "18034567890123456"
    assert first.date == dt.date(2026, 10, 3)  # month-first: 10/16 and 10/31 prove it
    # reach is Reach (2310), never Views (4,812); Instagram has no clicks column: no clicks count at all
    assert first.counts == {"reach_organic": 2310, "likes": 187, "comments": 23, "shares": 12}
    assert second.counts["reach_organic"] == 6120  # "6,120": comma thousands
    assert third.title is None and third.counts["shares"] == 0  # blank caption; blank Shares cell = 0
    assert any("'Lifetime'" in line and "'Publish time'" in line for line in export.skipped)


def test_an_older_instagram_export_with_impressions_and_a_bom():
    export = read("meta-instagram-en-older.csv")
    assert [post.counts["reach_organic"] for post in export.posts] == [1104, 702]  # not Impressions
    assert export.posts[0].post_id == "17990011223344556"  # the BOM does not hide the first header
    assert export.posts[0].date == dt.date(2025, 3, 7)


def test_a_french_semicolon_export_with_day_first_dates_and_spaced_thousands():
    export = read("meta-instagram-fr.csv")
    first, second = export.posts
    assert first.date == dt.date(2026, 11, 4)  # 04/11/2026: French headers and 18/11 both say day-first
    assert first.title == "Rencontre avec l'autrice ; dédicaces samedi"
    assert first.counts == {"reach_organic": 1845, "likes": 132, "comments": 17, "shares": 9}  # 1 845 (U+202F)
    assert second.counts["shares"] == 0  # "-"


def test_facebook_33_columns_two_reactions_columns_and_split_reach():
    export = read("meta-facebook-en.csv")
    first, second = export.posts
    # likes come from 'Reactions' (250), never from 'Reactions, Comments and Shares' (301)
    assert first.counts == {
        "reach_organic": 2900,
        "reach_paid": 500,
        "likes": 250,
        "comments": 31,
        "shares": 20,
        "clicks": 148,
    }
    assert first.title == "Autumn service week: 20% off tune-ups, book now"  # blank Title: the Description
    assert second.title == "Group ride recap"
    assert second.counts["clicks"] == 0  # the column exists, the cell is blank
    # every date is ambiguous (11/02, 11/09): an English Meta export is month-first
    assert [post.date for post in export.posts] == [dt.date(2026, 11, 2), dt.date(2026, 11, 9)]


def test_facebook_never_reads_the_sum_column_as_reactions(tmp_path):
    text = (EXPORTS / "meta-facebook-en.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    assert '"Reactions, Comments and Shares",Reactions,' in header
    header = header.replace('"Reactions, Comments and Shares",Reactions,', '"Reactions, Comments and Shares",Other,')
    path = tmp_path / "fb.csv"
    path.write_text(header + "\n" + rest, encoding="utf-8")
    assert all("likes" not in post.counts for post in read(path).posts)


def test_a_french_facebook_export_in_utf16_with_tabs():
    export = read("meta-facebook-fr.csv")
    first, second = export.posts
    assert first.date == dt.date(2026, 11, 5)  # 05/11 and 09/11 are ambiguous: French says day-first
    assert first.counts == {"reach_organic": 1730, "likes": 120, "comments": 15, "shares": 8, "clicks": 64}
    assert second.title == "Rencontre jeudi 12 : inscriptions ouvertes"


def test_the_dates_values_win_over_the_language(tmp_path):
    text = (EXPORTS / "meta-facebook-en.csv").read_text(encoding="utf-8").replace("11/09/2026", "30/10/2026")
    (tmp_path / "fb.csv").write_text(text, encoding="utf-8")
    export = read(tmp_path / "fb.csv")
    assert [post.date for post in export.posts] == [dt.date(2026, 2, 11), dt.date(2026, 10, 30)]


def test_linkedin_workbook_all_posts_sheet_with_a_description_row(tmp_path):
    export = read(linkedin_workbook(tmp_path / "linkedin.xlsx"))
    assert (export.preset, export.platform) == ("linkedin-posts", "linkedin")
    first, second = export.posts
    assert (first.line, second.line) == (3, 4)  # rows of the sheet: description, header, posts
    assert first.date == dt.date(2026, 11, 4)  # a typed date cell
    assert first.title == "Northwind is hiring a workshop lead"
    # LinkedIn gives impressions per post, read as organic reach; Reposts are shares
    assert first.counts == {"reach_organic": 1840, "likes": 52, "comments": 9, "shares": 4, "clicks": 73}
    assert second.date == dt.date(2026, 11, 20)  # a text cell: 11/20/2026
    assert second.counts == {"reach_organic": 2310, "likes": 61, "comments": 4, "shares": 0, "clicks": 88}


def test_an_older_linkedin_workbook_says_shares(tmp_path):
    export = read(linkedin_workbook(tmp_path / "linkedin.xlsx", reposts="Shares"))
    assert export.posts[0].counts["shares"] == 4


def test_ga4_needs_a_mapping_and_shows_an_example():
    (problem,) = problems("ga4-acquisition.csv")
    assert "a ga4-acquisition report holds no posts: it needs a mapping (--map MAP.yml)" in problem
    assert len(problem.split("\n")[1:]) == 4 and "kpi: visites-boutique" in problem


def test_ga4_with_a_mapping_gives_the_month_s_measurement():
    export = read("ga4-acquisition.csv", mapping=EXPORTS / "ga4-organic-social.map.yml")
    assert (export.preset, export.platform, export.posts) == ("ga4-acquisition", "ga4", [])
    (measurement,) = export.measurements
    assert (measurement.kpi, measurement.value, measurement.date, measurement.line) == (
        "visites-boutique",
        512,
        dt.date(2026, 10, 31),  # '# End date: 20261031'
        13,
    )
    assert measurement.note == "GA4, Organic Social sessions"
    assert export.skipped == ["line 10: total row (first column empty)"]


def test_a_grand_total_row_is_skipped(tmp_path):
    text = (EXPORTS / "ga4-acquisition.csv").read_text(
        encoding="utf-8"
    ) + "Grand total,3120,1822,0.58,48.2,96,0.03,1520.5\n"
    (tmp_path / "ga4.csv").write_text(text, encoding="utf-8")
    export = read(tmp_path / "ga4.csv", mapping=EXPORTS / "ga4-organic-social.map.yml")
    assert "line 15: total row ('Grand total')" in export.skipped
    assert [m.value for m in export.measurements] == [512]


def test_a_mapping_measurement_from_a_column_with_decimal_commas(tmp_path):
    (tmp_path / "report.csv").write_text(
        "Mois;Canal;Taux d'engagement\n31/10/2026;Organic Social;62,3 %\n30/11/2026;Organic Social;58,9 %\n",
        encoding="utf-8",
    )
    (tmp_path / "map.yml").write_text(
        "measurements:\n  - kpi: taux-engagement\n    where: {canal: organic social}\n"
        "    value: Taux d'engagement\n    date: Mois\n",
        encoding="utf-8",
    )
    export = read(tmp_path / "report.csv", mapping=tmp_path / "map.yml")
    assert [(m.date, m.value) for m in export.measurements] == [
        (dt.date(2026, 10, 31), 62.3),
        (dt.date(2026, 11, 30), 58.9),
    ]


def test_ambiguous_dates_are_refused_until_the_user_says_which():
    mapping = EXPORTS / "custom-posts.map.yml"
    (problem,) = problems("custom-ambiguous-dates.csv", mapping=mapping)
    assert "'03/04/2026'" in problem and "--day-first" in problem and "--month-first" in problem
    day_first = read("custom-ambiguous-dates.csv", mapping=mapping, day_first=True)
    assert [post.date for post in day_first.posts] == [dt.date(2026, 4, 3), dt.date(2026, 6, 5)]
    month_first = read("custom-ambiguous-dates.csv", mapping=mapping, day_first=False)
    assert [post.date for post in month_first.posts] == [dt.date(2026, 3, 4), dt.date(2026, 5, 6)]
    assert (day_first.preset, day_first.platform) == ("mapping", "instagram")
    assert day_first.posts[0].counts == {"reach_organic": 100, "likes": 5}


def test_dates_in_both_orders_are_refused(tmp_path):
    text = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").replace("10/03/2026", "31/10/2026")
    (tmp_path / "ig.csv").write_text(text, encoding="utf-8")
    (problem,) = problems(tmp_path / "ig.csv")
    assert "'31/10/2026 18:30' is day-first but '10/16/2026 12:05' is month-first" in problem


def test_a_broken_row_is_reported_with_its_line_and_column():
    assert problems("meta-instagram-en-broken.csv") == [
        "meta-instagram-en-broken.csv:5: column 'Reach': 'abc' is not a number"
    ]


def test_every_problem_of_a_file_at_once(tmp_path):
    text = (
        (EXPORTS / "meta-instagram-en.csv")
        .read_text(encoding="utf-8")
        .replace('"6,120"', "abc")
        .replace(",187,", ",-3,")
        .replace("10/31/2026 09:00", "")
    )
    (tmp_path / "ig.csv").write_text(text, encoding="utf-8")
    assert problems(tmp_path / "ig.csv") == [
        "ig.csv:2: column 'Likes': '-3' is not a whole number of 0 or more",
        "ig.csv:5: column 'Reach': 'abc' is not a number",
        "ig.csv:6: column 'Publish time': the cell is empty; a post needs its date",
    ]


def test_a_missing_required_column_says_what_is_expected_and_did_you_mean(tmp_path):
    text = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").replace(",Reach,", ",Reech,")
    (tmp_path / "ig.csv").write_text(text, encoding="utf-8")
    (problem,) = problems(tmp_path / "ig.csv", preset="meta-instagram")
    assert problem.startswith("ig.csv:1: no column 'Reach' or 'Couverture' for reach_organic (did you mean 'Reech'?)")


def test_an_unknown_preset_name_gets_a_did_you_mean():
    (problem,) = problems("meta-instagram-en.csv", preset="meta-instagramm")
    assert "'meta-instagramm' is not a preset" in problem and "(did you mean 'meta-instagram'?)" in problem


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.csv", b""),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ("random.csv", b"name,city\nAda,London\nGrace,Arlington\n"),
        ("garbage.bin", bytes(range(256)) * 40),
        ("broken.xlsx", b"PK\x03\x04" + bytes(range(200))),
        ("only-comments.csv", b"# Start date: 20261001\n# End date: 20261031\n"),
    ],
)
def test_a_file_that_is_not_an_export_gets_one_clear_sentence(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    (problem,) = problems(tmp_path / name)
    assert problem.startswith(f"{name}: this is not an export the import knows")
    assert "meta-instagram" in problem and "ga4-acquisition" in problem and "--map MAP.yml" in problem


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: nothing written
    (problem,) = problems(path)
    assert "52,428,801 bytes; an export may hold at most 52,428,800" in problem


def test_a_windows_1252_file_is_read_with_a_note(tmp_path):
    text = (EXPORTS / "meta-instagram-fr.csv").read_text(encoding="utf-8")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("œ", "oe")
    (tmp_path / "fr.csv").write_bytes(text.encode("cp1252"))
    export = read(tmp_path / "fr.csv")
    assert export.posts[0].title == "Rencontre avec l'autrice ; dédicaces samedi"
    assert export.notes == ["the file is not UTF-8: read as Windows-1252 (check accents in titles)"]


def test_a_mapping_picks_the_sheet_and_the_header_row(tmp_path):
    path = write_xlsx(
        tmp_path / "posts.xlsx",
        {
            "Summary": [["Nothing here"]],
            "Posts": [
                ["Report of November"],
                ["Date", "Link", "Reach", "Likes", "Post title"],
                [dt.date(2026, 11, 3), "https://example.org/p/1", 120, 8, "Hello"],
            ],
        },
    )
    (tmp_path / "map.yml").write_text(
        "sheet: Posts\nheader_row: 2\nposts:\n  date: Date\n  url: Link\n  reach_organic: Reach\n  likes: Likes\n",
        encoding="utf-8",
    )
    (post,) = read(path, mapping=tmp_path / "map.yml").posts
    assert (post.line, post.date, post.counts) == (3, dt.date(2026, 11, 3), {"reach_organic": 120, "likes": 8})


def test_a_mapping_naming_a_column_the_file_lacks(tmp_path):
    (tmp_path / "map.yml").write_text(
        "posts:\n  date: Date\n  url: Link\n  reach_organic: Reech\n  likes: [Likes, J'aime]\n", encoding="utf-8"
    )
    (problem,) = problems("custom-ambiguous-dates.csv", mapping=tmp_path / "map.yml", day_first=True)
    assert "no column 'Reech' for reach_organic (did you mean 'Reach'?)" in problem


def test_a_measurement_rule_that_matches_nothing_or_names_a_wrong_column(tmp_path):
    (tmp_path / "map.yml").write_text(
        "preset: ga4-acquisition\nmeasurements:\n"
        "  - kpi: visites\n    where: {Session primary channel group (Default channel group): Organic Video}\n"
        "    value: Sessions\n"
        "  - kpi: visites-engagees\n    where: {}\n    value: Engaged session\n",
        encoding="utf-8",
    )
    assert problems("ga4-acquisition.csv", mapping=tmp_path / "map.yml") == [
        "ga4-acquisition.csv: measurements[1] (visites): no row has 'Organic Video' in column "
        "'Session primary channel group (Default channel group)'",
        "ga4-acquisition.csv:9: measurements[2].value: no column 'Engaged session' (did you mean 'Engaged sessions'?)",
    ]


def test_the_linkedin_header_is_the_one_exports_md_lists():
    assert LINKEDIN_HEADER[:4] == ["Post title", "Post link", "Created date", "Impressions"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_bytes_are_read_or_refused_never_a_crash(tmp_path, content, suffix):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(content)
    try:
        read(path)
    except ExportUnreadable as refused:
        assert refused.problems


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=16), st.integers(min_value=0, max_value=17))
def test_any_cell_in_an_instagram_export_is_read_or_refused(tmp_path, cell, column):
    """Whatever one cell says (text, numbers, quotes, control characters): posts, or a problem list."""
    with open(EXPORTS / "meta-instagram-en.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[-1][column] = cell
    path = tmp_path / "ig.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    try:
        read(path)
    except ExportUnreadable as refused:
        assert refused.problems


def test_headers_match_whatever_their_case_spaces_and_unicode_form(tmp_path):
    text = (EXPORTS / "meta-instagram-fr.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    header = unicodedata.normalize("NFD", header.upper()).replace(";Couverture;", ";  COUVERTURE ;")
    assert "É" not in header  # decomposed: E + combining accent
    (tmp_path / "fr.csv").write_text(header + "\n" + rest, encoding="utf-8")
    export = read(tmp_path / "fr.csv")
    assert export.preset == "meta-instagram"
    assert export.posts[0].counts["reach_organic"] == 1845


def test_a_long_caption_becomes_a_title_of_120_characters(tmp_path):
    caption = "Une " + "très " * 40 + "longue légende"
    text = (
        (EXPORTS / "meta-instagram-fr.csv").read_text(encoding="utf-8").replace("Coup de cœur de la semaine", caption)
    )
    (tmp_path / "fr.csv").write_text(text, encoding="utf-8")
    title = read(tmp_path / "fr.csv").posts[1].title
    assert len(title) <= 120 and title.endswith("…") and title.startswith("Une très très")


def test_excel_s_sep_line_and_a_day_first_english_mapping_keep_comma_thousands(tmp_path):
    (tmp_path / "uk.csv").write_text(
        'sep=,\nDate,Link,Caption,Reach,Likes\n03/04/2026,https://example.org/posts/a,Spring menu,"1,234",5\n',
        encoding="utf-8",
    )
    (tmp_path / "map.yml").write_text(
        "day_first: true\nposts:\n  date: Date\n  url: Link\n  reach_organic: Reach\n", encoding="utf-8"
    )
    (post,) = read(tmp_path / "uk.csv", mapping=tmp_path / "map.yml").posts
    assert (post.line, post.date, post.counts) == (3, dt.date(2026, 4, 3), {"reach_organic": 1234})


def test_a_header_without_rows_is_an_empty_export(tmp_path):
    (tmp_path / "map.yml").write_text("posts:\n  date: Date\n  url: Link\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("sep=;\n", encoding="utf-8")
    (problem,) = problems(tmp_path / "empty.csv", mapping=tmp_path / "map.yml")
    assert "its table is empty" in problem


def test_too_many_posts_are_refused_from_the_row_count_before_any_row_is_read(tmp_path):
    """The last row's date is wrong: a refusal that names only the count never read the rows (400,000
    rows were read for ten minutes, then refused for the size of the result)."""
    (tmp_path / "map.yml").write_text("posts:\n  date: Date\n  title: Caption\n", encoding="utf-8")
    body = "2026-01-01,a\n" * 119_999 + "not a date,a\n"
    (tmp_path / "huge.csv").write_text("Date,Caption\n" + body, encoding="utf-8")
    assert problems(tmp_path / "huge.csv", mapping=tmp_path / "map.yml") == [
        "huge.csv: 120,000 posts are too many for one strategy file: a post of this export takes 8 values and "
        "about 102 bytes, and a strategy file holds at most 200,000 values and 5,242,880 bytes (some 25,000 such "
        "posts); export a shorter period"
    ]


def test_an_export_that_fits_one_strategy_file_is_read_whole(tmp_path):
    (tmp_path / "map.yml").write_text("posts:\n  date: Date\n  title: Caption\n", encoding="utf-8")
    (tmp_path / "many.csv").write_text("Date,Caption\n" + "2026-01-01,a\n" * 20_000, encoding="utf-8")
    assert len(read(tmp_path / "many.csv", mapping=tmp_path / "map.yml").posts) == 20_000


def test_spreadsheet_error_cells_are_refused_with_their_cell_and_reason_not_read_as_zero(tmp_path):
    """calamine reads a workbook's error cell as empty, which counted as 0 reach."""
    from workbooks import SHEET_HEAD, write_zip, xlsx_parts

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    rows = [
        f'<row r="1">{text("A1", "Date")}{text("B1", "Caption")}{text("C1", "Reach")}{text("D1", "Likes")}</row>',
        f'<row r="2">{text("A2", "2026-10-01")}{text("B2", "Fine")}<c r="C2"><v>120</v></c><c r="D2"><v>4</v></c></row>',
        f'<row r="3">{text("A3", "2026-10-02")}<c r="B3" t="e"><v>#REF!</v></c>'
        '<c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3" t="e"><v>#N/A</v></c></row>',
        f'<row r="4"><c r="A4" t="e"><v>#VALUE!</v></c>{text("B4", "Late")}<c r="C4"><v>9</v></c>'
        '<c r="D4" t="e"><v>#NAME?</v></c></row>',
    ]
    sheet = SHEET_HEAD + ("<sheetData>" + "".join(rows) + "</sheetData></worksheet>").encode()
    book = write_zip(tmp_path / "posts.xlsx", xlsx_parts(sheet))
    (tmp_path / "map.yml").write_text(
        "posts:\n  date: Date\n  title: Caption\n  reach_organic: Reach\n  likes: Likes\n", encoding="utf-8"
    )
    fix = "correct the spreadsheet, then export again"
    assert problems(book, mapping=tmp_path / "map.yml") == [
        f"posts.xlsx:3: column 'Reach': the cell C3 holds the spreadsheet error #DIV/0! (a division by zero); {fix}",
        f"posts.xlsx:3: column 'Likes': the cell D3 holds the spreadsheet error #N/A (a lookup found no value); {fix}",
        "posts.xlsx:3: column 'Caption': the cell B3 holds the spreadsheet error #REF! (a formula refers to a cell "
        f"that was deleted); {fix}",
        "posts.xlsx:4: column 'Date': the cell A4 holds the spreadsheet error #VALUE! (a formula was given a value "
        f"of the wrong kind); {fix}",
        "posts.xlsx:4: column 'Likes': the cell D4 holds the spreadsheet error #NAME? (a formula uses a name the "
        f"spreadsheet does not know); {fix}",
    ]


@pytest.mark.parametrize("code", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_a_spreadsheet_error_in_a_csv_count_is_named_as_such(tmp_path, code):
    (tmp_path / "map.yml").write_text(
        "posts:\n  date: Date\n  title: Caption\n  reach_organic: Reach\n", encoding="utf-8"
    )
    (tmp_path / "posts.csv").write_text(f"Date,Caption,Reach\n2026-10-01,Fine,{code}\n", encoding="utf-8")
    (problem,) = problems(tmp_path / "posts.csv", mapping=tmp_path / "map.yml")
    assert problem.startswith(f"posts.csv:2: column 'Reach': the cell holds the spreadsheet error {code} (")


def test_a_utf8_file_with_one_windows_1252_line_is_refused_naming_the_line(tmp_path):
    """It was read wholly as Windows-1252, writing 'CafÃ©' for every other accent into the YAML."""
    lines = ["Date,Caption,Reach"] + [f"2026-10-{day:02d},Café n°{day},10" for day in range(1, 6)]
    raw = "\n".join(lines).encode("utf-8") + "\n2026-10-06,Crème brûlée,12\n".encode("cp1252")
    (tmp_path / "mixed.csv").write_bytes(raw)
    (tmp_path / "map.yml").write_text(
        "posts:\n  date: Date\n  title: Caption\n  reach_organic: Reach\n", encoding="utf-8"
    )
    assert problems(tmp_path / "mixed.csv", mapping=tmp_path / "map.yml") == [
        "mixed.csv: line 7 is not UTF-8 text while the file's other lines with accents are (such as line 2): the "
        "file mixes encodings; save it again as UTF-8 (or correct line 7)"
    ]
    windows = "\n".join(lines[:4]).encode("cp1252") + "\n2026-10-06,Crème brûlée,12\n".encode()
    (tmp_path / "mixed.csv").write_bytes(windows)
    assert problems(tmp_path / "mixed.csv", mapping=tmp_path / "map.yml") == [
        "mixed.csv: line 5 is UTF-8 text while the file's other lines with accents are Windows-1252 (such as line "
        "2): the file mixes encodings; save it again as UTF-8 (or correct line 5)"
    ]


def test_an_ods_error_cell_is_refused_though_calamine_reads_it_as_0(tmp_path):
    """LibreOffice keeps a failed formula's cell typed as a number (0) or an empty text, and marks
    the error beside it (calcext:value-type="error"); empty rows and columns repeated before it."""
    import zipfile

    def cell(value: str, kind: str = "string", repeat: int = 1) -> str:
        repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
        return f'<table:table-cell office:value-type="{kind}"{repeated}><text:p>{value}</text:p></table:table-cell>'

    error = (
        '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
    )
    rows = [
        cell("Date") + cell("Caption") + cell("Reach"),
        '<table:table-cell table:number-columns-repeated="3"/>',
        cell("2026-10-01") + cell("Fine") + error,
    ]
    body = "".join(f"<table:table-row>{row}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
        f'<office:body><office:spreadsheet><table:table table:name="Posts">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(tmp_path / "posts.ods", "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
        book.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
    (tmp_path / "map.yml").write_text(
        "posts:\n  date: Date\n  title: Caption\n  reach_organic: Reach\n", encoding="utf-8"
    )
    assert problems(tmp_path / "posts.ods", mapping=tmp_path / "map.yml") == [
        "posts.ods:3: column 'Reach': the cell C3 holds the spreadsheet error #DIV/0! (a division by zero); "
        "correct the spreadsheet, then export again"
    ]
