"""Page sources from Jinja2 templates.

Safe by default: every ``{{ value }}`` a template prints goes through :func:`markup.plain`, so
strategy text can break neither the Markdown nor the HTML; helpers that produce markup on purpose
(``md``, ``link``, ``anchor``…) return ``Markup``. A site overrides any template by putting a file
of the same name in its ``templates_dir``.

Sandboxed: a site's own template is code its author may not be trusted with everything the build
process can reach. Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` refuses attributes that
lead out of the data (``__globals__``, ``__dict__``, ``__class__``…), and a template includes or
imports templates only (see :class:`TemplatesOnly`), so a template sees the view it is given
(already filtered for the audience) and nothing else: no builtins, no other file. A site without
templates of its own renders only the package's, which need no sandbox: its checks on every
attribute and call were a third of the templates' time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from strategy_bible.analysis.smart import Mark
from strategy_bible.render.bible_json import bible_json
from strategy_bible.render.charts import kpi_chart
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.downloads import calendar_ics, events_ics, kpis_csv
from strategy_bible.render.formatting import Formatter, parse_locale
from strategy_bible.render.html_pages import (
    BLANK,
    HtmlStyle,
    PreparedPage,
    cell_tags,
    link_target,
    markdown_list,
    prepared,
    stand_in,
)
from strategy_bible.render.labels import Labels
from strategy_bible.render.markup import MarkdownFields, plain
from strategy_bible.render.site_plan import CALENDAR_DOWNLOAD, DOWNLOADS, SitePlan, review_kind, reviewed
from strategy_bible.strategy.problems import OneOf, Problem, Said

STYLESHEETS = ("strategy-bible.css", "kpi-chart.css", "print.css")
SHARED_MARKDOWN_TEMPLATES = ("_macros.md.jinja", "_standing.md.jinja")
"""Templates every Markdown page uses: a site that overrides one gets every page from Markdown."""
"""The stylesheets joined into the site's ``assets/strategy-bible.css``, in this order."""


def default_templates_dir() -> Path:
    """The templates shipped with the package (``strategy_bible.templates``: the repository's
    ``templates/`` folder, inside the package once installed). Packages are never installed zipped
    here, so the resource folder is a real folder that Jinja's file loader reads."""
    return Path(str(resources.files("strategy_bible.templates")))


class Renderer:
    def __init__(self, language: str | None, templates_dir: Path | None = None):
        locale = parse_locale(language)
        self.labels = Labels(locale.language)
        self.formatter = Formatter(locale)
        self.template_dirs = [d for d in (templates_dir, default_templates_dir()) if d is not None]
        environment = SandboxedEnvironment if templates_dir is not None else jinja2.Environment
        self.env = environment(
            loader=TemplatesOnly(self.template_dirs),
            autoescape=True,  # macros return Markup; `finalize` does the escaping right for Markdown
            finalize=plain,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=True,
        )
        fmt = self.formatter
        self.env.filters.update(
            md=MarkdownFields(),
            join=_join,
            value=fmt.value,
            number=fmt.number,
            share=fmt.share,
            date=fmt.date,
            when=fmt.when,
            span=fmt.span,
            hours=fmt.hours,
            period_name=fmt.period_name,
            sentence=lambda text: text[:1].upper() + text[1:],
            ident=ident,
        )
        self.env.globals.update(
            t=self.labels,
            fmt=fmt,
            anchor=anchor,
            link=link,
            heading=heading,
            smart_reason=self.smart_reason,
            message=self.message,
            language=self.labels.language,
            kpi_chart=kpi_chart,
            blank=BLANK,
            markdown_list=markdown_list,
            cell_tags=cell_tags,
        )

    def compile_all(self) -> None:
        """Compile every page template now rather than when first used: a process whose first work
        is showing an edit does not spend that time compiling. (``project/`` holds what
        ``strategy-bible init`` writes, rendered elsewhere.)"""
        for name in self.env.list_templates(filter_func=lambda name: name.endswith(".jinja") and "/" not in name):
            with contextlib.suppress(jinja2.TemplateError):  # said where the template is used
                self.env.get_template(name)

    # pages -----------------------------------------------------------------------------------

    def client_pages(
        self,
        view: ClientView,
        plan: SitePlan,
        style: HtmlStyle | None = None,
        kinds: Callable[[str], bool] | None = None,
    ) -> tuple[dict[str, str], dict[str, PreparedPage]]:
        """``{src_uri: markdown}`` for every page of one client, and ``{src_uri: page}`` of those
        made as HTML (``style``: the site's, None for Markdown only), whose Markdown is then only
        their title (see html_pages.stand_in). ``kinds``: only the pages of the kinds it accepts."""
        context = {
            "view": view,
            "s": view.strategy,
            "client": view.strategy.client,
            "home": plan.home_from_client(),
            "internal": view.internal,
            "kinds": view.page_kinds(),
        }
        markdown, made = {}, {}
        html_templates = self.html_templates() if style is not None else frozenset()
        for kind, uri in plan.pages(view.slug, view.page_kinds()).items():
            if kinds is not None and not kinds(kind):
                continue
            template, extra = self._template(kind, view)
            if style is not None and template in html_templates:
                page = prepared(
                    self.env.get_template(f"{template}.html.jinja").render(
                        context, **extra, page_uri=uri, html_style=style
                    ),
                    style,
                )
                made[uri], markdown[uri] = page, stand_in(page)
            else:
                markdown[uri] = self.env.get_template(f"{template}.md.jinja").render(context, **extra)
        return markdown, made

    def _template(self, kind: str, view: ClientView) -> tuple[str, dict]:
        """A page kind's template (without its suffix) and what its context has besides the client's."""
        review_id = reviewed(kind)
        if review_id is not None:  # one review meeting's report (reviews/<id>.md)
            return "review-meeting", {"page": "reviews", "review": view.review(review_id)}
        return kind, {"page": kind}

    def html_templates(self) -> frozenset[str]:
        """The pages made as HTML: those with a shipped HTML template whose Markdown template the
        site does not override (its Markdown wins), none when it overrides a shared one. Looked
        at for each client: in `serve`, a template may be added or removed between rebuilds."""
        shipped = default_templates_dir()
        own = self.template_dirs[0] if self.template_dirs[0] != shipped else None
        if own is not None and any((own / name).exists() for name in SHARED_MARKDOWN_TEMPLATES):
            return frozenset()
        names = {path.name.removesuffix(".html.jinja") for path in shipped.glob("*.html.jinja")}
        return frozenset(
            name
            for name in names
            if not name.startswith("_") and (own is None or not (own / f"{name}.md.jinja").exists())
        )

    def page_titles(self, view: ClientView) -> dict[str, str]:
        """Titles of the pages whose kind is not enough to name them: a review's, by its date."""
        return {
            review_kind(review.id): self.labels("page.review_of", date=self.formatter.date(review.date, "long"))
            for review in view.reviews_newest_first()
        }

    def downloads(self, view: ClientView, plan: SitePlan, timezone: str) -> dict[str, bytes]:
        """``{path: content}`` of the client's downloadable files (``site_plan.DOWNLOADS``)."""
        made = {
            "kpis.csv": kpis_csv(view, self.labels, self.formatter.decimal_comma),
            "events.ics": events_ics(view, timezone),
            "bible.json": bible_json(view),
        }
        if CALENDAR_DOWNLOAD in view.extra_downloads():
            made[CALENDAR_DOWNLOAD] = calendar_ics(view, self.labels)
        return {plan.download(view.slug, name): made[name] for name in (*DOWNLOADS, *view.extra_downloads())}

    def home(
        self, views: Iterable[ClientView], broken: Iterable[tuple[str, list[Problem]]], plan: SitePlan, internal: bool
    ) -> str:
        """The agency home: every client with its health; files that do not validate (in ``serve``)."""
        return self.env.get_template("home.md.jinja").render(
            views=list(views), broken=list(broken), plan=plan, internal=internal
        )

    def home_html(
        self,
        views: Iterable[ClientView],
        broken: Iterable[tuple[str, list[Problem]]],
        plan: SitePlan,
        internal: bool,
        style: HtmlStyle,
    ) -> PreparedPage | None:
        """The agency home made as HTML (see :meth:`client_pages`), or None when the site's own
        Markdown template of it wins."""
        if "home" not in self.html_templates():
            return None
        context = {"views": list(views), "broken": list(broken), "plan": plan, "internal": internal}
        page_html = self.env.get_template("home.html.jinja").render(context, page_uri=plan.home, html_style=style)
        return prepared(page_html, style)

    def smart_reason(self, mark: Mark) -> str:
        """A SMART mark's reason in words, its figures and dates written the reader's way."""
        fields = {}
        for name, value in mark.fields.items():
            if isinstance(value, float):
                fields[name] = "∞" if value == float("inf") else self.formatter.number(value, 1)
            elif isinstance(value, dt.date):
                fields[name] = self.formatter.date(value, "long")
            else:
                fields[name] = value
        return self.labels(mark.reason, **fields)

    def message(self, problem: Problem) -> str:
        """A problem's message in the reader's language when it has a label (a ``Worded`` message:
        the advice, the masked errors of a client serve), else as written (in English)."""
        return problem.message if problem.said is None else self._say(problem.said)

    def _say(self, said: Said) -> str:
        fields = {name: self._field(value) for name, value in said.fields}
        return self.labels(said.key, **fields)

    def _field(self, value: str | OneOf | Said) -> str:
        if isinstance(value, Said):
            return self._say(value)
        if isinstance(value, OneOf):
            *first, last = [self._field(item) for item in value.items] or [""]
            return self.labels("problem.one_of", first=", ".join(first), last=last) if first else last
        return value

    def stylesheet(self) -> str:
        """``strategy-bible.css``, ``kpi-chart.css`` then ``print.css`` (paper, last so that it wins),
        each from the site's templates folder if it has one, else the default."""
        loader = self.env.loader
        assert loader is not None  # the environment is made with its templates folders
        return "\n".join(loader.get_source(self.env, name)[0] for name in STYLESHEETS)

    def error_page(self, source: str, problems: list[Problem], home: str | None, internal: bool) -> str:
        """Shown in ``serve`` in place of each page of a client whose file does not validate."""
        return self.env.get_template("error.md.jinja").render(
            source=source, problems=problems, home=home, internal=internal
        )


class TemplatesOnly(jinja2.FileSystemLoader):
    """The first templates folder that has the file, for template files only (``.jinja``, and the
    stylesheets): a templates folder that holds other files (the project's own folder, say, with
    its strategies) gives none of them to a template's ``include`` or ``import``."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not template.endswith(TEMPLATE_SUFFIXES):
            raise jinja2.TemplateNotFound(
                template,
                f"'{template}' is not a template: a template includes or imports only {', '.join(TEMPLATE_SUFFIXES)} files",
            )
        return super().get_source(environment, template)


TEMPLATE_SUFFIXES = (".jinja", ".css")


def anchor(item_id: str) -> Markup:
    """The attr_list suffix giving a heading its id: ``{#ig-followers}`` (Jinja reads ``{#`` as a comment)."""
    return Markup("{#" + ident(item_id) + "}")


def heading(level: int) -> Markup:
    """The ``###`` of a Markdown heading, levels past 6 kept at 6."""
    return Markup("#" * max(1, min(level, 6)))


@jinja2.pass_context
def link(context: jinja2.runtime.Context, text: object, target: str, item_id: str | None = None) -> Markup:
    """A Markdown link whose text is plain text: ``[Title](kpis.md#ig-followers)``; MkDocs checks
    the target and rewrites it for the site's URL style. In an HTML page, the link MkDocs would
    have written: ``<a href="../kpis/#ig-followers">Title</a>``."""
    fragment = f"#{ident(item_id)}" if item_id else ""
    style: HtmlStyle | None = context.get("html_style")
    if style is not None:
        href = link_target(context["page_uri"], f"{target}{fragment}", style.directory_urls)
        return Markup('<a href="{}">{}</a>').format(href, plain(text))
    return Markup(f"[{plain(text)}]({target}{fragment})")


def _join(items: Iterable[object], separator: str = ", ") -> Markup:
    """Jinja's join would only HTML-escape the items; plain text must be Markdown-escaped too.
    The separator is template text, trusted as such."""
    return Markup(separator).join(plain(i) for i in items)


def ident(value: str) -> Markup:
    """An id or a keyword (``ig-followers``, ``moderate-success``) printed as is, in an attribute,
    an anchor or a link: checked against the id pattern instead of escaped."""
    if not _IDENT.fullmatch(str(value)):
        raise ValueError(f"not an identifier: {value!r}")
    return Markup(value)


_IDENT = re.compile(r"[a-z0-9_][a-z0-9_-]*")
