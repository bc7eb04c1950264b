"""Hand-written pages of one client (``pages/clients/<slug>/…``) go with that client only: into its
navigation section, its one-client builds and its published folder, never into another client's."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from strategy_bible.commands.publish import publish

from support import FIXTURES, build, make_project
from test_confidential import SECRET, leaks, site_text

CONFIDENTIAL = FIXTURES / "valid" / "confidential.yml"
OTHER = FIXTURES / "valid" / "other-client.yml"

OWN_PAGE = "# Compte rendu de l'atelier\n\nRéunion Confiance du 3 mars : voir [les KPI](kpis.md#followers).\n"
OTHER_PAGE = "# Quokka meeting\n\nQuokka minutes of the March meeting.\n"
GHOST_PAGE = "# Ghost notes\n\nNotes about a client who has left.\n"


def project_with_client_pages(root: Path) -> Path:
    project = make_project(root, {"confiance": CONFIDENTIAL, "quokka": OTHER})
    for slug, text in (("confiance", OWN_PAGE), ("quokka", OTHER_PAGE), ("ghost", GHOST_PAGE)):
        folder = project / "pages/clients" / slug
        folder.mkdir(parents=True)
        (folder / "compte-rendu.md").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return project_with_client_pages(tmp_path_factory.mktemp("client-pages"))


def nav_of(page: Path) -> str:
    """The page's navigation sidebar, as text."""
    text = html.unescape(page.read_text(encoding="utf-8"))
    return text[text.index('<nav class="md-nav md-nav--primary"') : text.index('<div class="md-content"')]


def test_a_one_client_build_holds_its_own_pages_and_no_other_clients(project):
    build(project, "-d", "site-one", env={"STRATEGY_BIBLE_CLIENTS": "confiance"})
    site = project / "site-one"
    assert leaks(site, ["Quokka minutes", "Ghost notes", "Notes about a client"]) == []
    page = site / "compte-rendu/index.html"  # beside the client's other pages, as its overview is the home
    assert "Réunion Confiance du 3 mars" in page.read_text(encoding="utf-8")
    assert 'href="../kpis/#followers"' in page.read_text(encoding="utf-8")  # its link to kpis.md works
    assert "Compte rendu de l'atelier" in nav_of(site / "kpis/index.html")


def test_each_client_of_a_full_build_shows_its_own_pages_in_its_section(project):
    build(project, "-d", "site-all")
    site = project / "site-all"
    assert "Réunion Confiance" in (site / "clients/confiance/compte-rendu/index.html").read_text(encoding="utf-8")
    assert "Quokka minutes" in (site / "clients/quokka/compte-rendu/index.html").read_text(encoding="utf-8")
    confiance_nav = nav_of(site / "clients/confiance/kpis/index.html")
    assert "compte-rendu/" in confiance_nav and "Quokka meeting" not in confiance_nav
    quokka_nav = nav_of(site / "clients/quokka/compte-rendu/index.html")
    assert "Quokka meeting" in quokka_nav and "Vélos Quokka" in quokka_nav  # its client's menu around it
    assert "atelier" not in quokka_nav
    # A folder of a slug without a strategy file belongs to no client: not shown to clients.
    assert not (site / "clients/ghost").exists()
    assert leaks(site, ["Ghost notes"]) == []


def test_an_internal_build_keeps_the_pages_of_a_folder_without_a_client(project):
    build(project, "-d", "site-internal", env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    assert "Ghost notes" in (project / "site-internal/clients/ghost/compte-rendu/index.html").read_text(
        encoding="utf-8"
    )


def test_each_published_folder_holds_its_own_clients_pages_only(tmp_path):
    project = project_with_client_pages(tmp_path / "project")
    shared = {c.slug: c for c in publish(project / "mkdocs.yml", tmp_path / "public", SECRET)}
    confiance, quokka = (tmp_path / "public" / shared[slug].token for slug in ("confiance", "quokka"))
    assert "Réunion Confiance" in site_text(confiance)["compte-rendu/index.html"]
    assert "Quokka minutes" in site_text(quokka)["compte-rendu/index.html"]
    assert leaks(confiance, ["Quokka minutes", "Quokka meeting", "Ghost notes"]) == []
    assert leaks(quokka, ["Réunion Confiance", "atelier", "Ghost notes"]) == []


def test_a_page_meant_for_everyone_shows_its_image_in_every_published_folder(tmp_path):
    """Each folder is a site of its own: the docs folder's pages and the images they link
    relatively are copied into it (the image stays at the root too, for the theme's settings)."""
    project = make_project(tmp_path / "project", {"confiance": CONFIDENTIAL, "quokka": OTHER})
    (project / "pages/img").mkdir()
    (project / "pages/img/schema.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (project / "pages/guide.md").write_text("# Guide\n\n![Le schéma](img/schema.svg)\n", encoding="utf-8")
    out = tmp_path / "public"
    for client in publish(project / "mkdocs.yml", out, SECRET, processes=2):
        guide = (out / client.token / "guide/index.html").read_text(encoding="utf-8")
        assert 'src="../img/schema.svg"' in guide
        assert (out / client.token / "img/schema.svg").is_file()
        assert "Guide" in (out / client.token / "index.html").read_text(encoding="utf-8")  # in its menu
    assert (out / "img/schema.svg").is_file()
    assert not (out / "guide").exists()  # a page lives in the clients' folders only
