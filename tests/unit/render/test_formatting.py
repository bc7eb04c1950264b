"""Localised numbers and dates (Babel)."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_bible.render.formatting import Formatter, parse_locale

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def fr():
    return Formatter(parse_locale("fr"))


@pytest.fixture
def en():
    return Formatter(parse_locale("en"))


def test_french_numbers(fr):
    assert fr.value(1250, "count") == f"1{NNBSP}250"
    assert fr.value(4.2, "percent") == f"4,2{NBSP}%"
    assert fr.share(0.1625) == f"16,2{NBSP}%"
    assert fr.value(1250, "currency", "EUR") == f"1{NNBSP}250{NBSP}€"
    assert fr.value(1250.5, "currency", "EUR") == f"1{NNBSP}250,50{NBSP}€"
    assert fr.value(3.5, "duration") == f"3,5{NBSP}h"
    assert fr.value(1.25, "ratio") == "1,25"
    assert fr.value(None, "count") == "—"


def test_english_numbers(en):
    assert en.value(1250, "count") == "1,250"
    assert en.value(4.2, "percent") == "4.2%"
    assert en.value(1250, "currency", "EUR") == "€1,250"


def test_dates(fr, en):
    assert fr.date(dt.date(2026, 3, 14), "long") == "14 mars 2026"
    assert en.date(dt.date(2026, 3, 14), "long") == "March 14, 2026"
    assert fr.when(dt.datetime(2026, 3, 14, 8, 30), dt.datetime(2026, 3, 14, 10, 30)).startswith("14 mars 2026")
    assert "08:30" in fr.when(dt.datetime(2026, 3, 14, 8, 30), dt.datetime(2026, 3, 14, 10, 30))
    assert "10:30" in fr.when(dt.datetime(2026, 3, 14, 8, 30), dt.datetime(2026, 3, 14, 10, 30))
    assert fr.span(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == "1er janv.\u2009–\u200931 déc. 2026"


def test_unknown_language_falls_back_to_english():
    assert parse_locale("xx-nope").language == "en"
    assert parse_locale("pt-BR").territory == "BR"


def test_french_writes_the_first_of_the_month_1er():
    fr, en = Formatter(parse_locale("fr")), Formatter(parse_locale("en"))
    assert fr.date(dt.date(2026, 2, 1), "long") == "1er février 2026"
    assert fr.date(dt.date(2026, 2, 1)) == "1er févr. 2026"
    assert fr.date(dt.date(2026, 2, 11), "long") == "11 février 2026"
    assert fr.date(dt.date(2026, 2, 21), "long") == "21 février 2026"
    assert fr.date(dt.date(2026, 2, 1), "short") == "01/02/2026"
    assert en.date(dt.date(2026, 2, 1), "long") == "February 1, 2026"
