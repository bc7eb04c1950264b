"""Review dates on a KPI's trend chart: a vertical line per review inside the time range, titled
with its date for those who hover or read the SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from strategy_bible.analysis.verdict import assess
from strategy_bible.render.charts import kpi_chart
from strategy_bible.render.renderer import Renderer

from builders import kpi, objective, strategy

FR = Renderer("fr")
SVG = ""  # inline SVG in HTML: no namespace


def chart(review_dates):
    """A KPI from 2025-12-31 (baseline) to 2026-12-31 (target)."""
    model = strategy(objectives=[objective()], kpis=[kpi([])]).kpis[0]
    return kpi_chart(model, assess(model), FR.formatter, FR.labels, review_dates)


def test_one_line_per_review_inside_the_time_range_at_its_date():
    made = chart([dt.date(2026, 7, 1), dt.date(2027, 3, 1), dt.date(2026, 7, 1), dt.date(2025, 1, 1)])
    [mark] = made.reviews  # the repeat counts once; dates outside the axis are left out
    first, last = made.date_range
    share = (dt.date(2026, 7, 1) - first).days / (last - first).days
    assert abs(mark.x - (made.plot_left + share * (made.plot_right - made.plot_left))) <= 0.1
    assert mark.label == "Revue du 1er juillet 2026"


def test_the_svg_draws_each_mark_across_the_plot_with_a_title():
    made = chart([dt.date(2026, 4, 5), dt.date(2026, 10, 5)])
    svg = ET.fromstring(FR.env.get_template("kpi-chart.svg.jinja").render(chart=made))
    lines = [line for line in svg.iter(f"{SVG}line") if line.get("class") == "sb-chart__review"]
    assert [line.find(f"{SVG}title").text for line in lines] == ["Revue du 5 avril 2026", "Revue du 5 octobre 2026"]
    for line, mark in zip(lines, made.reviews, strict=True):
        assert float(line.get("x1")) == float(line.get("x2")) == mark.x
        assert (float(line.get("y1")), float(line.get("y2"))) == (made.plot_top, made.plot_bottom)


def test_no_review_no_mark():
    made = chart([])
    assert made.reviews == ()
    assert "sb-chart__review" not in FR.env.get_template("kpi-chart.svg.jinja").render(chart=made)


def test_the_review_lines_have_their_entry_in_the_legend():
    made = chart([dt.date(2026, 4, 5)])
    assert [item.label for item in made.legend][-1] == "Revue"
    assert all(item.text.x + 40 <= made.width for item in made.legend)  # the row still fits the chart
    svg = FR.env.get_template("kpi-chart.svg.jinja").render(chart=made)
    assert 'class="sb-chart__review-key"' in svg and ">Revue</text>" in svg
    assert "Revue" not in [item.label for item in chart([]).legend]
