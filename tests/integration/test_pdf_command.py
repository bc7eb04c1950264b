"""`strategy-bible pdf`: the examples' review report and whole bible, printed by the real command,
read back with pypdf and compared with the built site's own pages."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from strategy_bible.commands.cli import main

from internal_items import EXAMPLE_SECRETS
from support import REPO, make_project, pdf_pages

CLIENT = "clients/brasserie-du-canal"
REVIEW_PAGES = ["reviews/revue-t3-2026", "kpis", "review"]


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def article(site: Path, page: str) -> str:
    text = (site / CLIENT / page / "index.html").read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def kpi_rows(site: Path) -> list[tuple[str, str, str]]:
    """Each KPI of the site's KPI table: its name, its target (the cell's first line), its verdict."""
    table = article(site, "kpis").split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        name = plain(cells[0].split("<br>")[0])
        verdict = plain(cells[1].split("<br>")[0])
        target = plain(cells[4].split("<br>")[0])
        rows.append((name, target, verdict))
    assert len(rows) == 9
    return rows


def headers(fragment: str) -> set[str]:
    return {plain(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", fragment, re.S)} - {""}


def fill_colours(path: Path, page: int) -> set[tuple[float, ...]]:
    """The RGB fill colours a page's content uses, each channel to two decimals."""
    content = PdfReader(path).pages[page].get_contents().get_data().decode("latin-1")
    return {tuple(round(float(c), 2) for c in found) for found in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", content)}


def links(path: Path) -> list[tuple[int, object]]:
    """Every link annotation of the PDF: the page it is on, and where it leads (a page number
    inside the document, or an address)."""
    reader = PdfReader(path)
    destinations = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            dest = annotation.get("/Dest")
            found.append((number, destinations.get(dest) if dest else annotation["/A"].get("/URI")))
    return found


@pytest.fixture(scope="module")
def review(example_pdfs) -> list[str]:
    return pdf_pages(example_pdfs["review"])


@pytest.fixture(scope="module")
def bible(example_pdfs) -> list[str]:
    return pdf_pages(example_pdfs["bible"])


@pytest.mark.parametrize("which", ["review", "bible"])
def test_every_kpi_is_in_the_pdf_with_its_target_and_verdict_as_the_site_shows_them(which, example_pdfs, example_site):
    text = " ".join(pdf_pages(example_pdfs[which]))
    for name, target, verdict in kpi_rows(example_site):
        assert name in text, name
        assert f"{target}" in text and verdict in text, (name, target, verdict)


def test_the_review_holds_every_column_of_every_table_of_its_pages(review, example_site):
    text = " ".join(review)
    pages = [article(example_site, page) for page in REVIEW_PAGES]
    kpi_table = pages[1].split("<h2", 1)[0]
    moved = pages[2].split('id="_moved"', 1)[1].split("<h2", 1)[0]
    expected = headers(pages[0]) | headers(kpi_table) | headers(moved)
    assert {"Décision prise", "Coût par résultat", "Évolution"} <= expected  # the three tables are read
    assert [header for header in sorted(expected) if header not in text] == []


def test_the_bible_holds_every_page_and_every_column_header_of_the_site(bible, example_site):
    text = " ".join(bible)
    pages = [p.parent for p in (example_site / CLIENT).rglob("index.html")]
    expected = set().union(*(headers(article(example_site, str(p.relative_to(example_site / CLIENT)))) for p in pages))
    assert len(expected) > 40
    assert [header for header in sorted(expected) if header not in text] == []
    titles = [plain(re.search(r"<h1[^>]*>(.*?)<a", article(example_site, str(p.relative_to(example_site / CLIENT)))).group(1)) for p in pages]  # fmt: skip
    assert [title for title in titles if title not in text] == []


def test_a_cover_with_both_logos_the_client_the_review_the_period_and_the_as_of_date(example_pdfs, review):
    assert review[0].startswith("Brasserie du Canal")
    for words in [
        "Revue du 5 octobre 2026",
        "Période : 1 janvier 2026 – 31 décembre 2026",
        "Chiffres au 30 septembre 2026",
    ]:
        assert words in review[0], words
    assert "30 septembre 2026 1 / " in review[0]  # the footer: the as-of date, the page number
    # the logos are drawn as vectors: the fill of each one's disc (pages/assets/logo.svg, the client's logo.svg)
    fills = fill_colours(example_pdfs["review"], 0)
    assert {(1.0, 0.78, 0.24), (0.96, 0.89, 0.76)} <= fills, fills


def contents(path: Path) -> list[tuple[str, int]]:
    """The table of contents as printed: each entry's page number (the text at the right end of its
    link) with the page its link leads to (from 1), for every page before the first part."""
    reader = PdfReader(path)
    destinations = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    first_part = destinations["/p1"]
    entries = []
    for page in reader.pages[1:first_part]:
        words: list[tuple[str, float, float]] = []

        def seen(text, cm, tm, font, size, words=words):
            if text.strip():
                words.append(
                    (text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
                )

        page.extract_text(visitor_text=seen)
        for annotation in page["/Annots"]:
            annotation = annotation.get_object()
            left, bottom, right, top = (float(value) for value in annotation["/Rect"])
            inside = [(x, word) for word, x, y in words if bottom <= y <= top and left - 1 <= x <= right]
            entries.append((max(inside)[1], destinations[annotation["/Dest"]] + 1))
    return entries


@pytest.mark.parametrize("which", ["review", "bible"])
def test_the_table_of_contents_gives_the_page_each_entry_links_to(which, example_pdfs):
    pages = pdf_pages(example_pdfs[which])
    assert pages[1].startswith("Sommaire ")  # the second page
    entries = contents(example_pdfs[which])
    assert len(entries) >= (6 if which == "review" else 60)
    assert [printed for printed, target in entries if printed != str(target)] == []
    assert all(2 < target <= len(pages) for _, target in entries)


def test_links_inside_the_pdf_lead_to_its_own_pages(example_pdfs):
    found = links(example_pdfs["review"])
    in_body = [target for page, target in found if page >= 2]
    assert any(isinstance(target, int) for target in in_body)  # the review's KPI links reach the KPI table
    for page, target in found:
        assert isinstance(target, int) or str(target).startswith(("http://", "https://", "mailto:")), (page, target)


def test_every_page_has_the_client_and_its_number_out_of_all(review):
    for number, text in enumerate(review, 1):
        assert "Brasserie du Canal" in text and f"{number} / {len(review)}" in text, number


def test_the_review_ends_with_a_sign_off_block_for_its_attendees(review):
    assert "Validation" in review[-1] and "Signature" in review[-1]
    assert all(name in review[-1] for name in ["Julien (gérant)", "Camille", "Agence Lumière"])


def test_the_examples_client_pdfs_hold_none_of_their_internal_items(example_pdfs):
    """The agency-size example's review report and whole bible, as its client gets them. Here, beside
    the PDFs' other tests, not in test_confidential.py: `--dist loadfile` runs a file in one
    process, so the PDFs are printed in one process, not in both."""
    for which in ("review", "bible"):
        text = " ".join(pdf_pages(example_pdfs[which])).lower()
        assert "brasserie du canal" in text
        assert [needle for needle in EXAMPLE_SECRETS if needle.lower() in text] == [], which


def test_a_whole_bible_says_each_step_on_a_line_when_not_on_a_terminal(example_pdfs):
    log = example_pdfs["progress"].read_text(encoding="utf-8").splitlines()
    assert log[:4] == [
        "building brasserie-du-canal's pages (client)",
        "assembling 14 pages",
        "printing (1 of 2: finding the pages)",
        "printing (2 of 2: with the page numbers)",
    ]
    assert log[-1] == "wrote bible.pdf (client audience)"


# --- refusals ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("refusals"))
    (root / "strategies/broken.yml").write_text("client: {name: X}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["brasserie"], {}, "no client 'brasserie' (did you mean 'brasserie-du-canal'?)"),
        (["broken"], {}, "strategies/broken.yml: 1 error (run `strategy-bible validate`"),
        (["brasserie-du-canal", "--review", "2026-01-01"], {}, "its reviews: 2026-07-06, 2026-10-05"),
        (["brasserie-du-canal", "--out", "no/such/folder.pdf"], {}, "--out no/such/folder.pdf: no folder no/such"),
        (
            ["brasserie-du-canal"],
            {"STRATEGY_BIBLE_CHROMIUM": "/no/chromium"},
            "no browser at /no/chromium (STRATEGY_BIBLE_CHROMIUM); install one: `apt-get install chromium`",
        ),
        (["brasserie-du-canal"], {"STRATEGY_BIBLE_CHROMIUM": str(REPO / "README.md")}, "no browser found ("),
    ],
)
def test_a_refusal_is_one_line_and_exit_1(project, args, env, said, monkeypatch):
    monkeypatch.chdir(project)
    if env:  # the browser is started: in the real command's own process, as a user's would be (this
        # test process may hold pytest-playwright's running event loop, where a second one cannot start)
        command = [str(Path(sys.executable).parent / "strategy-bible"), "pdf", *args]
        ran = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, timeout=300)
        exit_code, stderr = ran.returncode, ran.stderr
    else:
        result = CliRunner().invoke(main, ["pdf", *args], env=env)
        exit_code, stderr = result.exit_code, result.stderr
    assert exit_code == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], stderr
    assert not list(project.glob("*.pdf"))
