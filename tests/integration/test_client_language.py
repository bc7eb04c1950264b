"""A client's own language (``client.language``): an English client in a French site (the
repository's example: mkdocs.yml ``language: fr`` and northwind-cycles ``language: en``) gets
pages, menu, downloads, error page and Material's strings in English; the French clients of the
same site stay French."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from strategy_bible.commands.publish import publish
from strategy_bible.render.labels import EN, FR
from strategy_bible.render.renderer import Renderer
from strategy_bible.strategy.files import read_strategy

from support import FIXTURES, REPO, make_project

SITE_NAME = "Bible des stratégies — Agence Lumière"
"""The agency's site_name (mkdocs.yml): its words, not a label."""


def _french_fragments() -> set[str]:
    """The words of every French label that English writes otherwise (fields cut out), but for
    those English labels use too (``actions``)."""
    english = " ".join(EN.values()).lower()
    found = set()
    for key, french in FR.items():
        if french == EN[key]:
            continue
        for part in re.split(r"\{[^}]*\}", french):
            part = part.strip(" :,.;·—–()/\u00a0")
            if len(part) >= 4 and re.search(r"[^\W\d_]{3}", part) and not _within(part.lower(), english):
                found.add(part)
    return found


def _within(words: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


FRENCH = _french_fragments()


def french_labels_in(text: str) -> list[str]:
    """The French labels found in ``text`` as whole words."""
    return sorted(f for f in FRENCH if _within(f, text))


def page_text(page: str) -> str:
    """A page's text as a reader gets it: scripts and the agency's site name left out."""
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)).replace(SITE_NAME, " ")


def article(page: str) -> str:
    match = re.search(r"<article\b.*?</article>", page, flags=re.S)
    assert match, "no article"
    return match.group(0)


def pages_of(site: Path, slug: str) -> list[Path]:
    pages = sorted((site / "clients" / slug).rglob("*.html"))
    assert len(pages) >= 5, pages
    return pages


def test_the_scan_finds_french_labels_on_a_french_clients_pages(example_site):
    """The check below could fail: the same scan finds French labels on a French client's pages."""
    for page in pages_of(example_site, "brasserie-du-canal"):
        assert french_labels_in(page_text(article(page.read_text(encoding="utf-8")))), page


def test_an_english_client_in_a_french_site_is_english_throughout(example_site):
    for page in pages_of(example_site, "northwind-cycles"):
        source = page.read_text(encoding="utf-8")
        assert '<html lang="en"' in source, page
        assert french_labels_in(page_text(article(source))) == [], page
        # Material's own strings: skip link, search box, its scripts' translations
        assert "Skip to content" in source and 'placeholder="Search"' in source, page
        assert '"search.result.placeholder": "Type to start searching"' in source, page
        assert "Rechercher" not in source and "Aller au contenu" not in source, page
        # the client's menu (its pages' titles) and the search dialog's name
        assert re.search(rf'<span class="md-ellipsis">\s*{EN["page.objectives"]}\s*</span>', source), page
        assert 'role="dialog" aria-label="Search"' in source, page


def test_a_french_client_of_the_same_site_stays_french(example_site):
    for page in pages_of(example_site, "brasserie-du-canal"):
        source = page.read_text(encoding="utf-8")
        assert '<html lang="fr"' in source, page
        assert 'placeholder="Rechercher"' in source and "Skip to content" not in source, page


BROKEN = (
    (FIXTURES / "valid" / "contract-example.yml")
    .read_text(encoding="utf-8")
    .replace("period:", "unknown_key: 1\nperiod:", 1)
)


@pytest.mark.parametrize(
    ("language", "title", "error", "lang"),
    [
        ("en", "Strategy file to fix", "unknown key 'unknown_key'", "en"),
        (None, FR["page.error"], "clé inconnue « unknown_key »", "fr"),
    ],
)
def test_a_broken_files_error_page_speaks_the_language_it_asks_for(tmp_path, monkeypatch, language, title, error, lang):
    """In ``serve``: a file that does not validate still says its language, and its error page speaks it
    (an internal serve: it shows every message)."""
    monkeypatch.delenv("STRATEGY_BIBLE_CLIENTS", raising=False)
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")
    source = BROKEN if language is None else BROKEN.replace("client:\n", f"client:\n  language: {language}\n", 1)
    project = make_project(tmp_path / "p", {"broken": source}, pages=False)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    page = (tmp_path / "site" / "clients/broken/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    assert title in html.unescape(page) and error in html.unescape(page)
    if language == "en":
        assert french_labels_in(page_text(article(page))) == []


IMPOSSIBLE = """client:
  name: Acme
period:
  start: 2027-02-30
  end: 2026-12-31
objectives:
  - {id: grow, title: Grow, axis: image}
editorial:
  pillars:
    - {id: one, name: One, objectives: [grow], share: 70}
    - {id: two, name: Two, objectives: [grow], share: 50}
"""


def test_a_french_sites_error_page_says_the_loaders_and_the_rules_messages_in_french(tmp_path, monkeypatch):
    """A day that does not exist (the loader) and shares over 100 % (a rule) were English on a
    French error page."""
    monkeypatch.delenv("STRATEGY_BIBLE_CLIENTS", raising=False)
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")
    project = make_project(tmp_path / "p", {"acme": IMPOSSIBLE}, pages=False)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    page = html.unescape((tmp_path / "site" / "clients/acme/index.html").read_text(encoding="utf-8"))
    assert '"2027-02-30" n\'est pas une date : février 2027 compte 28 jours' in page
    assert "les parts visées des piliers totalisent 120 % ; ensemble, elles font au plus 100 %" in page
    assert "is not a date" not in page and "add up to" not in page


@pytest.mark.parametrize(("language", "text"), [("fr", FR["published.root"]), ("en", EN["published.root"])])
def test_the_published_root_page_follows_the_site_language(tmp_path, language, text):
    """Whoever cuts a share link short lands there: it was English in a French project."""
    project = make_project(tmp_path / "p", {}, pages=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", f"language: {language}"), "utf-8")
    publish(config, tmp_path / "public", "a-secret-of-at-least-32-characters-long", processes=1)
    for name in ("index.html", "404.html"):
        page = (tmp_path / "public" / name).read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in page and f"<p>{html.escape(text)}</p>" in page, name


def test_the_english_clients_share_link_folder_is_english(tmp_path):
    """What the client opens: its published folder, built beside a French client."""
    project = make_project(
        tmp_path / "p",
        {slug: REPO / "strategies" / f"{slug}.yml" for slug in ("northwind-cycles", "librairie-des-pentes")},
    )
    shared = {c.slug: c for c in publish(project / "mkdocs.yml", tmp_path / "public", "x" * 40, processes=1)}
    english, french = (
        tmp_path / "public" / shared[slug].token for slug in ("northwind-cycles", "librairie-des-pentes")
    )
    pages = [p for p in english.rglob("*.html") if "methode" not in p.parts]  # the agency's own page, in French
    assert len(pages) >= 5
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert '<html lang="en"' in source and 'placeholder="Search"' in source, page
        assert french_labels_in(page_text(source)) == [], page
    downloads = [p for p in english.iterdir() if p.suffix in (".csv", ".ics", ".json")]
    assert {"kpis.csv", "events.ics", "bible.json"} <= {p.name for p in downloads}
    for download in downloads:
        assert french_labels_in(download.read_text(encoding="utf-8")) == [], download
    assert ",Failure,Stop the spending or pivot" in (english / "kpis.csv").read_text(encoding="utf-8-sig")
    assert '<html lang="fr"' in (french / "index.html").read_text(encoding="utf-8")


def test_a_build_after_a_publish_in_the_same_process_builds_every_client(tmp_path, monkeypatch):
    """MkDocs keeps one plugin instance per process: what publish set on it (its clients and their
    folders) must not reach the next build, which would hold only the published clients."""
    for name in ("STRATEGY_BIBLE_AUDIENCE", "STRATEGY_BIBLE_CLIENTS"):
        monkeypatch.delenv(name, raising=False)
    project = make_project(tmp_path / "p")
    publish(project / "mkdocs.yml", tmp_path / "published", "x" * 40, processes=1)
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    built = {p.name for p in (tmp_path / "site" / "clients").iterdir() if p.is_dir()}
    assert built == {"brasserie-du-canal", "librairie-des-pentes", "northwind-cycles"}


VALUE_ERRORS = FIXTURES / "invalid" / "value-errors.yml"
ENGLISH_WORDS = re.compile(r"\b(expected|got|or less|or more|means|without|write|nothing|a list|a mapping|digit)\b")


def test_a_french_sites_error_page_says_the_models_value_errors_in_the_clients_language(tmp_path, monkeypatch):
    """Numbers, dates, date-times, amounts, hours, shares and limits the model refuses were English
    on a French site's error page; a client that asks for English still gets them in English."""
    monkeypatch.delenv("STRATEGY_BIBLE_CLIENTS", raising=False)
    monkeypatch.setenv("STRATEGY_BIBLE_AUDIENCE", "internal")
    french = VALUE_ERRORS.read_text(encoding="utf-8")
    english = french.replace("client: {name: Acme}", "client: {name: Acme, language: en}", 1)
    project = make_project(tmp_path / "p", {"valeurs": french, "values": english}, pages=False)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    problems = read_strategy(VALUE_ERRORS, "strategies/valeurs.yml").errors
    assert len(problems) >= 15 and all(p.said for p in problems), [str(p) for p in problems]
    page = html.unescape((tmp_path / "site" / "clients/valeurs/index.html").read_text(encoding="utf-8"))
    errors = re.search(r'<div class="admonition failure sb-error".*?</ul>', page, flags=re.S)
    assert errors and '<html lang="fr"' in page
    said = page_text(re.sub(r"<code>.*?</code>", " ", errors.group(0)))  # the messages, without file:line and keys
    for problem in problems:
        assert Renderer("fr").message(problem) in said and problem.message not in said, problem.message
    assert "un nombre entre -10^15 et 10^15 (un million de milliards) est attendu, pas un nombre de 22 chiffres" in said
    assert "une date au format AAAA-MM-JJ (par exemple 2026-03-31) est attendue, pas '31/03/2026'" in said
    assert not ENGLISH_WORDS.search(said), ENGLISH_WORDS.findall(said)
    page = html.unescape((tmp_path / "site" / "clients/values/index.html").read_text(encoding="utf-8"))
    assert '<html lang="en"' in page
    for problem in problems:
        assert problem.message in page, problem.message  # the terminal's words
    assert "est attendu" not in page and "un nombre" not in page
