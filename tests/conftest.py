"""Fixtures: the example bible built for each audience and served on localhost, and Debian's
chromium for playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, make_project, mkdocs_in_process, serve_directory, strategy_bible


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The repository's example bible, built for clients (the default audience); what the build
    printed is in ``build.log`` beside the site."""
    return logged_build(make_project(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory) -> Path:
    """The repository's example bible, built for the agency (internal audience); what the build
    printed is in ``build.log`` beside the site."""
    return logged_build(make_project(tmp_path_factory.mktemp("internal")), env={"STRATEGY_BIBLE_AUDIENCE": "internal"})


def logged_build(project: Path, env: dict[str, str] | None = None) -> Path:
    """``build``, its output kept: a test may check how the shared site was built."""
    built = mkdocs_in_process(project, "build", "--strict", env=env)
    (project / "build.log").write_text(built.stderr, encoding="utf-8")
    return project / "site"


@pytest.fixture(scope="session")
def example_url(example_site) -> Iterator[str]:
    with serve_directory(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def internal_url(internal_site) -> Iterator[str]:
    with serve_directory(internal_site) as url:
        yield url


# --- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's chromium: Playwright's own browser download does not
    work here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def console_errors(page) -> Iterator[list[str]]:
    """Console errors and uncaught exceptions of the page; a test asserts it stays empty."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield errors


# --- PDFs ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def example_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The agency-size example (internal items and all) printed for its client by the real command:
    its latest review's report and its whole bible; ``progress``: what the bible's run printed."""
    project = make_project(tmp_path_factory.mktemp("pdf"))
    for name, args in {"review": (), "bible": ("--bible",)}.items():
        made = strategy_bible(project, "pdf", "brasserie-du-canal", *args, "--out", f"{name}.pdf")
        assert made.returncode == 0, made.stderr
        (project / f"{name}.log").write_text(made.stderr + made.stdout, encoding="utf-8")
    return {"review": project / "review.pdf", "bible": project / "bible.pdf", "progress": project / "bible.log"}
