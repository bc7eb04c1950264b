"""`publish` and `import` say where they are, one plain line per step when their output is a log
(CI), and a publish log names no client and no share token."""

from __future__ import annotations

import shutil

from strategy_bible.commands.publish import share_table

from support import FIXTURES, make_project, strategy_bible

OTHER = FIXTURES / "valid" / "other-client.yml"
SECRET = "a-test-secret-that-is-long-enough-0123456789"


def test_publish_logs_its_progress_by_counts_never_a_client(tmp_path):
    project = make_project(
        tmp_path / "bible", {"confiance": FIXTURES / "valid" / "confidential.yml", "autre": OTHER}, pages=False
    )
    result = strategy_bible(project, "publish", "--out", "public", env={"STRATEGY_BIBLE_SECRET": SECRET, "CI": "true"})
    assert result.returncode == 0, result.stderr
    steps = [line for line in result.stderr.splitlines() if line.startswith("publish: ")]
    clients = share_table(project / "mkdocs.yml", SECRET)
    assert (
        steps
        and steps[-1] == f"publish: built {len(clients)} of {len(clients)} client sites ({len(clients)}/{len(clients)})"
    )
    for client in clients:
        assert client.token not in result.stdout + result.stderr
        assert not [line for line in steps if client.slug in line or client.name in line]


def test_import_logs_its_steps(tmp_path):
    project = make_project(tmp_path / "bible")
    shutil.copytree(FIXTURES / "exports", project / "exports")
    into = "strategies/brasserie-du-canal.yml"
    result = strategy_bible(project, "import", "exports/meta-instagram-en.csv", "--into", into)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("import: ")] == [
        "import: reading exports/meta-instagram-en.csv (0/3)",
        "import: read 3 posts, 0 measurements (1/3)",
        f"import: matched with {into} (2/3)",
        f"import: checked and wrote {into} (3/3)",
    ]
