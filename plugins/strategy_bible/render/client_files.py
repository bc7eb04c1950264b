"""One client's generated files — its pages and downloads — made in one call, failures as data.

The same call runs in MkDocs' process or in a worker process (:mod:`.workers`); either way the
plugin gets a :class:`ClientFiles` back and decides what a failure means (in ``mkdocs build`` it
stops the build, in ``serve`` it shows an error page).
"""

from __future__ import annotations

import contextlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2
from jinja2.sandbox import SecurityError

from strategy_bible.render.client_view import ClientView
from strategy_bible.render.html_pages import HtmlStyle, PreparedPage
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.problems import Problem, Worded


@dataclass
class ClientFiles:
    pages: dict[str, str] = field(default_factory=dict)
    """``{src_uri: markdown}``; a page made as HTML has only its title here (see html_pages)."""
    downloads: dict[str, bytes] = field(default_factory=dict)
    prepared: dict[str, PreparedPage] = field(default_factory=dict)
    """``{src_uri: page}`` of the pages made as HTML."""
    problem: Problem | None = None
    """A template mistake (in a site's own templates, typically): no pages were made."""
    crash: str | None = None
    """A bug of ours, as its traceback: no pages were made."""


HEAVY_KINDS = frozenset({"kpis"})
"""The KPI page: about half of the time a client's files take to make (its tables, charts and
their search entries), hence one half of them when two processes make one client (see halves)."""
Half = Literal["kpis", "rest"]


def make_client_files(
    renderer: Renderer,
    view: ClientView,
    plan: SitePlan,
    timezone: str,
    project: Path,
    style: HtmlStyle | None = None,
    half: Half | None = None,
) -> ClientFiles:
    """``style``: the site's, to make the pages that have an HTML template as HTML; None: all Markdown.
    ``half``: only the KPI page, or only the other pages and the downloads (see :func:`joined`)."""
    try:
        heavy = None if half is None else (lambda kind: (kind in HEAVY_KINDS) == (half == "kpis"))
        pages, prepared = renderer.client_pages(view, plan, style, heavy)
        downloads = renderer.downloads(view, plan, timezone) if half != "kpis" else {}
        return ClientFiles(pages, downloads, prepared)
    except jinja2.TemplateError as error:
        return ClientFiles(problem=template_problem(error, project))
    except Exception:
        return ClientFiles(crash=traceback.format_exc())


def joined(halves: list[ClientFiles]) -> ClientFiles:
    """A client's files made in halves (see make_client_files), as one call would have made them;
    a failure of either half is the client's."""
    for half in halves:
        if half.problem is not None or half.crash is not None:
            return half
    return ClientFiles(
        {uri: page for half in halves for uri, page in half.pages.items()},
        {uri: data for half in halves for uri, data in half.downloads.items()},
        {uri: page for half in halves for uri, page in half.prepared.items()},
    )


def template_problem(error: jinja2.TemplateError, project: Path) -> Problem:
    """A template mistake placed at its file and line."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename is None:  # a runtime error (undefined name…): Jinja puts the template in the traceback
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".jinja")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    with contextlib.suppress(ValueError):
        filename = os.path.relpath(filename, project) if filename else "template"
    detail = str(error.message or error)  # Jinja's own words, quoted as they are in either language
    if isinstance(error, SecurityError):  # a Python internal refused by the sandbox (see renderer)
        message = Worded(
            f"template error: {detail} A template may use the data it is given (view, s, client, t, fmt…), "
            "not Python's internals",
            "error.template_unsafe",
            detail=detail,
        )
    else:
        message = Worded(f"template error: {detail}", "error.template", detail=detail)
    return Problem(filename or "template", line or 1, 1, "", message)
