"""The PDF's document assembled from built pages: ids kept apart, links kept inside the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_bible.commands.pdf_document import Cover, DocumentError, Source, assemble, menu_order

HEAD = '<html lang="fr"><head><title>T</title><link rel="stylesheet" href="{up}assets/main.css"></head>'
NAV = (
    '<nav class="md-nav md-nav--primary"><a href="{up}" class="md-nav__link">Home</a>'
    '<a href="{up}kpis/" class="md-nav__link">KPI</a><a href="{up}means/" class="md-nav__link">Means</a></nav>'
    '<div class="md-sidebar--secondary"></div>'
)


def page(folder: Path, uri: str, article: str) -> None:
    up = "../" * uri.count("/")
    path = folder / uri / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        HEAD.format(up=up) + '<body data-md-color-scheme="default">' + NAV.format(up=up)
        + f'<article class="md-content__inner md-typeset">{article}</article></body></html>',
        encoding="utf-8",
    )  # fmt: skip


@pytest.fixture
def site(tmp_path: Path) -> Path:
    page(
        tmp_path,
        "",
        '<h1 id="home">Home<a class="headerlink" href="#home">¶</a></h1><h2 id="_standing">Where</h2>'
        '<p><a href="kpis/#reach">Reach</a> <a href="kpis/#gone">Gone</a> <a href="means/">Means</a> '
        '<a href="kpis.csv">CSV</a> <a href="https://example.org/">Out</a> <a href="#_standing">Here</a></p>'
        '<details class="sb-fold"><summary>More</summary><p>Folded</p></details>'
        '<svg><clipPath id="c"></clipPath><rect clip-path="url(#c)"/></svg><img src="logo.svg">',
    )
    page(tmp_path, "kpis/", '<h1 id="kpis">KPI</h1><h2 id="_standing">Where</h2><h2 id="reach">Reach</h2>')
    page(tmp_path, "means/", '<h1 id="means">Means</h1>')
    return tmp_path


def document(site: Path, sources: list[Source]) -> str:
    return assemble(site, sources, Cover("Client", "Review", "Period", "As of"), "", language="fr").html()


def test_ids_of_two_pages_stay_apart_and_links_lead_inside_the_document(site):
    text = document(site, [Source(""), Source("kpis/")])
    assert 'id="p1-_standing"' in text and 'id="p2-_standing"' in text
    assert '<a href="#p2-reach">Reach</a>' in text
    assert '<a href="#p1-_standing">Here</a>' in text
    assert '<a href="https://example.org/">Out</a>' in text
    assert 'clip-path="url(#p1-c)"' in text and 'id="p1-c"' in text  # a chart's own references follow its ids


def test_a_link_to_what_the_document_lacks_keeps_its_text_without_an_address(site):
    text = document(site, [Source(""), Source("kpis/", "")])
    assert "<a>Means</a>" in text and "<a>CSV</a>" in text  # a page left out, a download
    assert '<a href="#p2">Gone</a>' in text and '<a href="#p2">Reach</a>' in text  # the part holds no such spot


def test_paper_shows_folded_blocks_open_without_permalink_signs(site):
    text = document(site, [Source("")])
    assert "<details open" in text and "¶" not in text
    assert 'href="assets/main.css"' in text and 'src="logo.svg"' in text


def test_the_contents_list_each_part_and_its_sections_with_page_numbers_once_known(site):
    assembled = assemble(site, [Source(""), Source("kpis/")], Cover("C", "R", "P", "A"), "", language="fr")
    assert assembled.contents[:3] == [(1, "p1", "Home"), (2, "p1-_standing", "Where"), (1, "p2", "KPI")]
    assert '<span class="sb-pdf-toc__page">7</span>' in assembled.html({"p2": 7})


def test_the_menu_gives_the_order_and_a_missing_section_is_an_error(site):
    assert menu_order(site) == ["", "kpis/", "means/"]
    with pytest.raises(DocumentError, match="the page kpis/ has no section #_moved"):
        assemble(site, [Source("kpis/", "_moved")], Cover("C", "R", "P", "A"), "", language="fr")
