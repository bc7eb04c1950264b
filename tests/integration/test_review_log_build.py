"""The decision log in real builds: what is due on a fixed SOURCE_DATE_EPOCH, the review warning
in internal builds only, the review pages in the menu and in their own client's search index."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path

import yaml

from strategy_bible.render.formatting import Formatter, parse_locale

from support import FIXTURES, REPO, build, make_project, mkdocs_in_process

BRASSERIE = "brasserie-du-canal"
MONTHS = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(12), dt.UTC).timestamp()))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, day.day)


def expected_due(strategy: dict, today: dt.date) -> tuple[dt.date | None, list[str], list[str]]:
    """What is due, by the contract, in the agency's (internal) build, which shows every item: a review
    overdue for the cadence, KPIs unmeasured in the current calendar period of the cadence, running
    actions past their end."""

    def shown(item: dict) -> bool:
        return True

    period = strategy["period"]
    reviews = strategy.get("reviews", [])
    step = MONTHS[period["cadence"]]
    last = max((r["date"] for r in reviews if r["date"] <= today), default=period["start"])
    next_review = months_after(last, step)
    first_month = (today.month - 1) // step * step + 1
    start = dt.date(today.year, first_month, 1)
    end = months_after(start, step)
    unmeasured = [
        k["name"]
        for k in strategy["kpis"]
        if shown(k)
        and k["baseline"]["date"] <= today <= k["target"]["date"]
        and not any(start <= m["date"] < end for m in k.get("measurements", []))
    ]
    overrunning = [
        a["title"]
        for a in strategy["actions"]
        if shown(a) and a.get("status") == "running" and a.get("end") and a["end"] < today
    ]
    return (next_review if next_review < today else None), unmeasured, overrunning


def test_what_is_due_follows_source_date_epoch(tmp_path: Path) -> None:
    """The agency's backlog, in the internal build (a client build holds none of it: test_client_words)."""
    today = dt.date(2026, 12, 1)
    internal = {"STRATEGY_BIBLE_AUDIENCE": "internal"}
    site = build(make_project(tmp_path / "p"), env={"SOURCE_DATE_EPOCH": epoch(today), **internal})
    home = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert "À faire" in home
    rows = re.findall(r"<tr>(.*?)</tr>", (site / "index.html").read_text(encoding="utf-8"), re.S)
    for slug in ("librairie-des-pentes", "northwind-cycles", BRASSERIE):
        strategy = yaml.safe_load((REPO / "strategies" / f"{slug}.yml").read_text(encoding="utf-8"))
        language = strategy["client"].get("language", "fr")
        fmt = Formatter(parse_locale(language))
        title, overdue = DUE_WORDS[language]
        overview = text_of((site / "clients" / slug / "index.html").read_text(encoding="utf-8"))
        review_due, unmeasured, overrunning = expected_due(strategy, today)
        section = overview[overview.index(f"{title} ¶") :]
        if review_due:
            assert f"{overdue} {fmt.date(review_due, 'long')}" in section
            assert (
                f"Revue en retard depuis le {FR_DATES.date(review_due, 'long')}" in home
            )  # the home speaks the site's
        else:
            assert overdue not in section
        for name in [*unmeasured, *overrunning]:
            assert name in section, name
        # the home has one line a client, with counts; the lists are on the overview
        row = next(row for row in rows if f'href="clients/{slug}/#_due"' in row)
        cells = [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[2:] == [str(len(unmeasured)), str(len(overrunning))], cells
        assert ("Revue en retard" in cells[1]) == bool(review_due)
    # before the period starts, nothing is due
    # (not --strict: on that day the examples' later measurements are, rightly, warned of as future)
    early = make_project(tmp_path / "early")
    mkdocs_in_process(early, "build", env={"SOURCE_DATE_EPOCH": epoch(dt.date(2025, 6, 1)), **internal})
    assert "À faire" not in text_of((early / "site" / "index.html").read_text(encoding="utf-8"))


DUE_WORDS = {"fr": ("À faire", "Revue en retard depuis le"), "en": ("What is due", "Review overdue since")}
FR_DATES = Formatter(parse_locale("fr"))


def overridden(root: Path) -> Path:
    """The whole-bible fixture with a decision that differs from the rule's, without a reason."""
    text = (FIXTURES / "valid" / "whole-bible.yml").read_text(encoding="utf-8")
    old = "        decision: optimise\n        reason: Good sales, but the code is little known.\n"
    assert old in text
    return make_project(root, {"acme": text.replace(old, "        decision: stop\n")})


WARNING = "differs from the rule's decision on 2026-07-05 (optimise)"
WARNING_FR = "s'écarte de la décision de la règle à la revue du 2026-07-05 (optimise)"
"""The terminal says it in English, a page of the French example site in French."""


def test_the_review_warning_shows_in_internal_builds_only(tmp_path: Path) -> None:
    from support import mkdocs_in_process

    internal = overridden(tmp_path / "internal")
    result = mkdocs_in_process(internal, "build", env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    assert WARNING in result.stderr
    assert WARNING_FR in text_of((internal / "site" / "clients" / "acme" / "index.html").read_text(encoding="utf-8"))
    client = overridden(tmp_path / "client")
    mkdocs_in_process(client, "build")
    for page in (client / "site").rglob("*.html"):
        assert "de la décision de la règle" not in text_of(page.read_text(encoding="utf-8")), page


def test_review_pages_sit_under_the_log_and_in_their_client_s_search_index_only(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    site = build(project, env={"STRATEGY_BIBLE_CLIENTS": BRASSERIE})
    page = (site / "reviews" / "revue-t3-2026" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index("md-nav--primary") :]
    nav = nav[nav.index("Revues") :]
    assert nav.index("Revue du 5 octobre 2026") < nav.index("Revue du 6 juillet 2026")
    assert not (site / "reviews" / "revue-associes-t3").exists()
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    assert {"reviews/", "reviews/revue-t2-2026/", "reviews/revue-t3-2026/"} <= locations
    assert not any("revue-associes" in d["location"] or "Les associés" in d["text"] for d in docs)
    other = build(make_project(tmp_path / "o"), env={"STRATEGY_BIBLE_CLIENTS": "northwind-cycles"})
    other_docs = json.loads((other / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not any("reviews/" in d["location"] or "Revue du" in d["title"] for d in other_docs)
