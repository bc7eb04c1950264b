"""Issue 23, item 8: a measurement dated after the build's day (a year typed wrong) decides no
verdict before its day: not on the KPI page, the review, the home, bible.json nor kpis.csv, which
all judge through the view's statuses."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from pathlib import Path

from strategy_bible.render.bible_json import bible_json
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.downloads import kpis_csv
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

from support import FIXTURES

EXAMPLE = FIXTURES / "valid" / "contract-example.yml"
TYPO = "      - {date: 2027-02-28, value: 2000}\n"  # a year typed wrong: meant 2026-03-31, and 1400


def view_on(day: dt.date, tmp_path: Path, monkeypatch) -> ClientView:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm(day.timetuple())))
    text = EXAMPLE.read_text(encoding="utf-8").replace("      - {date: 2026-01-31, value: 1260}\n", TYPO)
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    return ClientView("acme", "acme.yml", visible_to(Readership.CLIENT, load_strategy(path)))


def test_a_measurement_after_the_builds_day_decides_no_verdict(tmp_path, monkeypatch):
    view = view_on(dt.date(2026, 3, 31), tmp_path, monkeypatch)
    status = view.status["ig-followers"]
    assert status.latest is not None and status.latest.date == dt.date(2026, 2, 28)  # not the 2027 one
    assert status.progress == (1330 - 1200) / (2000 - 1200)  # not 1.0, "target reached"

    kpi = next(k for k in json.loads(bible_json(view))["kpis"] if k["id"] == "ig-followers")
    assert kpi["progress"] == status.progress
    rows = list(csv.reader(io.StringIO(kpis_csv(view, Labels("en"), False).decode("utf-8-sig"))))
    row = next(r for r in rows if "ig-followers" in r)
    assert "2027-02-28" not in row and "2026-02-28" in row


def test_it_counts_from_its_day(tmp_path, monkeypatch):
    status = view_on(dt.date(2027, 3, 1), tmp_path, monkeypatch).status["ig-followers"]
    assert status.latest is not None and status.latest.date == dt.date(2027, 2, 28)
    assert status.progress == 1.0
