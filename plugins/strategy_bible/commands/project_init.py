"""``strategy-bible init DIR``: an agency's own bible project, apart from this tool's repository.

The agency installs the plugin (``pip install strategy-bible``) and keeps its confidential strategies
in a project of its own: ``mkdocs.yml`` naming the plugin with the agency's brand, ``strategies/``
with one commented example (the starter of ``strategy-bible new``), ``pages/``, the JSON Schema for
editors, the GitHub Pages workflow, a ``.gitignore`` and a short README. The files come from
``templates/project/``, shipped inside the package.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from strategy_bible.commands import starter, yaml_scalars
from strategy_bible.commands.editing import EditRefused
from strategy_bible.render.renderer import default_templates_dir
from strategy_bible.strategy.schema import strategy_schema_json

EXAMPLE = {"fr": "exemple-client", "en": "example-client"}
DEFAULT_NAME = {"fr": "Notre agence", "en": "Our agency"}
SITE_NAME = {"fr": "Bible des stratégies — {name}", "en": "Strategy bible — {name}"}
COPYRIGHT = {"fr": "© {name} — document préparé pour nos clients", "en": "© {name} — prepared for our clients"}
WORKFLOW = Path(".github") / "workflows" / "pages.yml"


def project_templates() -> Path:
    return default_templates_dir() / "project"


def create_project(folder: Path, name: str | None = None, language: str = "fr") -> list[Path]:
    """Write the project into ``folder`` (made if missing); :class:`EditRefused`, with nothing
    written, when ``folder`` is a file or a folder that holds anything. Returns the files written."""
    if name is not None and not name.strip():
        raise EditRefused("the name is empty; give the agency's name, or leave --name out")
    if folder.exists() and not folder.is_dir():
        raise EditRefused(f"{folder} is a file, so nothing was written: give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise EditRefused(f"{folder} is not empty, so nothing was written: give a new or empty folder")
    agency = " ".join((name or DEFAULT_NAME[language]).split())
    example = EXAMPLE[language]
    texts = _rendered(agency, language, example)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for relative, text in texts.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    workflow = folder / WORKFLOW
    workflow.parent.mkdir(parents=True)
    shutil.copyfile(project_templates() / "pages.yml", workflow)
    keep = folder / "pages" / "assets" / ".gitkeep"  # git keeps no empty folder; MkDocs skips dot files
    keep.parent.mkdir(parents=True)
    keep.write_text("", encoding="utf-8")
    strategies = folder / "strategies"
    written += [workflow, starter.create(strategies, example, project=folder, language=None)]
    return written


def _rendered(agency: str, language: str, example: str) -> dict[str, str]:
    environment = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(project_templates()),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["yaml"] = yaml_scalars.scalar
    values = {
        "name": agency,
        "language": language,
        "example": example,
        "site_name": SITE_NAME[language].format(name=agency),
        "copyright": COPYRIGHT[language].format(name=agency),
        "version": metadata.version("strategy-bible"),
    }
    texts = {
        target: environment.get_template(source).render(values)
        for target, source in (
            ("mkdocs.yml", "mkdocs.yml.jinja"),
            ("README.md", "README.md.jinja"),
            (".gitignore", "gitignore.jinja"),
            ("requirements.txt", "requirements.txt.jinja"),
        )
    }
    texts[str(starter.SCHEMA)] = strategy_schema_json()
    return texts
