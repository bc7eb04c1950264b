"""Analysis and reporting, as a person sees it in the built example bible: KPI detail (history,
trend chart, change over the period and the year), roll-ups, SMART marks, decisions, rates, the
review page, the downloads, accessibility on phones and on paper.

Expected figures are computed here from the strategy YAML with the contract's rules, not with the
plugin's own modules: only the number formats (French, Babel) come from the product's Formatter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
import struct
from pathlib import Path
from urllib.parse import urljoin, urlparse

import icalendar
import pytest
import yaml
from playwright.sync_api import Page, expect

from strategy_bible.render.formatting import Formatter, parse_locale

from page_checks import (
    VERDICT_FR,
    assert_no_row_cut,
    assert_no_serious_violation,
    at_phone_width,
    collapsed,
    records,
    table_text,
    text,
    unfolded,
)
from support import REPO, make_project, mkdocs_in_process, serve_directory

pytestmark = pytest.mark.browser

FMT = Formatter(parse_locale("fr"))
BRASSERIE = "brasserie-du-canal"
LIBRAIRIE = "librairie-des-pentes"
THRESHOLDS = (0.75, 0.40)  # the contract's defaults: moderate success, moderate failure
DECISION_FR = {
    "success": "Continuer",
    "moderate-success": "Améliorer / optimiser",
    "moderate-failure": "Changer",
    "failure": "Arrêter les frais ou pivoter",
}


# --- the strategy as written, and the contract's rules ------------------------------------------


def raw(slug: str) -> dict:
    return yaml.safe_load((REPO / "strategies" / f"{slug}.yml").read_text(encoding="utf-8"))


def client_visible(strategy: dict, section: str) -> list[dict]:
    """Items of a section a client build shows: not internal, and not serving internal objectives only."""
    hidden = {o["id"] for o in strategy["objectives"] if o.get("visibility") == "internal"}

    def visible(item: dict) -> bool:
        serves = item.get("objectives", [item["objective"]] if "objective" in item else [])
        return item.get("visibility", "client") != "internal" and not (serves and set(serves) <= hidden)

    return [item for item in strategy.get(section, []) if visible(item)]


def assess(kpi: dict) -> tuple[float | None, float | None, str]:
    """(progress, expected pace, verdict) by the contract's default rule."""
    measurements = sorted(kpi.get("measurements", []), key=lambda m: m["date"])
    if not measurements:
        return None, None, "not-measured"
    b, tb = kpi["baseline"]["value"], kpi["baseline"]["date"]
    t, tt = kpi["target"]["value"], kpi["target"]["date"]
    v, tv = measurements[-1]["value"], measurements[-1]["date"]
    progress = (v - b) / (t - b)
    expected = min(max((tv - tb).days / (tt - tb).days, 0), 1)
    if expected == 0:
        return progress, expected, "too-early"
    if progress >= 1 or progress >= expected:
        return progress, expected, "success"
    if progress >= THRESHOLDS[0] * expected:
        return progress, expected, "moderate-success"
    if progress >= THRESHOLDS[1] * expected:
        return progress, expected, "moderate-failure"
    return progress, expected, "failure"


def rolled_up(kpis: list[dict]) -> str:
    """The issue's roll-up: the mean pace ratio (progress / expected, within 0..1) gets a verdict."""
    if not kpis:
        return "no-kpi"
    ratios = []
    for kpi in kpis:
        progress, expected, _ = assess(kpi)
        if progress is not None and expected:
            ratios.append(1.0 if progress >= 1 else min(max(progress / expected, 0.0), 1.0))
    if not ratios:
        return "not-measured"
    score = sum(ratios) / len(ratios)
    return (
        "success"
        if score >= 1
        else "moderate-success"
        if score >= THRESHOLDS[0]
        else "moderate-failure"
        if score >= THRESHOLDS[1]
        else "failure"
    )


def judging(strategy: dict, objective_id: str) -> list[dict]:
    """The client-visible KPIs of an objective and of all its sub-objectives."""
    ids, queue = set(), [objective_id]
    while queue:
        current = queue.pop()
        ids.add(current)
        queue += [o["id"] for o in strategy["objectives"] if o.get("parent") == current]
    return [k for k in client_visible(strategy, "kpis") if k["objective"] in ids]


def start(event: dict) -> dt.datetime:
    """An event's start: YAML reads ``2026-03-21T18:30`` (no seconds) as text."""
    return dt.datetime.fromisoformat(str(event["start"]))


def quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def last_in_quarter(kpi: dict, which: tuple[int, int]) -> float | None:
    inside = [m for m in kpi.get("measurements", []) if quarter(m["date"]) == which]
    return max(inside, key=lambda m: m["date"])["value"] if inside else None


def signed(text: str, value: float) -> str:
    return ("+" if value > 0 else "") + text


def number(text: str) -> float:
    """'3 650', '4 000 €', '0,7812' → a float."""
    return float(re.sub(r"[^\d,.-]", "", text).replace(",", "."))


def rows(table) -> list[list[str]]:
    return [[collapsed(cell) for cell in row] for row in table_text(table)[1]]


def kpi_of(strategy: dict, kpi_id: str) -> dict:
    return next(k for k in strategy["kpis"] if k["id"] == kpi_id)


def section(page: Page, heading_id: str, what: str):
    """The first ``what`` after a heading, in document order (Material wraps tables in divs)."""
    return page.locator(f"xpath=//*[@id='{heading_id}']/following::{what}[1]")


def attr(locator, name: str) -> float:
    return float(locator.get_attribute(name))


# --- 1. KPI detail -----------------------------------------------------------------------------


def test_kpi_detail_history_trend_chart_and_changes(page: Page, example_url):
    strategy = raw(BRASSERIE)
    followers = kpi_of(strategy, "abonnes-instagram")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{example_url}clients/{BRASSERIE}/kpis/")
    page.wait_for_load_state("networkidle")
    unfolded(page)  # the measurements are one click further than the summary

    # The measurement history, oldest first, dates the French way.
    history = sorted(followers["measurements"], key=lambda m: m["date"])
    table = rows(section(page, "abonnes-instagram", "table"))
    assert [r[0] for r in table] == [FMT.date(m["date"]) for m in history]
    assert table[0][0] == "31 mars 2025" and table[-1][0] == "30 sept. 2026"
    assert [r[1] for r in table] == [FMT.number(m["value"]) for m in history]
    assert table[4][2] == "Jeu-concours de la véloroute"

    # The chart: inline SVG drawn at build time, named and described for screen readers.
    svg = page.locator("svg:has(> title#sb-chart-abonnes-instagram-title)")
    expect(svg).to_have_attribute("role", "img")
    expect(svg).to_have_accessible_name(re.compile(r"^Abonnés Instagram\s*:\s*évolution vers la cible"))
    expect(svg.locator("desc")).to_have_text(
        "De 2\u202f400 le 31 décembre 2025 à la cible de 4\u202f000 le 31 décembre 2026. "
        "Dernière mesure\u00a0: 3\u202f650 le 30 septembre 2026, dans le rythme attendu."
    )
    dots = svg.locator(".sb-chart__dots circle")
    expect(dots).to_have_count(len(history))

    # Where the expected-pace line goes, read back with the chart's own scales: the value scale from
    # two tick labels, the time scale from the dots of two measurements.
    ticks = {number(t.text_content()): attr(t, "y") for t in svg.locator("text[text-anchor=end]").all()}
    (v0, y0), (v1, y1) = sorted(ticks.items())[0], sorted(ticks.items())[-1]
    (d0, x0), (d1, x1) = (history[0]["date"], attr(dots.first, "cx")), (history[-1]["date"], attr(dots.last, "cx"))

    def y_of(value: float) -> float:
        return y0 + (value - v0) * (y1 - y0) / (v1 - v0)

    def x_of(day: dt.date) -> float:
        return x0 + (day - d0).days * (x1 - x0) / (d1 - d0).days

    for m, dot in zip(history, dots.all(), strict=False):
        assert attr(dot, "cy") == pytest.approx(y_of(m["value"]), abs=0.3)
    pace = svg.locator(":scope > line.sb-chart__expected")
    expect(pace).to_have_count(1)
    assert attr(pace, "x1") == pytest.approx(x_of(followers["baseline"]["date"]), abs=0.3)
    assert attr(pace, "y1") == pytest.approx(y_of(followers["baseline"]["value"]), abs=0.3)
    assert attr(pace, "x2") == pytest.approx(x_of(followers["target"]["date"]), abs=0.3)
    assert attr(pace, "y2") == pytest.approx(y_of(followers["target"]["value"]), abs=0.3)
    assert pace.get_attribute("stroke-dasharray")  # dashed: told apart from the measured line without colour

    # Period over period for the client's cadence (quarterly), and over a year where data allows.
    facts = text(section(page, "abonnes-instagram", "ul"))
    now, before, year_ago = (2026, 3), (2026, 2), (2025, 3)
    after = last_in_quarter(followers, now)
    delta, old = after - last_in_quarter(followers, before), last_in_quarter(followers, year_ago)
    assert (
        f"Évolution, T3 2026 contre T2 2026\u00a0: {signed(FMT.number(delta), delta)} "
        f"({signed(FMT.share(delta / last_in_quarter(followers, before)), delta)}) mieux" in facts
    )
    assert (
        f"Sur un an, T3 2026 contre T3 2025\u00a0: +{FMT.number(after - old)} "
        f"(+{FMT.share((after - old) / old)}) mieux" in facts
    )
    assert "+1\u202f400 (+62,2\u00a0%)" in facts

    revenue = kpi_of(strategy, "chiffre-boutique")
    delta = last_in_quarter(revenue, now) - last_in_quarter(revenue, before)
    relative = delta / last_in_quarter(revenue, before)
    facts = text(section(page, "chiffre-boutique", "ul"))
    assert (
        f"Évolution, T3 2026 contre T2 2026\u00a0: {FMT.value(delta, 'currency', 'EUR')} "
        f"({FMT.share(relative)}) moins bien" in facts
    )
    assert "\u221250\u00a0€ (\u22123,8\u00a0%) moins bien" in facts
    assert "Sur un an" not in facts  # no 2025 figures for this KPI

    # A percentage moves in points, so that it does not read as the relative change next to it.
    facts = text(section(page, "taux-engagement", "ul"))
    assert "T3 2026 contre T2 2026\u00a0: +0,2\u00a0pt (+5,1\u00a0%)" in facts

    # Nothing is fetched from elsewhere to show the page (the chart included).
    origin = urlparse(example_url).netloc
    fetched = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")]
    assert fetched and all(urlparse(u).netloc == origin for u in fetched), fetched


# --- 2. roll-ups -------------------------------------------------------------------------------


def test_objectives_get_their_status_from_their_kpis_and_sub_objectives(page: Page, example_url):
    strategy = raw(BRASSERIE)
    page.goto(f"{example_url}clients/{BRASSERIE}/objectives/")
    shown = [o for o in strategy["objectives"] if o.get("visibility") != "internal"]
    for objective in shown:
        kpis = judging(strategy, objective["id"])
        status = text(section(page, objective["id"], "p[contains(@class, 'sb-status')]"))
        assert status.startswith(f"Statut\u00a0: {VERDICT_FR[rolled_up(kpis)]}"), (objective["id"], status)
        assert f"(jugé par {len(kpis)} KPI)" in status
    # The parent has no KPI of its own: its four come from its two sub-objectives.
    assert [k for k in strategy["kpis"] if k["objective"] == "biere-du-canal"] == []
    assert rolled_up(judging(strategy, "biere-du-canal")) == "moderate-success"
    expect(section(page, "biere-du-canal", "p[contains(@class, 'sb-status')]")).to_have_text(
        "Statut\u00a0: Succès modéré (jugé par 4 KPI)"
    )
    child = page.locator("h4#communaute-instagram")
    assert page.locator("h3#biere-du-canal").bounding_box()["y"] < child.bounding_box()["y"]


def test_overview_shows_the_four_axes_with_their_status(page: Page, example_url):
    strategy = raw(BRASSERIE)
    page.goto(f"{example_url}clients/{BRASSERIE}/")
    table = section(page, "_health", "table")
    expected = {}
    for axis in ("visibility", "traffic", "image", "notoriety"):
        tops = [
            o
            for o in strategy["objectives"]
            if o["axis"] == axis and not o.get("parent") and o.get("visibility") != "internal"
        ]
        expected[axis] = VERDICT_FR[rolled_up([k for o in tops for k in judging(strategy, o["id"])])] if tops else None
    cells = rows(table)
    assert [c[0] for c in cells] == ["Visibilité", "Trafic", "Image", "Notoriété"]
    assert cells[1][1] == expected["traffic"] == "Échec"
    assert cells[2][1] == expected["image"] == "Succès modéré"
    assert cells[3][1] == expected["notoriety"] == "Succès modéré"
    # No top-level objective on the visibility axis, but a sub-objective of its own: said, with its status.
    assert expected["visibility"] is None
    assert (
        cells[0][1] == f"par ses sous-objectifs\u00a0: Fédérer une communauté locale sur Instagram "
        f"{VERDICT_FR[rolled_up(judging(strategy, 'communaute-instagram'))]}"
    )
    overall = rolled_up(client_visible(strategy, "kpis"))
    expect(page.locator("article p.sb-status")).to_have_text(f"Statut d'ensemble\u00a0: {VERDICT_FR[overall]}")


def test_agency_home_shows_each_clients_health(page: Page, example_url):
    page.goto(example_url)
    table = page.locator("article table").first
    body = records(table)
    slugs = sorted(p.stem for p in (REPO / "strategies").glob("*.yml"))
    assert len(body) == len(slugs)
    for slug, row in zip(slugs, body, strict=False):
        strategy = raw(slug)
        kpis = client_visible(strategy, "kpis")
        verdicts = [assess(k)[2] for k in kpis]
        assert row["Client"] == strategy["client"]["name"]
        assert row["Statut"] == VERDICT_FR[rolled_up(kpis)]
        order = ["success", "moderate-success", "moderate-failure", "failure", "too-early", "not-measured"]
        health = " ".join(f"{verdicts.count(v)} {VERDICT_FR[v]}" for v in order if v in verdicts)
        assert row["Santé des KPI"] == health, slug
    assert body[0]["Santé des KPI"] == "2 Succès 2 Succès modéré 2 Échec modéré 2 Échec 1 Non mesuré"
    # Colours never carry meaning alone: every badge says its verdict in words.
    badges = table.locator(".sb-badge")
    assert badges.count() >= 10
    assert all(t.strip() for t in badges.all_inner_texts())


@pytest.fixture(scope="module")
def no_kpi_url(tmp_path_factory):
    """An objective nobody measures, built for the agency without --strict (which refuses it)."""
    strategy = """\
client: {name: Fromagerie Test}
period: {start: 2026-01-01, end: 2026-12-31, cadence: monthly}
objectives:
  - {id: vitrine, title: Faire connaître la vitrine, axis: visibility}
  - {id: ventes, title: Vendre plus de plateaux, axis: traffic, why: Le chiffre du samedi.}
kpis:
  - id: plateaux
    name: Plateaux vendus
    objective: ventes
    baseline: {value: 10, date: 2025-12-31}
    target: {value: 40, date: 2026-12-31}
    measurements: [{date: 2026-06-30, value: 30}]
"""
    project = make_project(tmp_path_factory.mktemp("no-kpi"), {"fromagerie": strategy})
    result = mkdocs_in_process(project, "build", env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    assert "vitrine" in result.stderr  # the build warns about it
    with serve_directory(project / "site") as url:
        yield url


def test_an_objective_without_kpi_says_so(page: Page, no_kpi_url):
    page.goto(f"{no_kpi_url}clients/fromagerie/objectives/")
    expect(section(page, "vitrine", "p[contains(@class, 'sb-status')]")).to_have_text("Statut\u00a0: Aucun KPI")
    expect(page.locator("article")).to_contain_text("Aucun KPI\u00a0: cet objectif ne peut pas être jugé.")
    smart = section(page, "vitrine", "div[contains(@class, 'sb-smart')]")
    expect(smart.locator("li").nth(1)).to_have_text("M ✗ Mesurable — aucun KPI : à chaque objectif son KPI")
    expect(section(page, "ventes", "p[contains(@class, 'sb-status')]")).to_have_text(
        "Statut\u00a0: Succès (jugé par 1 KPI)"
    )
    page.goto(f"{no_kpi_url}clients/fromagerie/")
    axes = rows(section(page, "_health", "table"))
    assert axes[0] == ["Visibilité", "Aucun KPI"]
    assert axes[1] == ["Trafic", "Succès"]


# --- 3. SMART ----------------------------------------------------------------------------------


def test_smart_marks_and_their_reasons_are_shown_to_the_agency_only(page: Page, example_url, internal_url):
    strategy = raw(BRASSERIE)
    page.goto(f"{internal_url}clients/{BRASSERIE}/objectives/")
    blocks = page.locator("article .sb-smart")
    expect(blocks).to_have_count(len(strategy["objectives"]))
    expect(blocks.first).to_have_attribute("aria-label", "Contrôle SMART")
    marks = [
        text(li) for li in section(page, "boutique-en-ligne", "div[contains(@class, 'sb-smart')]").locator("li").all()
    ]
    # Achievable: the pace still needed against the pace measured so far, for the KPI that needs most.
    ratios = {}
    for kpi in judging(strategy, "boutique-en-ligne"):
        progress, _, _ = assess(kpi)
        latest = max(kpi["measurements"], key=lambda m: m["date"])["date"]
        measured = progress / (latest - kpi["baseline"]["date"]).days
        needed = (1 - progress) / (kpi["target"]["date"] - latest).days
        ratios[kpi["name"]] = needed / measured
    name, ratio = max(ratios.items(), key=lambda item: item[1])
    assert ratio > 3
    assert marks == [
        "S ✓ Spécifique — un titre et un « pourquoi »",
        "M ✓ Mesurable — 3 KPI avec point de départ et cible",
        f"A ✗ Atteignable — ambitieux : « {name} » demande {FMT.number(ratio, 1)} fois le rythme mesuré jusqu'ici",
        "R ✓ Réaliste — les KPI mesurés vont vers leur cible",
        "T ✓ Temporel — échéance le 31 décembre 2026",
    ]
    assert "163,2 fois" in marks[2]
    unknown = [
        text(li) for li in section(page, "offres-entreprises", "div[contains(@class, 'sb-smart')]").locator("li").all()
    ]
    assert unknown[2] == "A ? Atteignable — pas encore de mesure pour en juger"

    page.goto(f"{example_url}clients/{BRASSERIE}/objectives/")
    expect(page.locator("article .sb-smart")).to_have_count(0)
    expect(page.locator("article")).not_to_contain_text("SMART")


# --- 4. decisions ------------------------------------------------------------------------------


def test_each_kpi_off_track_shows_its_decision(page: Page, example_url):
    strategy = raw(BRASSERIE)
    kpis = client_visible(strategy, "kpis")
    page.goto(f"{example_url}clients/{BRASSERIE}/kpis/")
    table = records(page.locator("article table").first)
    assert len(table) == len(kpis) == 9
    off_track = 0
    for kpi, row in zip(kpis, table, strict=False):
        verdict = assess(kpi)[2]
        objective = next(o["title"] for o in strategy["objectives"] if o["id"] == kpi["objective"])
        assert row["KPI"] == f"{kpi['name']} Objectif\u00a0: {objective}"  # the objective: the name's second line
        if verdict in DECISION_FR:
            assert row["Verdict"] == f"{VERDICT_FR[verdict]} → {DECISION_FR[verdict]}", kpi["id"]
            off_track += verdict != "success"
        else:
            assert row["Verdict"] == VERDICT_FR[verdict]
    assert off_track == 6
    verdict = text(section(page, "visites-boutique", "ul").locator("li").first)
    assert verdict == "Verdict\u00a0: Échec → Arrêter les frais ou pivoter"


def test_failing_traffic_objective_gets_the_conversion_diagnostic(page: Page, example_url):
    strategy = raw(BRASSERIE)
    assert rolled_up(judging(strategy, "boutique-en-ligne")) == "failure"
    page.goto(f"{example_url}clients/{BRASSERIE}/objectives/")
    diagnostics = page.locator("article .sb-diagnostic")
    expect(diagnostics).to_have_count(1)  # the other traffic objective is not measured yet: not failing
    diagnostic = section(page, "boutique-en-ligne", "div[contains(@class, 'sb-diagnostic')]")
    next_objective = page.locator("h3#offres-entreprises")
    assert diagnostic.bounding_box()["y"] < next_objective.bounding_box()["y"]
    expect(diagnostic.locator(".admonition-title")).to_have_text(
        "Le trafic ne se transforme pas en ventes ? Ce qui se joue aussi sur votre site"  # addressed to the client
    )
    items = [text(li) for li in diagnostic.locator("li").all()]
    for point in [
        "simple à parcourir, sur mobile",  # ergonomics
        "se chargent-elles vite",  # speed
        "répondent-ils aux besoins des visiteurs",  # offer fit
        "prix sont-ils dans le marché",  # price
        "politique tarifaire",  # pricing policy
        "contenu du site est-il pertinent",  # content
        "appels à l'action",
    ]:  # calls to action
        assert sum(point in item for item in items) == 1, point
    assert len(items) == 7


# --- 5. rates ----------------------------------------------------------------------------------


def test_events_fill_and_show_up_rates_and_totals(page: Page, example_url):
    events = sorted(client_visible(raw(BRASSERIE), "events"), key=start)
    page.goto(f"{example_url}clients/{BRASSERIE}/events/")
    table = records(page.locator("article table").first)
    fill, show_up = "Taux de remplissage", "Taux de présence"
    assert len(table) == len(events) + 1 == 5
    for event, row in zip(events, table, strict=False):
        capacity, registered, came = event.get("capacity"), event.get("registrations"), event.get("attendees")
        # When and where are the title's second line.
        assert row["Événement"].startswith(f"{event['title']} {FMT.date(start(event).date())}")
        assert row["Événement"].endswith(f" · {event['city']}" if event.get("city") else "")
        assert row[fill] == (FMT.share(registered / capacity) if capacity and registered is not None else "—")
        assert row[show_up] == (FMT.share(came / registered) if registered and came is not None else "—")
    assert (table[0][fill], table[0][show_up]) == ("108,6\u00a0%", "81,6\u00a0%")  # more registered than seats
    filled = [e for e in events if e.get("capacity") and e.get("registrations") is not None]
    showed = [e for e in events if e.get("registrations") and e.get("attendees") is not None]
    total = table[-1]
    assert total["Événement"] == "Total"
    assert (
        [total[c] for c in ("Places", "Inscrits", "Présents")]
        == [FMT.number(sum(e.get(k) or 0 for e in events)) for k in ("capacity", "registrations", "attendees")]
        == ["177", "160", "131"]
    )
    assert total[fill] == FMT.share(sum(e["registrations"] for e in filled) / sum(e["capacity"] for e in filled))
    assert total[show_up] == FMT.share(sum(e["attendees"] for e in showed) / sum(e["registrations"] for e in showed))
    assert (total[fill], total[show_up]) == ("90,4\u00a0%", "88,5\u00a0%")  # December: no attendance yet


def test_posts_engagement_and_click_rates_and_channel_medians(page: Page, example_url):
    strategy = raw(BRASSERIE)
    posts = client_visible(strategy, "posts")
    channels = {c["id"]: c["name"] for c in strategy["channels"]}
    reach = lambda p: p.get("reach_organic", 0) + p.get("reach_paid", 0)  # noqa: E731
    interactions = lambda p: sum(p.get(k, 0) for k in ("likes", "comments", "shares", "clicks"))  # noqa: E731
    page.goto(f"{example_url}clients/{BRASSERIE}/posts/")
    by_channel = records(section(page, "_channels-rates", "table"))
    per_post = records(section(page, "_posts", "table"))

    newest_first = sorted(posts, key=lambda p: p["date"], reverse=True)
    assert len(per_post) == len(posts) == 6
    for post, row in zip(newest_first, per_post, strict=False):
        # The date and the channel are the post's second line (the rates need the page's width).
        assert row["Publication"].endswith(f" {FMT.date(post['date'])} · {channels[post['channel']]}")
        paid = f" dont {FMT.number(post['reach_paid'])} payée" if post.get("reach_paid") else ""
        assert row["Portée"] == FMT.number(reach(post)) + paid
        assert row["Interactions"] == FMT.number(interactions(post))
        assert row["Taux d'engagement"] == FMT.share(interactions(post) / reach(post))
        assert row["Taux de clic"] == FMT.share(post["clicks"] / reach(post))
    video = next(row for row in per_post if row["Publication"].startswith("Vidéo - le geste du brasseur "))
    assert [video[c] for c in ("Portée", "Interactions", "Taux d'engagement", "Taux de clic")] == [
        "7\u202f400 dont 2\u202f000 payée",
        "567",
        "7,7\u00a0%",
        "0,9\u00a0%",
    ]

    order = list(dict.fromkeys(p["channel"] for p in posts))
    assert [row["Canal"] for row in by_channel] == [channels[c] for c in order]
    columns = ("Publications", "Engagement médian", "Taux de clic médian", "Part de portée payée")
    for channel, row in zip(order, by_channel, strict=False):
        mine = [p for p in posts if p["channel"] == channel]
        feed = [p for p in mine if p.get("format") != "story"]  # a channel's medians are its feed posts'
        assert [row[c] for c in columns] == [
            str(len(mine)),
            FMT.share(statistics.median(interactions(p) / reach(p) for p in feed)),
            FMT.share(statistics.median(p["clicks"] / reach(p) for p in feed)),
            FMT.share(sum(p.get("reach_paid", 0) for p in mine) / sum(map(reach, mine))),
        ], channel
    assert [by_channel[0][c] for c in columns] == ["4", "9,3\u00a0%", "0,9\u00a0%", "11,4\u00a0%"]


# --- 6. review ---------------------------------------------------------------------------------


def test_review_of_the_latest_quarter(page: Page, example_url):
    strategy = raw(BRASSERIE)
    kpis = client_visible(strategy, "kpis")
    latest = max(m["date"] for k in kpis for m in k.get("measurements", []))
    year, q = quarter(latest)
    now, before = f"T{q} {year}", f"T{q - 1} {year}" if q > 1 else f"T4 {year - 1}"
    assert (now, before) == ("T3 2026", "T2 2026")
    page.goto(f"{example_url}clients/{BRASSERIE}/review/")
    expect(page.locator("article .sb-review-period")).to_have_text(
        "T3 2026 — 1er juil. – 30 sept. 2026 · Revue trimestrielle"
    )

    moved = records(section(page, "_moved", "table"))
    assert sorted(moved[0]) == sorted(["KPI", before, now, "Évolution", "Verdict"])
    for kpi, row in zip(kpis, moved, strict=True):
        unit, currency = kpi.get("unit", "count"), kpi.get("currency")
        old, new = last_in_quarter(kpi, (2026, 2)), last_in_quarter(kpi, (2026, 3))
        assert row["KPI"] == kpi["name"]
        assert row[before] == (FMT.value(old, unit, currency) if old is not None else "—")
        assert row[now] == (FMT.value(new, unit, currency) if new is not None else "—")
        if old is None or new is None:
            assert row["Évolution"] == "—"
        else:
            delta = new - old
            moved_by = FMT.number(delta, 1) + "\u00a0pt" if unit == "percent" else FMT.value(delta, unit, currency)
            better = (delta > 0) == (kpi.get("direction", "up") == "up")
            assert (
                row["Évolution"] == f"{signed(moved_by, delta)} ({signed(FMT.share(delta / old), delta)}) "
                f"{'mieux' if better else 'moins bien'}"
            ), kpi["id"]
        assert row["Verdict"] == VERDICT_FR[assess(kpi)[2]]
    assert moved[7]["Évolution"] == "\u22124\u00a0h (\u221240\u00a0%) mieux"  # a response time going down is better

    decisions = rows(section(page, "_decisions", "table"))
    expected = [
        [k["name"], VERDICT_FR[v], DECISION_FR[v]]
        for k in kpis
        if (v := assess(k)[2]) in DECISION_FR and v != "success"
    ]
    assert decisions == expected and len(expected) == 6

    yoy = records(section(page, "_year-over-year", "table"))
    assert yoy == [
        {
            "KPI": "Abonnés Instagram",
            "T3 2025": "2\u202f250",
            "T3 2026": "3\u202f650",
            "Évolution": "+1\u202f400 (+62,2\u00a0%) mieux",
        }
    ]

    # No event between July and September: the table ronde was on 8 October.
    held = [e for e in client_visible(strategy, "events") if quarter(start(e)) == (year, q)]
    assert held == []
    expect(section(page, "_events-held", "p")).to_have_text("Aucun événement pendant la période.")

    tasks = [
        t
        for item in client_visible(strategy, "actions") + client_visible(strategy, "events")
        for t in item.get("checklist", [])
    ]
    done = sum(isinstance(t, dict) and t.get("done", False) for t in tasks)
    expect(section(page, "_checklists", "p")).to_have_text(f"{done} tâches faites sur {len(tasks)}.")
    assert (done, len(tasks)) == (17, 27)


def test_review_lists_the_events_held_in_the_month(page: Page, example_url):
    strategy = raw(LIBRAIRIE)  # monthly reviews: the latest measurement is in October 2026
    latest = max(m["date"] for k in strategy["kpis"] for m in k.get("measurements", []))
    assert (latest.year, latest.month) == (2026, 10)
    page.goto(f"{example_url}clients/{LIBRAIRIE}/review/")
    expect(page.locator("article .sb-review-period")).to_contain_text("Octobre 2026")
    held = [e for e in strategy["events"] if (start(e).year, start(e).month) == (2026, 10)]
    table = records(section(page, "_events-held", "table"))
    assert [row["Événement"] for row in table] == [e["title"] for e in held]
    event = held[0]
    assert (
        [table[0][c] for c in ("Inscrits", "Présents", "Taux de présence")]
        == [
            str(event["registrations"]),
            str(event["attendees"]),
            FMT.share(event["attendees"] / event["registrations"]),
        ]
        == ["36", "29", "80,6\u00a0%"]
    )


# --- 7. downloads ------------------------------------------------------------------------------


@pytest.mark.parametrize("site, internal", [("example_url", False), ("internal_url", True)], ids=["client", "internal"])
def test_downloads_hold_what_the_audience_may_see(page: Page, request, site, internal):
    base = request.getfixturevalue(site)
    strategy = raw(BRASSERIE)
    kpis = strategy["kpis"] if internal else client_visible(strategy, "kpis")
    events = strategy["events"] if internal else client_visible(strategy, "events")
    page.goto(f"{base}clients/{BRASSERIE}/kpis/")

    link = page.locator("article .sb-downloads a", has_text="kpis.csv")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok and response.url.endswith(f"/clients/{BRASSERIE}/kpis.csv")
    body = response.body()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for spreadsheets
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))  # French: decimal comma
    assert table[0] == [
        "id",
        "name",
        "objective",
        "unit",
        "baseline",
        "target",
        "latest_value",
        "latest_date",
        "progress",
        "expected_pace",
        "verdict",
        "decision",
    ]
    assert [r[0] for r in table[1:]] == [k["id"] for k in kpis]
    followers = dict(zip(table[0], table[1], strict=False))
    progress, expected, verdict = assess(kpi_of(strategy, "abonnes-instagram"))
    assert (followers["name"], followers["objective"], followers["unit"]) == (
        "Abonnés Instagram",
        "communaute-instagram",
        "count",
    )
    assert (followers["baseline"], followers["target"], followers["latest_value"]) == ("2400", "4000", "3650")
    assert followers["latest_date"] == "2026-09-30"
    assert number(followers["progress"]) == pytest.approx(progress, abs=1e-4)
    assert number(followers["expected_pace"]) == pytest.approx(expected, abs=1e-4)
    assert (followers["verdict"], followers["decision"]) == (VERDICT_FR[verdict], DECISION_FR[verdict])
    revenue = dict(zip(table[0], next(r for r in table if r[0] == "chiffre-boutique"), strict=False))
    assert (revenue["unit"], revenue["verdict"], revenue["decision"]) == (
        "EUR",
        "Échec",
        "Arrêter les frais ou pivoter",
    )

    link = page.locator("article .sb-downloads a", has_text="events.ics")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    entries = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert sorted(entries) == sorted(e["id"] for e in events)
    for event in events:
        entry = entries[event["id"]]
        assert str(entry["SUMMARY"]) == event["title"]
        assert str(entry.get("LOCATION")) == ", ".join(p for p in (event.get("venue"), event.get("city")) if p)
        assert entry.decoded("DTSTART").replace(tzinfo=None) == start(event)
        if event.get("description"):
            assert str(entry["DESCRIPTION"]).strip() == event["description"].strip()
    spring = entries["degustation-printemps"]
    assert str(spring["LOCATION"]) == "Brasserie du Canal, 4 quai de Marseille, Roubaix"
    assert str(spring["DESCRIPTION"]) == "Quatre bières, quatre accords avec le fromager du marché."

    csv_text, ics_text = body.decode("utf-8-sig"), response.body().decode("utf-8")
    for secret, where in [
        ("valorisation-communaute", csv_text),
        ("Communauté totale", csv_text),
        ("diner-associes", ics_text),
        ("Dîner de présentation", ics_text),
    ]:
        assert (secret in where) is internal, secret


# --- 8. accessibility and phones ---------------------------------------------------------------

PAGE_TYPES = {
    "home": "",
    "overview": f"clients/{BRASSERIE}/",
    "objectives": f"clients/{BRASSERIE}/objectives/",
    "actions": f"clients/{BRASSERIE}/actions/",
    "kpis": f"clients/{BRASSERIE}/kpis/",
    "events": f"clients/{BRASSERIE}/events/",
    "posts": f"clients/{BRASSERIE}/posts/",
    "review": f"clients/{BRASSERIE}/review/",
}
WIDE_TABLES = {"home", "actions", "kpis", "events", "posts", "review"}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_is_accessible_and_fits_a_phone(page: Page, example_url, kind):
    page.goto(example_url + PAGE_TYPES[kind])
    unfolded(page)  # what a click shows is checked too
    assert_no_serious_violation(page)
    badges = page.locator("article .sb-badge").all_inner_texts()
    assert all(b.strip() for b in badges)  # colours never carry meaning alone

    tables = at_phone_width(page)
    assert not any(t["wide"] for t in tables), tables  # no figure behind a sideways scroll
    if kind in WIDE_TABLES:
        assert any(t["cards"] for t in tables), tables  # a wide table's rows show as cards


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_phone_screenshots_of_the_kpi_and_review_pages(page: Page, example_url, tmp_path: Path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content("<html><body></body></html>")
    blank = page.screenshot(full_page=True)  # an empty phone screen, to compare with
    for kind in ("kpis", "review"):
        page.goto(example_url + PAGE_TYPES[kind])
        shot = tmp_path / f"{kind}-390.png"
        page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        width, height = png_size(data)
        assert width == 390 and height > 2 * 844
        assert len(data) > 20 * len(blank), (len(data), len(blank))


# --- 9. print ----------------------------------------------------------------------------------


def test_print_shows_the_content_only_with_link_urls_and_checkbox_states(page: Page, example_url):
    page.emulate_media(media="print")
    page.goto(f"{example_url}clients/{BRASSERIE}/")
    for chrome in [
        ".md-header",
        ".md-tabs",
        ".md-search",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
    ]:
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    website = page.locator("article a[href^='https://brasserie-du-canal']")
    after = website.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == '" (https://brasserie-du-canal.example.org)"'
    internal_link = page.locator("article a[href='objectives/']").first
    assert internal_link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    assert_no_row_cut(page)

    page.goto(f"{example_url}clients/{BRASSERIE}/actions/")
    boxes = page.locator("article .sb-checklist input[type=checkbox]")
    done, todo = boxes.and_(page.locator(":checked")).first, boxes.and_(page.locator(":not(:checked)")).first
    looks = []
    for box in (done, todo):
        indicator = box.locator("xpath=following-sibling::span[contains(@class, 'task-list-indicator')]")
        looks.append(
            indicator.evaluate("""s => { const c = getComputedStyle(s, '::before');
            return {display: c.display, visibility: c.visibility, colour: c.backgroundColor,
                    shape: c.maskImage || c.webkitMaskImage, exact: c.printColorAdjust,
                    width: parseFloat(c.width)} }""")
        )
    for look in looks:
        assert look["display"] != "none" and look["visibility"] == "visible" and look["width"] > 8
        assert look["colour"] == "rgb(0, 0, 0)" and look["exact"] == "exact"  # black ink on paper
    assert looks[0]["shape"] != looks[1]["shape"]  # done and to do differ by shape, not colour alone
    assert_no_row_cut(page)
