"""The wheel works outside this repository: built from the source tree, installed into a fresh
virtual environment in a temporary folder, it writes an agency's project (`strategy-bible init`)
that builds, validates and publishes.

What this proves: the wheel holds every module, template, theme file and project file the
commands read (nothing comes from the checkout: the test asserts where `strategy_bible` is
imported from), its entry points (the `strategy-bible` command, the MkDocs plugin) are declared,
and `init`'s project works as written. What it does not prove: that pip resolves the dependencies
from PyPI (2 minutes here, measured; too slow for every run): the fresh environment reads them
from the test environment's site-packages, through a .pth line placed after its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support import REPO

FOLDERS = ("plugins", "templates")
FILES = ("pyproject.toml", "README.md")
PUBLISH_OPTIONS = ("--allow-placeholders",)  # the example is the starter, placeholder texts and all


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A virtual environment outside the checkout with the wheel installed, and its environment."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # a copy: an in-tree build would leave build/ with stale modules in the checkout
    for name in FOLDERS:
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in FILES:
        shutil.copy(REPO / name, source / name)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(root / "dist"),
            str(source),
        ],
        root,
        env,
    )
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], root, env)
    python = venv / "bin" / "python"
    purelib = Path(
        run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root, env).strip()
    )
    (purelib / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    (wheel,) = (root / "dist").glob("strategy_bible-*.whl")
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        root,
        env,
    )
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return venv, env


def test_init_project_builds_validates_and_publishes_with_the_installed_wheel(installed, tmp_path):
    venv, env = installed
    python = str(venv / "bin" / "python")
    imported = run([python, "-c", "import strategy_bible; print(strategy_bible.__file__)"], tmp_path, env)
    assert Path(imported.strip()).is_relative_to(venv), imported

    said = run(["strategy-bible", "init", "bible", "--name", "Agence Test", "--language", "en"], tmp_path, env)
    project = tmp_path / "bible"
    assert "new bible project" in said
    for written in ("mkdocs.yml", "README.md", ".gitignore", "requirements.txt", ".github/workflows/pages.yml"):
        assert (project / written).is_file(), written
    (example,) = (project / "strategies").glob("*.yml")

    run([python, "-m", "mkdocs", "build"], project, env)
    page = project / "site" / "clients" / example.stem / "index.html"
    assert "Agence Test" in page.read_text(encoding="utf-8")

    assert "1 valid" in run(["strategy-bible", "validate"], project, env)

    secret = tmp_path / "share-secret.txt"
    secret.write_text("s" * 40, encoding="utf-8")
    published = run(
        [
            "strategy-bible",
            "publish",
            "--secret-file",
            str(secret),
            "--out",
            str(tmp_path / "public"),
            *PUBLISH_OPTIONS,
        ],
        project,
        env,
    )
    assert "published 1 client site" in published
    (folder,) = [path for path in (tmp_path / "public").iterdir() if path.is_dir() and path.name != "assets"]
    assert (folder / "index.html").is_file()
