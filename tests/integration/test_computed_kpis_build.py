"""KPIs computed from the posts in real builds: the KPI page, kpis.csv and bible.json show the
computed figures, and a client build counts client-visible posts only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from support import build, make_project

STRATEGY = """\
client: {name: Café Lumière}
period: {start: 2026-01-01, end: 2026-12-31, cadence: quarterly}
channels:
  - {id: instagram, name: Instagram}
  - {id: facebook, name: Facebook}
objectives:
  - {id: communaute, title: Une communauté qui réagit, axis: image}
kpis:
  - id: engagement-instagram
    name: Taux d'engagement Instagram
    objective: communaute
    unit: percent
    baseline: {value: 3.1, date: 2026-01-31}
    target: {value: 4.5, date: 2026-12-31}
    from_posts: {metric: engagement_rate, channel: instagram}
  - id: publications
    name: Publications du trimestre
    objective: communaute
    baseline: {value: 1, date: 2026-01-31}
    target: {value: 6, date: 2026-12-31}
    from_posts: {metric: posts, per: review}
posts:
  - {date: 2026-09-02, channel: instagram, title: Septembre un, reach_organic: 1000, likes: 40, comments: 10}
  - {date: 2026-09-20, channel: instagram, title: Septembre deux, reach_organic: 2000, likes: 60}
  - {date: 2026-10-05, channel: instagram, title: Octobre, reach_organic: 1000, likes: 30, shares: 12}
  - {date: 2026-10-12, channel: instagram, title: Le post du comptoir, reach_organic: 1000, likes: 300, visibility: internal}
  - {date: 2026-10-20, channel: facebook, title: Facebook, reach_organic: 500, likes: 5}
"""
"""Instagram: September 5 % and 3 % (median 4 %), October 4.2 %; the internal post (30 %) makes
October's median 17.1 % for the agency. Posts per quarter: Q3 2, Q4 2 (3 with the internal one)."""

TODAY = dt.date(2026, 12, 1)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    epoch = str(int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp()))
    built = {}
    for audience in ("client", "internal"):
        project = make_project(tmp_path_factory.mktemp(audience), {"cafe": STRATEGY})
        built[audience] = build(project, env={"SOURCE_DATE_EPOCH": epoch, "STRATEGY_BIBLE_AUDIENCE": audience})
    return built


def csv_rows(site: Path) -> dict[str, dict[str, str]]:
    data = (site / "clients" / "cafe" / "kpis.csv").read_bytes().decode("utf-8-sig")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(data, newline=""), delimiter=";")}


def test_the_kpi_page_shows_the_computed_figures_and_says_where_they_come_from(sites):
    page = text_of((sites["client"] / "clients" / "cafe" / "kpis" / "index.html").read_text(encoding="utf-8"))
    assert (
        "Calculé à partir des publications : taux d'engagement par publication (médiane), Instagram, par mois" in page
    )
    assert "les publications sans portée sont écartées" in page
    assert "nombre de publications, tous les canaux, par trimestre" in page
    assert "30 sept. 2026 4 % calculé sur 2 publications" in page
    assert "31 oct. 2026 4,2 % calculé sur 1 publication" in page
    assert "1er déc. 2026 2 calculé sur 2 publications" in page  # the running quarter, dated the build's day
    assert "Pas encore de mesure" not in page


def test_the_csv_and_bible_json_hold_the_computed_latest_values(sites):
    rows = csv_rows(sites["client"])
    assert (rows["engagement-instagram"]["latest_value"], rows["engagement-instagram"]["latest_date"]) == (
        "4,2",
        "2026-10-31",
    )
    assert (rows["publications"]["latest_value"], rows["publications"]["latest_date"]) == ("2", "2026-12-01")
    bible = json.loads((sites["client"] / "clients" / "cafe" / "bible.json").read_text(encoding="utf-8"))
    assert {k["id"]: k["latest"] for k in bible["kpis"]} == {"engagement-instagram": 4.2, "publications": 2}


def test_an_internal_post_moves_the_agency_s_figure_never_the_client_s(sites):
    internal, client = csv_rows(sites["internal"]), csv_rows(sites["client"])
    assert internal["engagement-instagram"]["latest_value"] == "17,1"
    assert internal["publications"]["latest_value"] == "3"
    assert client["engagement-instagram"]["latest_value"] == "4,2" and client["publications"]["latest_value"] == "2"
    for path in (sites["client"] / "clients" / "cafe").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"17,1" not in data and b"17.1" not in data and b"comptoir" not in data, path
