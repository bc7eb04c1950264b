"""One real `mkdocs build` of the edge cases the property tests draw in-process: the extreme but
valid values (numbers at ±10^15, dates on 1900-01-01 and 2200-12-31, ratios far beyond) and the
bidirectional control characters (in the client's name, a KPI's name, a Markdown why, raw, escaped
and as HTML references), built for the internal audience, which shows every text of the file."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest

from support import FIXTURES, build, make_project

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
TEXT_FILES = {".html", ".json", ".csv", ".ics", ".xml", ".txt", ".md", ".gz"}
REFERENCE = re.compile(r"&#(x[0-9a-f]+|[0-9]+);", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("edges"),
        {
            "extremes": FIXTURES / "valid" / "extreme-values.yml",
            "bidi": FIXTURES / "hostile" / "bidi-controls.yml",
        },
    )
    return build(project, env={"STRATEGY_BIBLE_AUDIENCE": "internal"})


def built_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_FILES:
            raw = path.read_bytes()
            texts[path.relative_to(site).as_posix()] = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode(
                "utf-8-sig"
            )
    return texts


def test_extreme_but_valid_values_build(site):
    kpis = (site / "clients/extremes/kpis/index.html").read_text(encoding="utf-8")
    assert "1\u202f000\u202f000\u202f000\u202f000\u202f000" in kpis  # 10^15, the French way
    assert "31 décembre 2200" in kpis and "1er janvier 1900" in kpis
    csv = (site / "clients/extremes/kpis.csv").read_text(encoding="utf-8-sig")
    assert "-1000000000000000;1000000000000000" in csv
    ics = (site / "clients/extremes/events.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:22001231" in ics and "DTEND;VALUE=DATE:22010101" in ics
    assert "DTSTART;VALUE=DATE:19000101" in ics
    assert (site / "clients/extremes/posts/index.html").is_file()
    assert (site / "clients/extremes/review/index.html").is_file()


def test_no_bidi_control_reaches_any_built_file(site):
    texts = built_texts(site)
    assert {
        "clients/bidi/index.html",
        "clients/bidi/kpis.csv",
        "clients/bidi/events.ics",
        "search/search_index.json",
    } <= set(texts)
    for name, text in texts.items():
        found = sorted({f"U+{ord(c):04X}" for c in text if c in BIDI})
        assert not found, f"{name} holds {found}"
        if name.endswith(".html"):  # nor as a character reference a browser would turn into one
            refs = [m.group(0) for m in REFERENCE.finditer(text) if html.unescape(m.group(0)) in BIDI]
            assert not refs, f"{name} holds {refs}"


def test_texts_with_bidi_controls_still_show(site):
    """Taken out, not the text around them: the reader sees the file's characters in their order."""
    overview = (site / "clients/bidi/index.html").read_text(encoding="utf-8")
    kpis = (site / "clients/bidi/kpis/index.html").read_text(encoding="utf-8")
    assert "Boulangerie nitraM" in overview  # the name, in the page and the menu
    assert overview.count("Boulangerie nitraM") >= 2
    assert "0521 abonnés Instagram" in kpis
    objectives = (site / "clients/bidi/objectives/index.html").read_text(encoding="utf-8")
    assert "<strong>0521</strong>" in objectives  # the Markdown why, rendered
    csv = (site / "clients/bidi/kpis.csv").read_text(encoding="utf-8-sig")
    assert "0521 abonnés Instagram" in csv
    ics = (site / "clients/bidi/events.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Boulangerie nitraM" in ics and "Petit-déjeuner sniosiov" in ics
