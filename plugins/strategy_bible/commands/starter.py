"""A new client's strategy file, to fill in: ``strategy-bible new SLUG``.

The text comes from the template ``starter.yml.jinja`` (next to the page templates, shipped in the
package): an agency can read and change it like any template. It is commented (in French, the
product's first language) and holds one example of each part — an objective on one of the four
axes, its KPI, an action with a checklist and an event — so that it validates without a warning
and builds with ``mkdocs build --strict`` as it is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.editing import EditRefused, create_file
from strategy_bible.render.renderer import default_templates_dir
from strategy_bible.strategy.dates import add_months
from strategy_bible.strategy.files import SUFFIXES
from strategy_bible.strategy.validation import slug_refusal

TEMPLATE = "starter.yml.jinja"
SCHEMA = Path("schema") / "strategy.schema.json"
"""Where a project keeps the JSON Schema (``strategy-bible schema > schema/strategy.schema.json``)."""


def create(
    folder: Path, slug: str, name: str | None = None, project: Path | None = None, language: str | None = None
) -> Path:
    """Write ``folder/slug.yml`` from the starter; :class:`EditRefused` for a slug that is not allowed
    or a client that already has a file. ``project`` (default: the current folder) is where the
    schema folder is, for the editor's ``$schema`` line. ``language``: the client's
    (``client.language``); None leaves it to the site's."""
    refusal = slug_refusal(slug)
    if refusal is not None:
        raise EditRefused(refusal)
    if name is not None and not name.strip():
        raise EditRefused("the name is empty; give the client's name, or leave --name out to take it from the slug")
    path = folder / f"{slug}.yml"
    for existing in (folder / f"{slug}{suffix}" for suffix in SUFFIXES):
        if existing.exists():
            raise EditRefused(f"{existing} already exists, so nothing was written: edit it, or choose another slug")
    text = starter_text(
        slug,
        name,
        shown=str(path),
        schema=schema_reference(folder, Path.cwd() if project is None else project),
        language=language,
    )
    create_file(path, str(path), text)
    return path


def display_name(slug: str, name: str | None) -> str:
    return " ".join((name if name is not None else name_from_slug(slug)).split())


def name_from_slug(slug: str) -> str:
    """``boulangerie-martin`` → ``Boulangerie Martin``."""
    return " ".join(word.capitalize() for word in slug.split("-") if word) or slug


def schema_reference(folder: Path, project: Path) -> str:
    """The schema's path as seen from ``folder`` (``../schema/strategy.schema.json`` from ``strategies/``)."""
    return Path(os.path.relpath(project / SCHEMA, folder)).as_posix()


def starter_text(
    slug: str,
    name: str | None = None,
    *,
    shown: str | None = None,
    schema: str = "../schema/strategy.schema.json",
    today: dt.date | None = None,
    language: str | None = None,
) -> str:
    """The starter strategy of ``slug``: a one-year period from the first day of this month."""
    today = today or dt.date.today()
    start = today.replace(day=1)
    end = add_months(start, 12) - dt.timedelta(days=1)
    event_day = add_months(start, 1).replace(day=15)
    environment = SandboxedEnvironment(  # as every template of the package (see renderer)
        loader=jinja2.FileSystemLoader(default_templates_dir()),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["yaml"] = yaml_scalars.scalar
    name = name if name is not None else name_from_slug(slug)
    return environment.get_template(TEMPLATE).render(
        slug=slug,
        name=name,
        language=language,
        title=" ".join(name.split()),  # for the comment line: one line, whatever the name holds
        path=shown or f"strategies/{slug}.yml",
        schema=schema,
        start=start.isoformat(),
        end=end.isoformat(),
        baseline=(start - dt.timedelta(days=1)).isoformat(),
        action_end=(add_months(start, 3) - dt.timedelta(days=1)).isoformat(),
        example_date=(add_months(start, 1) - dt.timedelta(days=1)).isoformat(),
        event_day=event_day.isoformat(),
        event_start=f"{event_day.isoformat()}T08:30",
        event_end=f"{event_day.isoformat()}T10:30",
    )
