"""Fixtures: the example bible built for each audience and served on localhost, and Debian's
chromium for playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from strategy_bible.commands import publish_check
from strategy_bible.strategy import files
from strategy_bible.strategy.files import read_strategy

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


@pytest.fixture(scope="module")
def module_context(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture
def page(module_context: BrowserContext, browser_context_args: dict) -> Iterator[Page]:
    """pytest-playwright's ``page``, but one tab for the tests of a module (a new one if a test
    closed it): a new tab for each test cost about 0.7 s more per test than a tab already open (a
    renderer process to start, the theme's scripts compiled again: 1.0 s against 0.3 s a visit,
    measured); each test starts with ``goto`` anyway. What a test changed of the tab is put back
    afterwards: its event listeners, routes, viewport, print media and the mouse's place.
    pytest-playwright's --screenshot, --video and --tracing record its own contexts, not this one."""
    tab = module_context.pages[0] if module_context.pages else module_context.new_page()
    listeners: list[tuple[str, Callable]] = []

    def on(event: str, handler: Callable) -> None:
        listeners.append((event, handler))
        Page.on(tab, event, handler)

    tab.on = on  # type: ignore[method-assign]
    yield tab
    del tab.on
    if not tab.is_closed():
        for event, handler in listeners:
            tab.remove_listener(event, handler)
        tab.unroute_all(behavior="ignoreErrors")
        tab.emulate_media(media="null")
        tab.set_viewport_size(browser_context_args.get("viewport") or DEFAULT_VIEWPORT)
        tab.mouse.move(0, 0)


DEFAULT_VIEWPORT = {"width": 1280, "height": 720}
"""Playwright's viewport when pytest-playwright's ``browser_context_args`` names none."""


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


@pytest.fixture
def strategy_reads(monkeypatch) -> list[Path]:
    """Every strategy file read in this process, in order: by a build's reading
    (strategy.files) or by publish's check (commands.publish_check)."""
    reads: list[Path] = []

    def counted(path: Path, source: str):
        reads.append(path)
        return read_strategy(path, source)

    monkeypatch.setattr(files, "read_strategy", counted)
    monkeypatch.setattr(publish_check, "read_strategy", counted)
    return reads
