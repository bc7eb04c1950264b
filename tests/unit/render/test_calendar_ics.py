"""calendar.ics: the editorial calendar's planned items in a calendar application, dropped ones
left out, nothing internal in a client build; and the view's calendar by month, past and coming."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from strategy_bible.render.client_view import ClientView
from strategy_bible.render.downloads import calendar_ics
from strategy_bible.render.labels import Labels
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

from support import FIXTURES, REPO

WHOLE = FIXTURES / "valid" / "whole-bible.yml"
CONTRACT = FIXTURES / "valid" / "contract-example.yml"
BRASSERIE = REPO / "strategies" / "brasserie-du-canal.yml"
STAMP = dt.datetime(2026, 6, 1, 8, 30, tzinfo=dt.UTC)


def view(path=WHOLE, audience=Readership.CLIENT):
    return ClientView(path.stem, path.name, visible_to(audience, load_strategy(path)))


def entries(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_one_all_day_event_per_planned_item_with_channel_and_format():
    found = entries(calendar_ics(view(), Labels("en"), STAMP))
    reel = found["brewing-day-reel@whole-bible.strategy-bible"]
    assert str(reel["summary"]) == "Brewing day reel"
    assert reel.decoded("dtstart") == dt.date(2026, 3, 2)
    assert reel.decoded("dtend") == dt.date(2026, 3, 3)  # all-day: the day after
    assert reel.decoded("dtstamp") == STAMP
    assert str(reel["description"]) == "Instagram · Reel · Published"
    terrace = found["summer-terrace@whole-bible.strategy-bible"]
    assert str(terrace["description"]) == "Instagram · Approved"  # no format named


def test_dropped_items_are_left_out():
    found = entries(calendar_ics(view(), Labels("en"), STAMP))
    assert set(found) == {"brewing-day-reel@whole-bible.strategy-bible", "summer-terrace@whole-bible.strategy-bible"}
    assert b"A survey nobody asked for" not in calendar_ics(view(), Labels("en"), STAMP)


def test_stamp_is_the_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(STAMP.timestamp())))
    found = entries(calendar_ics(view(), Labels("en")))
    assert {e.decoded("dtstamp") for e in found.values()} == {STAMP}


def test_a_client_build_holds_no_internal_calendar_item():
    client = calendar_ics(view(BRASSERIE), Labels("fr"), STAMP)
    internal = calendar_ics(view(BRASSERIE, Readership.INTERNAL), Labels("fr"), STAMP)
    for needle in ("teaser-investisseurs", "Deux ans de croissance en chiffres"):
        assert needle.encode() not in client
        assert needle.encode() in internal  # so the check above can fail
    assert "jeu-hiver@brasserie-du-canal.strategy-bible" not in entries(client)  # dropped


def test_calendar_ics_is_a_download_of_clients_with_a_calendar_only(tmp_path):
    plan, renderer = SitePlan(single_client=False), Renderer("en")
    with_calendar = renderer.downloads(view(), plan, "Europe/Paris")
    assert "clients/whole-bible/calendar.ics" in with_calendar
    assert set(with_calendar) == set(plan.downloads("whole-bible", view().extra_downloads()))
    without = renderer.downloads(view(CONTRACT), plan, "Europe/Paris")
    assert not any(path.endswith("calendar.ics") for path in without)


def test_editorial_page_only_for_clients_with_an_editorial_line_or_a_calendar():
    assert "editorial" in view().page_kinds()
    assert "editorial" not in view(CONTRACT).page_kinds()


@pytest.mark.parametrize(
    ("today", "past"), [("2026-03-02", []), ("2026-06-21", ["brewing-day-reel", "summer-terrace"])]
)
def test_calendar_by_month_and_past_items(monkeypatch, today, past):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime.fromisoformat(today + "T12:00+00:00").timestamp())))
    v = view()
    months = [(month, [item.id for item in items]) for month, items in v.calendar_by_month()]
    assert months == [
        (dt.date(2026, 3, 1), ["brewing-day-reel"]),
        (dt.date(2026, 6, 1), ["summer-terrace"]),
        (dt.date(2026, 7, 1), ["dropped-idea"]),
    ]
    assert [item.id for item in v.calendar_by_date() if v.is_past(item)] == past


def test_objectives_and_actions_find_their_pillars_and_calendar_items():
    v = view(BRASSERIE)
    community = next(o for o in v.strategy.objectives if o.id == "communaute-instagram")
    assert [p.id for p in v.pillars_of(community)] == ["coulisses", "communaute"]
    reels = next(a for a in v.strategy.actions if a.id == "reels-brassage")
    assert [item.id for item in v.calendar_of(reels)] == ["reel-cuve-noel"]
