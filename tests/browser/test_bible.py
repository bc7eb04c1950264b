"""What a person sees: the example bible and the contract's example, in Debian's chromium. Every
page's console errors and links: tests/browser/test_every_page.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from strategy_bible.render.client_view import ClientView
from strategy_bible.render.formatting import Formatter, parse_locale
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

from page_checks import text
from support import FIXTURES, REPO, build, make_project, serve_directory

pytestmark = pytest.mark.browser

FR = Labels("fr")
FMT = Formatter(parse_locale("fr"))
EXAMPLES = sorted((REPO / "strategies").glob("*.yml"))


def client_view(path: Path, audience: Readership = Readership.CLIENT) -> ClientView:
    return ClientView(path.stem, path.name, visible_to(audience, load_strategy(path)))


@pytest.fixture(scope="module")
def contract_url(tmp_path_factory):
    """The contract's example (every key used) as the only client, built for the agency."""
    project = make_project(tmp_path_factory.mktemp("contract"), {"bakery": FIXTURES / "valid/contract-example.yml"})
    with serve_directory(build(project, env={"STRATEGY_BIBLE_AUDIENCE": "internal"})) as url:
        yield url


# --- navigation ------------------------------------------------------------------------------


def test_agency_home_to_a_client_to_its_kpis(page: Page, example_url, console_errors):
    view = client_view(EXAMPLES[0])
    name = view.strategy.client.name
    page.goto(example_url)
    expect(page.locator("h1")).to_contain_text(FR("page.home"))
    page.locator("article table").first.get_by_role("link", name=name, exact=True).click()  # the clients' table
    expect(page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(name)}¶?$"))  # ¶: the permalink
    page.locator(".md-sidebar--primary").get_by_role("link", name=FR("page.kpis"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/clients/{view.slug}/kpis/$"))
    expect(page.locator("h1")).to_contain_text(f"{FR('page.kpis')} · {name}")
    assert console_errors == []


def test_the_sidebar_shows_the_current_client_only(page: Page, example_url):
    first, second = (client_view(p) for p in EXAMPLES[:2])
    page.goto(f"{example_url}clients/{first.slug}/objectives/")
    sidebar = page.locator(".md-sidebar--primary")
    expect(sidebar).to_contain_text(first.strategy.client.name)
    expect(sidebar).not_to_contain_text(second.strategy.client.name)


# --- KPIs ------------------------------------------------------------------------------------


def test_contract_example_kpi_table_shows_the_rule_decisions(page: Page, contract_url):
    page.goto(f"{contract_url}clients/bakery/kpis/")
    rows = page.locator("article table").first.locator("tbody tr")
    expect(rows).to_have_count(2)
    followers = text(rows.nth(0))
    # Worked example of the contract: 1200 → 2000, latest 1330 on 2026-02-28 → success, continue.
    for expected in [
        "Instagram followers",
        "1\u202f200",
        "2\u202f000",
        "1\u202f330",
        "28 févr. 2026",
        "16,2\u00a0%",
        "attendu 16,2\u00a0%",
        "Succès",
        "Continuer",
    ]:
        assert expected in followers, (expected, followers)
    revenue = text(rows.nth(1))
    for expected in [
        "1\u202f000\u00a0€",
        "3\u202f000\u00a0€",
        "1\u202f100\u00a0€",
        "5\u00a0%",
        "Échec",
        "Arrêter les frais ou pivoter",
    ]:
        assert expected in revenue, (expected, revenue)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_kpi_shows_its_values_verdict_and_decision(page: Page, example_url, path):
    view = client_view(path)
    language = view.strategy.client.language or "fr"  # the site's, unless the client has its own
    fmt, labels = Formatter(parse_locale(language)), Labels(language)
    page.goto(f"{example_url}clients/{view.slug}/kpis/")
    rows = page.locator("article table").first.locator("tbody tr")
    expect(rows).to_have_count(len(view.strategy.kpis))
    for index, kpi in enumerate(view.strategy.kpis):
        row = text(rows.nth(index))
        status = view.status[kpi.id]
        assert kpi.name in row
        assert fmt.value(kpi.baseline.value, kpi.unit, kpi.currency) in row
        assert fmt.value(kpi.target.value, kpi.unit, kpi.currency) in row
        assert labels(f"verdict.{status.verdict.value}") in row
        if status.decision:
            assert labels(f"decision.{status.decision.value}") in row
        if status.latest:
            assert fmt.value(status.latest.value, kpi.unit, kpi.currency) in row
            assert fmt.share(status.progress) in row


def test_kpi_anchor_is_a_stable_share_link(page: Page, contract_url):
    page.goto(f"{contract_url}clients/bakery/kpis/#ig-followers")
    heading = page.locator("h2#ig-followers")
    expect(heading).to_contain_text("Instagram followers")
    expect(heading).to_be_in_viewport()


# --- checklists ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_checkboxes_show_the_state_of_each_task(page: Page, example_url, path):
    view = client_view(path)
    page.goto(f"{example_url}clients/{view.slug}/actions/")
    tasks = [task for action in view.strategy.actions for task in action.checklist]
    boxes = page.locator("article .sb-checklist input[type=checkbox]")
    expect(boxes).to_have_count(len(tasks))
    for index, task in enumerate(tasks):
        assert boxes.nth(index).is_checked() is task.done, task.task
    first_action = next(a for a in view.strategy.actions if a.checklist)
    done = sum(t.done for t in first_action.checklist)
    words = Labels(view.strategy.client.language or "fr")(
        "checklist.done", done=done, total=len(first_action.checklist)
    )
    expect(page.locator("article")).to_contain_text(words)


def test_event_checkbox_states_and_rates(page: Page, contract_url):
    page.goto(f"{contract_url}clients/bakery/events/")
    boxes = page.locator("article .sb-checklist input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [False, True]
    summary = text(page.locator("article table").first)
    assert "95\u00a0%" in summary  # fill rate 38 / 40
    assert "81,6\u00a0%" in summary  # show-up rate 31 / 38


# --- search, labels, objectives --------------------------------------------------------------


def test_search_finds_an_objective(page: Page, contract_url):
    page.goto(contract_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("reference bakery", delay=20)
    result = page.locator(".md-search-result__item a", has_text="Be the reference bakery of the district").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/clients/bakery/objectives/(\?h=[^#]*)?#local-notoriety$"))


def test_french_labels(page: Page, contract_url):
    page.goto(f"{contract_url}clients/bakery/kpis/")
    header = text(page.locator("article table").first.locator("thead"))
    for label in ["KPI", "Cible", "Dernière mesure", "Avancement", "Verdict"]:
        assert label in header
    # The objective and the baseline are second lines of the KPI's name and of its target.
    body = text(page.locator("article table").first.locator("tbody"))
    for label in ["Objectif", "Point de départ"]:
        assert label in body
    sidebar = page.locator(".md-sidebar--primary")
    for label in ["Boulangerie Martin", "Objectifs", "Plan d'action", "Événements"]:
        expect(sidebar).to_contain_text(label)


def test_sub_objectives_sit_under_their_parent_with_their_why(page: Page, contract_url):
    page.goto(f"{contract_url}clients/bakery/objectives/")
    parent = page.locator("h3#brand-awareness")
    child = page.locator("h4#local-notoriety")
    expect(parent).to_be_visible()
    expect(child).to_be_visible()
    assert parent.bounding_box()["y"] < child.bounding_box()["y"]
    expect(page.locator("article")).to_contain_text("the owner wants to open a second shop")
