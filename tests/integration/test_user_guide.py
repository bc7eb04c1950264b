"""The user's guide (docs/en, docs/fr) builds strictly (a broken link fails), and its format pages
cover every section a strategy file may hold, in both languages."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from strategy_bible.strategy.schema import strategy_schema_json

from support import REPO

SECTIONS = list(json.loads(strategy_schema_json())["properties"])


def test_the_guide_builds_strictly_in_both_languages(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-docs.yml", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for language, title in (("en", "The strategy file"), ("fr", "Le fichier de stratégie")):
        assert title in (tmp_path / "site" / language / "format" / "index.html").read_text(encoding="utf-8")


def test_the_format_pages_cover_every_section_of_a_strategy_file():
    for language in ("en", "fr"):
        text = (REPO / "docs" / language / "format.md").read_text(encoding="utf-8")
        headed = {
            key for line in re.findall(r"^## .*$", text, flags=re.MULTILINE) for key in re.findall(r"`([a-z_]+)`", line)
        }
        assert [section for section in SECTIONS if section not in headed] == [], language


def test_the_readme_links_to_files_that_exist():
    """The README once named a "shared format document" and an imports/ folder that were not there."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\((?!https?://|#)([^)]+)\)", readme)
    assert "docs/en/index.md" in targets and "docs/fr/index.md" in targets and "DEVELOPING.md" in targets
    assert [target for target in targets if not (REPO / target).exists()] == []
