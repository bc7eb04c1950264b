"""A KPI computed from the posts, as a reader sees its page: the computed figure in the KPI table
and in its measurement table, and the line saying where it comes from; axe finds nothing serious."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from page_checks import assert_no_serious_violation, records, text, unfolded
from support import FIXTURES, build, make_project, serve_directory

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 12, 1)
NBSP = "\xa0"  # the no-break space before % in French


@pytest.fixture(scope="module")
def whole_url(tmp_path_factory) -> Iterator[str]:
    """The whole-bible example: its Instagram engagement rate is computed from its posts, per quarter
    (one Instagram post in Q1: (90 likes + 12 comments) / 1200 reached = 8.5 %)."""
    epoch = str(int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp()))
    project = make_project(tmp_path_factory.mktemp("computed"), {"canal": FIXTURES / "valid" / "whole-bible.yml"})
    with serve_directory(build(project, env={"SOURCE_DATE_EPOCH": epoch})) as url:
        yield url


def test_the_kpi_page_shows_the_computed_figure_and_where_it_comes_from(page: Page, whole_url):
    page.goto(f"{whole_url}clients/canal/kpis/")
    summary = {row["KPI"].split(" Objectif")[0]: row for row in records(page.locator("article table").first)}
    latest = summary["Instagram engagement rate per post"]["Dernière mesure"]
    assert latest == f"8,5{NBSP}% 31 mars 2026", latest
    section = page.locator("xpath=//*[@id='engagement-rate']/following::ul[1]")
    assert (
        "Calculé à partir des publications : taux d'engagement par publication (médiane), Instagram, par trimestre "
        "(les publications sans portée sont écartées)"
    ) in text(section).replace("\xa0", " ")
    unfolded(page)
    measurements = page.locator("xpath=//*[@id='engagement-rate']/following::table[1]")
    assert records(measurements) == [
        {"Date": "31 mars 2026", "Valeur": f"8,5{NBSP}%", "Note": "calculé sur 1 publication"}
    ]
    assert_no_serious_violation(page)
