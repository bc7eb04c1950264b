"""The ``strategy-bible`` command: the same layers as the plugin, from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .library import SUFFIXES, StrategyLibrary
from .schema import strategy_schema_json


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="strategy-bible")
def main() -> None:
    """Write, check and publish social-media strategy bibles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (as `mkdocs build --strict` does).")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check strategy files (files or folders; default: strategies/).

    Prints every problem as file:line:column: key: message, and exits with 1 if a file is invalid."""
    files = _strategy_files(paths or (Path("strategies"),))
    library = StrategyLibrary()
    errors = warnings = invalid = 0
    for path in files:
        entry = library.load(path, str(path))
        if not entry.valid:
            invalid += 1
            errors += len(entry.errors)
            for problem in entry.errors:
                click.echo(str(problem), err=True)
        else:
            warnings += len(entry.validated.warnings)
            for problem in entry.validated.warnings:
                click.echo(str(problem), err=True)
    summary = f"{len(files)} file{'s' if len(files) != 1 else ''} checked: {len(files) - invalid} valid"
    if invalid:
        summary += f", {invalid} invalid ({errors} error{'s' if errors != 1 else ''})"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    click.echo(summary)
    if invalid or (strict and warnings):
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of strategy files (for editors' completion)."""
    click.echo(strategy_schema_json(), nl=False)


def _strategy_files(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and not p.name.startswith(".")))
        elif path.exists():
            found.append(path)
        else:
            raise click.UsageError(f"no such file or folder: {path}")
    return found
