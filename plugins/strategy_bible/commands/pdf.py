"""``strategy-bible pdf``: one client's review report, or its whole bible, as one PDF.

The client is built alone (``STRATEGY_BIBLE_CLIENTS=slug``, the client audience unless told
otherwise) into a temporary folder, its built pages are assembled into one document
(:mod:`.pdf_document`) and Chromium prints it twice: the first print tells on which page each part
starts (the PDF's named destinations), the second prints the table of contents with those numbers.
``publish --pdf`` uses the same steps on each published folder, with no second build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from strategy_bible.commands.environment import forced_environment
from strategy_bible.commands.pdf_document import (
    Cover,
    Document,
    DocumentError,
    Source,
    as_of,
    assemble,
    data_uri,
    language,
    menu_order,
)
from strategy_bible.commands.pdf_printing import Printer, PrintingError, printer
from strategy_bible.plugin.config import AUDIENCE_VARIABLE, CLIENTS_VARIABLE, PLUGIN_NAME
from strategy_bible.render.renderer import default_templates_dir
from strategy_bible.strategy.files import StrategyLibrary, strategy_paths
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problem_log import count_line
from strategy_bible.strategy.problems import did_you_mean

DOCUMENT_FILE = ".strategy-bible-pdf.html"
"""The assembled document, written beside the client's pages while it is printed, then removed."""
STYLESHEET = "strategy-bible-pdf.css"
STEPS = 4
"""What ``progress`` is told: building, assembling, printing twice."""


class PdfError(Exception):
    """No PDF can be made; the message says why and what to do."""


@dataclass(frozen=True)
class Client:
    """A client as the PDF needs it: its validated strategy and the project's assets."""

    slug: str
    strategy: Strategy
    docs_dir: Path
    agency_logo: Path | None


def make_pdf(
    config_file: Path,
    slug: str,
    *,
    review: dt.date | None = None,
    bible: bool = False,
    audience: str = "client",
    out: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> Path:
    """Write the PDF of ``slug``'s review of ``review`` (default: its latest) or of its whole bible;
    returns the file written."""
    config = load_config(str(config_file))
    client = _client(config_file, config, slug)
    if out is not None:
        _check_target(out)
    if review is not None and review not in {r.date for r in client.strategy.reviews}:
        _refuse_review(client, review, sorted(r.date for r in client.strategy.reviews if r.visibility != "internal"))
    # the browser first: a missing one is said before a build of many seconds
    with _printing() as chromium, tempfile.TemporaryDirectory(prefix="strategy-bible-pdf-") as temporary:
        site = Path(temporary) / "site"
        progress(f"building {slug}'s pages ({audience})")
        _build_client(config_file, site, slug, audience)
        if bible:
            target = out or Path(f"{slug}-bible.pdf")
            plan = bible_plan(site, client)
        else:
            chosen = _review(site, client, review)
            target = out or Path(f"{slug}-review-{chosen.isoformat()}.pdf")
            plan = review_plan(site, client, chosen)
        pdf = print_plan(site, plan, chromium, progress)
    try:
        target.write_bytes(pdf)
    except OSError as error:
        raise PdfError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def review_pdfs(config_file: Path, folders: dict[str, Path]) -> dict[str, Path]:
    """``publish --pdf``: the latest review's PDF of each client, written in its published folder
    (``{slug: folder}``); returns the files written (clients without a review have none)."""
    config = load_config(str(config_file))
    written = {}
    with _printing() as chromium:
        for slug, folder in folders.items():
            client = _client(config_file, config, slug)
            dates = _review_dates(folder, client)
            if not dates:
                continue
            latest = max(dates)
            pdf = print_plan(folder, review_plan(folder, client, latest), chromium)
            written[slug] = folder / f"{slug}-review-{latest.isoformat()}.pdf"
            written[slug].write_bytes(pdf)
            _link_from_downloads(folder, written[slug].name)
    return written


DOWNLOADS_LINE = re.compile(r'(<p class="sb-downloads">.*?)(</p>)', re.S)
REPORT_LABEL = {"fr": "compte rendu de la dernière revue", "en": "latest review report"}


def _link_from_downloads(folder: Path, name: str) -> None:
    """The overview's downloads line links the PDF just written (it exists only after the build)."""
    overview = folder / "index.html"
    text = overview.read_text(encoding="utf-8")
    label = REPORT_LABEL[language(folder)]
    link = f' · <a href="{html.escape(name)}">{html.escape(name)}</a> ({label})'
    overview.write_text(
        DOWNLOADS_LINE.sub(lambda found: found.group(1) + link + found.group(2), text, 1), encoding="utf-8"
    )


# --- what goes in ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What one PDF holds: its parts, its cover, what every page's header and footer say."""

    sources: list[Source]
    cover: Cover
    language: str
    signoff: list[str] | None
    header: str
    footer: str


def review_plan(folder: Path, client: Client, day: dt.date) -> Plan:
    """The report sent after the review of ``day``: the review meeting (where we stand, what we
    decided, what comes next, the decisions), then — for the latest review, whose figures are
    today's — the KPI table and what moved over the period, then a sign-off block."""
    review = next(r for r in client.strategy.reviews if r.date == day)
    page = f"reviews/{review.id}/"
    sources = [Source(page)]
    if day == max(_review_dates(folder, client)):
        sources.append(Source("kpis/", ""))
        if 'id="_moved"' in (folder / "review/index.html").read_text(encoding="utf-8"):
            sources.append(Source("review/", "_moved"))
    words = language(folder)
    title = _title(folder, page, client)
    stand = as_of(folder, page)
    cover = _cover(client, words, title, stand)
    return Plan(sources, cover, words, list(review.attendees), f"{client.strategy.client.name} · {title}", stand)


def bible_plan(folder: Path, client: Client) -> Plan:
    """Every page of the client's bible, in the order of its menu."""
    words = language(folder)
    title = {"fr": "Bible de la stratégie", "en": "Strategy bible"}[words]
    stand = as_of(folder, "")
    sources = [Source(page) for page in menu_order(folder)]
    return Plan(sources, _cover(client, words, title, stand), words, None, client.strategy.client.name, stand)


def print_plan(folder: Path, plan: Plan, chromium: Printer, progress: Callable[[str], None] = lambda s: None) -> bytes:
    """The PDF of ``plan``: printed once to learn where each part starts, then with the page
    numbers in the table of contents."""
    progress(f"assembling {len(plan.sources)} pages")
    stylesheet = (default_templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    try:
        document = assemble(folder, plan.sources, plan.cover, stylesheet, language=plan.language, signoff=plan.signoff)
    except DocumentError as error:
        raise PdfError(str(error)) from None
    path = folder / DOCUMENT_FILE
    try:
        return _print_twice(path, document, plan, chromium, progress)
    except PrintingError as error:
        raise PdfError(str(error)) from None
    finally:
        path.unlink(missing_ok=True)


def _print_twice(
    path: Path, document: Document, plan: Plan, chromium: Printer, progress: Callable[[str], None]
) -> bytes:
    path.write_text(document.html(), encoding="utf-8")
    progress("printing (1 of 2: finding the pages)")
    pages = _starting_pages(chromium.print(path, plan.header, plan.footer))
    path.write_text(document.html(pages), encoding="utf-8")
    progress("printing (2 of 2: with the page numbers)")
    return chromium.print(path, plan.header, plan.footer)


# --- the pieces ------------------------------------------------------------------------------


def _starting_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 1) each anchor the document links to is on: Chromium makes every linked
    anchor a named destination of the PDF."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    found = {}
    for name, target in reader.named_destinations.items():
        number = reader.get_destination_page_number(target)
        if number is not None:
            found[name.lstrip("/")] = number + 1
    return found


def _client(config_file: Path, config, slug: str) -> Client:
    if config.plugins.get(PLUGIN_NAME) is None:
        raise PdfError(f"{config_file} does not use the {PLUGIN_NAME} plugin")
    project = config_file.resolve().parent
    strategies = (project / config.plugins[PLUGIN_NAME].config.strategies_dir).resolve()
    known = sorted(path.stem for path in strategy_paths(strategies)) if strategies.is_dir() else []
    if slug not in known:
        raise PdfError(f"no client '{slug}'{did_you_mean(slug, known)}; clients: {', '.join(known) or 'none'}")
    entry = StrategyLibrary().scan(strategies, project, only={slug})[0]
    if entry.validated is None:
        raise PdfError(count_line(entry.source, entry.errors, "error"))
    logo = config.theme.get("logo")
    docs = Path(config.docs_dir)
    return Client(slug, entry.validated.strategy, docs, docs / logo if logo and (docs / logo).is_file() else None)


def _build_client(config_file: Path, site: Path, slug: str, audience: str) -> None:
    with forced_environment({CLIENTS_VARIABLE: slug, AUDIENCE_VARIABLE: audience}):
        try:
            build(load_config(str(config_file), site_dir=str(site)))
        except (MkDocsException, OSError) as error:
            raise PdfError(f"{slug}'s pages could not be built: {error}") from None


def _review_dates(folder: Path, client: Client) -> list[dt.date]:
    """The days of the reviews the built pages show (an internal review has no page for a client)."""
    return [r.date for r in client.strategy.reviews if (folder / "reviews" / r.id / "index.html").is_file()]


def _review(folder: Path, client: Client, day: dt.date | None) -> dt.date:
    dates = sorted(_review_dates(folder, client))
    if not dates:
        raise PdfError(f"{client.slug} has no review yet; print its whole bible with --bible")
    if day is None:
        return dates[-1]
    if day not in dates:
        _refuse_review(client, day, dates)
    return day


def _refuse_review(client: Client, day: dt.date, dates: list[dt.date]) -> None:
    """Said before the build when no review has that day (the build tells which ones a client sees)."""
    listed = ", ".join(d.isoformat() for d in dates) or "none"
    raise PdfError(f"{client.slug} has no review on {day.isoformat()}; its reviews: {listed}")


def _title(folder: Path, page: str, client: Client) -> str:
    """The page's title without the client's name ("Revue du 5 octobre 2026")."""
    text = (folder / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>(.*?)<", text, re.S)
    title = html.unescape(found.group(1)).strip() if found else page
    return title.removesuffix(f" · {client.strategy.client.name}")


def _cover(client: Client, words: str, title: str, stand: str) -> Cover:
    period = client.strategy.period
    label = {"fr": "Période : {} – {}", "en": "Period: {} – {}"}[words]
    logos = [data_uri(client.agency_logo)] if client.agency_logo else []
    brand = client.strategy.client.brand
    if brand is not None and brand.logo and (client.docs_dir / brand.logo).is_file():
        logos.append(data_uri(client.docs_dir / brand.logo))
    return Cover(
        client.strategy.client.name,
        title,
        label.format(format_date(period.start, "long", locale=words), format_date(period.end, "long", locale=words)),
        stand,
        logos,
    )


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise PdfError(f"--out {target} is a folder; give a file name such as {target / 'report.pdf'}")
    if not target.parent.resolve().is_dir():
        raise PdfError(f"--out {target}: no folder {target.parent}")


@contextlib.contextmanager
def _printing() -> Iterator[Printer]:
    try:
        with printer() as chromium:
            yield chromium
    except PrintingError as error:
        raise PdfError(str(error)) from None
