"""With which means (issue 13), as a person sees it in the built example bible: the means page,
the cost per result beside each KPI, the return of attributed revenue, event and objective costs,
money on the review and the agency home, accessibility on phones and on paper.

Every figure is recomputed here from the strategy YAML with the contract's rules ("Derived figures
(version 2)"), not with the plugin's modules: only the number formats (French, Babel) come from the
product's Formatter. A client build computes from client-visible items only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from strategy_bible.render.formatting import Formatter, parse_locale

from page_checks import assert_no_serious_violation, at_phone_width, printed, table_text
from support import REPO, build, make_project, serve_directory

pytestmark = pytest.mark.browser

FMT = Formatter(parse_locale("fr"))
BRASSERIE = "brasserie-du-canal"
INTERNAL_ITEM = ("etude-valorisation", "Étude de valorisation de la communauté")
KIND_ORDER = ["ads", "people", "production", "tools", "influence", "events", "other"]
KIND_FR = {"ads": "Publicité", "people": "Temps humain", "production": "Production", "influence": "Influence"}
KIND_FR |= {"tools": "Outils", "events": "Événements", "other": "Autre"}
PER_UNIT = {
    "count": "par unité gagnée",
    "ratio": "par unité gagnée",
    "percent": "par point de pourcentage gagné",
    "duration": "par heure gagnée",
    "currency": "dépensés pour chaque € gagné",
}
WHY = {"no-measurement": "pas encore de mesure", "no-gain": "pas de gain pour l'instant"}
WHY |= {"nothing-spent": "aucune dépense enregistrée"}


# --- the contract's figures, from the YAML ---------------------------------------------------------


class Figures:
    """The money figures of one strategy as a readership sees it (``internal``: everything)."""

    def __init__(self, strategy: dict, internal: bool = False):
        def shown(item: dict) -> bool:
            return internal or item.get("visibility", "client") != "internal"

        self.objectives = {o["id"]: o for o in strategy["objectives"] if shown(o)}

        def serves_shown(item: dict) -> bool:  # an item serving hidden objectives only is hidden
            serves = item.get("objectives", [item["objective"]] if "objective" in item else [])
            return shown(item) and (not serves or any(o in self.objectives for o in serves))

        self.actions = {a["id"]: a for a in strategy["actions"] if serves_shown(a)}
        self.events = {e["id"]: e for e in strategy["events"] if serves_shown(e)}
        self.kpis = [k for k in strategy["kpis"] if serves_shown(k)]
        funded = self.actions | self.events
        self.items = []
        for item in strategy["means"]["items"]:
            funds = [i for i in item["funds"] if i in funded]  # references to hidden items removed
            if shown(item) and funds:
                self.items.append({**item, "funds": funds, "spent": item.get("spent", 0)})

    def cost_of(self, funded_id: str) -> float:
        return sum(i["spent"] / len(i["funds"]) for i in self.items if funded_id in i["funds"])

    def objective_cost(self, objective_id: str) -> float:
        total = 0.0
        for item in [*self.actions.values(), *self.events.values()]:
            serves = [o for o in item.get("objectives", []) if o in self.objectives]
            if objective_id in serves:
                total += self.cost_of(item["id"]) / len(serves)
        return total

    @staticmethod
    def gain(kpi: dict) -> float | None:
        measurements = sorted(kpi.get("measurements", []), key=lambda m: m["date"])
        if not measurements:
            return None
        change = measurements[-1]["value"] - kpi["baseline"]["value"]
        return change if kpi.get("direction", "up") == "up" else -change

    def cost_per_result(self, kpi: dict) -> float | str:
        """The figure, or why there is none."""
        gain, cost = self.gain(kpi), self.objective_cost(kpi["objective"])
        if gain is None:
            return "no-measurement"
        if gain <= 0:
            return "no-gain"
        if not cost:
            return "nothing-spent"
        return cost / gain

    def totals(self, items: list[dict]) -> dict:
        planned, spent = sum(i["planned"] for i in items), sum(i["spent"] for i in items)
        return {
            "planned": planned,
            "spent": spent,
            "remaining": planned - spent,
            "consumption": spent / planned if planned else None,
            "hours": sum(i.get("hours") or 0 for i in items),
        }


def raw(slug: str = BRASSERIE) -> dict:
    return yaml.safe_load((REPO / "strategies" / f"{slug}.yml").read_text(encoding="utf-8"))


def eur(amount: float) -> str:
    return FMT.value(amount, "currency", "EUR")


def expected_cost(figures: Figures, kpi: dict) -> str:
    result = figures.cost_per_result(kpi)
    return WHY[result] if isinstance(result, str) else f"{eur(result)} {PER_UNIT[kpi.get('unit', 'count')]}"


# --- reading the pages ------------------------------------------------------------------------------


def text(locator) -> str:
    """Visible text, runs of white space collapsed (no-break spaces included: Babel writes them)."""
    return same(locator.inner_text())


def same(a: str) -> str:
    return " ".join(a.replace("\u00a0", " ").replace("\u202f", " ").split())


def records(table) -> list[dict[str, str]]:
    headings, rows = table_text(table)
    return [dict(zip(map(same, headings), map(same, row), strict=True)) for row in rows]


def after(page: Page, anchor: str, what: str):
    return page.locator(f"xpath=//*[@id='{anchor}']/following::{what}[1]")


def fact(page: Page, anchor: str, label: str) -> str:
    """The text of the first list item starting with ``label`` after the heading ``anchor``."""
    return text(after(page, anchor, f"li[starts-with(normalize-space(.), '{label}')]"))


def consumption(totals: dict) -> str:
    share = same(FMT.share(totals["consumption"]))
    return f"{share} dépassement" if totals["spent"] > totals["planned"] else share


# --- 1. the means page -------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_means_page_items_by_kind_with_totals(page: Page, example_url, internal_url, audience):
    internal = audience == "internal"
    figures = Figures(raw(), internal=internal)
    page.goto(f"{internal_url if internal else example_url}clients/{BRASSERIE}/means/")
    kinds = sorted({i["kind"] for i in figures.items}, key=KIND_ORDER.index)

    rows = records(after(page, "_totals", "table"))
    assert [r["Nature"] for r in rows] == [KIND_FR[k] for k in kinds] + ["Total"]
    for row, items in zip(
        rows, [[i for i in figures.items if i["kind"] == k] for k in kinds] + [figures.items], strict=True
    ):
        totals = figures.totals(items)
        assert row["Prévu"] == same(eur(totals["planned"]))
        assert row["Dépensé"] == same(eur(totals["spent"]))
        assert row["Reste"] == same(eur(totals["remaining"]))
        assert row["Consommé"] == consumption(totals)
        assert row["Heures"] == (same(FMT.number(totals["hours"])) if totals["hours"] else "—")

    for kind in kinds:
        items = [i for i in figures.items if i["kind"] == kind]
        table = after(page, f"_kind-{kind}", "table")
        rows = records(table)
        # A line's hours and remaining amount are second lines of its label and of its spending: the
        # table fits the page's width with what each line funds.
        assert [r["Ligne"] for r in rows[: len(items)]] == [
            i["label"]
            + (" Interne" if i.get("visibility") == "internal" else "")
            + (f" Heures : {same(FMT.number(i['hours']))}" if i.get("hours") is not None else "")
            for i in items
        ]
        for row, item in zip(rows, items, strict=False):  # then a total row
            totals = figures.totals([item])
            assert row["Prévu"] == same(eur(totals["planned"]))
            assert row["Dépensé"] == f"{same(eur(totals['spent']))} Reste : {same(eur(totals['remaining']))}"
            assert row["Consommé"] == consumption(totals)  # says "dépassement" in words when over budget
            titles = [(figures.actions | figures.events)[i]["title"] for i in item["funds"]]
            assert row["Finance"] == " ".join(titles)
        links = table.locator("tbody a").all()
        wanted = [f"../{'actions' if i in figures.actions else 'events'}/#{i}" for item in items for i in item["funds"]]
        assert [a.get_attribute("href") for a in links] == wanted
        for link in links[:1]:  # each link lands on the action or event it names
            target = link.get_attribute("href").split("#")[1]
            link.click()
            expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
            page.go_back()

    html = page.content()
    assert (INTERNAL_ITEM[0] in html) == internal and (INTERNAL_ITEM[1] in html) == internal
    if not internal:  # the over-budget line is the client's money: shown in every audience
        assert "dépassement" in text(page.locator("article"))


def test_internal_items_change_the_client_totals():
    """The client's totals leave the internal line out; the agency's count it."""
    client, agency = Figures(raw()), Figures(raw(), internal=True)
    assert INTERNAL_ITEM[0] not in [i["id"] for i in client.items]
    assert client.totals(client.items)["planned"] < agency.totals(agency.items)["planned"]


# --- 2. costs beside the results ----------------------------------------------------------------------


def test_cost_per_result_and_return_beside_each_kpi(page: Page, example_url):
    strategy, figures = raw(), Figures(raw())
    page.goto(f"{example_url}clients/{BRASSERIE}/kpis/")
    table = records(page.locator("article table").first)
    assert len(table) == len(figures.kpis)
    units = set()
    for kpi, row in zip(figures.kpis, table, strict=True):
        wanted = same(expected_cost(figures, kpi))
        assert row["Coût par résultat"].startswith(wanted), kpi["id"]
        assert fact(page, kpi["id"], "Coût par résultat") == f"Coût par résultat : {wanted}"
        units.add(kpi.get("unit", "count"))
        if kpi.get("attributed"):
            result = figures.cost_per_result(kpi)
            assert not isinstance(result, str)
            times = same(FMT.number(1 / result, 1))  # gain / cost
            assert fact(page, kpi["id"], "Retour") == f"Retour : {times} × les moyens engagés"
            assert row["Coût par résultat"].endswith(f"{times} × les moyens engagés")
    retours = page.locator("article li").filter(has_text="Retour :")
    assert retours.count() == sum(1 for k in figures.kpis if k.get("attributed"))  # attributed revenue only
    assert {"count", "percent", "currency", "duration"} <= units  # every unit word is checked
    down = [k for k in figures.kpis if k.get("direction") == "down" and figures.gain(k)]
    assert down and all(figures.gain(k) > 0 for k in down)  # a fall is the gain of a "down" KPI
    assert any(not k.get("measurements") for k in strategy["kpis"] if k in figures.kpis)  # "pas encore de mesure"
    assert any(
        len([o for o in a["objectives"] if o in figures.objectives]) > 1 for a in figures.actions.values()
    )  # split actions
    assert any(len(i["funds"]) > 1 for i in figures.items)  # split items


def test_events_cost_per_registration_and_attendee(page: Page, example_url):
    figures = Figures(raw())
    page.goto(f"{example_url}clients/{BRASSERIE}/events/")
    for event in figures.events.values():
        cost = figures.cost_of(event["id"])
        assert fact(page, event["id"], "Coût") == same(f"Coût : {eur(cost)}")
        for label, count, none in (
            ("Coût par inscription", event.get("registrations"), "aucune inscription enregistrée"),
            ("Coût par participant", event.get("attendees"), "aucun participant enregistré"),
        ):
            wanted = "aucune dépense enregistrée" if not cost else none if not count else same(eur(cost / count))
            assert fact(page, event["id"], label) == f"{label} : {wanted}"


def test_each_objective_shows_its_cost(page: Page, example_url):
    figures = Figures(raw())
    page.goto(f"{example_url}clients/{BRASSERIE}/objectives/")
    for objective_id in figures.objectives:
        cost = figures.objective_cost(objective_id)
        assert fact(page, objective_id, "Moyens engagés") == same(f"Moyens engagés : {eur(cost)}")


def test_review_and_home_set_money_against_results(page: Page, example_url):
    figures = Figures(raw())
    totals = figures.totals(figures.items)
    spent = same(
        f"{eur(totals['spent'])} dépensés à ce jour sur {eur(totals['planned'])} prévus "
        f"({FMT.share(totals['consumption'])})."
    )
    page.goto(f"{example_url}clients/{BRASSERIE}/review/")
    assert text(after(page, "_means", "p")) == spent
    rows = records(after(page, "_means", "table"))
    assert [r["KPI"] for r in rows] == [k["name"] for k in figures.kpis]
    for row, kpi in zip(rows, figures.kpis, strict=True):
        assert row["Coût par résultat"].startswith(same(expected_cost(figures, kpi)))

    page.goto(example_url)
    home = {r["Client"]: r["Budget consommé"] for r in records(page.locator("article table").first)}
    assert home.pop("Brasserie du Canal") == same(
        f"{eur(totals['spent'])} / {eur(totals['planned'])} ({FMT.share(totals['consumption'])})"
    )
    assert set(home.values()) == {"—"}  # the other examples record no means


def test_a_client_without_means_has_no_means_page_and_no_cost_column(page: Page, example_url):
    assert "means" not in raw("librairie-des-pentes")
    page.goto(f"{example_url}clients/librairie-des-pentes/kpis/")
    assert "Coût par résultat" not in text(page.locator("article"))
    assert page.locator("nav a[href$='means/']").count() == 0
    assert page.request.get(f"{example_url}clients/librairie-des-pentes/means/").status == 404


# --- 3. no gain, nothing spent -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def changed_url(tmp_path_factory) -> Iterator[str]:
    """The brasserie with a follower count fallen below its baseline (no gain) and the shop links no
    longer funded (nothing spent on the online shop objective)."""
    source = (REPO / "strategies" / f"{BRASSERIE}.yml").read_text(encoding="utf-8")
    changed = source.replace(
        "funds: [reels-brassage, jeu-concours-velo, liens-boutique, relance-avis]",
        "funds: [reels-brassage, jeu-concours-velo, relance-avis]",
    )
    assert changed != source
    data = yaml.safe_load(changed)
    followers = next(k for k in data["kpis"] if k["id"] == "abonnes-instagram")
    last = max(m["date"] for m in followers["measurements"])
    followers["measurements"].append({"date": last + dt.timedelta(days=1), "value": 1})
    strategy = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    site = build(make_project(Path(tmp_path_factory.mktemp("means-changed")), {BRASSERIE: strategy}))
    with serve_directory(site) as url:
        yield url


def test_no_gain_and_nothing_spent_say_why(page: Page, changed_url):
    page.goto(f"{changed_url}clients/{BRASSERIE}/kpis/")
    assert fact(page, "abonnes-instagram", "Coût par résultat") == "Coût par résultat : pas de gain pour l'instant"
    for kpi_id in ("visites-boutique", "chiffre-boutique"):
        assert fact(page, kpi_id, "Coût par résultat") == "Coût par résultat : aucune dépense enregistrée"
    assert fact(page, "ventes-code-canal", "Retour") == "Retour : aucune dépense enregistrée"
    assert "∞" not in text(page.locator("article")) and "NaN" not in page.content()


# --- 4. phones, accessibility, print --------------------------------------------------------------------


def test_means_page_is_accessible_fits_a_phone_and_prints(page: Page, example_url):
    url = f"{example_url}clients/{BRASSERIE}/means/"
    page.goto(url)
    assert_no_serious_violation(page)

    tables = at_phone_width(page)
    assert not any(t["wide"] for t in tables), tables  # no figure behind a sideways scroll
    assert any(t["cards"] for t in tables), tables  # a wide table's rows show as cards

    printed(page, url)
    bar = page.locator("article .sb-bar--over .sb-bar__svg").first
    expect(bar).to_be_visible()
    assert bar.evaluate("s => getComputedStyle(s).printColorAdjust") == "exact"
    over = page.locator("article .sb-over-budget").first
    expect(over).to_have_text("dépassement")
