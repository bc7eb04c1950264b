"""Each table cell carries its column's heading (data-label), which a phone shows beside the figure
when a wide table's rows become cards (strategy_bible.render.table_cards)."""

from __future__ import annotations

import markdown

from strategy_bible.render.table_cards import TableLabels

TABLE = """\
| KPI | <span class="sb-visually-hidden">Taux</span> de clic | 1\\* étoile |
| --- | ---: | --- |
| Abonnés | 1,8 % | oui |
| Avis |
"""


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", TableLabels()])


def test_every_cell_is_labelled_with_its_column_heading_as_read():
    page = html(TABLE)
    assert '<td data-label="KPI">Abonnés</td>' in page
    # Raw HTML in a heading is read without its tags; a Markdown escape as the character it escapes.
    assert '<td data-label="Taux de clic" style="text-align: right;">1,8 %</td>' in page
    assert '<td data-label="1* étoile">oui</td>' in page
    assert '<td data-label="KPI">Avis</td>' in page  # a short row: its cells still under their headings


def test_a_heading_with_quotes_stays_one_attribute():
    page = html('| Le "meilleur" & <b>pire</b> |\n| --- |\n| 1 |\n')
    assert '<td data-label="Le &quot;meilleur&quot; &amp; pire">1</td>' in page


def test_text_without_tables_is_unchanged():
    assert html("Un paragraphe.") == markdown.markdown("Un paragraphe.", extensions=["tables"])
