"""Text from strategy files reaches pages exactly as written, and nothing in it can run."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from strategy_bible.render.markup import MarkdownFields, plain

NASTY = [
    "Plain title",
    "*not emphasis* and _not either_ and **bold?**",
    "[a link](javascript:alert(1)) and <https://example.org>",
    "<script>alert('x')</script> & <b>not bold</b>",
    "# not a heading {#fake-id} | pipe | table",
    "1. not a list",
    "- not a list either",
    "`not code` ~~not struck~~ ==not marked== ^^not inserted^^",
    ":smile: $x^2$ @someone #hashtag",
    "Atelier de mars : le retour — « guillemets » l’été",
    "back\\slash \\* escaped",
    "a\nmulti-line\n\ntext",
    "&amp; &lt;already escaped&gt; &#42;",
]

EXTENSIONS = [
    "tables",
    "attr_list",
    "toc",
    "pymdownx.tilde",
    "pymdownx.mark",
    "pymdownx.caret",
    "pymdownx.emoji",
    "pymdownx.magiclink",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "smarty",
]


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("text", NASTY)
def test_plain_text_shows_as_written_in_markdown(text):
    rendered = markdown.markdown(f"Value: {plain(text)}", extensions=EXTENSIONS)
    assert rendered.startswith("<p>") and rendered.count("<") == 2  # one paragraph, no markup of its own
    assert visible_text(rendered) == "Value: " + " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_plain_text_in_a_heading_and_a_table_cell(text):
    rendered = markdown.markdown(
        f"## {plain(text)} {{#the-id}}\n\n| a |\n| - |\n| {plain(text)} |\n", extensions=EXTENSIONS
    )
    assert '<h2 id="the-id">' in rendered
    assert rendered.count("<td>") == 1
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
    assert visible_text(cells[0]) == " ".join(text.split())


def test_plain_keeps_no_break_spaces():
    assert str(plain("Responsable\u00a0:")) == "Responsable\u00a0&#58;"


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<div style="position:fixed">x</div>', "style="),
        ('<svg onload="alert(1)"></svg>', "onload"),
        ('<h2 id="kpis">clobber an anchor</h2>', 'id="kpis"'),
    ],
)
def test_markdown_fields_are_sanitised(source, forbidden):
    assert forbidden not in MarkdownFields()(source)


def test_markdown_fields_keep_their_formatting():
    rendered = MarkdownFields()("Some **bold**, a [site](https://example.org)\n\n# A heading\n\n- one\n- two")
    assert "<strong>bold</strong>" in rendered
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>' in rendered
    assert "<h4>A heading</h4>" in rendered  # demoted below the page's own headings
    assert "<li>one</li>" in rendered
    assert rendered.startswith('\n<div class="sb-prose">')


# --- bidirectional controls: nothing may show a reader text reversed ----------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("char", BIDI)
def test_plain_text_loses_its_bidi_controls(char):
    assert str(plain(f"Abonnés {char}0521 txt.exe")) == "Abonnés 0521 txt&#46;exe"


@pytest.mark.parametrize(
    "source",
    [
        "Why: \u202egnp.exe\u202c and **\u2067bold\u2069**",
        "Written as references: &#8238;gnp.exe &#x202E; &#x2067; &#1564; &#8207;",  # nh3 turns them into the characters
        "[a \u202elink](https://example.org/\u202e/x)",
    ],
)
def test_markdown_fields_lose_their_bidi_controls(source):
    rendered = MarkdownFields()(source)
    assert not set(rendered) & set(BIDI)
    assert "&#8238;" not in rendered and "&#x202E;" not in rendered.upper()


def test_right_to_left_text_itself_is_kept():
    assert str(plain("مخبز مارتن")) == "مخبز مارتن"
    assert "שלום" in MarkdownFields()("שלום **עולם**")
