"""A client build speaks to the client: no agency backlog ("overdue", "no measurement this period",
"still running"), no advice to the community manager; what the client should know (the next
review, figures still to come) is written for the client. The internal build keeps the backlog.

Built on a day fixed by SOURCE_DATE_EPOCH on which everything is due: a review overdue, a KPI with
no measurement in the current quarter, an action past its end still running, traffic failing."""

from __future__ import annotations

import datetime as dt
import html as html_text
import re
from pathlib import Path

import pytest

from support import build, make_project

DAY = dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC)  # 2027-01-05 was the review due after 2026-10-05

STRATEGY = """\
client: {name: Atelier Lune}
period: {start: 2026-01-01, end: 2027-12-31, cadence: quarterly}
channels:
  - {id: instagram, name: Instagram}
objectives:
  - {id: trafic, title: Des visites sur la boutique, axis: traffic}
actions:
  - {id: pubs, title: Publicités Instagram, objectives: [trafic], channel: instagram, owner: Camille,
     status: running, start: 2026-02-01, end: 2026-11-30}
  - {id: guide, title: Guide des cadeaux, objectives: [trafic], owner: Julien, start: 2027-04-01}
kpis:
  - id: visites
    name: Visites venant des réseaux
    objective: trafic
    baseline: {value: 100, date: 2025-12-31}
    target: {value: 1100, date: 2027-12-31}
    measurements:
      - {date: 2026-09-30, value: 150}
      - {date: 2026-12-31, value: 160}
reviews:
  - id: revue-t3
    date: 2026-10-05
    summary: Le trafic ne décolle pas.
    decisions:
      - {kpi: visites, decision: change, reason: Les publicités attirent des curieux., start: [guide], stop: [pubs]}
    asks: [Valider le guide des cadeaux avant le 15 mars]
"""

BACKLOG_FR = (
    "Revue en retard",
    "Aucune mesure cette période",
    "toujours en cours",
    "À faire",
    "questions à poser au client",
    "vérifiez avec le client",
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    epoch = {"SOURCE_DATE_EPOCH": str(int(DAY.timestamp()))}
    made = {}
    for audience in ("client", "internal"):
        project = make_project(tmp_path_factory.mktemp(audience), {"atelier-lune": STRATEGY})
        made[audience] = build(project, env={**epoch, "STRATEGY_BIBLE_AUDIENCE": audience})
    return made


def page_text(site: Path, page: str) -> str:
    html = (site / "clients" / "atelier-lune" / page / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    text = html_text.unescape(re.sub(r"<[^>]+>", " ", article))
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " "))


def every_page(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_a_client_build_holds_no_agency_backlog_or_advice(sites):
    for name, html in every_page(sites["client"]).items():
        for words in BACKLOG_FR:
            assert words not in html, f"{name}: {words!r}"


def test_the_internal_build_keeps_the_agency_s_backlog_and_advice(sites):
    overview = page_text(sites["internal"], ".")
    assert "Revue en retard depuis le 5 janvier 2027" in overview
    assert "Aucune mesure cette période" in overview
    assert "toujours en cours" in overview
    assert "Prochaine revue : prévue le 5 janvier 2027, en retard" in overview
    assert "vérifiez avec le client" in page_text(sites["internal"], "objectives")


def test_the_client_reads_what_it_should_know_in_its_own_words(sites):
    overview = page_text(sites["client"], ".")
    assert "Prochaine revue : à fixer ensemble" in overview
    assert "Chiffres de T1 2027 à venir" in overview
    assert "Le trafic ne se transforme pas en ventes" in page_text(sites["client"], "objectives")


def test_the_overview_and_the_review_lead_with_where_we_stand(sites):
    overview = page_text(sites["client"], ".")
    assert overview.index("Où en sommes-nous") < overview.index("Santé des KPI")
    assert "Chiffres au 31 décembre 2026" in overview  # under the title: the newest measurement
    # 160 on 2026-12-31: 6 % of the way (60 of 1,000) where 50 % was expected; +10 since Q3 2026
    assert "Visites venant des réseaux : 160 · 6 % du chemin parcouru vers la cible (50 % attendus" in overview
    assert "+10 (+6,7 %)" in overview and "depuis T3 2026" in overview
    assert "Visites venant des réseaux — Changer : Les publicités attirent des curieux." in overview
    assert "Lancer : Guide des cadeaux · responsable : Julien · à partir du 1er avril 2027" in overview
    assert "Arrêter : Publicités Instagram · responsable : Camille" in overview
    assert "Valider le guide des cadeaux avant le 15 mars" in overview
    review = page_text(sites["client"], "reviews/revue-t3")
    # the review's own day: the December figure did not exist yet
    assert "Chiffres au 30 septembre 2026" in review
    assert "Le trafic ne décolle pas." in review
    assert "Prochaine revue : 5 janvier 2027" in review
