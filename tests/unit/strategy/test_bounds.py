"""A file that validates always builds: numbers and dates are bounded to what the bible can show,
refused with a placed message past the bounds, and what is worked out from them never crashes
the rendering."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategy_bible.commands.cli import main
from strategy_bible.render.client_files import make_client_files
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.formatting import Formatter, parse_locale
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.loader import UnreadableValues, load_yaml, load_yaml_bytes
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import every_problem, validate
from strategy_bible.strategy.visibility import Readership, visible_to

from support import FIXTURES

CONTRACT = FIXTURES / "valid" / "contract-example.yml"

HEAD = """\
client:
  name: Acme
period:
  start: 2026-01-01
  end: 2026-12-31
objectives: [{id: o, title: O, axis: image}]
"""
NUMBERS = "expected a number between -10^15 and 10^15 (a million billion)"
DATES = "expected a date from 1900-01-01 to 2200-12-31"


def problems(text: str) -> list[str]:
    """Every problem of the file, as validate and the build report them (values the loader cannot
    read named by the items' ids, beside every other problem)."""
    with pytest.raises(InvalidStrategy) as caught:
        validate(load_yaml_bytes(text.encode("utf-8"), Path("acme.yml"), "strategies/acme.yml"))
    if isinstance(caught.value, UnreadableValues):
        return [str(p) for p in every_problem(caught.value)]
    return [str(p) for p in caught.value.problems]


TOO_MANY_DIGITS = "number too large: it is written with 401 digits; a number has at most 30"
"""A number of hundreds of digits is refused by the loader, before any conversion (Python prints no
whole number of more than 4,300 digits), at the same place."""


def kpi(value: str) -> str:
    return HEAD + textwrap.dedent(f"""\
        kpis:
          - id: k
            name: K
            objective: o
            baseline: {{value: 0, date: 2026-01-01}}
            target: {{value: {value}, date: 2026-12-01}}
        """)


@pytest.mark.parametrize(
    "value, shown",
    [
        ("1e27", "1e+27"),
        ("1000000000000001", "1000000000000001"),  # 10**15 + 1
        ("-2e15", "-2000000000000000.0"),
        (".nan", "nan"),
        (".inf", "inf"),
        ("-.inf", "-inf"),
    ],
)
def test_numbers_past_the_bounds_are_refused_where_they_are(value, shown):
    assert problems(kpi(value)) == [f"strategies/acme.yml:12:21: kpis[k].target.value: {NUMBERS}, got {shown}"]


def test_a_number_of_hundreds_of_digits_is_refused_where_it_is():
    assert problems(kpi("1" + "0" * 400)) == [f"strategies/acme.yml:12:21: kpis[k].target.value: {TOO_MANY_DIGITS}"]


def test_counts_past_the_bounds_are_refused_where_they_are():
    text = HEAD + "events:\n  - {id: e, title: E, start: 2026-03-14, objectives: [o], capacity: 2000000000000000}\n"
    assert problems(text) == [
        "strategies/acme.yml:8:69: events[e].capacity: expected 10^15 (a million billion) or less, got 2000000000000000"
    ]
    text = HEAD + "events:\n  - {id: e, title: E, start: 2026-03-14, objectives: [o], capacity: 1" + "0" * 400 + "}\n"
    assert problems(text) == [f"strategies/acme.yml:8:69: events[e].capacity: {TOO_MANY_DIGITS}"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01", '"9999-12-31"'])
def test_dates_past_the_bounds_are_refused_where_they_are(day):
    text = (
        HEAD + f"kpis:\n  - {{id: k, name: K, objective: o, baseline: {{value: 0, date: {day}}}, "
        "target: {value: 5, date: 2026-12-01}}\n"
    )
    found = problems(text)
    assert found[0] == f"strategies/acme.yml:8:63: kpis[k].baseline.date: {DATES}, got {day.strip(chr(34))}"


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "9999-12-31T23:30", "0001-01-01T00:30"])
def test_event_dates_past_the_bounds_are_refused(start):
    text = HEAD + f"events:\n  - {{id: e, title: E, start: {start}, end: {start}, objectives: [o]}}\n"
    shown = start.replace("T", " ") + (":00" if "T" in start else "")
    assert problems(text) == [
        f"strategies/acme.yml:8:30: events[e].start: {DATES}, got {shown}",
        f"strategies/acme.yml:8:{37 + len(start)}: events[e].end: {DATES}, got {shown}",
    ]


def test_the_bounds_themselves_are_valid_and_build():
    text = HEAD.replace("2026-01-01", "1900-01-01").replace("2026-12-31", "2200-12-31") + textwrap.dedent("""\
        kpis:
          - {id: k, name: K, objective: o, direction: down, baseline: {value: 1000000000000000, date: 1900-01-01},
             target: {value: -1000000000000000, date: 2200-12-31},
             measurements: [{date: 1900-01-01, value: 0.5}, {date: 2200-12-31, value: -1e15}]}
        events:
          - {id: e, title: E, start: 1900-01-01, end: 2200-12-31, objectives: [o], capacity: 1000000000000000,
             registrations: 1000000000000000, attendees: 1}
          - {id: f, title: F, start: 2200-12-31T23:59, objectives: [o]}
        """)
    assert_builds(text)


def test_a_target_a_hair_from_its_baseline_builds():
    """Progress is worked out from the file's numbers: (latest − baseline) / (target − baseline) can
    be far larger than any number of the file: about 1e324 (infinite as a float), 1e300."""
    assert_builds(
        HEAD
        + textwrap.dedent("""\
        kpis:
          - {id: k, name: K, objective: o, unit: currency, currency: EUR, baseline: {value: 0, date: 2026-01-01},
             target: {value: 5e-324, date: 2026-12-01}, measurements: [{date: 2026-06-01, value: 1e15}]}
          - {id: j, name: J, objective: o, unit: percent, baseline: {value: 0, date: 2026-01-01},
             target: {value: 1e-300, date: 2026-12-01}, measurements: [{date: 2026-06-01, value: 1}]}
        """)
    )


@pytest.mark.parametrize("value", [1e300, -1e300, 1.7976931348623157e308, float("inf"), 5e-324])
def test_derived_figures_of_any_size_are_written(value):
    for language in ("fr", "en"):
        formatter = Formatter(parse_locale(language))
        assert formatter.number(value) and formatter.number(value, 1)
        assert formatter.share(value)
        assert formatter.value(value, "currency", "EUR") and formatter.value(value, "percent")


def assert_builds(text: str) -> None:
    """Every page and download of both audiences, made as the plugin makes them."""
    validated = validate(load_yaml_bytes(text.encode("utf-8"), Path("acme.yml"), "strategies/acme.yml"))
    for language in ("fr", "en"):
        renderer = Renderer(language)
        for audience in Readership:
            view = ClientView("acme", "strategies/acme.yml", visible_to(audience, validated.strategy))
            made = make_client_files(renderer, view, SitePlan(True, None), "Europe/Paris", Path("."))
            assert made.crash is None and made.problem is None, made.crash or made.problem
            assert "kpis.csv" in made.downloads and "index.md" in made.pages


# --- record: the same bounds, nothing written ------------------------------------------------


@pytest.mark.parametrize(
    "args, reason",
    [
        (["1e30"], "is too large; write a number between -10^15 and 10^15"),
        (["-1000000000000001"], "is too large; write a number between -10^15 and 10^15"),
        (["1" * 5000], "number too large: it is written with 5,000 digits"),  # too many digits for int()
        (["1e400"], "is too large; write a number between -10^15 and 10^15"),
        (["12", "--date", "9999-12-31"], "is out of range; write a date from 1900-01-01 to 2200-12-31"),
        (["12", "--date", "0001-01-01"], "is out of range; write a date from 1900-01-01 to 2200-12-31"),
    ],
)
def test_record_refuses_values_past_the_bounds_and_writes_nothing(tmp_path, args, reason):
    path = tmp_path / "acme.yml"
    path.write_bytes(CONTRACT.read_bytes())
    before = path.read_bytes(), path.stat().st_mtime_ns
    day = [] if "--date" in args else ["--date", "2026-05-31"]
    result = CliRunner().invoke(main, ["record", str(path), "ig-followers", *args, *day])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert reason in result.output and len(result.output.strip().splitlines()) == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_record_within_the_bounds_still_writes(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_bytes(CONTRACT.read_bytes())
    result = CliRunner().invoke(
        main,
        ["record", str(path), "ig-followers", "1000000000000000", "--date", "2200-12-31"],
        env={"SOURCE_DATE_EPOCH": "7289568000"},  # on that day: record refuses a day after today
    )
    assert result.exit_code == 0, result.output
    latest = max(validate(load_yaml(path)).strategy.kpis[0].measurements, key=lambda m: m.date)
    assert (latest.date, latest.value) == (dt.date(2200, 12, 31), 10**15)


def test_a_client_name_on_two_lines_builds():
    """Found by the property test: the calendar's name refused a line break that YAML allows
    (``name: "two\\nlines"``)."""
    assert_builds(
        HEAD.replace("name: Acme", 'name: "Acme\\nBakery"')
        + 'events:\n  - {id: e, title: "E\\nF", start: 2026-03-14, objectives: [o]}\n'
    )


def test_record_takes_a_note_with_bidi_controls_as_validation_reads_it(tmp_path):
    """The file keeps what was typed; the bible shows it without the controls, as for a note written
    by hand (it was refused as "could not be written in its current layout")."""
    path = tmp_path / "acme.yml"
    path.write_bytes(CONTRACT.read_bytes())
    result = CliRunner().invoke(
        main,
        ["record", str(path), "ig-followers", "1500", "--date", "2026-04-30", "--note", "Repris \u202epar la mairie"],
    )
    assert result.exit_code == 0, result.output
    assert "Repris \u202epar la mairie" in path.read_text(encoding="utf-8")
    notes = [m.note for m in validate(load_yaml(path)).strategy.kpis[0].measurements]
    assert "Repris par la mairie" in notes
