"""`strategy-bible init DIR`: an agency's project, written from the templates the package ships.
(The wheel test, test_installed_wheel.py, builds and publishes such a project from an installed wheel.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from strategy_bible.commands.cli import main

ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")


def init(*args: str):
    return CliRunner().invoke(main, ["init", *args])


def test_init_writes_a_project_with_the_agency_s_brand_and_language(tmp_path):
    project = tmp_path / "bible"
    result = init(str(project), "--name", "Agence « Nord » : Lille", "--language", "en")
    assert result.exit_code == 0, result.output
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["site_name"] == "Strategy bible — Agence « Nord » : Lille"
    assert config["copyright"] == "© Agence « Nord » : Lille — prepared for our clients"
    assert config["theme"]["language"] == "en"
    assert config["extra"]["generator"] == "false"
    assert any("strategy-bible" in plugin for plugin in config["plugins"])
    assert (project / "strategies" / "example-client.yml").is_file()
    assert (project / "schema" / "strategy.schema.json").is_file()
    assert (project / "pages").is_dir()
    assert "Every month" in (project / "README.md").read_text(encoding="utf-8")
    assert "`STRATEGY_BIBLE_SHARDS`" in (project / "README.md").read_text(encoding="utf-8")
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"site/", "share-secret.txt"} <= set(ignored)


def test_init_in_french_by_default(tmp_path):
    assert init(str(tmp_path / "bible")).exit_code == 0
    assert (tmp_path / "bible" / "strategies" / "exemple-client.yml").is_file()
    readme = (tmp_path / "bible" / "README.md").read_text(encoding="utf-8")
    assert "Chaque mois" in readme and "`STRATEGY_BIBLE_SHARDS`" in readme


def test_init_refuses_a_folder_that_holds_anything_and_writes_nothing(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = init(str(tmp_path))
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path} is not empty, so nothing was written: give a new or empty folder\n"
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_an_empty_name(tmp_path):
    result = init(str(tmp_path / "bible"), "--name", "  ")
    assert result.exit_code == 1
    assert "the name is empty" in result.output
    assert not (tmp_path / "bible").exists()


def test_the_project_s_workflow_passes_actionlint(tmp_path):
    assert init(str(tmp_path / "bible")).exit_code == 0
    assert ACTIONLINT, "actionlint is missing: `make test` installs it with the test extra"
    workflow = tmp_path / "bible" / ".github" / "workflows" / "pages.yml"
    done = subprocess.run([ACTIONLINT, "-no-color", str(workflow)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pip install --quiet -r requirements.txt" in workflow.read_text(encoding="utf-8")
