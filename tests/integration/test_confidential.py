"""Confidential by default: every byte of real builds is scanned for what a client must not see."""

from __future__ import annotations

import dataclasses
import gzip
import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_bible.commands.publish import PublishError, publish, share_table
from strategy_bible.commands.share_links import rotate, token
from strategy_bible.render.client_view import ClientView

from internal_items import CONFIDENTIAL, EXAMPLE_SECRETS, internal_texts
from support import FIXTURES, build, command_in_process, make_project, pdf_pages, strategy_bible

OTHER = FIXTURES / "valid" / "other-client.yml"
SECRET = "a-test-secret-that-is-long-enough-0123456789"
BUILD_TIME = "1780000000"


def site_text(site: Path) -> dict[str, str]:
    """Every file of the site as text a person or a crawler could read: gzip opened, HTML
    entities and JSON escapes decoded, a PDF's text extracted."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            texts[str(path.relative_to(site))] = " ".join(pdf_pages(path))
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        texts[str(path.relative_to(site))] = html.unescape(html.unescape(text))
    return texts


def leaks(site: Path, needles: list[str]) -> list[str]:
    hits = []
    for name, text in site_text(site).items():
        lowered = text.lower()
        hits += [f"{name}: {needle!r}" for needle in needles if needle.lower() in lowered]
    return hits


REPOSITORY = "https://github.com/agency/strategy-bible-secrets"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The confidential fixture and another client, built for clients, for the agency and for the
    one client; the project names its repository (repo_url), which only the agency's pages show."""
    project = make_project(
        tmp_path_factory.mktemp("confidential"),
        {"confiance": CONFIDENTIAL, "quokka": OTHER},
        mkdocs_extra=f"repo_url: {REPOSITORY}\n",
    )
    build(project, "-d", "site-client")
    build(project, "-d", "site-internal", env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    build(project, "-d", "site-single", env={"STRATEGY_BIBLE_CLIENTS": "confiance"})
    return {
        "client": project / "site-client",
        "internal": project / "site-internal",
        "single": project / "site-single",
        "project": project,
    }


def test_the_scan_finds_internal_texts_in_an_internal_build(builds):
    needles = internal_texts(CONFIDENTIAL)
    assert len(needles) >= 15
    found = leaks(builds["internal"], needles)
    for needle in needles:  # every internal text is shown to the agency…
        assert any(repr(needle) in hit for hit in found), needle
    assert any(name.startswith("search/") for name in (hit.split(":")[0] for hit in found))


def test_a_client_build_holds_no_trace_of_internal_items(builds):
    assert leaks(builds["client"], [*internal_texts(CONFIDENTIAL), "zanzibar"]) == []


def test_a_client_build_keeps_what_the_client_may_see(builds):
    pages = site_text(builds["client"])
    objectives = pages["clients/confiance/objectives/index.html"]
    assert "Faire connaître les ateliers" in objectives
    assert "Sous-objectif visible d'un objectif caché" in objectives  # its internal parent is gone
    assert 'id="public-child"' in objectives
    assert "Une vidéo par semaine" in pages["clients/confiance/actions/index.html"]
    assert "Portes ouvertes" in pages["clients/confiance/events/index.html"]
    assert "Version interne" not in "".join(pages.values())


def test_the_internal_build_says_so_on_every_generated_page(builds):
    for page in (builds["internal"] / "clients/confiance").rglob("index.html"):
        assert "Version interne" in page.read_text(encoding="utf-8"), page


def test_no_sitemap_and_noindex_everywhere(builds):
    for site in (builds["client"], builds["internal"], builds["single"]):
        assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
        for page in site.rglob("*.html"):
            assert '<meta name="robots" content="noindex, nofollow">' in page.read_text(encoding="utf-8"), page


NO_REFERRER = '<meta name="referrer" content="no-referrer">'


def pages_without_no_referrer(site: Path) -> list[str]:
    """The HTML pages of ``site`` whose <head> does not ask browsers to send no referrer before
    the page fetches its first stylesheet or script."""
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5, site  # the scan reads real pages
    missing = []
    for page in pages:
        head = page.read_text(encoding="utf-8").partition("</head>")[0]
        before_requests = head.split("<link", 1)[0].split("<script", 1)[0]
        if NO_REFERRER not in before_requests:
            missing.append(str(page.relative_to(site)))
    return missing


def test_every_page_of_every_build_sends_no_referrer(builds):
    """A followed link hands the page's address to the site it leads to, unless the page says not to."""
    for site in (builds["client"], builds["internal"], builds["single"]):
        assert pages_without_no_referrer(site) == []


def test_a_one_client_build_holds_nothing_of_the_other_clients(builds):
    assert leaks(builds["single"], ["quokka", "Vélos Quokka"]) == []
    assert leaks(builds["single"], internal_texts(CONFIDENTIAL)) == []
    assert "Faire connaître les ateliers" in site_text(builds["single"])["objectives/index.html"]


def test_strategy_files_inside_the_docs_folder_are_not_copied(tmp_path):
    project = make_project(tmp_path, {"confiance": CONFIDENTIAL})
    (project / "strategies").rename(project / "pages/strategies")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("strategies_dir: strategies", "strategies_dir: pages/strategies"))
    site = build(project)
    assert not (site / "strategies").exists()
    assert leaks(site, ["zanzibar"]) == []


# --- PDFs ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def confidential_pdfs(builds) -> dict[str, str]:
    """The confidential fixture's whole bible printed by `strategy-bible pdf`, for each audience:
    each PDF's text."""
    texts = {}
    for audience in ("client", "internal"):
        made = strategy_bible(builds["project"], "pdf", "confiance", "--bible", "--audience", audience)
        assert made.returncode == 0, made.stderr
        texts[audience] = " ".join(pdf_pages(builds["project"] / "confiance-bible.pdf"))
    return texts


def test_a_client_pdf_holds_no_trace_of_internal_items(confidential_pdfs):
    text = confidential_pdfs["client"].lower()
    assert "Faire connaître les ateliers".lower() in text  # the PDF holds the client's bible
    assert [needle for needle in [*internal_texts(CONFIDENTIAL), "zanzibar"] if needle.lower() in text] == []


def test_an_internal_pdf_holds_the_internal_items_so_the_scan_above_can_fail(confidential_pdfs):
    text = " ".join(confidential_pdfs["internal"].split()).lower()
    shown = [needle for needle in internal_texts(CONFIDENTIAL) if " " in needle]  # texts; ids are not printed
    assert len(shown) >= 12
    assert [n for n in shown if " ".join(n.split()).lower() not in text] == []


# The examples' client PDFs: test_pdf_command.py, beside the other tests of those PDFs (built once).


# --- share links and publish -----------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Two clients published in two batches (one build each), as on a two-core machine."""
    root = tmp_path_factory.mktemp("published")
    project = make_project(root / "project", {"confiance": CONFIDENTIAL, "quokka": OTHER})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)  # the same calendar stamps in every publish
        shared = publish(project / "mkdocs.yml", root / "public", SECRET, "https://agency.github.io/bible", processes=2)
    return root / "public", {client.slug: client for client in shared}


def test_publish_isolates_each_client_under_its_token(published):
    out, shared = published
    assert shared["quokka"].url == f"https://agency.github.io/bible/{token(SECRET, 'quokka')}/"
    folders = {p.name for p in out.iterdir() if p.is_dir()}
    assert folders == {shared["confiance"].token, shared["quokka"].token, "assets"}
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"

    confiance, quokka = out / shared["confiance"].token, out / shared["quokka"].token
    assert leaks(confiance, ["quokka", shared["quokka"].token]) == []
    assert leaks(quokka, ["confiance", "Maison Confiance", shared["confiance"].token]) == []
    assert leaks(confiance, [*internal_texts(CONFIDENTIAL), "zanzibar"]) == []
    assert "Maison Confiance" in (confiance / "index.html").read_text(encoding="utf-8")  # overview is home
    for page in out.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text(encoding="utf-8"), page
    assert not list(out.rglob("sitemap.xml*"))


def test_every_published_page_sends_no_referrer(published):
    """A share link's path is its secret: no published page, the client folders' and the root's
    (404.html included), may hand it to the site a client follows a link to."""
    out, shared = published
    assert {"index.html", "404.html"} <= {page.name for page in out.glob("*.html")}
    assert all(list((out / client.token).rglob("*.html")) for client in shared.values())
    assert pages_without_no_referrer(out) == []


def test_the_files_every_client_shares_hold_nothing_of_any_client(published):
    """The theme's files are published once, outside the clients' folders: no client's name,
    slug, token, page title or internal item is in any byte of them."""
    out, shared = published
    tokens = {client.token for client in shared.values()}
    outside = {name: text for name, text in site_text(out).items() if Path(name).parts[0] not in tokens}
    assert any(name.startswith("assets/javascripts/bundle.") for name in outside)  # the scan reads them
    needles = [
        *(needle for client in shared.values() for needle in (client.slug, client.name, client.token)),
        *internal_texts(CONFIDENTIAL),
        "Faire connaître les ateliers",  # a client-visible objective of confiance
    ]
    assert [f"{name}: {n!r}" for name, text in outside.items() for n in needles if n.lower() in text.lower()] == []


def test_each_published_folder_has_its_own_search_index_of_its_own_pages(published):
    out, shared = published
    for client in shared.values():
        index = json.loads((out / client.token / "search/search_index.json").read_text(encoding="utf-8"))
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert {"", "objectives/", "kpis/"} <= pages  # locations relative to the client's folder
        assert all((out / client.token / page / "index.html").is_file() for page in pages)
    assert not (out / "search").exists()  # no index of every client at the root
    confiance = (out / shared["confiance"].token / "kpis/index.html").read_text(encoding="utf-8")
    assert '"base": "../"' in confiance  # the theme looks for the index in the client's folder
    assert 'href="../../assets/stylesheets/main.' in confiance  # and for its files at the root


def test_one_build_or_one_per_client_publish_the_same_bytes(published, tmp_path, monkeypatch):
    out, _ = published
    project = out.parent / "project"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    publish(project / "mkdocs.yml", tmp_path / "one-build", SECRET, "https://agency.github.io/bible", processes=1)
    assert site_text(tmp_path / "one-build") == site_text(out)


def test_publish_keeps_links_stable_and_rotation_kills_the_old_one(tmp_path):
    project = make_project(tmp_path / "project", {"confiance": CONFIDENTIAL, "quokka": OTHER})
    out = tmp_path / "public"
    before = {c.slug: c.token for c in publish(project / "mkdocs.yml", out, SECRET)}
    again = {c.slug: c.token for c in publish(project / "mkdocs.yml", out, SECRET)}
    assert again == before
    rotate(project / "share-links.yml", "quokka")
    after = {c.slug: c.token for c in publish(project / "mkdocs.yml", out, SECRET)}
    assert after["confiance"] == before["confiance"]
    assert after["quokka"] != before["quokka"]
    assert not (out / before["quokka"]).exists() and (out / after["quokka"]).is_dir()


def test_publish_refuses_a_folder_it_did_not_make_and_invalid_files(tmp_path):
    project = make_project(tmp_path / "project", {"confiance": CONFIDENTIAL})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete")
    with pytest.raises(PublishError, match="not empty and was not made by 'strategy-bible publish'"):
        publish(project / "mkdocs.yml", precious, SECRET)
    assert (precious / "thesis.txt").read_text() == "do not delete"
    (project / "strategies/broken.yml").write_text("client: {name: X}\n")
    with pytest.raises(PublishError, match=r"strategies/broken.yml: 1 error \(run `strategy-bible validate`"):
        share_table(project / "mkdocs.yml", SECRET)


# --- the repository's examples ------------------------------------------------------------------


def test_the_example_bible_for_clients_holds_none_of_the_examples_internal_items(example_site, internal_site):
    assert leaks(example_site, EXAMPLE_SECRETS) == []
    found_internal = {needle for needle in EXAMPLE_SECRETS if leaks(internal_site, [needle])}
    assert found_internal == set(EXAMPLE_SECRETS)  # so the scan above can fail


# --- the repository link ----------------------------------------------------------------------------


def test_a_client_build_links_to_no_repository(builds):
    """A public repository holds every internal item: no page of a client build leads there."""
    for site in (builds["client"], builds["single"]):
        assert leaks(site, ["agency/strategy-bible-secrets"]) == []
        assert not any("md-content__button" in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    objectives = (builds["internal"] / "clients/confiance/objectives/index.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}"' in objectives  # the header's link to the repository
    assert f"{REPOSITORY}/edit/master/strategies/confiance.yml" in objectives  # edit the source YAML


def test_a_client_build_links_to_the_repository_when_the_setting_allows_it(tmp_path):
    project = make_project(
        tmp_path,
        {"confiance": CONFIDENTIAL},
        mkdocs_extra=f"repo_url: {REPOSITORY}\n",
        plugin_config="      repository_link_for_clients: true\n",
    )
    client = build(project)
    objectives = (client / "clients/confiance/objectives/index.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}"' in objectives
    assert "strategies/confiance.yml" not in objectives  # never the strategy file, which holds the internal items


# --- what publish prints -----------------------------------------------------------------------------

HIDDEN_WARNING_ID = "fusion-concurrent"
HIDDEN_WARNING_TITLE = "Racheter la brasserie d'en face"


def project_with_hidden_objective(tmp_path: Path, axis: str) -> Path:
    """The examples plus an internal objective with no KPI (a warning naming it), or with a typo in
    its axis (an error naming it)."""
    project = make_project(tmp_path / "p")
    brasserie = project / "strategies/brasserie-du-canal.yml"
    hidden = f"""
  - id: {HIDDEN_WARNING_ID}
    title: {HIDDEN_WARNING_TITLE}
    axis: {axis}
    visibility: internal

actions:
"""
    brasserie.write_text(brasserie.read_text(encoding="utf-8").replace("\nactions:\n", hidden, 1), encoding="utf-8")
    return project


def publish_log(project: Path) -> tuple[int, str]:
    """Run `strategy-bible publish` as CI does; its exit code and everything it printed."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STRATEGY_BIBLE_SECRET": SECRET, "CI": "true"}
    published = subprocess.run(
        [sys.executable, "-m", "strategy_bible.commands.cli", "publish", "--out", "public"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return published.returncode, published.stdout + published.stderr


def test_publish_prints_counts_of_warnings_never_the_internal_items_they_name(tmp_path):
    """A CI log may be read by others: publishing says how many warnings, not which internal item."""
    project = project_with_hidden_objective(tmp_path, "notoriety")
    local = command_in_process(project, "validate", "strategies")  # (a build says it too, a build is slower)
    assert f"objectives[{HIDDEN_WARNING_ID}]" in local.stderr  # the agency's own terminal names it
    code, log = publish_log(project)
    assert code == 0, log
    for needle in [*EXAMPLE_SECRETS, HIDDEN_WARNING_ID, HIDDEN_WARNING_TITLE]:
        assert needle not in log, (needle, log)
    assert "strategies/brasserie-du-canal.yml: 1 warning (run `strategy-bible validate` on your machine" in log


def test_publish_refusing_an_invalid_file_prints_counts_never_the_internal_item(tmp_path):
    """An error in an internal item stops publish; the CI log says how many errors, not what they name."""
    project = project_with_hidden_objective(tmp_path, "notorietyy")
    code, log = publish_log(project)
    assert code == 1
    assert "strategies/brasserie-du-canal.yml: 1 error (run `strategy-bible validate`" in log, log
    assert "Traceback" not in log
    for needle in [HIDDEN_WARNING_ID, HIDDEN_WARNING_TITLE, "notorietyy"]:
        assert needle not in log, (needle, log)
    assert not (project / "public").exists()


# --- a site's own templates ----------------------------------------------------------------------

# Every attribute of a view a template may read: the sandbox refuses `view.__dict__` and
# `view.__dir__()` (test_sandboxed_templates), so the probes name each one.
VIEW_NAMES = sorted({f.name for f in dataclasses.fields(ClientView)} | {n for n in dir(ClientView) if n[0] != "_"})
EVERY_ATTRIBUTE = (
    "{% for name in "
    + repr(VIEW_NAMES)
    + " if view|attr(name) is not callable %}{{ name }} {{ view|attr(name) }}\n{% endfor %}"
)
PROBE_OVERVIEW = (
    """\
# {{ client.name }}

PROBE-OVERVIEW

<div class="probe">
{{ view }}
{% if view.full is defined %}{{ view.full }}{% endif %}
{% if view.warnings is defined %}{{ view.warnings }}{% endif %} {{ view.shown_warnings }}
"""
    + EVERY_ATTRIBUTE
    + """
{% for name, value in view.strategy %}
{{ name }} {{ value }}
{% endfor %}
{{ s.model_dump() }} {{ s.notes }}
{% for o in s.objectives if o.visibility == "internal" %}{{ o.id }} {{ o.title }}{% endfor %}
{% for o in s.objectives %}{{ view.smart(o) }} {{ view.warnings_about(o.id) }}{% endfor %}
</div>
"""
)
PROBE_HOME = (
    """\
# Home

PROBE-HOME

<div class="probe">
{% for view in views %}{{ view }} {% if view.full is defined %}{{ view.full }}{% endif %}
"""
    + EVERY_ATTRIBUTE
    + """{% endfor %}
{{ broken }}
</div>
"""
)


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    """The examples, one with an internal objective the warnings name, built with templates that
    print everything they can reach: for clients in MkDocs' process and in worker processes, and
    for the agency."""
    sites = {}
    # one worker process: what a worker can reach is probed, not how clients are shared among workers
    for name, workers, audience in [("client", 0, "client"), ("workers", 1, "client"), ("internal", 0, "internal")]:
        project = make_project(
            tmp_path_factory.mktemp(name),
            plugin_config=f"      templates_dir: probes\n      workers: {workers}\n",
        )
        (project / "probes").mkdir()
        (project / "probes/overview.md.jinja").write_text(PROBE_OVERVIEW, encoding="utf-8")
        (project / "probes/home.md.jinja").write_text(PROBE_HOME, encoding="utf-8")
        brasserie = project / "strategies/brasserie-du-canal.yml"
        brasserie.write_text(
            brasserie.read_text(encoding="utf-8").replace(
                "\nactions:\n",
                f"\n  - id: {HIDDEN_WARNING_ID}\n    title: {HIDDEN_WARNING_TITLE}\n"
                "    axis: notoriety\n    visibility: internal\n\nactions:\n",
                1,
            ),
            encoding="utf-8",
        )
        # not --strict: the hidden objective has no KPI, a warning
        sites[name] = build(project, env={"STRATEGY_BIBLE_AUDIENCE": audience}, strict=False)
    return sites


PROBED_SECRETS = [*EXAMPLE_SECRETS, HIDDEN_WARNING_ID, HIDDEN_WARNING_TITLE, "has no KPI"]
OVERVIEWS = ["index.html", "clients/brasserie-du-canal/index.html", "clients/northwind-cycles/index.html"]


@pytest.mark.parametrize("site", ["client", "workers"])
def test_a_sites_own_template_finds_no_internal_item_in_a_client_build(probed, site):
    pages = site_text(probed[site])
    assert "PROBE-HOME" in pages["index.html"]
    assert all("PROBE-OVERVIEW" in pages[uri] for uri in OVERVIEWS[1:])  # the probes did run
    assert leaks(probed[site], PROBED_SECRETS) == []


def test_a_sites_own_template_finds_every_internal_item_in_an_internal_build(probed):
    """The probes reach what the agency may see: so the test above can fail."""
    hits = leaks(probed["internal"], PROBED_SECRETS)
    on_probed_pages = {hit.split(": ", 1)[1] for hit in hits if hit.split(": ", 1)[0] in OVERVIEWS}
    assert on_probed_pages == {repr(needle) for needle in PROBED_SECRETS}


def test_publish_of_a_project_without_clients_writes_the_neutral_root_only(tmp_path):
    project = make_project(tmp_path / "project", {})
    assert publish(project / "mkdocs.yml", tmp_path / "public", SECRET, processes=2) == []
    assert sorted(p.name for p in (tmp_path / "public").iterdir()) == [
        ".nojekyll",
        ".strategy-bible-publish",
        "404.html",
        "index.html",
        "robots.txt",
    ]


def test_publish_pdf_puts_each_clients_review_in_its_folder_and_prints_no_token(tmp_path):
    """publish --pdf as CI runs it: the report of the latest review among the client's downloads,
    named by slug and date, holding none of the internal items; no token in the log."""
    project = make_project(tmp_path / "p")
    environment = {"STRATEGY_BIBLE_SECRET": SECRET, "CI": "true"}
    made = strategy_bible(project, "publish", "--out", "public", "--pdf", env=environment)
    assert made.returncode == 0, made.stderr
    tokens = {client.slug: client.token for client in share_table(project / "mkdocs.yml", SECRET)}
    log = made.stdout + made.stderr
    assert [t for t in tokens.values() if t in log] == []
    assert "brasserie-du-canal: brasserie-du-canal-review-2026-10-05.pdf" in log
    pdfs = sorted(path.relative_to(project / "public") for path in (project / "public").rglob("*.pdf"))
    assert pdfs == [Path(tokens["brasserie-du-canal"]) / "brasserie-du-canal-review-2026-10-05.pdf"]
    assert not list((project / "public").rglob(".strategy-bible-pdf.html"))  # the printed document is gone
    overview = (project / "public" / tokens["brasserie-du-canal"] / "index.html").read_text(encoding="utf-8")
    downloads = overview.split('<p class="sb-downloads">', 1)[1].split("</p>", 1)[0]
    assert '<a href="brasserie-du-canal-review-2026-10-05.pdf">' in downloads  # linked from the downloads line
    text = site_text(project / "public" / tokens["brasserie-du-canal"])[str(pdfs[0].relative_to(pdfs[0].parts[0]))]
    assert "Revue du 5 octobre 2026" in text
    assert [n for n in [*EXAMPLE_SECRETS, *tokens.values()] if n.lower() in text.lower()] == []
