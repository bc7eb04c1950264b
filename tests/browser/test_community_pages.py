"""Channel roles on the overview and the community page, as a person sees them in real builds: the
axis × channel grid (marks in words, axes no channel serves and channels serving no objective
flagged), the charter, the moderation table and the crisis plan by level; the internal crisis level
only in an internal build; accessibility on phones and on paper.

Expected rows are recomputed here from the strategy YAML; only the French hour words come from
Babel (the product's formats)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from babel.units import format_unit
from playwright.sync_api import Page, expect

from page_checks import assert_no_row_cut, assert_no_serious_violation, at_phone_width, collapsed, table_text, text
from support import REPO, build, make_project, serve_directory

pytestmark = pytest.mark.browser

BRASSERIE = "brasserie-du-canal"
COMMUNITY = f"clients/{BRASSERIE}/community/"
OVERVIEW = f"clients/{BRASSERIE}/"
AXES_FR = {"visibility": "Visibilité", "traffic": "Trafic", "image": "Image", "notoriety": "Notoriété"}
RESPONSE_FR = {
    "answer": "Répondre",
    "private": "Répondre en privé",
    "hide": "Masquer",
    "delete": "Supprimer",
    "ignore": "Ignorer",
    "escalate": "Faire remonter",
}

# Two channels: one serves visibility (and its objective), the other declares image, where there is
# no objective and it runs no action: traffic and notoriety have no channel, "forum" serves nothing.
LONELY = """\
client: {name: Café Lumière}
period: {start: 2026-01-01, end: 2026-12-31}
channels:
  - {id: instagram, name: Instagram, role: Le quotidien du café, axes: [visibility]}
  - {id: forum, name: Forum du quartier, role: Les habitués, axes: [image]}
objectives:
  - {id: voir-le-cafe, title: Faire connaître le café, axis: visibility}
kpis:
  - id: abonnes
    name: Abonnés Instagram
    objective: voir-le-cafe
    baseline: {value: 100, date: 2026-01-01}
    target: {value: 200, date: 2026-12-31}
"""


def raw(slug: str = BRASSERIE) -> dict:
    return yaml.safe_load((REPO / "strategies" / f"{slug}.yml").read_text(encoding="utf-8"))


def hours_fr(value: float) -> str:
    """The deadline as the page writes it: in hours, in minutes under an hour."""
    if value < 1:
        return format_unit(value * 60, "duration-minute", length="long", locale="fr")
    return format_unit(value, "duration-hour", length="long", locale="fr")


def section(page: Page, heading_id: str, what: str):
    return page.locator(f"xpath=//*[@id='{heading_id}']/following::{what}[1]")


def client_visible_objectives(strategy: dict) -> list[dict]:
    return [o for o in strategy["objectives"] if o.get("visibility", "client") != "internal"]


def served(strategy: dict, channel: dict) -> list[str]:
    """The client-visible objectives a channel serves: on its axes, or those of its visible actions."""
    objectives = client_visible_objectives(strategy)
    visible_ids = {o["id"] for o in objectives}
    by_actions = {
        objective
        for action in strategy.get("actions", [])
        if action.get("channel") == channel["id"] and action.get("visibility", "client") != "internal"
        for objective in action.get("objectives", [])
        if objective in visible_ids
    }
    return [o["id"] for o in objectives if o["axis"] in channel.get("axes", []) or o["id"] in by_actions]


def grid(page: Page) -> tuple[list[str], list[tuple[str, list[bool]]], list[str]]:
    """(column headings, [(row heading, marks)], last row): the axis × channel grid as read."""
    table = section(page, "_grid", "table")
    headings = [text(th) for th in table.locator("thead th").all()]
    body = table.locator("tbody tr").all()
    rows = []
    for row in body[:-1]:
        cells = row.locator("td").all()
        marks = []
        for cell in cells[1:]:
            marked = cell.locator(".sb-visually-hidden").count() == 1
            assert marked == ("✓" in text(cell))  # the mark is a sign and a word, never colour
            if marked:
                assert cell.locator(".sb-visually-hidden").inner_text() == "sert"
            marks.append(marked)
        rows.append((text(cells[0]), marks))
    return headings, rows, [text(cell) for cell in body[-1].locator("td").all()]


# --- sites ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lonely_url(tmp_path_factory) -> Iterator[str]:
    site = build(make_project(tmp_path_factory.mktemp("lonely"), {"cafe-lumiere": LONELY}, pages=False))
    with serve_directory(site) as url:
        yield url


# --- overview: channel roles and the grid -----------------------------------------------------


def test_the_overview_grid_shows_which_channel_serves_which_axis(page: Page, example_url):
    strategy = raw()
    channels = strategy["channels"]
    page.goto(example_url + OVERVIEW)
    headings, rows, last = grid(page)
    assert headings == ["Axe", *[c["name"] for c in channels]]
    assert rows == [(AXES_FR[axis], [axis in c.get("axes", []) for c in channels]) for axis in AXES_FR]
    assert last == ["Objectifs servis", *[str(len(served(strategy, c))) for c in channels]]
    assert page.locator("article .sb-flag").count() == 0  # every axis has a channel, every channel serves

    for channel in channels:
        facts = page.locator(f"xpath=//*[@id='{channel['id']}']/following::ul[1]")
        expect(facts).to_contain_text(f"Rôle : {channel['role']}")
        expect(facts).to_contain_text("Axes servis : " + ", ".join(AXES_FR[a] for a in channel["axes"]))
        titles = [o["title"] for o in client_visible_objectives(strategy) if o["id"] in served(strategy, channel)]
        links = facts.locator("a[href*='objectives/#']").all_inner_texts()
        assert links == titles


def test_axes_no_channel_serves_and_channels_serving_nothing_are_flagged(page: Page, lonely_url):
    page.goto(lonely_url + "clients/cafe-lumiere/")
    headings, rows, last = grid(page)
    assert headings == ["Axe", "Instagram", "Forum du quartier"]
    expected_marks = {"visibility": [True, False], "traffic": [False, False], "image": [False, True]}
    expected_marks["notoriety"] = [False, False]
    for (heading, marks), axis in zip(rows, AXES_FR, strict=True):
        lonely = axis in ("traffic", "notoriety")
        assert heading == AXES_FR[axis] + (" ⚠ aucun canal ne sert cet axe" if lonely else "")
        assert marks == expected_marks[axis]
    assert last == ["Objectifs servis", "1", "⚠ ne sert aucun objectif"]
    forum = page.locator("xpath=//*[@id='forum']/following::ul[1]")
    expect(forum).to_contain_text("Objectifs servis : ⚠ ne sert aucun objectif")
    results = Axe().run(page, context={"include": [["article"]], "exclude": [["#_due ~ *"]]})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_a_version_1_file_shows_no_grid(page: Page, tmp_path):
    v1 = LONELY.replace(", role: Le quotidien du café, axes: [visibility]", "").replace(
        ", role: Les habitués, axes: [image]", ""
    )
    site = build(make_project(tmp_path, {"cafe-lumiere": v1}, pages=False))
    html = (site / "clients" / "cafe-lumiere" / "index.html").read_text(encoding="utf-8")
    assert 'id="_grid"' not in html and "sb-flag" not in html and "Objectifs servis" not in html
    assert not (site / "clients" / "cafe-lumiere" / "community").exists()  # no community section, no community page


# --- the community page -----------------------------------------------------------------------


def test_the_charter_reads_as_written(page: Page, example_url):
    charter = raw()["community"]["charter"]
    page.goto(example_url + COMMUNITY)
    expect(page.locator("article h1")).to_have_text(re.compile("^Communauté"))
    prose = section(page, "_charter", "div[contains(@class, 'sb-prose')]")
    items = [line[2:].strip() for line in charter.splitlines() if line.startswith("- ")]
    assert [text(li) for li in prose.locator("li").all()] == items
    expect(prose.locator("p").first).to_have_text(charter.splitlines()[0])


def test_the_moderation_table_has_one_row_per_client_visible_case(page: Page, example_url):
    cases = [c for c in raw()["community"]["moderation"] if c.get("visibility", "client") != "internal"]
    page.goto(example_url + COMMUNITY)
    table = section(page, "_moderation", "table")
    headings, body = table_text(table)
    assert [collapsed(th) for th in headings] == ["Cas", "Réponse", "Délai", "Responsable"]
    rows = [[collapsed(td) for td in row] for row in body]
    assert rows == [
        [c["case"], RESPONSE_FR[c["response"]], hours_fr(c["within_hours"]), c.get("owner", "—")] for c in cases
    ]
    for case in cases:  # each case is a link target
        assert table.locator(f"[id='{case['id']}']").count() == 1


def crisis_levels(strategy: dict, internal: bool) -> list[dict]:
    levels = strategy["community"]["crisis"]
    return sorted(
        (c for c in levels if internal or c.get("visibility", "client") != "internal"), key=lambda c: c["level"]
    )


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_the_crisis_plan_by_level_follows_the_audience(page: Page, example_url, internal_url, audience):
    internal = audience == "internal"
    levels = crisis_levels(raw(), internal)
    assert any(c["id"] == "crise-rachat" for c in levels) == internal
    page.goto((internal_url if internal else example_url) + COMMUNITY)
    headings = page.locator("article h3").all()
    assert [h.get_attribute("id") for h in headings] == [c["id"] for c in levels]
    for heading, level in zip(headings, levels, strict=True):
        expected = f"Niveau {level['level']} · {level['name']}" + (
            " Interne" if internal and "visibility" in level else ""
        )
        assert text(heading).rstrip("¶").strip() == expected
        card = page.locator(f"xpath=//*[@id='{level['id']}']/following-sibling::div[1]")
        facts = {text(f.locator("dt")): text(f.locator("dd")) for f in card.locator("dl > div").all()}
        assert facts == {
            "Répondre sous": hours_fr(level["respond_within_hours"]),
            "Qui décide": level["decides"],
            "Qui prend la parole": level.get("speaks", "—"),
            "Suppléant (si absent)": level["backup"],
        }
        for field in ("signals", "statement"):
            if level.get(field):
                expect(card).to_contain_text(" ".join(level[field].split()))
    page_text = page.locator("article").inner_text()
    assert ("Fuite sur l'entrée d'un investisseur" in page_text) == internal


def test_a_crisis_level_is_a_link_target_and_the_menu_lists_the_page(page: Page, example_url):
    page.goto(example_url + COMMUNITY + "#crise-niveau-2")
    expect(page.locator("[id='crise-niveau-2']")).to_be_in_viewport()
    page.goto(example_url + OVERVIEW)
    expect(page.locator("nav a[href$='community/']").first).to_have_count(1)


# --- accessibility, phones, paper -------------------------------------------------------------


@pytest.mark.parametrize("address", [COMMUNITY, OVERVIEW])
def test_accessible_and_fits_a_phone(page: Page, example_url, address):
    page.goto(example_url + address)
    # The overview's other sections are checked whole by test_reporting_pages; here its channels.
    context = {"include": [["article"]], "exclude": [["#_due ~ *"]]} if address == OVERVIEW else None
    assert_no_serious_violation(page, context)
    at_phone_width(page)
    boxes = page.evaluate("""() => [...document.querySelectorAll('article table, article .sb-crisis')]
        .map(e => e.getBoundingClientRect().right)""")
    assert boxes and all(right <= 390 for right in boxes), boxes


def test_the_community_page_prints_whole(page: Page, example_url):
    page.emulate_media(media="print")
    page.goto(example_url + COMMUNITY)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    cards = page.locator("article .sb-crisis").all()
    assert cards
    for card in cards:
        expect(card).to_be_visible()
        assert card.evaluate("c => getComputedStyle(c).breakInside") == "avoid"
    assert_no_row_cut(page)
