"""`strategy-bible import`, run as a user runs it, on export files in the exact shape of the real ones
(tests/fixtures/exports/): posts appended after the file's own and nothing else changed, the same
export twice changes nothing, a newer one updates counts, --dry-run writes nothing, every refusal
exits 1 and leaves the file as it was, writers wait for each other, and the built site shows the
imported posts."""

from __future__ import annotations

import difflib
import html
import re
import shutil
from pathlib import Path

import pytest
from test_writing_commands import WAITING_SAYS_SO, command, leftovers, start, state
from test_writing_commands import refused as refused_for

from support import FIXTURES, REPO, build, make_project

FILE = "strategies/brasserie-du-canal.yml"
EXPORTS = FIXTURES / "exports"
INSTAGRAM = EXPORTS / "meta-instagram-en.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example brasserie, and the exports copied beside it as a user would have them."""
    (tmp_path / "strategies").mkdir()
    shutil.copy(REPO / FILE, tmp_path / FILE)
    shutil.copytree(EXPORTS, tmp_path / "exports")
    return tmp_path


def refused(project: Path, *args: str) -> str:
    return refused_for(project, *args, path=FILE)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


LAST_POST = (
    "  - {date: 2026-10-07, channel: instagram, url: https://instagram.example.org/p/table-ronde, "
    "reach_organic: 4200, likes: 305, comments: 27, shares: 21, clicks: 38, pillar: communaute, format: reel}\n"
)
IMPORTED = (
    '  - {date: 2026-10-03, channel: instagram, title: "Nouvelle bière de saison, enfin !", '
    'url: https://www.instagram.com/p/DAbc123/, post_id: "18034567890123456", '
    "reach_organic: 2310, likes: 187, comments: 23, shares: 12, clicks: null, format: post}\n"
    '  - {date: 2026-10-16, channel: instagram, title: "Afterwork jeudi: DJ, planches, et la terrasse chauffée", '
    'url: https://www.instagram.com/reel/DAbc456/, post_id: "18034567890123457", '
    "reach_organic: 6120, likes: 402, comments: 41, shares: 38, clicks: null, format: reel}\n"
    "  - {date: 2026-10-31, channel: instagram, url: https://www.instagram.com/p/DAbc789/, "
    'post_id: "18034567890123458", reach_organic: 615, likes: 44, comments: 3, shares: 0, clicks: null, format: carousel}\n'
)


def test_import_appends_the_posts_after_the_files_own_and_twice_changes_nothing(project):
    before = (project / FILE).read_text(encoding="utf-8")
    result = command(project, "import", "exports/meta-instagram-en.csv", "--into", FILE)
    assert result.returncode == 0, result.stderr
    after = (project / FILE).read_text(encoding="utf-8")
    assert after == before.replace(LAST_POST, LAST_POST + IMPORTED, 1)
    assert result.stdout.splitlines() == [
        f"{FILE}: import of exports/meta-instagram-en.csv",
        "  columns: date ← 'Publish time', post_id ← 'Post ID', url ← 'Permalink', title ← 'Description', "
        "reach_organic ← 'Reach', likes ← 'Likes', comments ← 'Comments', shares ← 'Shares', "
        "format ← 'Post type', not in the export: clicks (unknown)",
        '  + post 2026-10-03 instagram "Nouvelle bière de saison, enfin !": reach_organic 2310, likes 187, '
        "comments 23, shares 12, clicks unknown",
        '  + post 2026-10-16 instagram "Afterwork jeudi: DJ, planches, et la terrasse chauffée": '
        "reach_organic 6120, likes 402, comments 41, shares 38, clicks unknown",
        "  + post 2026-10-31 instagram https://www.instagram.com/p/DAbc789/: reach_organic 615, likes 44, "
        "comments 3, shares 0, clicks unknown",
        "  skipped exports/meta-instagram-en.csv: column 'Date': 'Lifetime' is the period of the figures, "
        "not a date; not read (a post's date is 'Publish time')",
        f"{FILE}: posts: 3 added, 0 updated, 0 unchanged; measurements: 0 added, 0 updated, 0 unchanged",
    ]

    once = state(project / FILE)
    again = command(project, "import", "exports/meta-instagram-en.csv", "--into", FILE)
    assert again.returncode == 0, again.stderr
    assert state(project / FILE) == once  # same bytes, not even rewritten
    assert again.stdout.splitlines()[-1] == (
        f"{FILE}: posts: 0 added, 0 updated, 3 unchanged; measurements: 0 added, 0 updated, 0 unchanged"
    )
    assert leftovers(project / "strategies") == []
    assert command(project, "validate", FILE).returncode == 0


def test_a_newer_export_updates_the_counts_and_keeps_what_the_user_wrote(project):
    assert command(project, "import", "exports/meta-instagram-en.csv", "--into", FILE).returncode == 0
    text = (project / FILE).read_text(encoding="utf-8")
    # the user classifies an imported post and rewrites its title
    mine = text.replace('title: "Nouvelle bière de saison, enfin !"', "title: La bière de saison", 1)
    mine = mine.replace(
        "shares: 12, clicks: null, format: post}", "shares: 12, clicks: null, pillar: coulisses, format: post}", 1
    )
    (project / FILE).write_text(mine, encoding="utf-8")
    newer = project / "exports" / "meta-instagram-en-newer.csv"
    newer.write_bytes(INSTAGRAM.read_bytes().replace(b",2310,187,12,4,23,31", b",2480,203,15,4,29,31"))
    result = command(project, "import", "exports/meta-instagram-en-newer.csv", "--into", FILE)
    assert result.returncode == 0, result.stderr
    after = (project / FILE).read_text(encoding="utf-8")
    assert changed_lines(mine, after) == [
        "-  - {date: 2026-10-03, channel: instagram, title: La bière de saison, url: https://www.instagram.com/p/DAbc123/, "
        'post_id: "18034567890123456", reach_organic: 2310, likes: 187, comments: 23, shares: 12, clicks: null, '
        "pillar: coulisses, format: post}",
        "+  - {date: 2026-10-03, channel: instagram, title: La bière de saison, url: https://www.instagram.com/p/DAbc123/, "
        'post_id: "18034567890123456", reach_organic: 2480, likes: 203, comments: 29, shares: 15, clicks: null, '
        "pillar: coulisses, format: post}",
    ]
    assert (
        '  ~ post 2026-10-03 instagram "La bière de saison": reach_organic 2310 → 2480, likes 187 → 203, '
        "comments 23 → 29, shares 12 → 15"
    ) in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].endswith(
        "posts: 0 added, 1 updated, 2 unchanged; measurements: 0 added, 0 updated, 0 unchanged"
    )


def test_dry_run_prints_what_would_change_and_writes_nothing(project):
    before = state(project / FILE)
    result = command(project, "import", "exports/meta-instagram-en.csv", "--into", FILE, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == f"{FILE}: import of exports/meta-instagram-en.csv (dry run: nothing written)"
    )
    assert result.stdout.splitlines()[-1] == (
        f"{FILE}: posts: 3 added, 0 updated, 0 unchanged; measurements: 0 added, 0 updated, 0 unchanged"
    )
    assert state(project / FILE) == before
    assert sorted(p.name for p in (project / "strategies").iterdir()) == ["brasserie-du-canal.yml"]  # not even a lock


def test_a_report_mapped_to_a_kpi_records_its_measurement_once(project):
    args = ("import", "exports/ga4-acquisition.csv", "--map", "exports/ga4-organic-social.map.yml", "--into", FILE)
    before = (project / FILE).read_text(encoding="utf-8")
    result = command(project, *args)
    assert result.returncode == 0, result.stderr
    assert "  + kpis[visites-boutique] 2026-10-31 = 512" in result.stdout.splitlines()
    after = (project / FILE).read_text(encoding="utf-8")
    assert [line for line in changed_lines(before, after)] == [
        '+      - {date: 2026-10-31, value: 512, note: "GA4, Organic Social sessions"}'
    ]
    again = command(project, *args)
    assert again.returncode == 0 and (project / FILE).read_text(encoding="utf-8") == after
    assert again.stdout.splitlines()[-1].endswith("measurements: 0 added, 0 updated, 1 unchanged")


PROGRESS = re.compile(r"^import: .* \(\d+/\d+\)$")
"""A progress line on standard error (issue 24), between the command's own words."""


def said(stderr: str) -> list[str]:
    """What the command says on standard error, less its progress lines."""
    return [line for line in stderr.splitlines() if not PROGRESS.match(line)]


def test_refusals_exit_1_list_every_problem_and_write_nothing(project):
    broken = refused(project, "import", "exports/meta-instagram-en-broken.csv", "--into", FILE)
    assert said(broken) == [
        "Error: the export cannot be imported (1 problem)",
        "exports/meta-instagram-en-broken.csv:5: column 'Reach': 'abc' is not a number",
    ]
    wrong_kpi = project / "exports" / "wrong-kpi.map.yml"
    wrong_kpi.write_text(
        (EXPORTS / "ga4-organic-social.map.yml")
        .read_text(encoding="utf-8")
        .replace("visites-boutique", "visites-boutque"),
        encoding="utf-8",
    )
    unknown = refused(project, "import", "exports/ga4-acquisition.csv", "--map", str(wrong_kpi), "--into", FILE)
    assert "has no KPI 'visites-boutque' (did you mean 'visites-boutique'?)" in unknown
    assert said(unknown)[0] == (
        f"Error: exports/ga4-acquisition.csv was not imported into {FILE} (1 problem); nothing was written:"
    )
    channel = refused(project, "import", "exports/meta-instagram-en.csv", "--into", FILE, "--channel", "instagramm")
    assert (
        "has no channel 'instagramm' (did you mean 'instagram'?); channels: instagram, facebook, linkedin, newsletter"
        in channel
    )
    assert refused(project, "import", "exports/none.csv", "--into", FILE) == "Error: no such file: exports/none.csv\n"
    missing = command(project, "import", "exports/meta-instagram-en.csv", "--into", "strategies/none.yml")
    assert (missing.returncode, said(missing.stderr)) == (1, ["Error: no such file: strategies/none.yml"])


def test_an_import_waits_for_another_writer_of_the_file(project):
    from strategy_bible.commands.file_lock import locked

    path = project / FILE
    original = path.read_bytes()
    with locked(path):  # another writer, in the middle of its write
        waiting = start(project, "import", "exports/meta-instagram-en.csv", "--into", FILE, python=WAITING_SAYS_SO)
        first = waiting.stderr.readline()
        while PROGRESS.match(first.rstrip("\n")):  # reading the export comes before taking the lock
            first = waiting.stderr.readline()
        assert first == "waiting for the lock\n", waiting.communicate()
        assert waiting.poll() is None
        assert path.read_bytes() == original
    assert waiting.wait(timeout=60) == 0, waiting.communicate()[1]
    assert path.read_text(encoding="utf-8").count("post_id:") == 3


def test_the_built_site_shows_an_imported_post(tmp_path):
    project = make_project(tmp_path / "site-project", {"brasserie-du-canal": REPO / FILE})
    result = command(project, "import", str(EXPORTS / "meta-facebook-en.csv"), "--into", FILE)
    assert result.returncode == 0, result.stderr
    result = command(project, "import", str(EXPORTS / "meta-instagram-en.csv"), "--into", FILE)
    assert result.returncode == 0, result.stderr
    page = (build(project) / "clients/brasserie-du-canal/posts/index.html").read_text(encoding="utf-8")
    assert "Autumn service week: 20% off tune-ups, book now" in html.unescape(page)
    # Instagram gives no clicks: the post's engagement and click rates are unknown, never 0 %
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "Nouvelle bière de saison" in html.unescape(r))
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[-3:] == ["—", "—", "—"]  # interactions, engagement rate, click rate


def test_20000_posts_are_refused_as_too_many_posts_not_as_aliases(project):
    """20,000 Instagram rows took 22 s to splice, then were refused for 'aliases' the file does not have."""
    header = (EXPORTS / "meta-instagram-en.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [
        f"{19_000_000 + n},1,b,B,Post {n},,10/01/2026 09:00,https://ig.example/p/{n},IG image,,Lifetime,9,{n},1,0,0,0,0"
        for n in range(20_000)
    ]
    (project / "exports" / "big.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    message = refused(project, "import", "exports/big.csv", "--into", FILE)
    assert "alias" not in message
    assert "exports/big.csv: 20,000 posts are too many for one strategy file" in message
    assert message.rstrip().endswith("export a shorter period")


def test_an_export_of_two_accounts_is_refused_and_account_picks_one(project):
    text = INSTAGRAM.read_text(encoding="utf-8")
    last = text.rindex("17841400000000001,brasserieducanal,")
    two = "17841400000000009,canal-annexe,".join([text[:last], text[last + 35 :]])
    (project / "exports" / "two.csv").write_text(two, encoding="utf-8")
    stderr = refused(project, "import", "exports/two.csv", "--into", FILE)
    assert "'brasserieducanal' (2 posts), 'canal-annexe' (1 post)" in stderr
    result = command(project, "import", "exports/two.csv", "--into", FILE, "--account", "brasserieducanal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{FILE}: posts: 2 added, 0 updated")
