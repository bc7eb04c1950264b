"""The GitHub Pages workflow, checked by actionlint (from PyPI, which ships the binary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT, "actionlint is missing: `make test` installs it with the test extra"
    return subprocess.run([ACTIONLINT, "-no-color", *map(str, files)], capture_output=True, text=True, timeout=60)


def test_the_pages_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    """So that the check above can fail: a typo in an expression and an unknown runner key."""
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    text = text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "runs_on" in result.stdout


def test_the_workflow_publishes_share_links_and_never_gh_deploy():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "strategy-bible publish" in text and "--hide-links" in text
    assert "secrets.STRATEGY_BIBLE_SECRET" in text
    assert "gh-deploy" not in text.replace("`mkdocs gh-deploy` is deliberately not used", "")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
