"""A printed page's running head and foot: its title and client, the date of its figures and its
page number, written into the page's own ``@page`` rule as CSS strings that no name can break out
of."""

from __future__ import annotations

from strategy_bible.render.running_head import PAGE_NUMBER, css_string, running_head


def test_the_title_and_the_as_of_line_go_to_the_top_corners():
    page = '<h1>KPI</h1>\n<p class="sb-as-of">Chiffres au 30 sept&#46; 2026</p>\n<p>…</p>'
    assert running_head("KPI · Brasserie du Canal", page) == (
        '@page{@top-left{content:"KPI · Brasserie du Canal"}@top-right{content:"Chiffres au 30 sept. 2026"}'
        '@bottom-right{content:counter(page) " / " counter(pages)}}'
    )


def test_a_page_without_an_as_of_line_or_title_has_what_it_has_and_its_number():
    assert running_head("Méthode", "<h1>Méthode</h1>") == '@page{@top-left{content:"Méthode"}' + PAGE_NUMBER + "}"
    assert running_head("", "<p>…</p>") == "@page{" + PAGE_NUMBER + "}"


def test_the_as_of_line_is_read_as_text_on_one_line():
    page = '<p class="sb-as-of">Figures as of\n  <em>September 30</em>, 2026 &amp; later</p>'
    assert '@top-right{content:"Figures as of September 30, 2026 \\26  later"}' in running_head("T", page)


def test_quotes_backslashes_markup_and_line_breaks_are_escaped():
    assert css_string('Le "Café" \\ </style><b>\n&') == '"Le \\22 Café\\22  \\5c  \\3c /style\\3e \\3c b\\3e \\a \\26 "'


def test_a_name_cannot_end_the_string_or_the_style_element():
    written = css_string('x"}@page{@top-left{content:"pwned"}}</style><script>alert(1)</script>')
    inside = written[1:-1]
    assert '"' not in inside and "<" not in inside and ">" not in inside
