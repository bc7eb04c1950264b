"""Days: the ones a strategy file may hold, a day typed as text, and the calendar arithmetic the
layers above share (months ahead, a day as a moment).

The one place for each: the model and ``record --date`` read a typed day with :func:`parse_day`;
review periods, the starter file and the charts' month labels count months with
:func:`add_months`; the rules, the events' order and the calendar download turn a day into a
moment with :func:`as_datetime`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from strategy_bible.strategy.problems import Worded

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)
"""The dates a strategy file may hold. Review periods reach a year back and a period ahead,
charts a day either side, calendar events end a day later: a margin of years inside what Python
dates (years 1 to 9999), Babel and the calendar format handle."""
DAYS_ALLOWED = f"a date from {FIRST_DAY} to {LAST_DAY}"

_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotADay(ValueError):
    """Text that is not a day a strategy file may hold; the message says what to write instead."""


class DayOutOfRange(NotADay):
    """A real day, outside :data:`FIRST_DAY` to :data:`LAST_DAY`."""

    def __init__(self, message: str, day: dt.date):
        super().__init__(message)
        self.day = day


def day_of(value: dt.date) -> dt.date:
    """The day of a date or of a date-time."""
    return value.date() if isinstance(value, dt.datetime) else value


def day_in_bounds(value: dt.date) -> bool:
    """From :data:`FIRST_DAY` to :data:`LAST_DAY` (a date-time by its day)."""
    return FIRST_DAY <= day_of(value) <= LAST_DAY


def parse_day(text: str) -> dt.date:
    """A day written as YYYY-MM-DD (spaces around it aside), within the bounds; :class:`NotADay`
    otherwise."""
    written = text.strip()
    if not _DAY_TEXT.fullmatch(written):
        raise NotADay(f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-31")
    try:
        day = dt.date.fromisoformat(written)
    except ValueError:
        raise NotADay(
            f"'{text}' is not a day of the calendar; write the date as YYYY-MM-DD, for example 2026-03-31"
        ) from None
    if not day_in_bounds(day):
        raise DayOutOfRange(f"'{text}' is out of range; write {DAYS_ALLOWED}", day)
    return day


def as_datetime(value: dt.date, at: dt.time) -> dt.datetime:
    """A date-time as it is; a date at the time of day ``at`` (its start to sort events, its end
    when a date-only end means "that whole day")."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, at)


def month_number(day: dt.date) -> int:
    """Months since the start of year 0: consecutive months have consecutive numbers."""
    return day.year * 12 + day.month - 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or, negative, before) ``day``'s month."""
    year, month = divmod(month_number(day) + months, 12)
    return dt.date(year, month + 1, 1)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it is shorter (Jan 31 → Feb 28)."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_PARTS = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def impossible_day(text: str) -> str | None:
    """Why ``text``, written like a day (``2027-02-30``), is no day: "February 2027 has 28 days",
    "there is no month 13"; None when it is not written like one."""
    found = _DAY_PARTS.match(text.strip())
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return Worded(f"there is no month {month}; months go from 01 to 12", "invalid.no_month", month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = _MONTHS[month - 1]
        month_name = Worded(name, f"months.{name.lower()}")
        return Worded(f"{name} {year} has {days} days", "invalid.month_days", month=month_name, year=year, days=days)
    return None
