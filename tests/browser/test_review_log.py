"""The decision log (issue 14), as a person sees it in the built example bible: a page per review
with each KPI as it stood on the review date, the review index newest first, each KPI's decision
history beside its chart, the internal review absent from a client build; axe, phones, print.

The as-of figures are recomputed here from the strategy YAML with the contract's rule (only the
number and date formats come from the product's Formatter), and a measurement recorded after a
review must not change that review's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from strategy_bible.render.formatting import Formatter, parse_locale

from page_checks import VERDICT_FR, assert_no_serious_violation, at_phone_width, printed, records, text, unfolded
from support import REPO, build, command_in_process, make_project, serve_directory

pytestmark = pytest.mark.browser

FMT = Formatter(parse_locale("fr"))
BRASSERIE = "brasserie-du-canal"
THRESHOLDS = (0.75, 0.40)
RULE = {"success": "continue", "moderate-success": "optimise", "moderate-failure": "change", "failure": "stop"}
TAKEN_FR = {"continue": "Continuer", "optimise": "Optimiser", "change": "Changer", "stop": "Arrêter ou pivoter"}
LATER = ("participants-degustations", dt.date(2026, 10, 20), 400)
"""A measurement recorded after the review of 2026-10-05, far above anything before it."""
INTERNAL_REVIEW = "revue-associes-t3"


def raw() -> dict:
    return yaml.safe_load((REPO / "strategies" / f"{BRASSERIE}.yml").read_text(encoding="utf-8"))


def client_reviews(strategy: dict) -> list[dict]:
    return [r for r in strategy["reviews"] if r.get("visibility", "client") != "internal"]


def client_kpis(strategy: dict) -> dict[str, dict]:
    hidden = {o["id"] for o in strategy["objectives"] if o.get("visibility") == "internal"}
    return {
        k["id"]: k
        for k in strategy["kpis"]
        if k.get("visibility", "client") != "internal" and k["objective"] not in hidden
    }


def as_of(kpi: dict, day: dt.date) -> tuple[dict | None, float | None, float | None, str]:
    """(latest measurement, progress, expected, verdict) with the measurements dated up to ``day``."""
    measurements = sorted((m for m in kpi.get("measurements", []) if m["date"] <= day), key=lambda m: m["date"])
    if not measurements:
        return None, None, None, "not-measured"
    b, tb = kpi["baseline"]["value"], kpi["baseline"]["date"]
    t, tt = kpi["target"]["value"], kpi["target"]["date"]
    latest = measurements[-1]
    progress = (latest["value"] - b) / (t - b)
    expected = min(max((latest["date"] - tb).days / (tt - tb).days, 0), 1)
    if expected == 0:
        verdict = "too-early"
    elif progress >= 1 or progress >= expected:
        verdict = "success"
    elif progress >= THRESHOLDS[0] * expected:
        verdict = "moderate-success"
    elif progress >= THRESHOLDS[1] * expected:
        verdict = "moderate-failure"
    else:
        verdict = "failure"
    return latest, progress, expected, verdict


@pytest.fixture(scope="module")
def later_site(tmp_path_factory) -> Path:
    """The example with a measurement recorded (by `strategy-bible record`) after the 2026-10-05 review."""
    project = make_project(tmp_path_factory.mktemp("later"))
    kpi_id, day, value = LATER
    recorded = command_in_process(
        project, "record", f"strategies/{BRASSERIE}.yml", kpi_id, str(value), "--date", day.isoformat()
    )
    assert recorded.returncode == 0, recorded.stderr
    return build(project)


@pytest.fixture(scope="module")
def later_url(later_site) -> Iterator[str]:
    with serve_directory(later_site) as url:
        yield url


@pytest.mark.parametrize("review_id", ["revue-t2-2026", "revue-t3-2026"])
def test_a_review_page_shows_each_kpi_as_it_stood_that_day(page: Page, later_url, review_id):
    strategy = raw()
    review = next(r for r in strategy["reviews"] if r["id"] == review_id)
    kpis = client_kpis(strategy)
    page.goto(f"{later_url}clients/{BRASSERIE}/reviews/{review_id}/")
    expect(page.locator("h1")).to_contain_text(f"Revue du {FMT.date(review['date'], 'long')}")
    article = text(page.locator("article"))
    for attendee in review["attendees"]:
        assert attendee in article
    assert " ".join(review["summary"].split()[:6]) in article
    table = page.locator("article table").first
    shown = {row["KPI"]: row for row in records(table)}
    decisions = [d for d in review["decisions"] if d["kpi"] in kpis]
    assert len(shown) == len(decisions)
    for decision in decisions:
        kpi = kpis[decision["kpi"]]
        latest, progress, expected, verdict = as_of(kpi, review["date"])
        row = shown[kpi["name"]]
        assert row["Verdict"] == VERDICT_FR[verdict]
        if latest is None:
            assert row["Dernière valeur à cette date"] == "—"
        else:
            value = FMT.value(latest["value"], kpi.get("unit", "count"), kpi.get("currency"))
            assert row["Dernière valeur à cette date"] == f"{value} {FMT.date(latest['date'])}"
            assert row["Avancement"] == f"{FMT.share(progress)} attendu {FMT.share(expected)}"
        rule = RULE.get(verdict)
        assert row["Décision de la règle"] == (TAKEN_FR[rule] if rule else "—")
        differs = " diffère de la règle" if rule and rule != decision["decision"] else ""
        assert row["Décision prise"] == TAKEN_FR[decision["decision"]] + differs
        details = page.locator(f"#_decision-{kpi['id']}").locator("xpath=following-sibling::ul[1]")
        if "reason" in decision:
            expect(details).to_contain_text(decision["reason"])
        if "confidence" in decision:
            expect(details).to_contain_text(f"{decision['confidence']}/10")
        for action_id in decision.get("start", []) + decision.get("stop", []):
            href = details.locator(f"a[href$='actions/#{action_id}']")
            expect(href).to_have_count(1)


def test_a_measurement_recorded_after_a_review_changes_the_kpi_page_not_the_review(page: Page, later_url):
    _, day, value = LATER
    page.goto(f"{later_url}clients/{BRASSERIE}/kpis/")
    expect(page.locator("article table").first).to_contain_text(FMT.date(day))
    page.goto(f"{later_url}clients/{BRASSERIE}/reviews/revue-t3-2026/")
    article = text(page.locator("article"))
    assert FMT.date(day) not in article and FMT.number(value) not in article


def test_the_index_lists_the_reviews_newest_first(page: Page, example_url, internal_url):
    strategy = raw()
    for url, reviews in ((example_url, client_reviews(strategy)), (internal_url, strategy["reviews"])):
        page.goto(f"{url}clients/{BRASSERIE}/reviews/")
        newest_first = sorted(reviews, key=lambda r: r["date"], reverse=True)
        links = page.locator("article table tbody tr td:first-child a")
        assert [text(a) for a in links.all()] == [FMT.date(r["date"], "long") for r in newest_first]
        assert [a.get_attribute("href") for a in links.all()] == [f"{r['id']}/" for r in newest_first]
    expect(page.locator("article table tbody tr").first.locator(".sb-internal")).to_have_count(1)


def test_each_kpi_page_carries_its_decision_history_and_review_marks(page: Page, example_url):
    strategy = raw()
    reviews = client_reviews(strategy)
    page.goto(f"{example_url}clients/{BRASSERIE}/kpis/")
    unfolded(page)  # each KPI's decision history is one click further than the summary
    for kpi in client_kpis(strategy).values():
        history = [
            (r, d) for r in sorted(reviews, key=lambda r: r["date"]) for d in r["decisions"] if d["kpi"] == kpi["id"]
        ]
        heading = page.locator(f"#{kpi['id']}")
        # the KPI's own chart: the first one after its heading, before the next KPI's heading
        chart = heading.locator(
            f"xpath=following::div[contains(@class,'sb-chart')][1][preceding::h2[1][@id='{kpi['id']}']]"
        )
        if not kpi.get("measurements"):  # nothing measured yet: no empty chart, only the words
            assert chart.count() == 0, kpi["id"]
        else:
            first = min([kpi["baseline"]["date"], *(m["date"] for m in kpi["measurements"])])
            last = max([kpi["target"]["date"], *(m["date"] for m in kpi["measurements"])])
            inside = sorted({r["date"] for r in reviews if first <= r["date"] <= last})
            titles = [t.text_content() for t in chart.locator(".sb-chart__review title").all()]
            assert titles == [f"Revue du {FMT.date(day, 'long')}" for day in inside]
        if not history:
            continue
        table = heading.locator("xpath=following::details[contains(@class,'sb-history')][1]//table")
        shown = records(table)
        assert [row["Date"] for row in shown] == [FMT.date(r["date"]) for r, _ in history]
        for row, (review, decision) in zip(shown, history, strict=True):
            verdict = as_of(kpi, review["date"])[3]
            assert row["Verdict"] == VERDICT_FR[verdict]
            assert row["Décision prise"] == TAKEN_FR[decision["decision"]]
            assert row["Pourquoi"] == decision.get("reason", "—")


def test_the_internal_review_is_absent_from_a_client_build(page: Page, example_site, example_url, internal_url):
    strategy = raw()
    internal = next(r for r in strategy["reviews"] if r["id"] == INTERNAL_REVIEW)
    secrets = [INTERNAL_REVIEW, internal["summary"], *(d["reason"] for d in internal["decisions"])]
    for path in example_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".ics", ".xml"):
            content = path.read_text(encoding="utf-8", errors="replace")
            for secret in secrets:
                assert secret not in content, (path, secret)
    response = page.goto(f"{example_url}clients/{BRASSERIE}/reviews/{INTERNAL_REVIEW}/")
    assert response.status == 404
    page.goto(f"{internal_url}clients/{BRASSERIE}/reviews/{INTERNAL_REVIEW}/")
    expect(page.locator("article")).to_contain_text(internal["decisions"][0]["reason"])


def test_a_review_page_is_accessible_fits_a_phone_and_prints(page: Page, example_url):
    url = f"{example_url}clients/{BRASSERIE}/reviews/revue-t3-2026/"
    page.goto(url)
    assert_no_serious_violation(page)
    nav = page.locator(".md-nav--primary")
    expect(nav.get_by_text("Revues", exact=True).first).to_be_attached()

    at_phone_width(page)
    tables = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t =>
        ({right: t.getBoundingClientRect().right, wide: t.scrollWidth > t.clientWidth + 1}))""")
    assert tables and all(t["right"] <= 390 and not t["wide"] for t in tables), tables  # no sideways scroll

    printed(page, url)
    expect(page.locator("article table").first).to_be_visible()
