"""The editorial line as a person sees it in the built example bible: the pillars' target and
actual shares (numbers and bars), the medians per pillar and per format, the calendar by month
with past and coming items told apart in words, calendar.ics, the links from the objectives and
actions, accessibility on phones and on paper.

The bible is built with a fixed "today" (SOURCE_DATE_EPOCH) and the expected figures are computed
here from the strategy YAML with the contract's rules; only the number and date formats (French,
Babel) come from the product's Formatter."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from urllib.parse import urljoin

import icalendar
import pytest
import yaml
from playwright.sync_api import Page, expect

from strategy_bible.render.formatting import Formatter, parse_locale

from page_checks import assert_no_row_cut, assert_no_serious_violation, at_phone_width, records, text
from support import REPO, build, make_project, serve_directory

pytestmark = pytest.mark.browser

FMT = Formatter(parse_locale("fr"))
BRASSERIE = "brasserie-du-canal"
TODAY = dt.date(2026, 12, 1)
EDITORIAL = f"clients/{BRASSERIE}/editorial/"
FORMAT_FR = {"post": "Publication", "carousel": "Carrousel", "reel": "Reel", "story": "Story", "live": "Direct"}
STATUS_FR = {"idea": "Idée", "draft": "Brouillon", "approved": "Validé", "published": "Publié", "dropped": "Abandonné"}


@pytest.fixture(scope="module")
def editorial_url(tmp_path_factory) -> Iterator[str]:
    """The example bible for clients, built on TODAY at noon UTC."""
    epoch = int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp())
    site = build(make_project(tmp_path_factory.mktemp("editorial")), env={"SOURCE_DATE_EPOCH": str(epoch)})
    with serve_directory(site) as url:
        yield url


def raw() -> dict:
    return yaml.safe_load((REPO / "strategies" / f"{BRASSERIE}.yml").read_text(encoding="utf-8"))


def client_pillars(strategy: dict) -> list[dict]:
    return [p for p in strategy["editorial"]["pillars"] if p.get("visibility") != "internal"]


def client_calendar(strategy: dict) -> list[dict]:
    return [c for c in strategy["calendar"] if c.get("visibility") != "internal"]


def rate(post: dict) -> float:
    reach = post["reach_organic"] + post.get("reach_paid", 0)
    return sum(post.get(k, 0) for k in ("likes", "comments", "shares", "clicks")) / reach


def median_rate(posts: list[dict]) -> str:
    return FMT.share(statistics.median(map(rate, posts))) if posts else "—"


def section(page: Page, heading_id: str, what: str):
    return page.locator(f"xpath=//*[@id='{heading_id}']/following::{what}[1]")


def test_pillars_target_and_actual_shares_and_medians(page: Page, editorial_url):
    strategy = raw()
    pillars = client_pillars(strategy)
    visible = {p["id"] for p in pillars}
    named = [p for p in strategy["posts"] if p.get("pillar") in visible]  # an internal pillar counts as none
    page.goto(editorial_url + EDITORIAL)
    shown = records(section(page, "_pillars", "table"))
    assert [r["Pilier"] for r in shown] == [p["name"] for p in pillars]
    for pillar, row in zip(pillars, shown, strict=True):
        own = [p for p in named if p["pillar"] == pillar["id"]]
        assert row["Part cible"] == FMT.share(pillar["share"] / 100)
        assert row["Part réelle"] == FMT.share(len(own) / len(named))
        assert row["Publications"] == str(len(own))
        assert row["Engagement médian"] == median_rate([p for p in own if p.get("format") != "story"])  # feed posts
        bar = page.locator(f"article tr:has(a[href='#{pillar['id']}']) svg.sb-mix-bar")
        label = bar.get_attribute("aria-label")  # the picture says its numbers in words too
        assert FMT.share(pillar["share"] / 100) in label and FMT.share(len(own) / len(named)) in label
        assert bar.get_attribute("role") == "img"
        actual = float(bar.locator(".sb-mix-bar__actual").get_attribute("width"))
        assert actual == pytest.approx(1000 * len(own) / len(named), abs=1)
        expect(page.locator(f"article h3[id='{pillar['id']}']")).to_have_count(1)  # the anchor others link to
    assert "coulisses-associes" not in page.content()


def test_median_engagement_per_format(page: Page, editorial_url):
    strategy = raw()
    formats: dict[str, list[dict]] = {}
    for post in strategy["posts"]:
        if post.get("format"):
            formats.setdefault(post["format"], []).append(post)
    page.goto(editorial_url + EDITORIAL)
    shown = records(section(page, "_formats", "table"))
    assert shown == [
        {"Format": FORMAT_FR[name], "Publications": str(len(posts)), "Engagement médian": median_rate(posts)}
        for name, posts in formats.items()
    ]


def test_calendar_by_month_with_past_and_coming_items(page: Page, editorial_url):
    strategy = raw()
    items = sorted(client_calendar(strategy), key=lambda c: c["date"])
    months: dict[dt.date, list[dict]] = {}
    for item in items:
        months.setdefault(item["date"].replace(day=1), []).append(item)
    channels = {c["id"]: c["name"] for c in strategy["channels"]}
    page.goto(editorial_url + EDITORIAL)
    headings = page.locator("article h3.sb-month")
    assert [text(h).rstrip("¶").strip() for h in headings.all()] == [
        FMT.month(m)[:1].upper() + FMT.month(m)[1:] for m in months
    ]
    for expected, heading in zip(months.values(), headings.all(), strict=True):
        table = page.locator(f"xpath=//*[@id='{heading.get_attribute('id')}']/following::table[1]")
        shown = records(table)
        # Past or coming is the date's second line, the channel and format the content's: the action
        # and the status stay in view at the page's width.
        assert [r["Date"] for r in shown] == [
            f"{FMT.date(i['date'])} {'passé' if i['date'] < TODAY else 'à venir'}" for i in expected
        ]
        for item, row in zip(expected, shown, strict=True):
            assert row["Contenu"].startswith(f"{item['title']} {channels[item['channel']]}")
            assert row["Statut"] == STATUS_FR[item.get("status", "idea")]
        for row in table.locator("tbody tr").all():  # past rows look different, not only say so
            past = "passé" in text(row.locator("td").first)
            background = row.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
            assert (background == "rgb(242, 242, 242)") == past
    assert "Au 1er décembre 2026" in text(page.locator("article"))
    expect(page.locator("article #reel-cuve-noel")).to_have_count(1)
    assert "teaser-investisseurs" not in page.content()


def test_calendar_ics_holds_the_planned_items(page: Page, editorial_url):
    page.goto(editorial_url + EDITORIAL)
    link = page.locator("article a", has_text="calendar.ics")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok
    found = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    planned = [c for c in client_calendar(raw()) if c.get("status") != "dropped"]
    assert sorted(str(e["uid"]) for e in found) == sorted(f"{c['id']}@{BRASSERIE}.strategy-bible" for c in planned)
    assert {str(e["summary"]) for e in found} == {c["title"] for c in planned}


def test_objectives_and_actions_link_to_the_pillars_and_calendar_items(page: Page, editorial_url):
    strategy = raw()
    page.goto(f"{editorial_url}clients/{BRASSERIE}/objectives/")
    for pillar in client_pillars(strategy):
        for objective in pillar["objectives"]:
            links = page.locator(
                f"xpath=//*[@id='{objective}']/following::a[contains(@href, 'editorial/#{pillar['id']}')][1]"
            )
            expect(links).to_have_count(1)
    page.locator(f"article a[href$='editorial/#{client_pillars(strategy)[0]['id']}']").first.click()
    expect(page.locator(f"h3[id='{client_pillars(strategy)[0]['id']}']")).to_be_in_viewport()

    page.goto(f"{editorial_url}clients/{BRASSERIE}/actions/")
    carried = [c for c in client_calendar(strategy) if c.get("action")]
    for item in carried:
        expect(page.locator(f"article a[href$='editorial/#{item['id']}']")).to_have_count(1)
    page.locator(f"article a[href$='editorial/#{carried[0]['id']}']").click()
    expect(page.locator(f"[id='{carried[0]['id']}']")).to_be_in_viewport()


def test_editorial_page_is_accessible_fits_a_phone_and_prints_a_month_per_block(page: Page, editorial_url):
    page.goto(editorial_url + EDITORIAL)
    assert_no_serious_violation(page)

    tables = at_phone_width(page)
    assert not any(t["wide"] for t in tables), tables  # no figure behind a sideways scroll
    assert any(t["cards"] for t in tables), tables  # a wide table's rows show as cards

    page.set_viewport_size({"width": 1000, "height": 800})
    page.emulate_media(media="print")
    page.goto(editorial_url + EDITORIAL)
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    months = page.locator("article h3.sb-month").all()
    breaks = [h.evaluate("h => getComputedStyle(h).breakBefore") for h in months]
    assert breaks[0] != "page" and set(breaks[1:]) == {"page"}  # one month per printed page
    for table in page.locator("article table").all():  # nothing cut: every column in the page
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert_no_row_cut(page)
    expect(page.locator("article .sb-when--past").first).to_be_visible()
