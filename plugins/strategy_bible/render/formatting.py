"""Numbers, units and dates written the reader's way, with Babel ("1 250", "4,2 %" in French)."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    get_decimal_symbol,
    parse_pattern,
)
from babel.units import format_unit


def parse_locale(language: str | None) -> Locale:
    """``theme.language`` (``fr``, ``en``, ``pt-BR``…) as a Babel locale; English when unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


_FRENCH_FIRST = re.compile(r"(?<![\d])1(?=[\s\u00a0\u202f])")
"""The day "1" of a French date, before its month: the first number followed by a space."""


def _minus(text: str) -> str:
    """The minus sign (−), not the hyphen Babel writes: "−50 €" reads as a loss, "-50 €" as a dash."""
    return text.replace("-", "\u2212")


def _remembered(method):
    """Keep a method's results: a site prints the same dates and figures again and again (a KPI's
    baseline and target on several pages, round tick values on every chart), and Babel works each
    out from its patterns every time. Bounded: emptied when it holds too many."""

    @functools.wraps(method)
    def remembered(self, *args, **keywords):
        if keywords:
            return method(self, *args, **keywords)
        key = (method.__name__, *((type(a), a) for a in args))  # 1 and 1.0, a date and a datetime differ
        try:
            return self._remembered[key]
        except KeyError:
            if len(self._remembered) >= _MAX_REMEMBERED:
                self._remembered.clear()
            result = self._remembered[key] = method(self, *args)
            return result
        except TypeError:  # an argument that cannot be a key
            return method(self, *args)

    return remembered


_MAX_REMEMBERED = 20_000

_ANY_FLOAT = decimal.Context(prec=400)
"""Babel rounds in the current decimal context, 28 digits by default, and fails on numbers from
about 1e27. A file's own numbers stay far below (``numbers.MAX_MAGNITUDE``), but a ratio worked out
from them need not: progress towards a target a hair away from its baseline. 400 digits hold any
float (at most 309 before the point) with its decimals."""


class Formatter:
    def __init__(self, locale: Locale):
        self.locale = locale
        percent = locale.percent_formats[None].pattern
        # Number patterns parsed once (Babel would parse the text of a pattern on every call).
        self._percent = parse_pattern(re.sub(r"0(?=[^0]*$)", "0.#", percent, count=1))  # one decimal if any
        self._whole_currency = parse_pattern(locale.currency_formats["standard"].pattern.replace(".00", ""))
        self._decimals: dict[int, NumberPattern] = {}
        self._remembered: dict[tuple, str] = {}
        self.decimal_comma = get_decimal_symbol(locale) == ","

    # numbers ---------------------------------------------------------------------------------

    @_remembered
    def number(self, value: float | int | None, digits: int = 2) -> str:
        if value is None:
            return "—"
        pattern = self._decimals.get(digits)
        if pattern is None:
            pattern = self._decimals[digits] = parse_pattern("#,##0." + "#" * digits if digits else "#,##0")
        with decimal.localcontext(_ANY_FLOAT):
            return _minus(format_decimal(value, format=pattern, locale=self.locale))

    @_remembered
    def share(self, ratio: float | None) -> str:
        """A ratio (0.042) as a percentage ("4,2 %"): rates and progress."""
        if ratio is None:
            return "—"
        with decimal.localcontext(_ANY_FLOAT):
            return _minus(format_percent(ratio, format=self._percent, locale=self.locale))

    @_remembered
    def value(self, value: float | int | None, unit: str, currency: str | None = None) -> str:
        """A KPI value in its unit: percent values are in percent (42 = 42 %), durations in hours."""
        if value is None:
            return "—"
        if unit == "percent":
            return self.share(value / 100)
        if unit == "currency" and currency:
            with decimal.localcontext(_ANY_FLOAT):
                if float(value).is_integer():
                    return _minus(
                        format_currency(
                            value, currency, format=self._whole_currency, currency_digits=False, locale=self.locale
                        )
                    )
                return _minus(format_currency(value, currency, locale=self.locale))
        if unit == "duration":
            return f"{self.number(value)}\u00a0h"
        return self.number(value)

    @_remembered
    def hours(self, value: float | int | None) -> str:
        """A deadline in words ("4 heures", "1.5 hours"), in minutes under an hour ("30 minutes")."""
        if value is None:
            return "—"
        if value < 1:
            minutes = round(value * 60, 1)
            return format_unit(minutes, "duration-minute", length="long", locale=self.locale)
        return format_unit(round(value, 2), "duration-hour", length="long", locale=self.locale)

    @_remembered
    def currency_symbol(self, currency: str | None) -> str:
        """The currency's symbol (€ for EUR): the unit word of a currency KPI's cost per result ("par € gagné")."""
        return get_currency_symbol(currency, locale=self.locale) if currency else ""

    # dates -----------------------------------------------------------------------------------

    @_remembered
    def date(self, value: dt.date | None, style: str = "medium") -> str:
        if value is None:
            return "—"
        if isinstance(value, dt.datetime):
            return self.datetime(value, style)
        return self._first(format_date(value, style, locale=self.locale), value, style)

    def _first(self, text: str, value: dt.date, style: str) -> str:
        """French writes the first of the month "1er" ("1er février 2026"); Babel writes "1"."""
        if self.locale.language != "fr" or value.day != 1 or style == "short":
            return text
        return _FRENCH_FIRST.sub("1er", text, count=1)

    @_remembered
    def datetime(self, value: dt.datetime, style: str = "medium") -> str:
        """Date and time to the minute ("14 mars 2026, 08:30"), never with seconds."""
        pattern = self.locale.datetime_formats.get(style) or "{1}, {0}"
        return pattern.format(
            format_time(value, "short", locale=self.locale),
            self._first(format_date(value, style, locale=self.locale), value, style),
        )

    @_remembered
    def when(self, start: dt.date, end: dt.date | None = None) -> str:
        """An event's date, with its times when it has them: "14 mars 2026, 08:30 – 10:30"."""
        if end is None or end == start:
            return self.date(start, "long")
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            if start.date() == end.date():
                clock = "hm" if "h" in self.locale.time_formats["short"].pattern else "Hm"  # 12 or 24 hours
                times = format_interval(start.time(), end.time(), clock, locale=self.locale)
                return f"{self.date(start.date(), 'long')}, {times}"
            return f"{self.datetime(start, 'long')} – {self.datetime(end, 'long')}"
        if isinstance(start, dt.datetime) or isinstance(end, dt.datetime):
            return f"{self.when(start)} – {self.when(end)}"
        return format_interval(start, end, "yMMMMd", locale=self.locale)

    @_remembered
    def span(self, start: dt.date | None, end: dt.date | None) -> str:
        """A period: "1 janv. – 31 déc. 2026"."""
        if start and end:
            text = format_interval(start, end, "yMMMd", locale=self.locale)
            return self._first(text, start, "medium") if start.day == 1 else text
        return self.date(start or end)

    @_remembered
    def month(self, value: dt.date) -> str:
        return format_date(value, "MMMM y", locale=self.locale)

    @_remembered
    def skeleton(self, value: dt.date, skeleton: str) -> str:
        """A date in the locale's form for a CLDR skeleton: ``yMMM`` → "janv. 2026"."""
        return format_skeleton(skeleton, value, locale=self.locale)

    @_remembered
    def period_name(self, period) -> str:
        """A review period by name: "octobre 2026", "T4 2026", "S2 2026", "2026"."""
        if period.cadence == "monthly":
            return format_date(period.start, "LLLL y", locale=self.locale)
        if period.cadence == "quarterly":
            return format_date(period.start, "QQQ y", locale=self.locale)
        if period.cadence == "semester":
            letter = "S" if self.locale.language == "fr" else "H"
            return f"{letter}{period.index} {period.start.year}"
        return str(period.start.year)
