"""The frame of every page (browser tab, header, internal strip), on the built examples: a client's
pages name the client and carry its brand — its logo and colour, on its pages and published folder
only — and an internal build says so on every page, a client build on none."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from serving import fetch, mkdocs_serve, wait_for
from strategy_bible.commands.publish import publish
from strategy_bible.render.colours import INTERNAL_HEADER
from strategy_bible.strategy.validation import load_strategy

from support import REPO, make_project, mkdocs_in_process

SITE_NAME = "Bible des stratégies — Agence Lumière"
"""The example mkdocs.yml's site_name."""
CLIENTS = {path.stem: load_strategy(path).client for path in sorted((REPO / "strategies").glob("*.yml"))}
BRANDED = "brasserie-du-canal"
"""The example client with a brand (client.brand); the others have none."""
BRAND = CLIENTS[BRANDED].brand
LOGO_BYTES = (REPO / "pages" / BRAND.logo).read_bytes() if BRAND and BRAND.logo else b""
SECRET = "a-test-secret-that-is-long-enough-0123456789"
STRIP = 'class="sb-internal-strip"'


def head_title(page: Path) -> str:
    """The page's <title> (the one in <head>: the charts' SVG have titles of their own)."""
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    found = re.search(r"<title>(.*?)</title>", head, re.S)
    assert found, page
    return html.unescape(found.group(1).strip())


def header_name(page: Path) -> str:
    """The name the header shows (its first topic; the second is the page's title, on scroll)."""
    found = re.search(r'<div class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', read(page))
    assert found, page
    return html.unescape(found.group(1))


def logos(page: Path, site: Path) -> set[Path]:
    """The files the page's logos (header and menu) show, found in the site."""
    sources = re.findall(r'<img src="([^"]*)" alt="logo">', read(page))
    assert sources, page
    return {(page.parent / html.unescape(source)).resolve().relative_to(site.resolve()) for source in sources}


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def client_pages(site: Path, slug: str) -> list[Path]:
    pages = sorted((site / "clients" / slug).rglob("index.html"))
    assert len(pages) >= 6, slug  # overview, objectives, actions, KPI, events, review at least
    return pages


def html_pages(site: Path) -> list[Path]:
    """Every page of the site but the theme's 404, which belongs to no page."""
    return [page for page in sorted(site.rglob("*.html")) if page.name != "404.html"]


def test_every_page_of_every_client_names_the_client_in_its_tab_and_header(example_site):
    for slug, client in CLIENTS.items():
        for page in client_pages(example_site, slug):
            title = head_title(page)
            assert title.endswith(f" · {client.name}") and SITE_NAME not in title, (page, title)
            assert header_name(page) == client.name, page
    kpis = example_site / "clients" / BRANDED / "kpis" / "index.html"
    assert head_title(kpis) == f"KPI · {CLIENTS[BRANDED].name}"


def test_the_agency_pages_keep_the_site_name(example_site):
    assert head_title(example_site / "index.html") == SITE_NAME
    assert header_name(example_site / "index.html") == SITE_NAME
    assert head_title(example_site / "methode" / "index.html").endswith(f" - {SITE_NAME}")


def test_the_branded_clients_logo_and_colour_are_on_its_pages_and_on_no_others(example_site):
    assert BRAND is not None and BRAND.logo and BRAND.colour and LOGO_BYTES
    own_logo = Path("clients", BRANDED, "logo.svg")
    assert (example_site / own_logo).read_bytes() == LOGO_BYTES
    colour = f"--md-primary-fg-color:{BRAND.colour}"
    for page in client_pages(example_site, BRANDED):
        assert logos(page, example_site) == {own_logo}, page
        assert colour in read(page), page
    others = [page for page in html_pages(example_site) if BRANDED not in page.parts]
    assert len(others) > 10
    for page in others:
        assert logos(page, example_site) == {Path("assets", "logo.svg")}, page  # the agency's
        assert BRAND.colour not in read(page) and "<style>.md-header" not in read(page), page


def test_each_published_folder_carries_its_own_logo_and_no_other_clients(tmp_path):
    project = make_project(tmp_path / "project")
    shared = {
        client.slug: client.token for client in publish(project / "mkdocs.yml", tmp_path / "out", SECRET, processes=2)
    }
    out = tmp_path / "out"
    holding = sorted(
        path.relative_to(out) for path in out.rglob("*") if path.is_file() and path.read_bytes() == LOGO_BYTES
    )
    assert holding == [Path(shared[BRANDED], "logo.svg")]
    for slug, token in shared.items():
        kpis = out / token / "kpis" / "index.html"
        expected = Path(token, "logo.svg") if slug == BRANDED else Path("assets", "logo.svg")
        assert logos(kpis, out) == {expected}, slug
        assert head_title(kpis).endswith(f" · {CLIENTS[slug].name}")


def test_a_logo_missing_or_outside_the_clients_folder_stops_the_build_saying_where(tmp_path):
    def branded(logo: str) -> str:
        text = (REPO / "strategies" / "librairie-des-pentes.yml").read_text(encoding="utf-8")
        return text.replace("client:\n", f"client:\n  brand:\n    logo: {logo}\n", 1)

    project = make_project(
        tmp_path / "p", {"missing": branded("clients/missing/logo.png"), "astray": branded("assets/logo.svg")}
    )
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1
    assert (
        "strategies/astray.yml:5:11: client.brand.logo: 'assets/logo.svg' is not in the client's own folder: put "
        "the logo in pages/clients/astray/, whose files go with this client only, and write clients/astray/logo.svg"
    ) in result.stderr
    assert (
        "strategies/missing.yml:5:11: client.brand.logo: 'clients/missing/logo.png' is not a file of the docs "
        "folder (pages/clients/missing/logo.png does not exist)"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_an_internal_build_shows_its_strip_and_colour_on_every_page(internal_site):
    pages = html_pages(internal_site)
    assert len(pages) > 20
    for page in pages:
        text = read(page)
        assert STRIP in text and f"--md-primary-fg-color:{INTERNAL_HEADER}" in text, page
    strip = re.search(rf"<aside {STRIP}>(.*?)</aside>", read(pages[0]))
    assert strip and strip.group(1) == "Version interne · ne pas montrer au client"


def test_a_client_build_shows_no_internal_strip(example_site):
    for page in html_pages(example_site):
        text = read(page)
        assert STRIP not in text and INTERNAL_HEADER not in text, page


@pytest.mark.parametrize("slug", [slug for slug in CLIENTS if slug != BRANDED])
def test_a_client_without_a_brand_keeps_the_agencys_header(example_site, slug):
    for page in client_pages(example_site, slug):
        assert "<style>.md-header" not in read(page), page


def test_serve_says_a_logo_is_missing_shows_the_agencys_and_the_clients_once_it_is_there(tmp_path):
    text = (REPO / "strategies" / "librairie-des-pentes.yml").read_text(encoding="utf-8")
    branded = text.replace("client:\n", 'client:\n  brand:\n    logo: clients/one/logo.svg\n    colour: "#FFD400"\n', 1)
    project = make_project(tmp_path / "p", {"one": branded})
    kpis = "clients/one/kpis/"
    with mkdocs_serve(project, tmp_path / "serve.log") as url:
        page = fetch(url + kpis)[1]
        assert '<img src="../../../assets/logo.svg" alt="logo">' in page  # the agency's, meanwhile
        assert "--md-primary-fg-color:#FFD400" in page and "--md-primary-bg-color:#000000DE" in page  # dark text
        assert (
            "strategies/one.yml:5:11: client.brand.logo: 'clients/one/logo.svg' is not a file of the docs folder "
            "(pages/clients/one/logo.svg does not exist) (the agency's logo is shown instead)"
        ) in (tmp_path / "serve.log").read_text(encoding="utf-8")
        (project / "pages/clients/one").mkdir(parents=True)
        (project / "pages/clients/one/logo.svg").write_bytes(LOGO_BYTES)
        wait_for(
            lambda: '<img src="../logo.svg" alt="logo">' in fetch(url + kpis)[1],
            "the client's logo",
            tmp_path / "serve.log",
        )
