"""Files a client downloads from its pages: ``kpis.csv`` for a spreadsheet, ``events.ics`` for a
calendar. They are made from the build audience's view, so a client download holds no internal
item either.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import icalendar

from strategy_bible.analysis.clock import build_time
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.dates import as_datetime, day_of

CSV_COLUMNS = (
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
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def text_cell(value: str) -> str:
    """A cell written from a text field, never run as a formula: a leading ``'`` (OWASP's advice)
    before a text that starts like one, as ``=HYPERLINK(…)`` would in a KPI's name. Number cells
    are not passed here: ``-3`` stays a number."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def kpis_csv(view: ClientView, labels: Labels, decimal_comma: bool) -> bytes:
    """One row per KPI. UTF-8 with a byte order mark, so spreadsheet software reads accents right;
    with a decimal comma (French), fields are separated by ';' as French spreadsheets expect.
    Text cells are neutralised (:func:`text_cell`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if decimal_comma else ",", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def number(value: float | None, digits: int = 4) -> str:
        if value is None:
            return ""
        # Fixed-point, never an exponent: 1234567.5 stays 1234567.5 (":g" wrote 1.23457e+06).
        text = str(value) if isinstance(value, int) else (f"{value:.{digits}f}".rstrip("0").rstrip(".") or "0")
        text = "0" if text == "-0" else text
        return text.replace(".", ",") if decimal_comma else text

    for kpi in view.strategy.kpis:
        status = view.status[kpi.id]
        writer.writerow(
            [
                text_cell(kpi.id),
                text_cell(kpi.name),
                text_cell(kpi.objective),
                text_cell((kpi.currency or "") if kpi.unit == "currency" else kpi.unit),
                number(kpi.baseline.value),
                number(kpi.target.value),
                number(status.latest.value) if status.latest else "",
                status.latest.date.isoformat() if status.latest else "",
                number(status.progress),
                number(status.expected),
                text_cell(labels(f"verdict.{status.verdict.value}")),
                text_cell(labels(f"decision.{status.decision.value}")) if status.decision else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def events_ics(view: ClientView, timezone: str, stamp: dt.datetime | None = None) -> bytes:
    """One VEVENT per event: dates as all-day events, times in the site's time zone."""
    zone = ZoneInfo(timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Strategy Bible//strategy-bible//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", icalendar.vText(view.strategy.client.name))  # escapes a line break, as SUMMARY does
    stamp = stamp or build_time()
    for event in view.events_by_date():
        entry = icalendar.Event()
        entry.add("uid", f"{event.id}@{view.slug}.strategy-bible")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        start, end = event.start, event.end
        if isinstance(start, dt.datetime):
            entry.add("dtstart", start.replace(tzinfo=zone))
            if end is not None:
                entry.add("dtend", as_datetime(end, dt.time(23, 59)).replace(tzinfo=zone))
        else:
            entry.add("dtstart", start)
            last = day_of(end) if end is not None else start
            entry.add("dtend", last + dt.timedelta(days=1))  # all-day: DTEND is the day after
        place = ", ".join(part for part in (event.venue, event.city) if part)
        if place:
            entry.add("location", place)
        if event.description:
            entry.add("description", event.description)
        calendar.add_component(entry)
    calendar.add_missing_timezones()  # a VTIMEZONE for the TZID, as RFC 5545 asks
    return calendar.to_ical()


def calendar_ics(view: ClientView, labels: Labels, stamp: dt.datetime | None = None) -> bytes:
    """One all-day VEVENT per planned calendar item, dropped ones left out: the editorial calendar
    in a calendar application. The channel and format go in the description."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Strategy Bible//strategy-bible//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", icalendar.vText(view.strategy.client.name))
    stamp = stamp or build_time()
    for item in view.calendar_by_date():
        if item.status == "dropped":
            continue
        entry = icalendar.Event()
        entry.add("uid", f"{item.id}@{view.slug}.strategy-bible")
        entry.add("dtstamp", stamp)
        entry.add("summary", item.title)
        entry.add("dtstart", item.date)
        entry.add("dtend", item.date + dt.timedelta(days=1))  # all-day: DTEND is the day after
        channel = view.get(item.channel)
        facts = [getattr(channel, "name", item.channel)]
        if item.format:
            facts.append(labels(f"post_format.{item.format}"))
        facts.append(labels(f"calendar_status.{item.status}"))
        entry.add("description", " · ".join(facts))
        calendar.add_component(entry)
    return calendar.to_ical()
