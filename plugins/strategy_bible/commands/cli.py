"""The ``strategy-bible`` command: the same layers as the plugin, from the shell."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from strategy_bible.commands.share_links import ROTATIONS_FILE, SECRET_VARIABLE
from strategy_bible.strategy.numbers import too_many_digits
from strategy_bible.strategy.problem_log import counted

# MkDocs, the publish and PDF machinery and the strategy model (pydantic) are imported by the
# commands that use them: each start of the command, `--help` included, paid for them all.


class _WholeNumber(click.ParamType):
    """A whole number option; one written with too many digits is refused in one short line
    (click would quote every digit, and Python reads no whole number of more than 4,300)."""

    name = "integer"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        if refused := too_many_digits(str(value)):
            self.fail(f"'{str(value)[:9]}…': {refused}", param, ctx)
        return click.INT.convert(value, param, ctx)


_WHOLE_NUMBER = _WholeNumber()


class _ShardOption(click.ParamType):
    """``--shard K/N``, read by :meth:`Shard.parse`, whose refusal says what is allowed."""

    name = "K/N"

    def convert(self, value, param, ctx):
        from strategy_bible.commands.shards import Shard, ShardError

        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except ShardError as error:
            self.fail(str(error), param, ctx)


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
    from strategy_bible.analysis.reviews import future_warnings, with_review_warnings
    from strategy_bible.strategy.files import StrategyLibrary

    files = _strategy_files(paths or (Path("strategies"),))
    thresholds = _thresholds()
    library = StrategyLibrary()
    errors = warnings = invalid = 0
    for path in files:
        entry = library.load(path, str(path))
        if entry.validated is None:
            invalid += 1
            errors += len(entry.errors)
            for problem in entry.errors:
                click.echo(str(problem), err=True)
        else:
            shown = sorted([*with_review_warnings(entry.validated, thresholds), *future_warnings(entry.validated)])
            warnings += len(shown)
            for problem in shown:
                click.echo(str(problem), err=True)
    summary = f"{counted(len(files), 'file')} checked: {len(files) - invalid} valid"
    if invalid:
        summary += f", {invalid} invalid ({counted(errors, 'error')})"
    if warnings:
        summary += f", {counted(warnings, 'warning')}"
    click.echo(summary)
    if invalid or (strict and warnings):
        sys.exit(1)


@main.command()
@click.option("--bible", is_flag=True, help="The schema of the bible.json download instead.")
def schema(bible: bool) -> None:
    """Print the JSON Schema of strategy files (for editors' completion), or of bible.json."""
    if bible:
        from strategy_bible.render.bible_json import bible_schema

        click.echo(bible_schema(), nl=False)
    else:
        from strategy_bible.strategy.schema import strategy_schema_json

        click.echo(strategy_schema_json(), nl=False)


# Writing commands: one change to one file, the rest of it kept byte for byte (see editing.py).
# A refusal (exit 1) says why and leaves the file untouched.


@main.command(context_settings={"ignore_unknown_options": True})  # lets VALUE be negative: -3
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("kpi_id")
@click.argument("value")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Day of the measurement (default: today).")
@click.option("--note", metavar="TEXT", help="Plain text: what explains this figure.")
@click.option("--replace", is_flag=True, help="Replace the measurement already recorded on that day.")
def record(file: Path, kpi_id: str, value: str, day: str | None, note: str | None, replace: bool) -> None:
    """Add a measurement to a KPI, e.g. `record strategies/acme.yml ig-followers 1400 --date 2026-03-31`.

    VALUE may be written the French way (3,5 or 1 234,5). A date after today is refused. The file is
    validated before and after the change; nothing is written if either is invalid. Prints the
    KPI's new progress and verdict."""
    from strategy_bible.analysis.computed_kpis import build_day
    from strategy_bible.commands import editing

    with _refusals():
        when = editing.parse_date(day) if day is not None else build_day()
        number = editing.parse_number(value)
        change = editing.rewrite(
            file,
            str(file),
            lambda text: editing.record(text, kpi_id, when, number, note, replace=replace, shown=str(file)),
        )
    click.echo(change.summary)
    click.echo(editing.standing_line(change.text, kpi_id, build_day(), str(file)))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("item_id")
@click.argument("task")
@click.option("--undo", is_flag=True, help="Untick the task instead.")
def check(file: Path, item_id: str, task: str, undo: bool) -> None:
    """Tick a checklist task of an action or event, e.g. `check strategies/acme.yml weekly-live 2`.

    TASK is the task's number (from 1), its text, or part of its text that only one task holds."""
    from strategy_bible.commands import editing

    with _refusals():
        change = editing.rewrite(
            file, str(file), lambda text: editing.tick(text, item_id, task, undo=undo, shown=str(file))
        )
    click.echo(change.summary)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("kpi_id")
@click.argument("decision")
@click.option("--reason", metavar="TEXT", help="Plain text: why (needed when it differs from the rule's decision).")
@click.option("--confidence", type=_WHOLE_NUMBER, metavar="1-10", help="How sure you are, a whole number from 1 to 10.")
@click.option("--review", "review_id", metavar="ID", help="The review to add to or create (default: the date's).")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Day of the review (default: today).")
@click.option("--force", is_flag=True, help="Record a decision that differs from the rule's without a reason.")
@click.option("--replace", is_flag=True, help="Amend the decision already recorded on that KPI at that review.")
@click.option("--attendees", metavar="NAMES", help="Who took part in the review, separated by commas.")
@click.option("--summary", metavar="TEXT", help="What was said at the review (Markdown).")
def decide(
    file: Path,
    kpi_id: str,
    decision: str,
    reason: str | None,
    confidence: int | None,
    review_id: str | None,
    day: str | None,
    force: bool,
    replace: bool,
    attendees: str | None,
    summary: str | None,
) -> None:
    """Record a review decision on a KPI: continue, optimise, change or stop (or in French as the
    pages say it: continuer, optimiser, changer, arrêter).

    E.g. `decide strategies/acme.yml ig-followers optimise --reason "Reach is flat" --date 2026-10-05`.
    The decision goes into the review of that date (made as review-DATE if there is none) and is
    printed beside the rule's decision at that date."""
    from strategy_bible.analysis.clock import BadSourceDate, build_time
    from strategy_bible.commands import deciding, editing

    thresholds = _thresholds()

    def edit(text: str) -> editing.Edit:
        return deciding.decide(
            text,
            kpi_id,
            decision,
            day=when,
            review_id=review_id,
            reason=reason,
            confidence=confidence,
            force=force,
            thresholds=thresholds,
            shown=str(file),
            replace=replace,
            attendees=attendees.split(",") if attendees is not None else None,
            summary=summary,
        ).edit

    with _refusals():
        try:
            when = editing.parse_date(day) if day is not None else build_time().date()
        except BadSourceDate as error:
            raise click.ClickException(str(error)) from None
        change = editing.rewrite(file, str(file), edit)
    click.echo(change.summary)


@main.command(context_settings={"ignore_unknown_options": True})  # a negative AMOUNT is refused by spend, not click
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("item_id")
@click.argument("amount")
@click.option("--add", is_flag=True, help="Add AMOUNT to what the item has spent instead of replacing it.")
def spend(file: Path, item_id: str, amount: str, add: bool) -> None:
    """Set what a means item has spent to date, e.g. `spend strategies/acme.yml ads-afterworks 1200`
    (or `--add 150` to add an invoice to it). The file is validated before and after the change."""
    from strategy_bible.commands import editing, spending

    with _refusals():
        number = editing.parse_number(amount)
        change = editing.rewrite(
            file, str(file), lambda text: spending.spend(text, item_id, number, add=add, shown=str(file))
        )
    click.echo(change.summary)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("event_id")
@click.option("--registrations", type=_WHOLE_NUMBER, metavar="N", help="How many people registered.")
@click.option("--attendees", type=_WHOLE_NUMBER, metavar="N", help="How many people came.")
def attend(file: Path, event_id: str, registrations: int | None, attendees: int | None) -> None:
    """Set an event's registrations and attendees, e.g.
    `attend strategies/acme.yml breakfast-march --registrations 38 --attendees 31`.
    The file is validated before and after the change."""
    from strategy_bible.commands import attending, editing

    with _refusals():
        change = editing.rewrite(
            file,
            str(file),
            lambda text: attending.attend(
                text, event_id, registrations=registrations, attendees=attendees, shown=str(file)
            ),
        )
    click.echo(change.summary)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("item_id")
@click.option("--status", required=True, metavar="STATUS", help="idea, draft, approved, published or dropped.")
def calendar(file: Path, item_id: str, status: str) -> None:
    """Set a calendar item's status, e.g. `calendar strategies/acme.yml first-live --status approved`.
    The file is validated before and after the change."""
    from strategy_bible.commands import editing, scheduling

    with _refusals():
        change = editing.rewrite(
            file, str(file), lambda text: scheduling.set_status(text, item_id, status, shown=str(file))
        )
    click.echo(change.summary)


@main.command("import")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    "file",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The strategy file to write into.",
)
@click.option("--preset", metavar="NAME", help="The export's kind (default: detected from its headers).")
@click.option(
    "--map", "mapping", metavar="MAP.yml", type=click.Path(dir_okay=False, path_type=Path), help="A mapping file."
)
@click.option("--channel", metavar="ID", help="The channel of the posts (default: the one named after the platform).")
@click.option("--day-first/--month-first", "day_first", default=None, help="How to read dates like 03/04/2026.")
@click.option("--account", metavar="NAME", help="The account whose posts to import, in an export of several.")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
def import_(
    export: Path,
    file: Path,
    preset: str | None,
    mapping: Path | None,
    channel: str | None,
    day_first: bool | None,
    account: str | None,
    dry_run: bool,
) -> None:
    """Import a platform export (posts, KPI measurements) into a strategy file, e.g.
    `import exports/instagram-octobre.csv --into strategies/acme.yml`.

    Posts are matched by post id, then address, then channel, day and title: a matched post gets
    the export's counts, the others are added. All or nothing: on any problem nothing is written."""
    from strategy_bible.commands import editing, importing
    from strategy_bible.commands.progress import reported
    from strategy_bible.imports.reading import read_export
    from strategy_bible.imports.records import ExportUnreadable

    source = str(export)
    if not export.exists():
        raise click.ClickException(f"no such file: {source}")
    steps = 2 if dry_run else 3  # read the export; match it with the file; check and write the file
    with reported("import") as progress:
        progress(0, steps, f"reading {source}")
        try:
            read = read_export(
                export, shown=source, preset=preset, mapping=mapping, day_first=day_first, account=account
            )
        except ExportUnreadable as unreadable:
            raise click.ClickException("\n".join([str(unreadable), *unreadable.problems])) from None
        found = f"{counted(len(read.posts), 'post')}, {counted(len(read.measurements), 'measurement')}"
        progress(1, steps, f"read {found}")

        def matched(text: str):
            result = importing.import_export(text, read, channel=channel, shown=str(file))
            progress(2, steps, f"matched with {file}")
            return result

        with _refusals():
            if dry_run:
                text = importing.read_strategy_text(file, str(file))
                summary = matched(text).report(str(file), source, dry_run=True)
            else:
                summary = editing.rewrite(file, str(file), lambda text: matched(text).edit(str(file), source)).summary
                progress(3, steps, f"checked and wrote {file}")
    click.echo(summary)


@main.command()
@click.argument("slug")
@click.option("--name", help="The client's name (default: from the slug, acme-bakery → Acme Bakery).")
@click.option(
    "--dir",
    "folder",
    default="strategies",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the strategy files.",
)
@click.option(
    "--language",
    type=click.Choice(["fr", "en"]),
    help="The client's language: its pages, downloads and share link (default: the site's theme.language).",
)
def new(slug: str, name: str | None, folder: Path, language: str | None) -> None:
    """Write a commented starter strategy, strategies/SLUG.yml, that builds as it is."""
    from strategy_bible.commands import starter

    with _refusals():
        path = starter.create(folder, slug, name, language=language)
    click.echo(
        f"{path}: new strategy for {starter.display_name(slug, name)}; fill it in, then run "
        f"`strategy-bible validate {path}`"
    )


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The agency's name, for the site's title and copyright.")
@click.option(
    "--language", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="The site's language."
)
def init(folder: Path, name: str | None, language: str) -> None:
    """Write an agency's bible project into FOLDER (new or empty): mkdocs.yml, strategies/ with a
    commented example, pages/, the GitHub Pages workflow, .gitignore and a README."""
    from strategy_bible.commands.project_init import create_project

    with _refusals():
        written = create_project(folder, name, language)
    click.echo(f"{folder}: new bible project ({counted(len(written), 'file')}); read {folder / 'README.md'}, then")
    click.echo(f"  cd {folder} && mkdocs serve --livereload --dirty")


@contextmanager
def _refusals() -> Iterator[None]:
    from strategy_bible.commands.editing import EditRefused

    try:
        yield
    except EditRefused as refused:
        raise click.ClickException(str(refused)) from None


_CONFIG_OPTION = click.option(
    "--config-file",
    "-f",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The project's MkDocs configuration.",
)
_BASE_URL_OPTION = click.option(
    "--base-url", metavar="URL", help="Address the site is served from (default: site_url of mkdocs.yml)."
)
_SECRET_OPTION = click.option(
    "--secret-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"File holding the secret (default: the {SECRET_VARIABLE} environment variable).",
)


_PUBLISHED_OUT_OPTION = click.option(
    "--out",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder, emptied first (only if empty or made by an earlier publish).",
)


@main.command()
@_CONFIG_OPTION
@_PUBLISHED_OUT_OPTION
@_BASE_URL_OPTION
@_SECRET_OPTION
@click.option(
    "--hide-links",
    is_flag=True,
    help="Print slugs only, not links (automatic when the CI variable is set: CI logs may be public).",
)
@click.option(
    "--pdf", "with_pdf", is_flag=True, help="Put each client's latest review report, as a PDF, in its folder."
)
@click.option(
    "--allow-placeholders", is_flag=True, help="Publish clients still showing the starter's placeholder texts."
)
@click.option(
    "--shard",
    type=_ShardOption(),
    metavar="K/N",
    help="Build only the K-th of N shares of the clients (one per CI job); `strategy-bible merge` joins them.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the publish cache: unchanged clients are copied from it, not built "
    "(default: .strategy-bible-cache/publish beside mkdocs.yml).",
)
@click.option("--no-cache", is_flag=True, help="Build every client; use and change no cache.")
def publish(
    config_file: Path,
    out: Path,
    base_url: str | None,
    secret_file: Path | None,
    hide_links: bool,
    with_pdf: bool,
    allow_placeholders: bool,
    shard,
    cache: Path | None,
    no_cache: bool,
) -> None:
    """Build one client-only site per client, each under its share-link folder.

    The folder of each client is derived from the secret, so links stay the same from one
    publish to the next; `strategy-bible links --rotate SLUG` gives one client a new link."""
    from strategy_bible.commands.progress import reported
    from strategy_bible.commands.publish import PublishError
    from strategy_bible.commands.publish import publish as publish_sites
    from strategy_bible.commands.publish_cache import DEFAULT_FOLDER
    from strategy_bible.commands.share_links import ShareLinkError

    if cache is not None and no_cache:
        raise click.UsageError("--cache and --no-cache contradict each other; give one of them")
    if not no_cache and cache is None:
        cache = config_file.resolve().parent / DEFAULT_FOLDER
    secret = _secret(secret_file)
    try:
        with reported("publish") as progress:  # counts only: a CI log may be read by others
            shared = publish_sites(
                config_file,
                out,
                secret,
                base_url,
                allow_placeholders=allow_placeholders,
                progress=progress,
                shard=shard,
                cache=None if no_cache else cache,
            )
    except (PublishError, ShareLinkError) as error:
        raise click.ClickException(str(error)) from None
    hide = hide_links or os.environ.get("CI", "").lower() in ("1", "true", "yes")
    built = f"shard {shard} of the clients: " if shard else ""
    merged = "; `strategy-bible merge` joins the shards" if shard else " (the root lists no client)"
    click.echo(f"published {built}{counted(len(shared), 'client site')} into {out}/{merged}")
    if not no_cache:  # counts only: which clients changed is no one else's business
        reused = sum(client.reused for client in shared)
        click.echo(f"{reused} reused unchanged from the cache, {len(shared) - reused} built")
    if with_pdf:
        _publish_pdfs(config_file, out, shared)
    _print_links(shared, hide)


@main.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@_PUBLISHED_OUT_OPTION
def merge(shards: tuple[Path, ...], out: Path) -> None:
    """Join the folders of `publish --shard K/N`, every K from 1 to N, into one published site.

    Refused unless the shards are of one split and one commit and share the same theme files:
    the result is what one `strategy-bible publish` makes."""
    from strategy_bible.commands.shard_merge import MergeError
    from strategy_bible.commands.shard_merge import merge as merge_shards

    try:
        merged = merge_shards(list(shards), out)
    except MergeError as error:
        raise click.ClickException(str(error)) from None
    clients = sum(len(found.tokens) for found in merged)
    click.echo(
        f"merged {counted(len(merged), 'shard')} ({counted(clients, 'client site')}) into {out}/ "
        "(the root lists no client)"
    )


@main.command()
@_CONFIG_OPTION
@_BASE_URL_OPTION
@_SECRET_OPTION
@click.option(
    "--rotate",
    "rotate_slugs",
    multiple=True,
    metavar="SLUG",
    help="Give this client a new link (the old one dies at the next publish). Repeatable.",
)
def links(config_file: Path, base_url: str | None, secret_file: Path | None, rotate_slugs: tuple[str, ...]) -> None:
    """Print each client's share link (nothing is built), optionally rotating some first."""
    from strategy_bible.commands.publish import PublishError, share_table
    from strategy_bible.commands.share_links import ShareLinkError, rotate
    from strategy_bible.strategy.problems import did_you_mean

    secret = _secret(secret_file)
    rotated: dict[str, int] = {}
    try:
        if rotate_slugs:
            known = {client.slug: client.token for client in share_table(config_file, secret, base_url)}
            for slug in rotate_slugs:
                if slug not in known:
                    raise click.ClickException(
                        f"no client '{slug}'{did_you_mean(slug, known)}; clients: {', '.join(sorted(known))}"
                    )
            rotations = config_file.resolve().parent / ROTATIONS_FILE
            rotated = {slug: rotate(rotations, slug) for slug in rotate_slugs}
        shared = share_table(config_file, secret, base_url)
    except (PublishError, ShareLinkError) as error:
        raise click.ClickException(str(error)) from None
    for slug, number in rotated.items():  # the links as publish will compute them: each must be new
        if any(client.slug == slug and client.token == known[slug] for client in shared):
            raise click.ClickException(f"{slug}: the link did not change; check {ROTATIONS_FILE}")
        click.echo(
            f"{slug}: new link (rotation {number} in {ROTATIONS_FILE}); commit that file and "
            "publish: the old link stops working then",
            err=True,
        )
    _print_links(shared, hide=False)


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into, emptied first (only if an earlier render made it).",
)
@_CONFIG_OPTION
def render(out: Path, config_file: Path) -> None:
    """Write the Markdown the plugin hands MkDocs (pages, stylesheet, downloads) into a folder.

    Nothing is built: read what a template produced, or build it with MkDocs alone."""
    from mkdocs.exceptions import ConfigurationError, PluginError

    from strategy_bible.commands.render_markdown import RenderError, render_markdown

    try:
        written = render_markdown(config_file, out)
    except (RenderError, PluginError, ConfigurationError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {counted(len(written), 'file')} into {out}/")


@main.command()
@click.argument("slug")
@click.option("--review", "day", metavar="YYYY-MM-DD", help="The review whose report to print (default: the latest).")
@click.option("--bible", is_flag=True, help="Every page of the client's bible instead, in the order of its menu.")
@click.option(
    "--audience",
    type=click.Choice(["client", "internal"]),
    default="client",
    show_default=True,
    help="Who the PDF is for: a client's PDF holds no internal item.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="The PDF to write (default: SLUG-review-DATE.pdf or SLUG-bible.pdf here).",
)
@_CONFIG_OPTION
def pdf(slug: str, day: str | None, bible: bool, audience: str, out: Path | None, config_file: Path) -> None:
    """Print a client's review report (the latest by default) or whole bible as one A4 PDF, e.g.
    `pdf brasserie-du-canal --review 2026-10-05`: a cover, a table of contents with page numbers,
    the pages as the site shows them, links that work inside the PDF."""
    from strategy_bible.commands import editing
    from strategy_bible.commands.pdf import PdfError, make_pdf

    if day is not None and bible:
        raise click.UsageError("--review and --bible: choose one")
    with _refusals():
        when = editing.parse_date(day) if day is not None else None
    with _steps(bible) as progress:
        try:
            written = make_pdf(
                config_file, slug, review=when, bible=bible, audience=audience, out=out, progress=progress
            )
        except PdfError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"wrote {written} ({audience} audience)")


@contextmanager
def _steps(shown: bool) -> Iterator:
    """Progress for a whole bible: a bar on a terminal, one plain line per step otherwise."""
    from strategy_bible.commands.pdf import STEPS

    if not shown:
        yield lambda step: None
    elif sys.stderr.isatty():
        with click.progressbar(length=STEPS, label="pdf", file=sys.stderr) as bar:

            def advance(step: str) -> None:
                bar.label = step
                bar.update(1)

            yield advance
    else:
        yield lambda step: click.echo(step, err=True)


def _publish_pdfs(config_file: Path, out: Path, shared) -> None:
    """Each published client's latest review as a PDF in its folder, named by its slug and date; what
    is printed names clients by slug only (a folder's name is its share link's secret)."""
    from strategy_bible.commands.pdf import PdfError, review_pdfs
    from strategy_bible.commands.token_redaction import TokenRedactor

    redact = TokenRedactor({client.token: client.slug for client in shared})
    try:
        written = review_pdfs(config_file, {client.slug: out / client.token for client in shared})
    except PdfError as error:
        raise click.ClickException(redact(f"the review PDFs could not be made: {error}")) from None
    for slug, path in written.items():
        click.echo(f"{slug}: {path.name}")
    click.echo(f"{counted(len(written), 'review PDF')} in the clients' folders")


def _thresholds():
    """The verdict thresholds of mkdocs.yml's plugin settings (defaults without one)."""
    from strategy_bible.commands.thresholds import ThresholdsUnreadable, project_thresholds

    try:
        return project_thresholds()
    except ThresholdsUnreadable as error:
        raise click.ClickException(str(error)) from None


def _secret(secret_file: Path | None) -> str:
    from strategy_bible.commands.share_links import ShareLinkError, read_secret

    try:
        return read_secret(secret_file)
    except ShareLinkError as error:
        raise click.ClickException(str(error)) from None


def _print_links(shared, hide: bool) -> None:
    width = max((len(client.slug) for client in shared), default=0)
    for client in shared:
        click.echo(f"{client.slug.ljust(width)}  {'(link hidden)' if hide else client.url}")
    if hide and shared:
        click.echo("links hidden: run `strategy-bible links` with the secret on your machine to see them", err=True)
    elif shared and not shared[0].url.startswith(("http://", "https://")):
        click.echo(
            "these are the clients' folders, not links: the site's address is unknown; set site_url in "
            "mkdocs.yml (site_url: https://your-agency.github.io/bible/) or pass --base-url URL",
            err=True,
        )


def _strategy_files(paths: tuple[Path, ...]) -> list[Path]:
    from strategy_bible.strategy.files import strategy_paths

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(strategy_paths(path))  # the files a build reads: the plugin's finder
        elif path.exists() or path.is_symlink():  # a broken link is reported as unreadable
            found.append(path)
        else:
            raise click.UsageError(f"no such file or folder: {path}")
    return found


if __name__ == "__main__":
    main()
