"""The KPI trend chart: its geometry (charts.py) and its SVG (kpi-chart.svg.jinja)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from strategy_bible.analysis.verdict import KpiStatus, Verdict, assess
from strategy_bible.render.chart_layout import HEIGHT, WIDTH, svg_number
from strategy_bible.render.chart_ticks import MAX_TIME_LABELS
from strategy_bible.render.charts import KpiChart, kpi_chart
from strategy_bible.render.labels import EN as EN_LABELS
from strategy_bible.render.labels import FR as FR_LABELS
from strategy_bible.render.renderer import Renderer

from builders import kpi, objective, strategy

FR = Renderer("fr")
NNBSP, NBSP = "\u202f", "\u00a0"  # Babel's French thousands separator, and the space before units


def make(measurements=(), renderer=FR, **kwargs):
    """A KPI (by default 1 200 on 2025-12-31 → 2 000 on 2026-12-31), its status and its chart."""
    model = strategy(objectives=[objective()], kpis=[kpi(list(measurements), **kwargs)]).kpis[0]
    status = assess(model)
    return model, status, kpi_chart(model, status, renderer.formatter, renderer.labels)


def chart_of(measurements=(), **kwargs) -> KpiChart:
    return make(measurements, **kwargs)[2]


def render(chart: KpiChart, renderer=FR) -> str:
    return renderer.env.get_template("kpi-chart.svg.jinja").render(chart=chart)


def parse(svg: str) -> ET.Element:
    # plain() writes text as numeric character references (&#60;): XML reads them as such.
    return ET.fromstring(svg)


def inside(chart: KpiChart, xy) -> bool:
    return chart.plot_left <= xy.x <= chart.plot_right and chart.plot_top <= xy.y <= chart.plot_bottom


# --- value axis -------------------------------------------------------------------------------


def test_value_axis_covers_the_data_with_a_margin_and_round_ticks():
    chart = chart_of([("2026-01-31", 1260), ("2026-02-28", 1330)])
    low, high = chart.value_range
    assert low < 1200 and high > 2000
    assert 1200 - low < 100 and high - 2000 < 100  # a small margin, not a zoom-out
    assert [t.value for t in chart.y_ticks] == [1200, 1400, 1600, 1800, 2000]
    assert [t.label for t in chart.y_ticks] == [
        f"1{NNBSP}200",
        f"1{NNBSP}400",
        f"1{NNBSP}600",
        f"1{NNBSP}800",
        f"2{NNBSP}000",
    ]
    # y grows downwards: higher values higher up, evenly spaced
    positions = [t.at for t in chart.y_ticks]
    assert positions == sorted(positions, reverse=True)
    gaps = {round(a - b) for a, b in itertools.pairwise(positions)}
    assert len(gaps) == 1


def test_baseline_and_target_sit_at_their_values_and_dates():
    chart = chart_of()
    assert chart.baseline.x == chart.plot_left and chart.target.x == chart.plot_right
    ticks = {t.value: t.at for t in chart.y_ticks}
    assert chart.baseline.y == ticks[1200] and chart.target.y == ticks[2000]
    assert chart.expected == (chart.baseline, chart.target)


@pytest.mark.parametrize("seed", range(40))
def test_three_to_five_distinct_ticks_inside_the_range_for_any_data(seed):
    rng = random.Random(seed)
    unit = rng.choice(["count", "percent", "currency", "duration", "ratio"])
    scale = 10 ** rng.randint(-2, 6)
    baseline = round(rng.uniform(-1, 10) * scale, 2)
    target = round(baseline + rng.choice([-1, 1]) * rng.uniform(0.001, 5) * scale, 2) or 1
    if target == baseline:
        target = baseline + 1
    values = [(f"2026-{m:02d}-15", round(rng.uniform(-2, 12) * scale, rng.choice([0, 2]))) for m in range(1, 5)]
    extra = {"currency": "EUR"} if unit == "currency" else {}
    chart = chart_of(
        values,
        baseline=(baseline, "2025-12-31"),
        target=(target, "2026-12-31"),
        direction="up" if target > baseline else "down",
        unit=unit,
        **extra,
    )
    low, high = chart.value_range
    assert 3 <= len(chart.y_ticks) <= 5
    assert all(low <= t.value <= high for t in chart.y_ticks)
    assert len({t.label for t in chart.y_ticks}) == len(chart.y_ticks), [t.label for t in chart.y_ticks]
    for xy in (*chart.points, chart.baseline, chart.target):
        assert inside(chart, xy)


@pytest.mark.parametrize(
    "unit, values, labels",
    [
        ("count", (1200, 2000), [f"1{NNBSP}200", f"1{NNBSP}400", f"1{NNBSP}600", f"1{NNBSP}800", f"2{NNBSP}000"]),
        ("percent", (3.5, 4.8), [f"3,5{NBSP}%", f"4{NBSP}%", f"4,5{NBSP}%"]),
        (
            "currency",
            (1000, 2000),
            [
                f"1{NNBSP}000{NBSP}€",
                f"1{NNBSP}250{NBSP}€",
                f"1{NNBSP}500{NBSP}€",
                f"1{NNBSP}750{NBSP}€",
                f"2{NNBSP}000{NBSP}€",
            ],
        ),
        ("duration", (2.5, 4), [f"2,5{NBSP}h", f"3{NBSP}h", f"3,5{NBSP}h", f"4{NBSP}h"]),
        ("ratio", (0.02, 0.05), ["0,02", "0,03", "0,04", "0,05"]),
    ],
)
def test_tick_labels_in_french_for_every_unit(unit, values, labels):
    extra = {"currency": "EUR"} if unit == "currency" else {}
    chart = chart_of(baseline=(values[0], "2025-12-31"), target=(values[1], "2026-12-31"), unit=unit, **extra)
    assert [t.label for t in chart.y_ticks] == labels


def test_whole_counts_get_whole_ticks_even_on_a_narrow_range():
    chart = chart_of([("2026-01-31", 1500)], baseline=(1500, "2025-12-31"), target=(1501, "2026-12-31"))
    assert all(float(t.value).is_integer() for t in chart.y_ticks) and len(chart.y_ticks) >= 3


def test_a_percentage_range_narrower_than_the_labels_show_is_widened():
    # the Formatter shows one decimal of a percentage: 4,21 % and 4,24 % both read "4,2 %"
    chart = chart_of([("2026-02-28", 4.22)], baseline=(4.21, "2025-12-31"), target=(4.24, "2026-12-31"), unit="percent")
    assert len({t.label for t in chart.y_ticks}) == len(chart.y_ticks) >= 3


# --- points -----------------------------------------------------------------------------------


def test_points_follow_the_dates_not_the_file_order():
    shuffled = [("2026-03-31", 1400), ("2026-01-31", 1260), ("2026-02-28", 1330)]
    chart = chart_of(shuffled)
    xs, ys = [p.x for p in chart.points], [p.y for p in chart.points]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert ys == sorted(ys, reverse=True)  # values rose over time: the line climbs


@pytest.mark.parametrize("count", [0, 1, 2, 12])
def test_no_one_or_many_measurements(count):
    measurements = [(f"2026-{m:02d}-28", 1200 + 50 * m) for m in range(1, count + 1)]
    _model, _status, chart = make(measurements)
    assert len(chart.points) == count
    assert all(inside(chart, p) for p in chart.points)
    kinds = [item.kind for item in chart.legend]
    assert kinds == (["actual"] if count else []) + ["expected", "target", "baseline"]


def test_lower_is_better_draws_the_target_below_the_baseline():
    chart = chart_of(
        [("2026-03-31", 4.1), ("2026-01-31", 4.6)],
        baseline=(4.8, "2025-12-31"),
        target=(3.5, "2026-06-30"),
        direction="down",
        unit="percent",
    )
    assert chart.target.y > chart.baseline.y  # lower on screen
    assert chart.value_range[0] < 3.5 and chart.value_range[1] > 4.8
    assert [p.y for p in chart.points] == sorted(p.y for p in chart.points)  # going down over time


def test_measurements_before_the_baseline_and_after_the_target_widen_the_time_axis():
    chart = chart_of([("2027-03-31", 2300), ("2024-06-30", 800)])
    assert chart.date_range == (dt.date(2024, 6, 30), dt.date(2027, 3, 31))
    first, last = chart.points
    assert first.x == chart.plot_left and last.x == chart.plot_right
    assert chart.plot_left < chart.baseline.x < chart.target.x < chart.plot_right
    assert chart.value_range[0] < 800 and chart.value_range[1] > 2300  # values beyond the target too


def test_identical_values_draw_a_flat_line():
    chart = chart_of([("2026-01-31", 1500), ("2026-02-28", 1500), ("2026-03-31", 1500)])
    assert len({p.y for p in chart.points}) == 1


def test_degenerate_kpi_divides_by_nothing():
    # Rules refuse target == baseline and a target date not after the baseline date, but the chart
    # must not be the one to crash on such a file: the same value, the same date, everywhere.
    model = strategy(
        objectives=[objective()], kpis=[kpi([("2026-01-01", 5)], baseline=(5, "2026-01-01"), target=(5, "2026-01-01"))]
    ).kpis[0]
    status = KpiStatus(model.measurements[0], None, None, Verdict.TOO_EARLY, None)
    chart = kpi_chart(model, status, FR.formatter, FR.labels)
    assert 3 <= len(chart.y_ticks) <= 5
    for xy in (*chart.points, chart.baseline, chart.target):
        assert 0 <= xy.x <= WIDTH and 0 <= xy.y <= HEIGHT
    assert parse(render(chart)) is not None


# --- time axis --------------------------------------------------------------------------------


def test_month_labels_every_quarter_over_a_year():
    chart = chart_of()
    assert [t.label for t in chart.x_ticks] == ["janv. 2026", "avr. 2026", "juil. 2026", "oct. 2026"]
    assert [t.value for t in chart.x_ticks] == [dt.date(2026, m, 1) for m in (1, 4, 7, 10)]


@pytest.mark.parametrize("days", [3, 20, 45, 100, 200, 365, 800, 1500, 3700])
def test_time_labels_never_crowd_and_stay_in_the_chart(days):
    start = dt.date(2025, 12, 31)
    chart = chart_of(baseline=(1200, start.isoformat()), target=(2000, (start + dt.timedelta(days=days)).isoformat()))
    ticks = chart.x_ticks
    assert 2 <= len(ticks) <= MAX_TIME_LABELS
    xs = [t.at for t in ticks]
    assert xs == sorted(xs) and all(chart.plot_left <= x <= chart.plot_right for x in xs)
    assert all(b.label_at - a.label_at > 40 for a, b in itertools.pairwise(ticks))
    assert all(0 < t.label_at < WIDTH for t in ticks)


def test_a_range_without_two_month_starts_is_labelled_at_both_ends():
    chart = chart_of(baseline=(1200, "2026-01-05"), target=(1300, "2026-01-25"))
    assert [t.label for t in chart.x_ticks] == ["5 janv. 2026", "25 janv. 2026"]


def test_english_labels():
    en = Renderer("en")
    chart = chart_of([("2026-02-28", 1330)], renderer=en, unit="currency", currency="EUR")
    assert next(t.label for t in chart.x_ticks) == "Jan 2026"
    assert chart.y_ticks[0].label == "€1,200"
    assert chart.title == "Followers: trend towards the target"
    assert chart.desc == (
        "From €1,200 on December 31, 2025 to a target of €2,000 by December 31, 2026. "
        "Latest measurement: €1,330 on February 28, 2026, on pace."
    )


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "measurements, pace",
    [
        ([], None),
        ([("2026-02-28", 1330)], "dans le rythme attendu"),
        ([("2026-02-28", 1210)], "en retard sur le rythme attendu"),
        ([("2025-12-31", 1250)], "trop tôt pour juger du rythme"),
        ([("2026-06-30", 2100)], "cible atteinte"),
    ],
)
def test_description_says_where_the_kpi_stands(measurements, pace):
    chart = chart_of(measurements)
    assert chart.desc.startswith(f"De 1{NNBSP}200 le 31 décembre 2025 à la cible de 2{NNBSP}000 le 31 décembre 2026. ")
    if pace is None:
        assert chart.desc.endswith("Pas encore de mesure.")
    else:
        _date, value = measurements[-1]
        assert f"Dernière mesure{NBSP}: {FR.formatter.value(value, 'count')} le " in chart.desc
        assert chart.desc.endswith(f", {pace}.")


def test_chart_labels_exist_in_both_languages():
    keys = [
        "chart.title",
        "chart.desc",
        "chart.latest",
        "chart.no_measurement",
        "chart.on_pace",
        "chart.behind_pace",
        "chart.too_early",
        "chart.target_reached",
        "chart.measured",
        "chart.expected",
        "chart.target",
        "chart.baseline",
    ]
    for labels in (FR_LABELS, EN_LABELS):
        assert [key for key in keys if not labels.get(key)] == []


def test_svg_numbers_are_short_and_stable():
    assert [svg_number(v) for v in (12.0, 12.04, 12.05001, -0.01, 3.14159, -7.25)] == [
        "12",
        "12",
        "12.1",
        "0",
        "3.1",
        "-7.2",
    ]


# --- the SVG ----------------------------------------------------------------------------------

HOSTILE = 'Taux <clic> & "partages" d\'été *x* [l](u) {{ y }}'


def test_svg_is_well_formed_with_one_point_per_measurement():
    measurements = [("2026-03-31", 1400), ("2026-01-31", 1260), ("2026-02-28", 1330)]
    svg = parse(render(chart_of(measurements)))
    polyline = svg.find(".//polyline")
    assert polyline is not None and len(polyline.get("points").split()) == 3
    assert len(svg.findall(".//circle[@class='sb-chart__dot']")) == 3 + 1  # + the legend's swatch
    assert svg.find(".//line[@class='sb-chart__expected']") is not None
    assert svg.find(".//path[@class='sb-chart__target']") is not None
    assert svg.find(".//circle[@class='sb-chart__baseline']") is not None


def test_svg_without_measurement_has_no_line_but_the_expected_pace_and_the_target():
    svg = parse(render(chart_of()))
    assert svg.find(".//polyline") is None and svg.find(".//circle[@class='sb-chart__dot']") is None
    assert svg.find(".//line[@class='sb-chart__expected']") is not None
    assert svg.find(".//path[@class='sb-chart__target']") is not None
    assert "Pas encore de mesure." in svg.find(".//desc").text


def test_title_says_the_kpi_name_exactly_and_labels_resolve():
    _model, _status, chart = make([("2026-02-28", 1330)], name=HOSTILE, kpi_id="ig-clicks-2")
    source = render(chart)
    root = parse(source)
    svg = root.find("svg")
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    elements = {e.get("id"): e for e in svg.iter() if e.get("id")}
    assert [elements[i].tag for i in ids] == ["title", "desc"]
    assert elements[ids[0]].text == f"{HOSTILE}{NBSP}: évolution vers la cible"
    assert elements[ids[1]].text == chart.desc
    assert all("ig-clicks-2" in i for i in ids)
    assert "<clic>" not in source and "{{" not in source  # escaped, not interpreted


def test_ids_differ_between_kpis():
    a, b = chart_of(kpi_id="followers"), chart_of(kpi_id="followers-2")
    assert {a.title_id, a.desc_id}.isdisjoint({b.title_id, b.desc_id})


def test_svg_text_shows_the_formatted_numbers():
    svg = parse(
        render(chart_of(baseline=(1000, "2025-12-31"), target=(1250.5, "2026-12-31"), unit="currency", currency="EUR"))
    )
    texts = [t.text for t in svg.find(".//g[@class='sb-chart__label']").findall("text")]
    assert f"1{NNBSP}000{NBSP}€" in texts and "janv. 2026" in texts


def test_coordinates_are_plain_numbers_and_the_output_has_no_blank_line():
    source = render(
        chart_of(
            [("2026-01-31", 1260), ("2026-02-28", 1330)],
            unit="percent",
            baseline=(-2, "2025-12-31"),
            target=(12.5, "2026-12-31"),
        )
    )
    geometry = re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy|r|dy|d|points|viewBox)="([^"]*)"', source)
    assert geometry and all(re.fullmatch(r"[-0-9., Mlz]+", value) for value in geometry), geometry
    assert "&#" not in "".join(geometry)
    assert "\n\n" not in source.strip() and source.startswith("<div")


def test_search_skips_the_chart():
    # Material's search would index the tick labels as garbled text: the table already says it all.
    assert parse(render(chart_of())).get("data-search-exclude") == ""


def test_svg_survives_markdown_as_a_raw_html_block():
    # The site's Markdown extensions (mkdocs.yml) must leave the chart untouched, text included.
    source = render(chart_of([("2026-02-28", 1330)], name=HOSTILE)).strip()
    page = f"## KPI\n\nText.\n\n{source}\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
    html = markdown.markdown(page, extensions=["attr_list", "tables", "toc"])
    assert source in html
    assert "<table>" in html
